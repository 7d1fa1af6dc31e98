"""Issue #14 item 3: what the window does so that an edit repaints only what changed must show exactly what it
showed before: the findings list that filters itself and gives each cell's roles in one call, the report list's
rows set only when they change, the tab bar placed alone, the grid's frame kept."""

from __future__ import annotations

import random

import pytest
from desktop_support import seed, wait_loaded

pytest.importorskip("PySide6")

from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, Qt  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from core.api import load_report  # noqa: E402
from core.findings import Finding, Severity  # noqa: E402
from core.season.decisions import CONFIRM, IGNORE, Decision  # noqa: E402
from core.validate import validate  # noqa: E402
from desktop.document import ReportDocument  # noqa: E402
from desktop.findings_model import FINDING_ROLE, FindingsModel, describe_cells  # noqa: E402
from desktop.findings_panel import FindingsPanel  # noqa: E402
from desktop.report_list import row_text  # noqa: E402
from desktop.undo_commands import CellChange  # noqa: E402

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole,
         Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
         Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.CheckStateRole, FINDING_ROLE)
SEEDS = ("000", "001", "002", "003", "004")


def _doc(name: str) -> ReportDocument:
    path = seed(name)
    report = load_report(path)
    doc = ReportDocument(str(path))
    doc.set_loaded(report, validate(report))
    return doc


def _numbers(doc: ReportDocument) -> list[tuple[str, str, str, int]]:
    assert doc.report is not None
    return [(tid, r.id, c, int(t.value(r.id, c)))  # type: ignore[arg-type]
            for tid, t in doc.report.tables.items() for r in t.spec.rows for c in t.spec.cols_for(r.id)
            if isinstance(t.value(r.id, c), int)]


def _comparable(value: object) -> object:
    if hasattr(value, "isNull") and hasattr(value, "cacheKey"):  # an icon
        return ("icon", value.isNull())  # type: ignore[attr-defined]
    if hasattr(value, "name") and hasattr(value, "alpha"):  # a colour
        return ("colour", value.name())  # type: ignore[attr-defined]
    return value


def _shown_rows(model: FindingsModel) -> list[Finding]:
    return [model.index(r, 0).data(FINDING_ROLE) for r in range(model.rowCount())]


def _let_through(doc: ReportDocument, severities: set[Severity], family: str | None, text: str) -> list[Finding]:
    """The filter as the list applied it through a proxy model: severity, family, then the row's texts."""
    out = []
    for f in doc.findings:
        if f.severity not in severities or (family and f.family != family):
            continue
        if text:
            d = doc.decision(f)
            texts = (f.severity.label, f.rule_name, describe_cells(doc, f), (f"［已{d.label}］" if d else "") + f.message)
            hay = " ".join(texts) + (f.hint or "")
            if text.lower() not in hay.lower():
                continue
        out.append(f)
    return out


@pytest.mark.parametrize("name", SEEDS)
def test_each_cells_roles_in_one_call_equal_those_read_one_by_one(qapp, name: str) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(name)
    if len(doc.findings) >= 2:  # one confirmed, one ignored: the mark in the message, the dimmed colour
        doc.decisions = [Decision.on(doc.findings[0], CONFIRM), Decision.on(doc.findings[1], IGNORE, "误报")]
        doc.revalidate()
    model = FindingsModel()
    model.set_document(doc)
    assert model.rowCount() == len(doc.findings)
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            idx = model.index(r, c)
            for role in ROLES:
                held = QModelRoleData(int(role))
                model.multiData(idx, QModelRoleDataSpan(held))
                assert _comparable(held.data()) == _comparable(model.data(idx, role)), (r, c, role)
    if len(doc.findings) >= 2:
        assert model.index(0, 3).data().startswith("［已确认］")
        assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None


FILTERS: list[tuple[set[Severity], str | None, str]] = [
    (set(Severity), None, ""), ({Severity.ERROR}, None, ""), ({Severity.WARNING, Severity.INFO}, None, ""),
    (set(Severity), "CELL", ""), (set(Severity), None, "合计"), ({Severity.ERROR, Severity.INFO}, "ARITH", "表")]


@pytest.mark.parametrize("name", SEEDS)
def test_the_filtered_list_follows_edits_as_a_fresh_filter_shows(qapp, name: str) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(name)
    rng = random.Random(name)
    numbers = _numbers(doc)
    models = []
    for severities, family, text in FILTERS:
        m = FindingsModel()
        m.set_document(doc)
        m.set_filter(severities, family, text)
        assert _shown_rows(m) == _let_through(doc, severities, family, text)
        models.append(m)
    resets = [0]
    for m in models:
        m.modelReset.connect(lambda: resets.__setitem__(0, resets[0] + 1))
    for step in range(8):
        if step % 3 == 2 and doc.undo_stack.canUndo():
            doc.undo_stack.undo()
        else:
            tid, row, col, value = rng.choice(numbers)
            doc.push_changes([CellChange(tid, row, col, value + rng.choice((1, 9, 1000)))], f"edit {step}")
        for m, (severities, family, text) in zip(models, FILTERS, strict=True):
            m.follow(doc)
            assert _shown_rows(m) == _let_through(doc, severities, family, text), (step, severities, family, text)
            for r in range(m.rowCount()):  # rows and positions among all findings agree
                assert doc.findings[m.position(r)] == m.finding(r) and m.row_of(m.position(r)) == r
    assert resets[0] == 0, "each edit moved only the rows that changed"


