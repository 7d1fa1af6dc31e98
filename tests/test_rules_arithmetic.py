"""Arithmetic rules and their diagnoses on hand-made tables: messages with printed labels, expected/actual,
crossing cell, exchanged cells, misfiled applicant type, split digit, blanks counted without cascades."""

from __future__ import annotations

from rules_factory import blank, make_report, num, set_cell

from core.options import Options
from core.rules.arithmetic import check_arithmetic


def _report(values: dict[tuple[str, str], int], version: str = "2021", carried: dict[str, int] | None = None):
    """A report whose table 三 holds these applicant values in result rows; totals computed, then printed."""
    r = make_report(version, seed=1)
    t = r.tables["requests"]
    spec = t.spec
    parts = [c.id for c in spec.columns if not c.is_total]
    results = [x.id for x in spec.rows if x.role == "result"]
    carried = carried or {}
    for row in spec.rows:
        for c in spec.cols_for(row.id):
            t.cells[(row.id, c)] = num(0)
    for (row, c), v in values.items():
        t.cells[(row, c)] = num(v)
    for c in parts:
        tot = sum(values.get((row, c), 0) for row in results)
        t.cells[("total", c)] = num(tot)
        t.cells[("carried_over", c)] = num(carried.get(c, 0))
        t.cells[("new_received", c)] = num(tot - carried.get(c, 0))
    for row in spec.rows:
        t.cells[(row.id, "total")] = num(sum(int(t.value(row.id, c) or 0) for c in parts))
    return r


def _arith(r):
    return list(check_arithmetic(r, Options()))


BASE = {("granted", "natural"): 5, ("granted", "commercial"): 3, ("partial", "natural"): 2,
        ("unable_no_info", "legal"): 4}


def test_hand_made_table_is_consistent():
    assert _arith(_report(BASE)) == []


def test_crossing_cell_messages_expected_actual_and_hint():
    r = _report(BASE)
    set_cell(r, "requests", "total", "natural", num(8))  # parts give 7
    fs = {f.rule: f for f in _arith(r)}
    assert set(fs) == {"T3.RESULT_SUM", "T3.ROW_SUM", "T3.BALANCE"}
    res = fs["T3.RESULT_SUM"]
    assert res.message == "表三“（七）总计”行“自然人”列为 8，但各办理结果之和为 7。"
    assert (res.expected, res.actual) == (7, 8)
    assert (res.cells[0].row, res.cells[0].col) == ("total", "natural")
    row = fs["T3.ROW_SUM"]
    assert row.message == "表三“（七）总计”行“总计”列为 14，但六类申请人之和为 15。"
    bal = fs["T3.BALANCE"]
    assert bal.message == ("表三“自然人”列：一、本年新收（7）加二、上年结转（0）为 7，"
                           "但（七）总计（8）加四、结转下年度继续办理（0）为 8。")
    assert (bal.expected, bal.actual) == (7, 8)
    for f in fs.values():
        assert f.hint.startswith("“（七）总计”行“自然人”列的 8 同时使")
        assert "若该格为 7" in f.hint
        assert [(x.row, x.col, x.value) for x in f.fix] == [("total", "natural", 7)] and not f.fix_safe
        assert f.severity.key == "error"


def test_exchanged_cells_in_one_column():
    r = _report(BASE)
    set_cell(r, "requests", "granted", "natural", num(2))
    set_cell(r, "requests", "partial", "natural", num(5))
    fs = _arith(r)
    assert sorted(f.rule for f in fs) == ["T3.ROW_SUM", "T3.ROW_SUM"]
    for f in fs:
        assert "（5）与" in f.hint or "（2）与" in f.hint
        assert "互换后" in f.hint
        assert {(x.row, x.value) for x in f.fix} == {("granted", 5), ("partial", 2)}


def test_misfiled_applicant_type_names_the_row():
    r = _report({("granted", "natural"): 5, ("granted", "commercial"): 3})
    set_cell(r, "requests", "granted", "natural", num(6))
    set_cell(r, "requests", "granted", "commercial", num(2))
    fs = _arith(r)
    assert sorted((f.rule, f.cells[0].col) for f in fs) == [("T3.RESULT_SUM", "commercial"),
                                                             ("T3.RESULT_SUM", "natural")]
    for f in fs:
        assert "被计入了错误的申请人类型" in f.hint
        assert "“（一）予以公开”行（“自然人”的 1 件应计入“商业企业”）" in f.hint
        assert {(x.col, x.value) for x in f.fix} == {("natural", 5), ("commercial", 3)}


