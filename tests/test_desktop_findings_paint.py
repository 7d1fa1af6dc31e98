"""Issue #14, third round: the findings list painted with less work shows exactly what it showed before: its
severity column as wide as Qt measures it, its long texts cut to their columns as it cuts them, and its rows
following her decisions as a freshly built list shows them, without being rebuilt when nothing changed."""

from __future__ import annotations

import pytest
from desktop_support import SAMPLES, cell_numbers, enter, idle, seed, shows_as_painted_afresh, wait_loaded

pytest.importorskip("PySide6")

from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt  # noqa: E402

from core.template import TABLE_IDS  # noqa: E402


def _measured_by_qt(qtbot, view) -> int:  # type: ignore[no-untyped-def]
    """The severity column's width as Qt's ResizeToContents measures it now (the mode put back after)."""
    from PySide6.QtWidgets import QHeaderView

    header = view.header()
    mode = header.sectionResizeMode(0)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    idle(qtbot)
    width = header.sectionSize(0)
    header.setSectionResizeMode(0, mode)
    header.resizeSection(0, width)
    return width


def test_the_severity_column_keeps_the_width_qt_measures_for_its_cells(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QHeaderView

    view = window.findings.view
    header = view.header()
    kept = None
    for path in (seed("001"), SAMPLES / "示例2-沭阳县2025年政府信息公开工作年度报告.txt", seed("003")):
        window.open_paths([str(path)])
        wait_loaded(qtbot, window)
        idle(qtbot)
        assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
        if window.findings.model.rowCount():
            kept = header.sectionSize(0)
            assert kept == _measured_by_qt(qtbot, view), path.name
        else:  # nothing listed (示例2 has no finding): the column keeps its width, the others do not move
            assert header.sectionSize(0) == kept
    assert kept is not None
    doc = window.current
    tid, (row, col, value) = next((t, n[0]) for t in TABLE_IDS if (n := cell_numbers(doc, t)))
    for text in (str(value + 7), str(value)):  # findings come and go; the column stays as Qt would size it
        enter(qtbot, window, tid, row, col, text)
        idle(qtbot)
        assert header.sectionSize(0) == _measured_by_qt(qtbot, view)
    font = QFont(window.findings.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    window.findings.setFont(font)  # a bigger font: measured again
    idle(qtbot)
    wider = header.sectionSize(0)
    assert wider > kept and wider == _measured_by_qt(qtbot, view)



@pytest.mark.parametrize("name", ["001", "003", "004"])
def test_the_findings_list_shows_its_texts_cut_to_the_columns_exactly_as_it_cuts_them(qtbot, window, name) -> None:  # type: ignore[no-untyped-def]
    """The long places and messages reach the list already cut to their columns: at every width, with a row
    selected and a finding ignored (its mark in front), the list's pixels equal those it paints from the whole
    texts; data() still gives the whole text."""
    from core.season.decisions import IGNORE, Decision

    window.resize(1400, 860)
    window.open_paths([str(seed(name))])
    wait_loaded(qtbot, window)
    doc = window.current
    panel, view, model = window.findings, window.findings.view, window.findings.model
    doc.decisions = [Decision.on(doc.findings[0], IGNORE, "误报")]
    doc.revalidate()
    view.setCurrentIndex(model.index(min(1, model.rowCount() - 1), 0))
    cut = 0
    for width in (None, 120, 173, 260, 431):
        if width is not None:
            view.setColumnWidth(2, width)
        idle(qtbot)
        for row in range(model.rowCount()):
            for col in (2, 3):
                held = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))
                model.multiData(model.index(row, col), QModelRoleDataSpan(held))
                whole = model.data(model.index(row, col))
                assert whole.startswith(held.data().rstrip("…"))  # a prefix of the whole text
                cut += held.data() != whole
        fitted = view.viewport().grab().toImage()
        model.fit_texts({})  # the list cuts the whole texts itself
        whole_texts = view.viewport().grab().toImage()
        panel._fit_texts()
        assert fitted == whole_texts, width
    assert cut  # long texts were cut (so the comparison above compared something)