def test_a_filter_keeps_the_selected_finding_when_it_lets_it_through(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc("004")
    severities = {f.severity for f in doc.findings}
    if len(severities) < 2:
        pytest.skip("one severity only")
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_document(doc)
    f = doc.findings[len(doc.findings) - 1]
    assert panel.select_finding(f)
    lost: list[bool] = []
    panel.currentFindingChanged.connect(lambda: lost.append(True))
    panel.set_filter(severities={f.severity})
    assert panel.current_finding() is f and not lost
    assert panel.visible_findings() == [g for g in doc.findings if g.severity == f.severity]
    panel.set_filter(severities=severities - {f.severity})
    assert panel.current_finding() is None and lost
    assert f.severity.label not in panel.details.text()
    panel.set_filter()
    assert panel.visible_findings() == list(doc.findings)


def test_the_report_list_row_follows_counts_and_is_left_alone_when_they_do_not_change(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("004"))])
    wait_loaded(qtbot, window)
    doc = window.current
    item = window.report_list.item_for(doc)
    rows = window.report_list.list.model()
    changed: list[QModelIndex] = []
    rows.dataChanged.connect(lambda top, _bottom, _roles=(): changed.append(top))
    window.report_list.update_doc(doc)  # nothing changed: nothing told
    assert not changed and item.text() == row_text(doc)
    counts = doc.counts()
    tid, row, col, value = next(n for n in _numbers(doc) if n[0] == "requests")
    assert doc.push_changes([CellChange(tid, row, col, value + 1000)], "edit")
    assert doc.counts() != counts
    assert item.text() == row_text(doc) and f"错误 {doc.counts()['error']}" in item.text()
    assert changed and all(i.row() == window.report_list.list.row(item) for i in changed)
    assert "有尚未导出的修改" in item.toolTip()
    changed.clear()
    window.report_list.update_doc(doc)
    assert not changed
    doc.undo_stack.undo()
    assert item.text() == row_text(doc) and f"错误 {counts['error']}" in item.text()
    window.report_list.filter.setText("不会匹配的文字")
    assert item.isHidden()
    window.report_list.update_doc(doc)
    assert item.isHidden()
    window.report_list.filter.setText("")
    assert not item.isHidden()


def test_the_tab_bar_placed_alone_is_where_the_tab_widget_would_place_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QTabWidget

    window.open_paths([str(seed("001"))])
    wait_loaded(qtbot, window)
    tabs = window.tabs
    placed: list[bool] = []
    place = tabs._place_bar_only

    def counted() -> bool:
        placed.append(place())
        return placed[-1]

    tabs._place_bar_only = counted  # type: ignore[method-assign]
    pane = tabs.currentWidget().parentWidget()
    assert pane is not None
    for caption in ("表三（12345）", "表三", "表三（1）", "表三（1）"):
        tabs.set_caption(2, caption)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)  # the tab bar's request, handled here
        ours, our_pane = tabs.tabBar().geometry(), pane.geometry()
        QTabWidget.event(tabs, QEvent(QEvent.Type.LayoutRequest))  # QTabWidget's own layout, for comparison
        assert tabs.tabBar().geometry() == ours and pane.geometry() == our_pane, caption
    assert any(placed), "the bar was placed alone"


def test_the_toolbars_undo_and_redo_tips_name_what_they_would_undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    import gc

    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    window.open_paths([str(seed("001"))])
    wait_loaded(qtbot, window)
    doc = window.current
    tid, row, col, value = _numbers(doc)[0]
    assert doc.push_changes([CellChange(tid, row, col, value + 3)], "改一个数")
    gc.collect()
    undo_button = next(b for b in window.toolbar.findChildren(QWidget) if getattr(b, "text", lambda: "")() == "撤销")
    QApplication.sendEvent(undo_button, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), undo_button.mapToGlobal(QPoint(2, 2))))
    assert QToolTip.text() == window.actions_.undo.text() and "改一个数" in QToolTip.text()
    doc.undo_stack.undo()
    redo_button = next(b for b in window.toolbar.findChildren(QWidget) if getattr(b, "text", lambda: "")() == "重做")
    QApplication.sendEvent(redo_button, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), redo_button.mapToGlobal(QPoint(2, 2))))
    assert QToolTip.text() == window.actions_.redo.text() and "改一个数" in QToolTip.text()


