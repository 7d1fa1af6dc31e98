"""TEXT.MISMATCH for outcome statements (core.rules.compound): 予以公开及部分公开, 无法提供 and the others against the
sums of their 表三 rows, and a stated share against the table's share; agreeing and breakdown clauses are silent."""

from __future__ import annotations

import pytest
from rules_factory import num, set_cell
from text_support import text_report

from core.options import Options
from core.rules.compound import check_compound

ROWS = {"granted": 150, "partial": 108, "denied_state_secret": 3, "denied_third_party": 2,
        "unable_no_info": 200, "unable_need_creation": 60, "unable_unclear": 5, "total": 761,
        "new_received": 700, "carried_over": 80}


def _report(line):
    r = text_report(["一、总体情况", line, "二、主动公开政府信息情况"])
    t = r.tables["requests"]
    for row in t.spec.row_index:
        if t.get(row, "total").kind != "absent":
            set_cell(r, "requests", row, "total", num(ROWS.get(row, 0)))
    return r


def _m(line):
    return list(check_compound(_report(line), Options()))


@pytest.mark.parametrize("line", [
    "全年办结政府信息公开申请761件，其中予以公开及部分公开258件（33.9%），无法提供265件。",
    "予以公开150件，占19.7%；部分公开108件；不予公开5件；无法提供265件，占34.8%。",
    "同意公开答复150件，不予处理0件。",
    "本年度依申请公开中，予以公开和部分公开的申请共258件，占比33.90%。",
    "其中自然人申请予以公开120件。",  # broken down by applicant
    "予以公开件数较上年增加12件。",  # a comparison
])
def test_agreeing_or_skipped_statements_are_silent(line):
    assert _m(line) == []


def test_compound_count_against_the_two_rows():
    [f] = _m("全年收到政府信息公开申请700件，其中予以公开及部分公开268件。")
    assert f.rule == "TEXT.MISMATCH" and (f.expected, f.actual) == (258, 268)
    assert f.message == "正文“其中予以公开及部分公开268件”（第2行）称予以公开及部分公开 268 件，但表三相应各行“总计”列之和为 258。"
    assert [c.row for c in f.cells] == ["granted", "partial"]


def test_unable_against_its_three_rows():
    [f] = _m("依申请公开办理中，无法提供256件。")
    assert (f.expected, f.actual) == (265, 256)
    assert [c.row for c in f.cells] == ["unable_no_info", "unable_need_creation", "unable_unclear"]


def test_share_against_the_tables_share():
    [f] = _m("办结申请761件，其中予以公开及部分公开258件，占43.9%。")
    assert f.message == ("正文“其中予以公开及部分公开258件,占43.9%”（第2行）称予以公开及部分公开占 43.9%，"
                         "但按表三计算，予以公开及部分公开 258 件占办理结果总计的 33.9%。")
