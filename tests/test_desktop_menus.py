"""Every menu item does what it says (offscreen): with a seed loaded, each action found by walking the menu bar is
enabled, is triggered, and its observable effect is asserted; the toolbar buttons are twins of menu actions."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from desktop_support import seed, wait_loaded

pytest.importorskip("PySide6")

from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox  # noqa: E402


def menu_actions(window) -> list[QAction]:  # type: ignore[no-untyped-def]
    """Every action in the menu bar, in menu order, each once (the recent-files submenu is filled on showing)."""
    found: list[QAction] = []

    def walk(menu) -> None:  # type: ignore[no-untyped-def]
        menu.aboutToShow.emit()
        for a in menu.actions():
            if a.isSeparator():
                continue
            if a.menu() is not None:
                walk(a.menu())
            elif a not in found:
                found.append(a)

    for top in window.menuBar().actions():
        walk(top.menu())
    return found


def plain(text: str) -> str:
    return re.sub(r"\(&.\)|&|…", "", text).strip()


class Dialogs:
    """Modal dialogs answered without blocking: titles recorded; save dialogs answer a path in a temp folder."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.folder = folder
        self.titles: list[str] = []
        self.open_answer: list[str] = []
        self.folder_answer = ""
        self.saved: list[Path] = []
        self.previews: list[int] = []
        self.printed: list[Path] = []
        self.about_text = ""
        m = monkeypatch
        m.setattr(QFileDialog, "getSaveFileName", staticmethod(self._save))
        m.setattr(QFileDialog, "getOpenFileNames", staticmethod(self._open))
        m.setattr(QFileDialog, "getExistingDirectory", staticmethod(self._dir))
        m.setattr(QDialog, "exec", lambda dialog: self._dialog(dialog))  # a function: bound to the dialog
        m.setattr(QPrintDialog, "exec", lambda dialog: self._print(dialog))
        m.setattr(QPrintPreviewDialog, "exec", lambda dialog: self._preview(dialog))
        m.setattr(QMessageBox, "aboutQt", staticmethod(lambda _p, title="": self.titles.append(title)))

    def _save(self, _parent, title, start, *_a, **_k):  # type: ignore[no-untyped-def]
        self.titles.append(title)
        path = self.folder / Path(start).name
        self.saved.append(path)
        return str(path), ""

    def _open(self, _parent, title, *_a, **_k):  # type: ignore[no-untyped-def]
        self.titles.append(title)
        return list(self.open_answer), ""

    def _dir(self, _parent, title, *_a, **_k):  # type: ignore[no-untyped-def]
        self.titles.append(title)
        return self.folder_answer

    def _dialog(self, dialog):  # type: ignore[no-untyped-def]
        from desktop.dialogs.check_options import CheckOptionsDialog

        self.titles.append(dialog.windowTitle())
        if isinstance(dialog, CheckOptionsDialog):  # set a publication date and press OK
            from PySide6.QtCore import QDate

            dialog.override.setChecked(True)
            dialog.date.setDate(QDate(2020, 1, 20))
            return QDialog.DialogCode.Accepted
        if hasattr(dialog, "text"):
            self.about_text = dialog.text.toPlainText()
        return QDialog.DialogCode.Rejected

    def _print(self, dialog):  # type: ignore[no-untyped-def]
        self.titles.append(dialog.windowTitle())
        out = self.folder / "printed.pdf"
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        self.printed.append(out)
        return QDialog.DialogCode.Accepted

    def _preview(self, dialog):  # type: ignore[no-untyped-def]
        self.titles.append(dialog.windowTitle())
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        self.previews.append(widget.pageCount())
        return 0


