"""Table model and merged headers without a window: qtmodeltester, typed input rules, paste, delete, undo."""

from __future__ import annotations

import pytest
from desktop_support import SAMPLES, seed

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from core.api import load_report  # noqa: E402
from core.template import TABLE_IDS  # noqa: E402
from core.validate import validate  # noqa: E402
from desktop.document import ReportDocument  # noqa: E402
from desktop.header_view import MergedHeaderView  # noqa: E402
from desktop.table_model import CELL_KEY_ROLE, CORRECTED_ROLE, HEADER_PATH_ROLE, LEGEND_ROLE, ReportTableModel  # noqa: E402


def _doc(path) -> ReportDocument:  # type: ignore[no-untyped-def]
    report = load_report(path)
    doc = ReportDocument(str(path))
    doc.set_loaded(report, validate(report))
    return doc


@pytest.fixture
def sample_doc(qapp) -> ReportDocument:  # type: ignore[no-untyped-def]
    return _doc(sorted(SAMPLES.glob("示例1*"))[0])


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_model_passes_qtmodeltester(qtmodeltester, sample_doc: ReportDocument, table_id: str) -> None:
    model = ReportTableModel(sample_doc, table_id)
    assert model.rowCount() == len(sample_doc.report.tables[table_id].spec.rows)
    qtmodeltester.check(model, force_py=True)


