"""core.layout: the one name of a cell, the one text of a value, the one header-span algorithm, used by every view."""

from __future__ import annotations

from core.layout import (
    Span,
    cell_name,
    cell_short,
    cell_text,
    column_path,
    header_spans,
    printed_rows,
    row_label,
    row_path,
    table_caption,
    value_text,
)
from core.model import Cell, Table
from core.template import (
    COUNT,
    MONEY,
    SIGNED,
    TEMPLATE_2019,
    TEMPLATE_2021,
    hybrid_requests_2021,
    table_short_name,
)


def test_value_text_by_column_kind() -> None:
    assert value_text(None) == "" and value_text(None, MONEY) == ""
    assert value_text(12, COUNT) == "12" and value_text(12.0, COUNT) == "12" and value_text(2.5, COUNT) == "2.5"
    assert value_text(3, SIGNED) == "+3" and value_text(-2, SIGNED) == "-2" and value_text(0, SIGNED) == "0"
    assert value_text(12.5, MONEY) == "12.50" and value_text(0, MONEY) == "0.00"
    assert value_text(5949.088667, MONEY) == "5949.088667"  # every printed decimal kept, no float noise
    assert value_text(0.1 + 0.2, COUNT) == "0.30000000000000004"  # exact: the view never rounds silently
    assert cell_text(TEMPLATE_2021.table("active"), "amount_wan", 1268) == "1268.00"


def test_one_name_per_cell() -> None:
    req = TEMPLATE_2021.table("requests")
    assert row_label(req, "denied_admin_query") == "（三）不予公开 · 8.属于行政查询事项"
    assert cell_name(req, "denied_admin_query", "natural") == "表三“（三）不予公开 · 8.属于行政查询事项”行“自然人”列"
    assert cell_short(req, "granted", "total") == "“（一）予以公开”行“总计”列"
    review = TEMPLATE_2021.table("review")
    row = review.rows[0].id
    assert cell_name(review, row, "suit_after_review_total") == "表四“行政诉讼（复议后起诉） · 总计”栏"
    assert cell_name(TEMPLATE_2019.table("active"), "licensing", "change") == "表二“行政许可”行“本年增/减”列"


def test_table_names_come_from_the_template() -> None:
    assert [table_short_name(t.id) for t in TEMPLATE_2021.tables] == ["表二", "表三", "表四"]
    assert table_caption("requests") == "表三 依申请公开"


def test_header_spans_merge_shared_prefixes_and_drop_leaves() -> None:
    req = TEMPLATE_2021.table("requests")
    spans = header_spans([column_path(c) for c in req.columns])
    assert Span(0, 0, 0, 6, "申请人情况") in spans  # across all seven columns
    assert Span(1, 1, 1, 5, "法人或其他组织") in spans  # across the five organisation columns
    assert Span(1, 0, 2, 0, "自然人", leaf=True) in spans  # 自然人 reaches down to the last level
    assert Span(2, 1, 2, 1, "商业企业", leaf=True) in spans
    rows = header_spans([row_path(req, r) for r in req.rows])
    denied = [s for s in rows if s.text == "（三）不予公开"]
    assert len(denied) == 1 and denied[0].index_end - denied[0].index == 7  # eight 不予公开 rows under one cell


def test_printed_rows_leave_out_a_hybrids_unprinted_optional_rows() -> None:
    spec = hybrid_requests_2021()
    table = Table(spec)
    for r in spec.rows:
        for c in spec.cols_for(r.id):
            table.cells[(r.id, c)] = Cell(None if r.optional else 0, kind="absent" if r.optional else "number")
    printed = [r.id for r in printed_rows(table)]
    assert "other" in printed
    assert not {"other_overdue_correction", "other_overdue_fee", "other_reasons"} & set(printed)
    regular = TEMPLATE_2021.table("requests")
    assert [r.id for r in printed_rows(Table(regular))] == [r.id for r in regular.rows]