def test_misfiled_without_a_unique_row_gives_a_generic_hint():
    r = _report({("granted", "natural"): 5, ("granted", "commercial"): 3, ("partial", "natural"): 4,
                 ("partial", "commercial"): 2})
    set_cell(r, "requests", "granted", "natural", num(6))
    set_cell(r, "requests", "granted", "commercial", num(2))
    fs = _arith(r)
    assert len(fs) == 2
    for f in fs:
        assert "被计入了错误的申请人类型" in f.hint and "出现在" not in f.hint and f.fix is None


def test_split_digit():
    # table 四 printed 1 | 0 | 0 | 0 | 10: the 10 was split over two cells
    r = make_report("2021", seed=2)
    for c, v in {"review_upheld": 1, "review_corrected": 0, "review_other": 0, "review_pending": 0,
                 "review_total": 10}.items():
        set_cell(r, "review", "all", c, num(v))
    [f] = _arith(r)
    assert f.hint == ("“行政复议 · 结果维持”栏的 1 与“行政复议 · 结果纠正”栏的 0 连读为 10，恰好使合计相符，"
                      "可能是一个数字 10 被拆成了两格（错位）。")
    assert f.fix is None


def test_crossing_beats_split_digit_when_a_column_disagrees():
    r = _report({("granted", "natural"): 1, ("granted", "commercial"): 0})
    set_cell(r, "requests", "granted", "total", num(10))
    fs = _arith(r)
    assert {f.rule for f in fs} == {"T3.ROW_SUM", "T3.RESULT_SUM"}
    assert all("若该格为 1" in f.hint for f in fs)


def test_review_group_sum():
    r = make_report("2021", seed=2)
    for c, v in {"review_upheld": 10, "review_corrected": 1, "review_other": 0, "review_pending": 0,
                 "review_total": 0}.items():
        set_cell(r, "review", "all", c, num(v))
    [f] = _arith(r)
    assert f.rule == "T4.GROUP_SUM"
    assert f.message == "表四“行政复议”的“总计”为 0，但结果维持、结果纠正、其他结果、尚未审结之和为 11。"
    assert (f.expected, f.actual) == (11, 0)
    assert [c.col for c in f.cells] == ["review_total", "review_upheld", "review_corrected", "review_other",
                                        "review_pending"]


def test_blanks_count_as_zero_without_cascade():
    r = _report(BASE)
    # 四、结转 总计 printed blank while its parts say 1: one CELL.MISSING, no arithmetic finding
    set_cell(r, "requests", "carried_forward", "natural", num(1))
    set_cell(r, "requests", "total", "natural", num(6))
    set_cell(r, "requests", "granted", "natural", num(4))
    set_cell(r, "requests", "granted", "total", num(7))
    set_cell(r, "requests", "total", "total", num(13))
    set_cell(r, "requests", "carried_forward", "total", blank())
    assert _arith(r) == []
    # a blank cannot absorb a difference on the wrong side: parts exceed the printed total
    set_cell(r, "requests", "partial", "legal", blank())
    set_cell(r, "requests", "partial", "total", num(1))
    fs = [f for f in _arith(r) if f.rule == "T3.ROW_SUM"]
    assert [(f.cells[0].row, f.expected, f.actual) for f in fs] == [("partial", 2, 1)]


def test_hybrid_absent_rows_count_as_zero():
    r = make_report("2021", seed=8, hybrid=True)
    assert _arith(r) == []
    set_cell(r, "requests", "other", "natural", num((r.tables["requests"].value("other", "natural") or 0) + 2))
    fs = _arith(r)
    assert {f.rule for f in fs} == {"T3.ROW_SUM", "T3.RESULT_SUM"}


def test_tables_not_found_are_not_checked():
    r = _report(BASE)
    set_cell(r, "requests", "total", "natural", num(80))
    r.tables["requests"].found = False
    assert _arith(r) == []


_HINT_SCRIPT = """
import sys
sys.path[:0] = [{root!r}, {tests!r}]
from test_rules_arithmetic import BASE, _arith, _report
from rules_factory import num, set_cell
r = _report(BASE)
set_cell(r, "requests", "total", "natural", num(8))
print(_arith(r)[0].hint)
"""


def test_hints_name_the_relations_in_template_order_whatever_the_hash_seed():
    """The relations a correction repairs are listed in the order of the template's relations (BALANCE,
    RESULT_SUM, then the rows), the same in every process (not in the order of a set of hashed records)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    tests = Path(__file__).resolve().parent
    script = _HINT_SCRIPT.format(root=str(tests.parent), tests=str(tests))
    hints = set()
    for seed in ("0", "1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        hints.add(out.stdout.strip())
    [hint] = hints
    balance, result, row = hint.index("“一+二”"), hint.index("各办理结果之和"), hint.index("六类申请人之和")
    assert balance < result < row, hint
