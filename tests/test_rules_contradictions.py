"""TEXT.CONTRADICTION: "均已办结" against 结转下年度, "未发生行政复议、行政诉讼" against 表四, "未收取信息处理费"
against a fee stated elsewhere; and the sentences about other things that must stay silent."""

from __future__ import annotations

import pytest
from rules_factory import num, set_cell
from text_support import text_report

from core.options import Options
from core.rules.contradictions import check_contradictions


def _report(lines, forward=2, review=3, suit=(0, 0)):
    r = text_report(["一、总体情况", *lines, "二、主动公开政府信息情况"])
    set_cell(r, "requests", "carried_forward", "total", num(forward))
    set_cell(r, "review", "all", "review_total", num(review))
    set_cell(r, "review", "all", "suit_direct_total", num(suit[0]))
    set_cell(r, "review", "all", "suit_after_review_total", num(suit[1]))
    return r


def _c(lines, **kw):
    return list(check_contradictions(_report(lines, **kw), Options()))


def test_all_closed_while_carried_forward():
    [f] = _c(["全年共收到政府信息公开申请31件，上年结转2件；从办理情况看，31件均已按时按程序办结。"])
    assert f.message == ("正文“从办理情况看,31件均已按时按程序办结。”（第2行）称申请均已办结，"
                         "但表三“四、结转下年度继续办理”行“总计”列为 2。")
    assert (f.rule, f.severity.key, f.expected, f.actual) == ("TEXT.CONTRADICTION", "warning", 0, 2)
    assert [(c.table, c.row, c.col) for c in f.cells] == [("requests", "carried_forward", "total")]


@pytest.mark.parametrize("line", [
    "全年收到政府信息公开申请34件，所有申请均已按时办结。",  # nothing carried forward (below: forward=0)
])
def test_all_closed_with_nothing_carried_forward_is_silent(line):
    assert _c([line], forward=0) == []


@pytest.mark.parametrize("line", [
    "全年收到政府信息公开申请34件，除2件结转下年度继续办理外，其余均已按时办结。",
    "人大代表建议和政协提案均已办结，满意率100%。",
    "全年受理群众来信和网上申请事项128件，均已办结。",
    "所有申请均已按时答复，转下一年度办理答复的有2件。",
])
def test_all_closed_about_other_things_or_explained_is_silent(line):
    assert _c([line]) == []


def test_no_review_while_table_four_has_reviews():
    [f] = _c(["本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。"], review=3, suit=(0, 0))
    assert f.message == ("正文“本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。”（第2行）称未发生行政复议或行政诉讼，"
                         "但表四“行政复议—总计”为 3。")
    assert [(c.table, c.row, c.col) for c in f.cells] == [("review", "all", "review_total")]


def test_no_suit_while_table_four_has_suits():
    [f] = _c(["全年无政府信息公开行政复议和行政诉讼。"], review=0, suit=(1, 2))
    assert "表四行政诉讼“总计”（未经复议直接起诉与复议后起诉之和）为 3" in f.message


@pytest.mark.parametrize("line", [
    "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。",  # review=0, suit=0 below
])
def test_no_review_agreeing_with_table_four_is_silent(line):
    assert _c([line], review=0, suit=(0, 0)) == []


@pytest.mark.parametrize("line", [
    "2024年有1件涉及政府信息公开工作的行政复议，该行政复议件未被复议审查机关纠错。",
    "2023年未发生行政复议，本年度发生3件。",
    "未经复议直接起诉的案件为0件。",
])
def test_review_sentences_that_are_no_denial_are_silent(line):
    assert _c([line]) == []


def test_no_fee_and_a_fee_elsewhere():
    lines = ["全年收取政府信息公开信息处理费120元。", "六、其他需要报告的事项", "本年度未收取信息处理费。"]
    [f] = _c(lines)
    assert f.message == ("正文“本年度未收取信息处理费。”（第4行）称未收取信息处理费，"
                         "但“全年收取政府信息公开信息处理费120元。”（第2行）写明收取了费用。")


@pytest.mark.parametrize("lines", [
    ["全年收取政府信息公开信息处理费0元。", "本年度未收取信息处理费。"],
    ["本年度未收取信息处理费。"],
    ["全年收取信息处理费120元。"],
])
def test_consistent_fee_statements_are_silent(lines):
    assert _c(lines) == []