def test_merged_header_cells_kept_extents_equal_those_measured_each_paint(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from core.template import TABLE_IDS

    window.open_paths([str(seed("004"))])
    wait_loaded(qtbot, window)
    window.resize(700, 500)
    for tid in ("requests", "review"):
        window.tabs.setCurrentIndex(TABLE_IDS.index(tid))
        grid = window.grids[tid]
        qtbot.wait(20)

        def same(header) -> None:  # type: ignore[no-untyped-def]
            layout = header._layout()
            got = header._span_rects(layout)
            assert [span for span, _ in got] == layout[2]
            assert [rect for _, rect in got] == [header._rect(s[0], s[1], s[2], s[4], layout[1]) for s in layout[2]]

        for header in (grid.horizontalHeader(), grid.verticalHeader()):
            same(header)
            header.resizeSection(header.logicalIndex(1), header.sectionSize(header.logicalIndex(1)) + 17)
            same(header)
            grid.horizontalScrollBar().setValue(grid.horizontalScrollBar().maximum())
            grid.verticalScrollBar().setValue(grid.verticalScrollBar().maximum())
            qtbot.wait(10)
            same(header)
            grid.horizontalScrollBar().setValue(0)
            grid.verticalScrollBar().setValue(0)
            same(header)


def test_the_status_bar_lays_out_its_labels_again_only_when_a_text_outgrows_its_place(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QObject, QRect
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from desktop.status_text import Part, counts_parts

    window.open_paths([str(seed("001"))])
    wait_loaded(qtbot, window)
    bar, label = window.statusBar(), window.counts_label
    qtbot.wait(20)
    painted: list[QRect] = []
    layouts: list[int] = []

    class Spy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if watched is bar and event.type() == QEvent.Type.Paint:
                painted.append(event.rect())  # type: ignore[attr-defined]
            if watched is bar and event.type() == QEvent.Type.LayoutRequest:
                layouts.append(1)
            return False

    spy = Spy()
    parts = label.parts()
    assert label.text() == "".join(p.text for p in parts) and "错误" in label.text()
    bar.clearMessage()  # no message of the load left to time out and repaint the bar meanwhile
    bar.installEventFilter(spy)
    label.set_parts(*counts_parts(9, 9, 9))  # settled once: what the window did before is laid out and painted
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
    qtbot.wait(50)
    painted.clear()
    layouts.clear()
    label.set_parts(*counts_parts(8, 8, 8))  # as wide (digits are): no layout at all, the label repaints itself
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
    qtbot.wait(20)
    assert not layouts
    assert all(label.geometry().adjusted(-2, -2, 2, 2).contains(r) for r in painted), painted
    image = label.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    assert any(QColor(c).red() > 150 and QColor(c).green() < 80 for c in colours)  # the red of 错误 is painted
    width = label.width()
    label.set_parts(*parts, Part("　很长的说明" * 6, bold=True))  # wider: laid out anew, the label gets its width
    qtbot.waitUntil(lambda: label.width() > width)
    assert layouts
    wide = label.width()
    layouts.clear()
    label.set_parts(*parts)  # shorter again: it keeps its place (nothing beside it moves), repaints its text
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
    qtbot.wait(20)
    assert not layouts and label.width() == wide and label.text() == "".join(p.text for p in parts)
    bar.removeEventFilter(spy)


@pytest.mark.parametrize("name", SEEDS)
def test_stale_decisions_kept_from_the_check_equal_those_matched_now(qapp, name: str) -> None:  # type: ignore[no-untyped-def]
    from core.season.decisions import match

    doc = _doc(name)
    if len(doc.findings) < 2:
        pytest.skip("too few findings")
    assert doc.stale_decisions() == []
    gone = Decision.on(doc.findings[0], CONFIRM)
    doc.decisions = [gone, Decision.on(doc.findings[1], IGNORE, "误报")]
    assert doc.stale_decisions() == match(doc.findings, doc.decisions)[1]  # assigned, not yet checked: now
    doc.revalidate()
    assert doc.stale_decisions() == match(doc.findings, doc.decisions)[1] == []
    rng = random.Random(name)
    numbers = _numbers(doc)
    for step in range(6):
        tid, row, col, value = rng.choice(numbers)
        doc.push_changes([CellChange(tid, row, col, value + rng.choice((1, 1000)))], f"edit {step}")
        assert doc.stale_decisions() == match(doc.findings, doc.decisions)[1]
        doc.decisions = [*doc.decisions, Decision.on(doc.findings[-1], CONFIRM, note=str(step))]
        assert doc.stale_decisions() == match(doc.findings, doc.decisions)[1]
    doc.set_loaded(load_report(seed(name)), [])  # no findings: every decision stale
    assert doc.stale_decisions() == match(doc.findings, doc.decisions)[1] and doc.stale_decisions()