@pytest.mark.parametrize("name", ["001", "004"])
def test_the_list_follows_her_decisions_as_a_fresh_list_shows_them(qapp, name: str) -> None:  # type: ignore[no-untyped-def]
    """Deciding on findings changes no finding: the rows decided on (their mark, their grey) are told to the list,
    and with a search text they come and go as a fresh filter lets them through."""
    from core.api import load_report
    from core.findings import Severity
    from core.season.decisions import CONFIRM, IGNORE, Decision
    from core.validate import validate
    from desktop.document import ReportDocument
    from desktop.findings_model import FINDING_ROLE, FindingsModel

    report = load_report(seed(name))
    doc = ReportDocument(str(seed(name)))
    doc.set_loaded(report, validate(report))
    filters = [(set(Severity), None, ""), (set(Severity), None, "忽略"), (set(Severity), None, "确认"),
               ({Severity.WARNING}, None, "已")]
    models = []
    for severities, family, text in filters:
        m = FindingsModel()
        m.set_document(doc)
        m.set_filter(severities, family, text)
        models.append(m)
    told: list[int] = []
    models[0].dataChanged.connect(lambda top, _bottom, _roles=(): told.append(top.row()))
    f0, f1, f2 = doc.findings[0], doc.findings[1], doc.findings[2]
    steps = [[Decision.on(f0, IGNORE, "误报")], [Decision.on(f0, IGNORE, "误报"), Decision.on(f1, CONFIRM)],
             [Decision.on(f0, CONFIRM), Decision.on(f1, CONFIRM), Decision.on(f2, IGNORE, "重复")], []]
    for decisions in steps:
        told.clear()
        doc.decisions = decisions
        doc.revalidate()
        for m, (severities, family, text) in zip(models, filters, strict=True):
            m.follow(doc)
            fresh = FindingsModel()
            fresh.set_document(doc)
            fresh.set_filter(severities, family, text)
            assert m.rowCount() == fresh.rowCount(), (decisions, text)
            for r in range(m.rowCount()):
                assert m.index(r, 0).data(FINDING_ROLE) is fresh.index(r, 0).data(FINDING_ROLE) or \
                    m.index(r, 0).data(FINDING_ROLE) == fresh.index(r, 0).data(FINDING_ROLE)
                for c in range(4):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
                        a, b = m.index(r, c).data(role), fresh.index(r, c).data(role)
                        assert (a.name() if hasattr(a, "name") else a) == (b.name() if hasattr(b, "name") else b)
        assert told, "the rows decided on were told to the list"


def test_the_list_is_not_rebuilt_when_asked_again_for_the_same_check(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The first edit after opening also changes the edit state (the window redraws for both): the list follows
    the edit once and is not rebuilt for the second; a new check (her status aside) is still followed."""
    window.open_paths([str(seed("001"))])
    wait_loaded(qtbot, window)
    doc = window.current
    model = window.findings.model
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    modified: list[bool] = []
    doc.modifiedChanged.connect(modified.append)
    window.findings.view.setCurrentIndex(model.index(2, 0))
    selected = window.findings.current_finding()
    row, col, value = cell_numbers(doc, "requests")[0]
    enter(qtbot, window, "requests", row, col, str(value + 3))
    idle(qtbot)
    assert modified == [True] and not resets
    assert window.findings.visible_findings() == list(doc.findings)
    assert window.findings.current_finding() == selected
    window.set_current_verdict("已核实")
    idle(qtbot)
    assert not resets and window.findings.current_finding() == selected
    doc.set_options(doc.options)  # checked again: new findings objects, followed
    idle(qtbot)
    assert window.findings.visible_findings() == list(doc.findings)
    assert model.shows(doc)
    shows_as_painted_afresh(qtbot, window)
