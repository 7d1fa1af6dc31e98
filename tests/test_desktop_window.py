"""The main window on real reports (offscreen): opening by drop and folder, grids filled with the seed values,
editing with undo, safe fixes, findings ↔ cells ↔ source, close guards."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from desktop_support import SAMPLES, grid_text, seed, wait_loaded

pytest.importorskip("PySide6")

from conftest import CORPUS, SHARED  # noqa: E402
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox  # noqa: E402


def drop(window, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    assert event.isAccepted()


def expected_for(path: Path) -> dict:
    data = json.loads((SHARED / "spec" / "seeds-expected.json").read_text(encoding="utf-8"))
    return data[path.name]


def _shown(value: int | float | None, col: str) -> str:
    """How the grid writes an expected value: blank empty, a 2019 本年增/减 with its sign, 万元 with two decimals."""
    if value is None:
        return ""
    if col == "change" and value > 0:
        return f"+{value}"
    if col == "amount_wan":
        return f"{value:.2f}" if round(value, 2) == value else str(value)
    return str(value)


def assert_grid_matches(window, exp: dict) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for table in ("active", "requests"):
        for row, cols in exp[table].items():
            for col, value in cols.items():
                assert grid_text(window, table, row, col) == _shown(value, col), (table, row, col)
                checked += 1
    for col, value in exp["review"].items():
        assert grid_text(window, "review", "all", col) == ("" if value is None else str(value)), col
        checked += 1
    assert checked > 100


def test_skeleton_window_shows_seed_values(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    path = seed("000")
    window.open_paths([str(path)])
    wait_loaded(qtbot, window)
    exp = expected_for(path)
    assert window.current.report.agency == exp["agency"]
    assert window.stack.currentIndex() == 0
    assert exp["agency"] in window.windowTitle()
    assert_grid_matches(window, exp)
    # the template's Chinese labels are the headers
    model = window.grids["requests"].model()
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert "1.属于国家秘密" in labels and "（七）总计" in labels


def test_drop_of_a_seed_fills_the_grids(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    path = seed("001")
    drop(window, [path])
    qtbot.waitUntil(lambda: len(window.docs) == 1)
    wait_loaded(qtbot, window)
    assert_grid_matches(window, expected_for(path))
    item = window.report_list.list.item(0)
    assert expected_for(path)["agency"] in item.text() and "2020年度" in item.text()
    assert "错误" in window.counts_label.text()


def test_folder_drop_opens_every_report(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    seeds = [seed(p) for p in ("000", "002", "004")]
    shutil.copy(seeds[0], folder)
    shutil.copy(seeds[1], folder / "sub")
    shutil.copy(seeds[2], folder)
    (folder / "notes.png").write_bytes(b"\x89PNG")
    (folder / (seeds[0].stem + "-核查摘要.html")).write_text("<html></html>", encoding="utf-8")
    drop(window, [folder])
    qtbot.waitUntil(lambda: len(window.docs) == 3)
    wait_loaded(qtbot, window)
    assert sorted(Path(d.path).name for d in window.docs) == sorted(p.name for p in seeds)
    assert all(d.state == "ready" for d in window.docs)
    assert window.report_list.list.count() == 3
    # switching reports swaps the grids
    target = next(d for d in window.docs if Path(d.path).name == seeds[2].name)
    window.report_list.select(target)
    assert window.current is target
    assert_grid_matches(window, expected_for(seeds[2]))


def _edit_cell(qtbot, window, table: str, row: str, col: str, text: str) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(("active", "requests", "review").index(table))
    grid = window.grids[table]
    idx = grid.model().index_of(row, col)
    grid.setCurrentIndex(idx)
    grid.edit(idx)
    editor = grid.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits on Return through a queued call: wait for the editor to close
    qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState, timeout=5000)


def test_edit_balances_sum_and_undo_brings_it_back(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    pdf = CORPUS / "002_hongzequ_2023.pdf"
    if not pdf.exists():
        pytest.skip("corpus not present")
    window.open_paths([str(pdf)])
    wait_loaded(qtbot, window, 60000)
    doc = window.current
    sums = [f for f in doc.findings if f.rule in ("T4.GROUP_SUM", "T3.ROW_SUM", "T3.RESULT_SUM", "T3.BALANCE")]
    assert sums, "this report publishes an unbalanced table 四"
    f = sums[0]
    total = f.cells[0]
    _edit_cell(qtbot, window, total.table, total.row, total.col, str(f.expected))
    assert doc.report.tables[total.table].value(total.row, total.col) == f.expected
    assert f not in doc.findings
    assert not any(g.rule == f.rule and g.cells and g.cells[0] == total for g in doc.findings)
    assert doc.modified and window.isWindowModified()
    assert "修改 1 处" in window.modified_label.text() and "已存入核查批次" in window.modified_label.text()
    assert window.grids[total.table].currentIndex().row() >= 0
    # the edit is in the history with a Chinese description
    assert doc.undo_stack.count() == 1 and "修改" in doc.undo_stack.text(0)
    # Ctrl+Z through the real shortcut (the window's Edit ▸ 撤销 action)
    assert window.actions_.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    window.activateWindow()
    window.grids[total.table].setFocus()
    qtbot.keyClick(window.grids[total.table], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    if doc.undo_stack.index() != 0:  # no keyboard focus on this platform: use the menu action
        window.actions_.undo.trigger()
    assert any(g.rule == f.rule and g.cells and g.cells[0] == total for g in doc.findings)
    assert not doc.modified and doc.report.edits == []
    window.actions_.redo.trigger()
    assert doc.report.tables[total.table].value(total.row, total.col) == f.expected


def test_typed_text_is_refused_with_a_chinese_message(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("002"))])
    wait_loaded(qtbot, window)
    doc = window.current
    before = doc.report.tables["requests"].value("granted", "natural")
    window.tabs.setCurrentIndex(1)
    grid = window.grids["requests"]
    idx = grid.model().index_of("granted", "natural")
    grid.setCurrentIndex(idx)
    grid.edit(idx)
    editor = grid.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.setText("十二个")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # refused: the reason is shown and the editor comes back with the typed text to correct
    qtbot.waitUntil(lambda: "不是数字" in window.statusBar().currentMessage(), timeout=5000)
    qtbot.waitUntil(lambda: any(e.isVisible() and e.text() == "十二个" for e in grid.findChildren(QLineEdit)),
                    timeout=5000)
    assert doc.report.tables["requests"].value("granted", "natural") == before
    assert doc.undo_stack.count() == 0
    reopened = next(e for e in grid.findChildren(QLineEdit) if e.isVisible() and e.text() == "十二个")
    qtbot.keyClick(reopened, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState, timeout=5000)
    # Delete blanks the cell (one undoable command)
    grid.setCurrentIndex(grid.model().index_of("granted", "natural"))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert doc.report.tables["requests"].value("granted", "natural") is None
    assert doc.undo_stack.count() == 1
    # paste of an Excel block
    grid.setCurrentIndex(grid.model().index_of("new_received", "natural"))
    QApplication.clipboard().setText("5\t0\t0\t0\t0\t0\t5\n")
    window.actions_.paste.trigger()
    assert [doc.report.tables["requests"].value("new_received", c) for c in ("natural", "total")] == [5, 5]
    assert doc.undo_stack.count() == 2


def test_apply_all_safe_fixes_clears_missing_on_seed_004(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("004"))])
    wait_loaded(qtbot, window)
    doc = window.current
    assert any(f.rule == "CELL.MISSING" for f in doc.findings)
    assert window.actions_.apply_safe.isEnabled()
    changed = window.apply_safe_fixes()
    assert changed > 0
    assert not any(f.rule == "CELL.MISSING" for f in doc.findings)
    assert {e.source for e in doc.report.edits} == {"safe_fix"}
    assert all(e.rule for e in doc.report.edits)
    assert doc.undo_stack.count() == 1
    window.actions_.undo.trigger()
    assert any(f.rule == "CELL.MISSING" for f in doc.findings) and doc.report.edits == []


def test_apply_one_proposed_fix(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("004"))])
    wait_loaded(qtbot, window)
    doc = window.current
    f = next(f for f in doc.findings if f.fix)
    window.findings.select_finding(f)
    assert window.findings.fix_button.isEnabled()
    window.findings.fix_button.click()
    x = f.fix[0]
    assert doc.report.tables[x.table].value(x.row, x.col) == x.value
    assert f not in doc.findings
    assert doc.report.edits[-1].rule == f.rule


def test_finding_selects_cells_and_shows_source(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    path = seed("001")
    window.open_paths([str(path)])
    wait_loaded(qtbot, window)
    doc = window.current
    f = next(f for f in doc.findings if f.cells and f.cells[0].table == "requests" and len(f.cells) > 1)
    window.findings.findingSelected.emit(f)
    assert window.tabs.currentIndex() == 1
    grid = window.grids["requests"]
    selected = {grid.model().cell_key(i) for i in grid.selectionModel().selectedIndexes()}
    assert {(c.table, c.row, c.col) for c in f.cells if c.table == "requests"} <= selected
    # a cell with a known origin scrolls the source pane to its line
    t = doc.report.tables["requests"]
    row, col = next((r.id, c) for r in t.spec.rows for c in t.spec.cols_for(r.id)
                    if t.get(r.id, c).value is not None and t.get(r.id, c).loc is not None)
    cell = t.get(row, col)
    grid.setCurrentIndex(grid.model().index_of(row, col))
    lines = window.source.highlighted_text()
    assert lines and cell.raw in lines[0]
    assert f"第{cell.loc.line}行" in window.source.title.text()
    # double-click on a finding: its evidence or its first cell's origin
    window.findings.evidenceRequested.emit(f)
    assert window.source.highlighted_text()


def test_findings_filters(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("004"))])
    wait_loaded(qtbot, window)
    panel = window.findings
    total = len(window.current.findings)
    assert len(panel.visible_findings()) == total
    panel.set_filter(family="CELL")
    assert panel.visible_findings() and all(f.family == "CELL" for f in panel.visible_findings())
    panel.set_filter(text="CELL.MISSING")
    assert all(f.rule == "CELL.MISSING" for f in panel.visible_findings())
    from core.findings import Severity

    panel.set_filter(severities={Severity.ERROR, Severity.INFO})
    assert all(f.severity != Severity.WARNING for f in panel.visible_findings())
    panel.set_filter()
    assert len(panel.visible_findings()) == total


def _fake_box(monkeypatch, answer):  # type: ignore[no-untyped-def]
    shown: list[str] = []

    def exec_(box):  # type: ignore[no-untyped-def]
        shown.append(box.text())
        if isinstance(answer, str):  # a custom button by its label
            for b in box.buttons():
                if b.text() == answer:
                    box.setProperty("_clicked", True)
                    monkeypatch.setattr(QMessageBox, "clickedButton", lambda _self, b=b: b)
                    return 0
        return answer

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def test_closing_asks_nothing_when_the_set_keeps_the_edits(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("002"))])
    wait_loaded(qtbot, window)
    doc = window.current
    window.grids["requests"].model().setData(window.grids["requests"].model().index_of("granted", "natural"), "3")
    assert doc.modified and window.season.keeps(doc)
    shown = _fake_box(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert window.lifecycle.may_close_window() and not shown
    assert window.close_document(doc)
    assert doc not in window.docs and not shown
    # nothing was lost: reopening the report replays her edit from the set
    window.open_paths([str(seed("002"))])
    wait_loaded(qtbot, window)
    again = window.current
    assert again is not doc and again.report.tables["requests"].value("granted", "natural") == 3
    assert not shown


def test_close_guard_when_no_set_keeps_the_edits(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("002"))])
    wait_loaded(qtbot, window)
    doc = window.current
    window.season.close()  # the set could not be kept: now closing would lose the edit
    window.grids["requests"].model().setData(window.grids["requests"].model().index_of("granted", "natural"), "3")
    assert doc.modified and not window.season.keeps(doc)
    shown = _fake_box(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible() and shown and "将丢失" in shown[0]
    assert not window.close_document(doc)
    assert doc in window.docs and len(shown) == 2
    shown = _fake_box(monkeypatch, QMessageBox.StandardButton.Discard)
    assert window.close_document(doc)
    assert doc not in window.docs and shown


def test_open_over_modified_report_asks(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = seed("002")
    window.open_paths([str(path)])
    wait_loaded(qtbot, window)
    doc = window.current
    window.grids["requests"].model().setData(window.grids["requests"].model().index_of("granted", "natural"), "3")
    shown = _fake_box(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert window.open_paths([str(path)]) == []
    assert shown and "1 处修改" in shown[0] and "丢弃" in shown[0] and doc.report.edits
    shown = _fake_box(monkeypatch, "放弃修改并重新读取")
    assert window.open_paths([str(path)]) == [doc]
    wait_loaded(qtbot, window)
    assert doc.report.edits == [] and not doc.modified and len(window.docs) == 1


def test_unreadable_file_shows_message_and_app_stays_usable(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "损坏的报告.pdf"
    bad.write_bytes(b"%PDF-1.7\n not really a pdf")
    window.open_paths([str(bad), str(seed("002"))])
    wait_loaded(qtbot, window)
    broken = next(d for d in window.docs if d.path == str(bad))
    assert broken.state == "error" and broken.error
    window.report_list.select(broken)
    assert window.stack.currentIndex() == 1 and "无法读取" in window.message.text()
    assert broken.error in window.message.text()
    assert not window.actions_.exports["xlsx"].isEnabled()
    good = next(d for d in window.docs if d is not broken)
    window.report_list.select(good)
    assert window.stack.currentIndex() == 0 and window.actions_.exports["xlsx"].isEnabled()


def test_exports_write_next_to_source_never_over_it(qtbot, window, tmp_path, dialogs) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / seed("004").name
    shutil.copy(seed("004"), src)
    original = src.read_bytes()
    window.open_paths([str(src)])
    wait_loaded(qtbot, window)
    doc = window.current
    window.apply_safe_fixes()
    assert doc.modified
    from desktop.exports import default_path

    for kind in ("json", "text", "summary", "xlsx"):
        out = default_path(str(src), kind)
        assert out.parent == src.parent and out != src
        window.output.export(kind, str(out))
        wait_loaded(qtbot, window)
        assert out.exists() and out.stat().st_size > 0, kind
    data = json.loads(default_path(str(src), "json").read_text(encoding="utf-8"))
    assert not any(f["rule"] == "CELL.MISSING" for f in data["findings"])
    assert not doc.modified  # the workbook (with 修改记录) holds the edits now
    window.output.export("json", str(src))
    wait_loaded(qtbot, window)
    assert src.read_bytes() == original
    assert dialogs and "不能覆盖原始报告文件" in dialogs[-1][1]


def test_settings_remember_recent_files_and_splitters(qtbot, window, config_dir) -> None:  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    path = seed("002")
    window.open_paths([str(path)])
    wait_loaded(qtbot, window)
    window.split_work.setSizes([400, 300])
    sizes = window.split_work.sizes()
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.settings.recent_files()[0] == str(path.resolve())
    assert again.settings.get("files/last_folder") == str(path.parent)
    assert [int(x) for x in again.settings.get("window/split_work")] == sizes  # remembered in the INI file
    again.recent_menu.aboutToShow.emit()  # what opening the 最近打开 menu does
    assert path.name in [a.text() for a in again.recent_menu.actions()]


def test_sample_is_there_for_first_start() -> None:
    samples = sorted(SAMPLES.glob("示例*"))
    assert len(samples) >= 2
