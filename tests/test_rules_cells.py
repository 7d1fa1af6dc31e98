"""Cell rules on constructed reports: blanks grouped per row with deduced safe fixes, text, negatives,
fractions, units; absent cells and tables that were not found are not checked."""

from __future__ import annotations

from rules_factory import HYBRID_ABSENT, blank, make_report, num, set_cell, text, zero_result_cells

from core.model import Cell
from core.options import Options
from core.rules.cells import check_cells


def _cells(report, rule=None):
    fs = list(check_cells(report, Options()))
    return [f for f in fs if rule is None or f.rule == rule]


def test_consistent_report_has_no_cell_findings():
    assert _cells(make_report("2021")) == []
    assert _cells(make_report("2019")) == []


def test_blank_row_with_zero_total_is_one_safe_finding():
    r = make_report("2021", seed=3)
    zero_result_cells(r, "denied_internal")
    for c in ("natural", "commercial", "legal"):
        set_cell(r, "requests", "denied_internal", c, blank("/"))
    [f] = _cells(r, "CELL.MISSING")
    assert f.message == ("表三“（三）不予公开 · 5.属于三类内部事务信息”行的“自然人”、“商业企业”、“法律服务机构”列"
                         "（印作“/”）为空白，模板要求填写数字，没有数据应填 0。")
    assert [(c.row, c.col) for c in f.cells] == [("denied_internal", "natural"), ("denied_internal", "commercial"),
                                                  ("denied_internal", "legal")]
    assert f.fix_safe is True
    assert [(x.col, x.value) for x in f.fix] == [("natural", 0), ("commercial", 0), ("legal", 0)]
    assert "只能为 0" in f.hint


def test_blanks_whose_row_parts_already_equal_the_total_are_safe_zeros():
    r = make_report("2021", seed=5)
    t = r.tables["requests"]
    # row 予以公开: natural and total printed and equal, the other applicant columns blank
    others = ("commercial", "research", "social", "legal", "other_org")
    zero_result_cells(r, "granted", others)
    for c in others:
        set_cell(r, "requests", "granted", c, blank())
    assert t.value("granted", "total") == t.value("granted", "natural")
    findings = _cells(r, "CELL.MISSING")
    [f] = [f for f in findings if f.cells[0].row == "granted"]
    assert f.fix_safe is True and {x.value for x in f.fix} == {0}


def test_blank_total_deduced_from_two_sums_is_a_safe_positive_fix():
    r = make_report("2021", seed=7)
    t = r.tables["requests"]
    want = t.value("carried_forward", "total")
    set_cell(r, "requests", "carried_forward", "total", blank())
    [f] = _cells(r, "CELL.MISSING")
    assert f.fix_safe is True
    assert [(x.row, x.col, x.value) for x in f.fix] == [("carried_forward", "total", want)]


def test_blank_with_unknown_value_proposes_zero_but_not_safe():
    r = make_report("2021", seed=9)
    spec = r.tables["requests"].spec
    for c in spec.cols_for("granted"):
        set_cell(r, "requests", "granted", c, blank())
    for c in spec.cols_for("partial"):
        set_cell(r, "requests", "partial", c, blank())
    set_cell(r, "active", "licensing", "decisions", blank("—"))
    findings = _cells(r, "CELL.MISSING")
    assert all(not f.fix_safe for f in findings if f.cells[0].table == "active")
    [lic] = [f for f in findings if f.cells[0].table == "active"]
    assert lic.message.startswith("表二“行政许可”行的“本年处理决定数量”列（印作“—”）为空白")
    assert [x.value for x in lic.fix] == [0]


def test_whole_blank_row_message_and_review_group():
    r = make_report("2019", seed=2)
    spec = r.tables["requests"].spec
    for c in spec.cols_for("other"):
        set_cell(r, "requests", "other", c, blank())
    for c in ("review_upheld", "review_total"):
        set_cell(r, "review", "all", c, blank())
    fs = _cells(r, "CELL.MISSING")
    msgs = sorted(f.message for f in fs)
    assert "表三“（六）其他处理”行各列均为空白，模板要求填写数字，没有数据应填 0。" in msgs
    assert any(m.startswith("表四“行政复议”的“结果维持”、“总计”栏为空白") for m in msgs)


def test_absent_cells_and_missing_tables_are_not_checked():
    r = make_report("2021", seed=4, hybrid=True)
    assert all(r.tables["requests"].get(row, "natural").kind == "absent" for row in HYBRID_ABSENT)
    assert _cells(r) == []
    r.tables["review"].found = False
    set_cell(r, "review", "all", "review_total", text("不详"))
    assert _cells(r) == []


def test_text_negative_fraction_and_unit():
    r = make_report("2019", seed=11)
    set_cell(r, "requests", "granted", "natural", text("若干"))
    set_cell(r, "active", "licensing", "change", num(-3))  # 本年增/减 may be negative
    set_cell(r, "active", "licensing", "decisions", num(-2))
    set_cell(r, "active", "penalty", "decisions", num(2.5))
    set_cell(r, "active", "procurement", "amount_wan", Cell(340.065276, "3400652.76元", None, "number", "元"))
    set_cell(r, "active", "procurement", "projects", Cell(12, "12个", None, "number", "个"))
    fs = _cells(r)
    by_rule = {}
    for f in fs:
        by_rule.setdefault(f.rule, []).append(f)
    [nn] = by_rule["CELL.NOT_NUMBER"]
    assert nn.message == "表三“（一）予以公开”行“自然人”列填写的是“若干”，不是数字。"
    [neg] = by_rule["CELL.NEGATIVE"]
    assert (neg.cells[0].row, neg.cells[0].col, neg.actual) == ("licensing", "decisions", -2)
    [frac] = by_rule["CELL.FRACTION"]
    assert (frac.cells[0].row, frac.actual) == ("penalty", 2.5)
    units = sorted(f.message for f in by_rule["CELL.UNIT"])
    assert units == ["表二“政府集中采购”行“采购总金额”列写作“3400652.76元”，已按单位“元”换算为 340.065276 万元。",
                     "表二“政府集中采购”行“采购项目数量”列写作“12个”，已去掉单位“个”，按 12 计。"]
    assert all(f.severity.key == "info" for f in by_rule["CELL.UNIT"])
    assert "CELL.MISSING" not in by_rule  # text is not a blank


def test_money_may_be_fractional():
    r = make_report("2021", seed=12)
    set_cell(r, "active", "fees", "amount_wan", num(4068.208))
    assert _cells(r) == []
