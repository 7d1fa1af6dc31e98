"""TEXT.MISMATCH on constructed reports: the statements recognised, the cells compared, and the
ambiguous or unrelated sentences that must stay silent."""

from __future__ import annotations

import pytest
from rules_factory import make_report, num, set_cell

from core.options import Options
from core.rules.prose import check_prose, statements


def _report(prose, year=2020):
    r = make_report("2019", year=year, prose=prose)
    t = "requests"
    vals = {"new_received": 23, "carried_over": 8, "total": 30, "carried_forward": 1}
    for row, v in vals.items():
        set_cell(r, t, row, "total", num(v))
    for c, v in {"review_total": 2, "suit_direct_total": 1, "suit_after_review_total": 3}.items():
        set_cell(r, "review", "all", c, num(v))
    return r


def _mismatch(prose, year=2020):
    return list(check_prose(_report(prose, year), Options()))


@pytest.mark.parametrize("sentence", [
    "2020年,我局共收到政府信息公开申请23件,2019年结转政府信息公开申请8件。",
    "全年共受理政府信息公开申请31件。",  # 受理 = 新收 + 上年结转
    "本年度新收政府信息公开申请二十三件。",
    "全年共按时办结14位申请人的政府信息公开申请30件。",
    "共办理政府信息公开申请30件,结转下一年1件。",
    "答复30件(含上年度结转申请8件,另有1件顺延到下年度答复)。",
    "全年收到群众来信251件、回复251件,办结率100%。",
    "其中自然人申请29件,法人或其他组织申请2件。",
    "因政府信息公开被申请行政复议2件,被提起行政诉讼4件。",
    "全县共办理相关案件 74 件。",
    "所有办结的信息公开申请中同意公开答复9件,部分公开答复0件。",
    "全年受理人大代表建议12件、政协提案5件。",
    "推进“一件事一次办”改革,受理申请事项。",
])
def test_agreeing_or_unrelated_sentences_are_silent(sentence):
    assert _mismatch([sentence]) == []


def test_closed_count_contradicting_the_carried_forward_row():
    s = "从申请方式看,其中16件是通过信函方式申请;从办理情况看,31件均已按时按程序办结。"
    [f] = _mismatch([s])
    assert f.rule == "TEXT.MISMATCH" and f.severity.key == "warning"
    assert f.message == ("正文“从办理情况看,31件均已按时按程序办结。”称办结申请 31 件，"
                         "但表三“（七）总计”行“总计”列为 30。")
    assert (f.expected, f.actual) == (30, 31)
    assert [(c.table, c.row, c.col) for c in f.cells] == [("requests", "total", "total")]
    assert f.evidence.startswith("从办理情况看")


@pytest.mark.parametrize("sentence,row,stated", [
    ("本年度新收政府信息公开申请25件。", "new_received", 25),
    ("全年共收到政府信息公开申请40件。", "new_received", 40),
    ("上年结转政府信息公开申请3件。", "carried_over", 3),
    ("2019年结转政府信息公开申请5件。", "carried_over", 5),
    ("另有2件政府信息公开申请结转下年度办理。", "carried_forward", 2),
    ("结转至2021年继续办理的申请4件。", "carried_forward", 4),
    ("全年共答复政府信息公开申请二十九件。", "total", 29),
])
def test_request_statements_compared_with_their_row(sentence, row, stated):
    [f] = _mismatch([sentence])
    assert f.cells[0].row == row and f.actual == stated


def test_received_may_include_carried_over_and_message_says_so():
    [f] = _mismatch(["全年共受理政府信息公开申请40件。"])
    assert "连同上年结转为 31" in f.message


def test_review_and_suit_counts():
    [f] = _mismatch(["本年度因政府信息公开被申请行政复议5件。"])
    assert f.cells[0].col == "review_total" and (f.expected, f.actual) == (2, 5)
    [f] = _mismatch(["本年度发生政府信息公开行政诉讼3件。"])
    assert {c.col for c in f.cells} == {"suit_direct_total", "suit_after_review_total"}
    assert (f.expected, f.actual) == (4, 3)
    assert _mismatch(["本年度发生政府信息公开行政诉讼4件。"]) == []


def test_other_business_counts_need_the_ogi_context():
    # a 司法局 talking about all its 行政复议 cases, outside section 四 and without 信息公开
    assert _mismatch(["全年办理行政复议案件120件。"]) == []


def test_wrong_year_carry_statements_are_ignored():
    assert _mismatch(["2017年结转政府信息公开申请9件。"]) == []


def test_statements_found_in_wrapped_lines():
    r = _report(["2020年,我局认真落实条例要求,规范办理流程,共收到政府信息公开申请", "30件,均已办结。"])
    kinds = [(s.kind, s.stated) for s in statements(r)]
    assert ("new", 30) in kinds


def test_table_not_found_means_no_comparison():
    r = _report(["本年度新收政府信息公开申请25件。"])
    r.tables["requests"].found = False
    assert list(check_prose(r, Options())) == []