def test_model_on_2021_sample_and_unreadable(qtmodeltester, qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(sorted(SAMPLES.glob("示例2*"))[0])
    assert doc.report.template_version == "2021"
    qtmodeltester.check(ReportTableModel(doc, "requests"), force_py=True)
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    broken = _doc(bad)
    assert broken.state == "error" and broken.error
    model = ReportTableModel(broken, "requests")
    assert model.rowCount() == 0 and model.columnCount() == 0
    qtmodeltester.check(model, force_py=True)


def test_values_blanks_and_legend(sample_doc: ReportDocument) -> None:
    model = ReportTableModel(sample_doc, "requests")
    report = sample_doc.report
    t = report.tables["requests"]
    for r, row in enumerate(t.spec.rows):
        for c, col in enumerate(t.spec.columns):
            idx = model.index(r, c)
            cell = t.get(row.id, col.id)
            if col.id not in t.spec.cols_for(row.id):
                assert not (model.flags(idx) & Qt.ItemFlag.ItemIsEnabled)
                continue
            shown = model.data(idx)
            assert shown == ("" if cell.value is None else str(cell.value))
            assert model.data(idx, CELL_KEY_ROLE) == ("requests", row.id, col.id)
            if cell.value is None:  # blank is visibly distinct from 0
                assert model.data(idx, LEGEND_ROLE) in {"missing", "warning", "error"}
    missing = [f for f in sample_doc.findings if f.rule == "CELL.MISSING" and f.cells[0].table == "requests"]
    assert missing
    ref = missing[0].cells[0]
    idx = model.index_of(ref.row, ref.col)
    tip = model.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert "CELL.MISSING" in tip and missing[0].message[:10] in tip


def test_header_paths_follow_template(sample_doc: ReportDocument) -> None:
    model = ReportTableModel(sample_doc, "requests")
    spec = sample_doc.report.tables["requests"].spec
    commercial = [c.id for c in spec.columns].index("commercial")
    assert model.headerData(commercial, Qt.Orientation.Horizontal, HEADER_PATH_ROLE) == \
        ("申请人情况", "法人或其他组织", "商业企业")
    secret = [r.id for r in spec.rows].index("denied_state_secret")
    path = model.headerData(secret, Qt.Orientation.Vertical, HEADER_PATH_ROLE)
    assert path[-1] == "1.属于国家秘密" and "（三）不予公开" in path


def test_merged_header_spans(qtbot, sample_doc: ReportDocument) -> None:  # type: ignore[no-untyped-def]
    from desktop.grid_view import GridView

    view = GridView()
    qtbot.addWidget(view)
    view.setModel(ReportTableModel(sample_doc, "review"))
    view.resize(1200, 300)
    view.show()
    header = view.horizontalHeader()
    assert isinstance(header, MergedHeaderView)
    spans = header._spans(header._paths())
    top = [(first, last, text) for level, first, last, text, _leaf in spans if level == 0]
    assert top == [(0, 4, "行政复议"), (5, 14, "行政诉讼")]
    mid = [(first, last, text, leaf) for level, first, last, text, leaf in spans if level == 1]
    assert (5, 9, "未经复议直接起诉", False) in mid and (10, 14, "复议后起诉", False) in mid
    assert (0, 0, "结果维持", True) in mid  # 行政复议's outcomes span the two lower header rows
    assert header.sizeHint().height() >= 3 * header.fontMetrics().height()
    grab = view.grab()
    assert not grab.isNull()


def test_parse_input_rules(sample_doc: ReportDocument) -> None:
    model = ReportTableModel(sample_doc, "requests")
    idx = model.index_of("granted", "natural")
    assert model.parse_input(idx, " ３５ ") == (True, 35, "")
    assert model.parse_input(idx, "12件") == (True, 12, "")
    assert model.parse_input(idx, "") == (True, None, "")
    ok, _, message = model.parse_input(idx, "abc")
    assert not ok and "不是数字" in message and "自然人" in message
    ok, _, message = model.parse_input(idx, "1.5")
    assert not ok and "整数" in message
    ok, _, message = model.parse_input(idx, "-3")
    assert not ok and "负数" in message
    active = ReportTableModel(sample_doc, "active")
    money = active.index_of("procurement", "amount_wan")
    assert active.parse_input(money, "12.5") == (True, 12.5, "")
    change = active.index_of("licensing", "change")
    assert active.parse_input(change, "-4") == (True, -4, "")


def test_set_data_paste_delete_undo(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(seed("004"))
    model = ReportTableModel(doc, "requests")
    report = doc.report
    idx = model.index_of("granted", "natural")
    before = report.tables["requests"].value("granted", "natural")

    rejected: list[str] = []
    model.invalidInput.connect(rejected.append)
    assert not model.setData(idx, "十几")
    assert rejected and "不是数字" in rejected[0]
    assert doc.undo_stack.count() == 0

    assert model.setData(idx, "7")
    assert report.tables["requests"].value("granted", "natural") == 7
    assert report.edits[-1].source == "user" and report.edits[-1].old == before
    # the corrected cell now breaks its row's sum: it keeps the error colour and carries the corrected mark (#12)
    assert model.data(idx, LEGEND_ROLE) == "error"
    assert model.data(idx, CORRECTED_ROLE) is True

    count, error = model.paste_block(model.index_of("partial", "natural"), "1\t2\t3\r\n4\t5\t6\r\n")
    assert (count, error) == (6, "")
    assert report.tables["requests"].value("denied_state_secret", "research") == 6
    assert doc.undo_stack.count() == 2

    count, error = model.paste_block(model.index_of("partial", "natural"), "9\tx\n")
    assert count == 0 and "不是数字" in error
    assert report.tables["requests"].value("partial", "natural") == 1

    assert model.clear_cells([model.index_of("partial", "natural"), model.index_of("partial", "commercial")])
    assert report.tables["requests"].value("partial", "natural") is None
    assert doc.undo_stack.count() == 3

    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert report.edits == []
    assert report.tables["requests"].value("granted", "natural") == before
    fresh = load_report(seed("004")).tables["requests"]
    assert report.tables["requests"].to_json() == fresh.to_json()


def test_copy_block(sample_doc: ReportDocument) -> None:
    model = ReportTableModel(sample_doc, "requests")
    a = model.index_of("new_received", "natural")
    b = model.index_of("new_received", "commercial")
    t = sample_doc.report.tables["requests"]
    text = model.copy_block([a, b])
    expected = "\t".join(str(v) if (v := t.value("new_received", c)) is not None else ""
                         for c in ("natural", "commercial"))
    assert text == expected