def test_every_menu_item_does_what_it_says(qtbot, window, dialogs, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    d = Dialogs(monkeypatch, out)
    main = tmp_path / seed("004").name
    shutil.copy(seed("004"), main)
    window.open_paths([str(main)])
    wait_loaded(qtbot, window)
    doc = window.current
    a = window.actions_
    status = window.statusBar().currentMessage
    actions = menu_actions(window)
    recent = set(window.recent_menu.actions())
    # with a report loaded every item is available, except undo/redo before any edit
    assert [plain(x.text()) for x in actions if not x.isEnabled()] == \
        [plain(a.undo.text()), plain(a.redo.text())]
    checks: list[tuple[QAction, Callable[[], None]]] = []

    def check(action: QAction) -> Callable[[Callable[[], None]], Callable[[], None]]:
        def register(fn: Callable[[], None]) -> Callable[[], None]:
            checks.append((action, fn))
            return fn
        return register

    def last_title() -> str:
        return d.titles[-1] if d.titles else ""

    # ---- 核查
    @check(a.next_finding)
    def _() -> None:
        a.next_finding.trigger()
        first = window.findings.current_finding()
        assert first is window.findings.visible_findings()[0]
        a.next_finding.trigger()
        second = window.findings.current_finding()
        assert second is window.findings.visible_findings()[1]
        grid = window.current_grid()
        keys = {grid.model().cell_key(i) for i in grid.selectionModel().selectedIndexes()}
        assert {(c.table, c.row, c.col) for c in second.cells if c.table == second.cells[0].table} <= keys

    @check(a.prev_finding)
    def _() -> None:
        a.prev_finding.trigger()
        assert window.findings.current_finding() is window.findings.visible_findings()[0]

    for verdict_action in a.verdicts:
        @check(verdict_action)
        def _(action: QAction = verdict_action) -> None:
            action.trigger()
            assert action.text().startswith(doc.verdict) and window.season.set.entry(doc.entry).status == doc.verdict

    @check(a.recheck)
    def _() -> None:
        a.recheck.trigger()
        assert status().startswith("已重新核查")

    @check(a.options)
    def _() -> None:
        assert any(f.rule == "DOC.PUBLISHED_UNKNOWN" for f in doc.findings)
        a.options.trigger()
        assert last_title() == "核查设置"
        assert doc.options.published == "2020-01-20"
        assert not any(f.rule == "DOC.PUBLISHED_UNKNOWN" for f in doc.findings)

    # ---- 编辑
    def select_cell(table: str, pick: Callable[[object], bool]):  # type: ignore[no-untyped-def]
        window.tabs.setCurrentIndex(("active", "requests", "review").index(table))
        t = doc.report.tables[table]
        row, col = next((r.id, c) for r in t.spec.rows for c in t.spec.cols_for(r.id) if pick(t.value(r.id, c)))
        grid = window.grids[table]
        grid.setCurrentIndex(grid.model().index_of(row, col))
        return t, row, col

    @check(a.copy)
    def _() -> None:
        t, row, col = select_cell("requests", lambda v: v is not None)
        QApplication.clipboard().setText("")
        a.copy.trigger()
        assert QApplication.clipboard().text().strip() == str(t.value(row, col))

    @check(a.paste)
    def _() -> None:
        t, row, col = select_cell("requests", lambda v: v is not None)
        QApplication.clipboard().setText("7")
        before = doc.undo_stack.count()
        a.paste.trigger()
        assert t.value(row, col) == 7 and doc.undo_stack.count() == before + 1

    @check(a.clear)
    def _() -> None:
        t, row, col = select_cell("requests", lambda v: v == 7)
        a.clear.trigger()
        assert t.value(row, col) is None and doc.report.edits[-1].new is None

    @check(a.apply_fix)
    def _() -> None:
        f = next(f for f in doc.findings if f.fix)
        assert window.findings.select_finding(f)
        a.apply_fix.trigger()
        x = f.fix[0]
        assert doc.report.tables[x.table].value(x.row, x.col) == x.value
        assert doc.report.edits[-1].rule == f.rule

    @check(a.apply_safe)
    def _() -> None:
        assert any(f.rule == "CELL.MISSING" and f.fix_safe for f in doc.findings)
        a.apply_safe.trigger()
        assert not any(f.fix_safe and f.fix for f in doc.findings)
        assert "安全修正" in status()

    @check(a.undo)
    def _() -> None:
        assert a.undo.isEnabled() and a.undo.text().startswith("撤销")
        index = doc.undo_stack.index()
        a.undo.trigger()
        assert doc.undo_stack.index() == index - 1 and any(f.fix_safe and f.fix for f in doc.findings)

    @check(a.redo)
    def _() -> None:
        index = doc.undo_stack.index()
        a.redo.trigger()
        assert doc.undo_stack.index() == index + 1 and not any(f.fix_safe and f.fix for f in doc.findings)

    # ---- 导出 (each asks for a file name next to the source's name, then writes it off the UI thread)
    for key, action in a.exports.items():
        @check(action)
        def _(key: str = key, action: QAction = action) -> None:
            action.trigger()
            wait_loaded(qtbot, window)
            path = d.saved[-1]
            assert last_title() == plain(action.text()) and path.exists() and path.stat().st_size > 0, key
            assert path.name != main.name and path.stem.startswith(main.stem)
            if key == "xlsx":
                assert not doc.modified  # the edits are in its 修改记录 sheet

    @check(a.pdf)
    def _() -> None:
        a.pdf.trigger()
        assert last_title() == "导出核查摘要 PDF" and d.saved[-1].read_bytes().startswith(b"%PDF")

    # ---- 文件
    @check(a.print_preview)
    def _() -> None:
        a.print_preview.trigger()
        assert last_title().startswith("打印预览") and d.previews and d.previews[-1] >= 1

    @check(a.print)
    def _() -> None:
        a.print.trigger()
        assert last_title() == "打印核查摘要" and d.printed[-1].read_bytes().startswith(b"%PDF")

    other = seed("002")

    @check(a.open)
    def _() -> None:
        d.open_answer = [str(other)]
        a.open.trigger()
        wait_loaded(qtbot, window)
        assert last_title() == "打开年度报告" and Path(window.current.path) == other and len(window.docs) == 2

    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(seed("000"), folder)

    @check(a.open_folder)
    def _() -> None:
        d.folder_answer = str(folder)
        a.open_folder.trigger()
        wait_loaded(qtbot, window)
        assert last_title() == "打开文件夹中的全部报告" and len(window.docs) == 3
        assert Path(window.current.path).parent == folder

    @check(a.close)
    def _() -> None:
        closing = window.current
        assert not closing.modified
        a.close.trigger()
        assert closing not in window.docs and len(window.docs) == 2 and window.current is not None

    # ---- 视图
    @check(window.history_dock.toggleViewAction())
    def _() -> None:
        assert not window.history_dock.isVisible()
        window.report_list.select(doc)
        window.history_dock.toggleViewAction().trigger()
        assert window.history_dock.isVisible()
        assert window.history.model().rowCount() == doc.undo_stack.count() + 1

    @check(a.show_overview)
    def _() -> None:
        a.show_overview.trigger()
        assert window.center.currentWidget() is window.overview
        assert window.overview.model.rowCount() == len(window.docs)
        window.show_report_page()

    @check(window.toolbar.toggleViewAction())
    def _() -> None:
        assert window.toolbar.isVisible()
        window.toolbar.toggleViewAction().trigger()
        assert not window.toolbar.isVisible()
        window.toolbar.toggleViewAction().trigger()
        assert window.toolbar.isVisible()

    v = window.view_options

    @check(v.source_action)
    def _() -> None:
        assert window.source.isVisible()
        v.source_action.trigger()
        assert not window.source.isVisible()
        v.source_action.trigger()
        assert window.source.isVisible()

    @check(v.findings_action)
    def _() -> None:
        v.findings_action.trigger()
        assert not window.findings.isVisible()
        v.findings_action.trigger()
        assert window.findings.isVisible()

    @check(v.zoom_in)
    def _() -> None:
        before = window.grids["requests"].font().pointSizeF()
        v.zoom_in.trigger()
        assert window.grids["requests"].font().pointSizeF() > before

    @check(v.zoom_out)
    def _() -> None:
        v.zoom_out.trigger()
        v.zoom_out.trigger()
        assert v.zoom == -1

    @check(v.zoom_reset)
    def _() -> None:
        v.zoom_reset.trigger()
        assert v.zoom == 0

    # ---- 帮助
    @check(a.guide)
    def _() -> None:
        a.guide.trigger()
        assert last_title() == "使用说明 — 年报核查"

    @check(a.about)
    def _() -> None:
        import core

        a.about.trigger()
        assert last_title() == "关于年报核查" and core.__version__ in d.about_text and "许可" in d.about_text

    @check(a.about_qt)
    def _() -> None:
        a.about_qt.trigger()
        assert last_title() == "关于 Qt"

    # ---- 导出 → 全部导出: every report of the set, or those selected in the 总览
    @check(a.export_all)
    def _() -> None:
        d.folder_answer = str(tmp_path / "all")
        a.export_all.trigger()
        assert last_title() == "全部导出到文件夹"
        written = sorted(p.suffix for p in (tmp_path / "all").iterdir())
        assert written.count(".xlsx") >= len(window.docs) + 1  # a workbook per report and the summary
        title, text = dialogs.pop()  # the closing box says what was written and where
        assert title == "全部导出" and text.startswith("已写出 ") and str(tmp_path / "all") in text

    @check(a.export_selected)
    def _() -> None:
        d.folder_answer = str(tmp_path / "selected")
        window.show_overview()
        window.overview.view.selectRow(0)
        a.export_selected.trigger()
        assert (tmp_path / "selected").is_dir() and any((tmp_path / "selected").glob("*.xlsx"))
        assert dialogs.pop()[0] == "全部导出"
        window.show_report_page()

    # ---- 核查批次: a new set starts empty, the earlier one comes back with its reports
    default_set = window.season.set.path

    in_set: list[int] = []

    @check(a.new_set)
    def _() -> None:
        in_set.append(len(window.season.paths()))  # closed reports stay in the set
        assert in_set[0] >= len(window.docs) > 0
        a.new_set.trigger()
        assert last_title() == "新建核查批次" and window.season.set.path == d.saved[-1]
        assert d.saved[-1].suffix == ".ogiset" and d.saved[-1].exists() and window.docs == []

    @check(a.open_set)
    def _() -> None:
        qmp = pytest.MonkeyPatch()
        qmp.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(default_set), "")))
        try:
            a.open_set.trigger()
        finally:
            qmp.undo()
        wait_loaded(qtbot, window)
        assert window.season.set.path == default_set and len(window.docs) == in_set[0]

    default_item = next(x for x in actions if plain(x.text()) == "默认核查批次")

    @check(default_item)
    def _() -> None:
        default_item.trigger()
        wait_loaded(qtbot, window)
        assert window.season.set.path == default_set and len(window.docs) == in_set[0]

    @check(a.quit)
    def _() -> None:
        assert not any(x.modified for x in window.docs)
        a.quit.trigger()
        assert not window.isVisible()

    static = [x for x in actions if x not in recent]
    assert {id(x) for x, _ in checks} == {id(x) for x in static}, \
        sorted(plain(x.text()) for x in static if all(x is not y for y, _ in checks))
    quit_check = checks.pop()
    for action, fn in checks:
        assert action.isEnabled() or action in (a.undo, a.redo), plain(action.text())
        boxes = len(dialogs)
        fn()
        assert len(dialogs) == boxes, dialogs[boxes:]  # no warning or error box on the way

    # 最近打开: every opened file, newest first; choosing one shows it; 清除列表 empties the list
    window.recent_menu.aboutToShow.emit()
    entries = [x for x in window.recent_menu.actions() if not x.isSeparator()]
    names = [x.text() for x in entries]
    assert names[:3] == [seed("000").name, other.name, main.name] and names[-1] == "清除列表"
    for entry in entries[:3]:
        entry.trigger()
        wait_loaded(qtbot, window)
        assert Path(window.current.path).name == entry.text()
    entries[-1].trigger()
    assert window.settings.recent_files() == []
    window.recent_menu.aboutToShow.emit()
    assert [x.text() for x in window.recent_menu.actions()] == ["（无）"]
    assert not dialogs
    quit_check[1]()


def test_toolbar_buttons_are_twins_of_menu_actions(qtbot, window, dialogs, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda _dialog: 0)
    window.open_paths([str(seed("004"))])
    wait_loaded(qtbot, window)
    menu = menu_actions(window)
    fired: list[QAction] = []
    for x in menu:
        x.triggered.connect(lambda _=False, x=x: fired.append(x))
    buttons = [x for x in window.toolbar.actions() if not x.isSeparator()]
    assert len(buttons) >= 9
    for button in buttons:
        assert button.text() and not button.icon().isNull()
        fired.clear()
        enabled = button.isEnabled()
        button.trigger()
        if not enabled:
            continue
        assert len(fired) == 1, button.text()
        twin = fired[0]
        assert twin.isEnabled() or twin in (window.actions_.undo, window.actions_.redo)
        assert button.statusTip() == twin.statusTip()
    texts = [x.text() for x in buttons]
    assert texts[:2] == ["打开", "打开文件夹"] and "安全修正" in texts and "打印预览" in texts
