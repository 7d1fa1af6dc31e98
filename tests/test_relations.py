"""The sums of each template (core.relations) as data: which relations exist, how they are checked, and that
the reader's glued-digit splitter takes its rows and sums from the spec rather than from fixed row ids."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from core import relations as R
from core.extract.fit import fit
from core.extract.glued import row_total_check, split_tokens
from core.extract.tables import Filled, resolve_glued
from core.extract.tokens import VALUE, Tok
from core.model import Cell, Table
from core.template import (
    GRID,
    SINGLE_ROW,
    TEMPLATE_2019,
    TEMPLATE_2021,
    TableSpec,
    hybrid_requests_2021,
    table_short_name,
)


def _counts(spec: TableSpec) -> Counter[str]:
    return Counter(eq.rule for eq in R.equations(spec))


def test_requests_relations_per_template():
    for template in (TEMPLATE_2019, TEMPLATE_2021):
        spec = template.table("requests")
        n_cols, n_rows = len(spec.columns), len(spec.rows)
        assert n_cols == 7
        assert _counts(spec) == {R.BALANCE: 7, R.RESULT_SUM: 7, R.ROW_SUM: n_rows}
    assert len(TEMPLATE_2021.table("requests").rows) == 25
    assert len(TEMPLATE_2019.table("requests").rows) == 23


def test_balance_and_result_sum_cells_come_from_row_roles():
    spec = TEMPLATE_2021.table("requests")
    bal = next(eq for eq in R.equations(spec) if eq.rule == R.BALANCE and eq.key == "natural")
    assert bal.lhs == (("new_received", "natural"), ("carried_over", "natural"))
    assert bal.rhs == (("total", "natural"), ("carried_forward", "natural"))
    res = next(eq for eq in R.equations(spec) if eq.rule == R.RESULT_SUM and eq.key == "total")
    assert res.lhs == (("total", "total"),)
    assert [r for r, _ in res.rhs] == [r.id for r in spec.rows if r.role == "result"]
    row = next(eq for eq in R.equations(spec) if eq.rule == R.ROW_SUM and eq.key == "granted")
    assert row.lhs == (("granted", "total"),) and len(row.rhs) == 6
    assert {eq.axis for eq in R.equations(spec) if eq.rule in (R.BALANCE, R.RESULT_SUM)} == {R.COLUMN}
    assert {eq.axis for eq in R.equations(spec) if eq.rule == R.ROW_SUM} == {R.ROW}


def test_review_has_one_group_sum_per_group_and_active_none():
    for template in (TEMPLATE_2019, TEMPLATE_2021):
        review = template.table("review")
        assert review.layout == SINGLE_ROW
        eqs = R.equations(review)
        assert _counts(review) == {R.GROUP_SUM: 3}
        assert [eq.key for eq in eqs] == [g for g, _ in review.groups]
        for eq in eqs:
            assert len(eq.lhs) == 1 and len(eq.rhs) == 4
            assert {r for r, _ in eq.cells} == {review.single_row}
        assert R.equations(template.table("active")) == ()


def test_hybrid_optional_rows_are_result_rows():
    spec = hybrid_requests_2021()
    assert spec.optional_rows == ("other_overdue_correction", "other_overdue_fee", "other_reasons")
    assert not TEMPLATE_2021.table("requests").optional_rows
    assert _counts(spec) == {R.BALANCE: 7, R.RESULT_SUM: 7, R.ROW_SUM: 26}
    res = next(eq for eq in R.equations(spec) if eq.rule == R.RESULT_SUM and eq.key == "natural")
    parts = [r for r, _ in res.rhs]
    assert "other" in parts and set(spec.optional_rows) <= set(parts)
    # absent (not printed) optional rows count as a fixed 0: the relation holds without them
    t = Table(spec, found=True)
    t.cells[("total", "natural")] = Cell(value=3, raw="3", kind="number")
    t.cells[("other", "natural")] = Cell(value=3, raw="3", kind="number")
    for r in parts:
        if r != "other" and r not in spec.optional_rows:
            t.cells[(r, "natural")] = Cell(value=0, raw="0", kind="number")
    st = R.evaluate(t, res)
    assert st.holds and not st.free_rhs


def test_check_values_and_row_check():
    spec = TEMPLATE_2021.table("requests")
    row = next(eq for eq in R.equations(spec) if eq.rule == R.ROW_SUM and eq.key == "granted")
    cols = [c.id for c in spec.columns]
    vals = dict(zip([("granted", c) for c in cols], [21, 2, 0, 0, 0, 0, 23], strict=True))
    assert R.check_values(row, vals)
    assert not R.check_values(row, {**vals, ("granted", "natural"): 20})
    assert R.check_values(row, {})  # cells not given count 0
    check = R.row_check(spec, "granted")
    assert check is not None and check([21, 2, 0, 0, 0, 0, 23]) and not check([21, 2, 0, 0, 0, 0, 22])
    review = TEMPLATE_2021.table("review")
    check4 = R.row_check(review, review.single_row)
    assert check4 is not None
    assert check4([1, 2, 0, 0, 3] * 3) and not check4([1, 2, 0, 0, 3] * 2 + [1, 2, 0, 0, 4])
    assert R.row_check(TEMPLATE_2021.table("active"), "regulations") is None


def test_template_layout_data():
    assert [t.layout for t in TEMPLATE_2021.tables] == ["blocks", GRID, SINGLE_ROW]
    assert [table_short_name(t) for t in ("active", "requests", "review")] == ["表二", "表三", "表四"]
    assert table_short_name("nope") == "nope"
    for a, b in zip(TEMPLATE_2019.tables, TEMPLATE_2021.tables, strict=True):
        assert a.anchors == b.anchors and a.anchors.start  # regions are found before the version is known
    review = TEMPLATE_2021.table("review")
    assert review.group_label("suit_direct") == "行政诉讼（未经复议直接起诉）"
    assert {g: len(cols) for g, cols in review.group_columns().items()} == {g: 5 for g, _ in review.groups}


def _renamed(spec: TableSpec) -> TableSpec:
    """The same table with every row and column id changed: whatever still works reads its ids from the spec."""
    rows = tuple(replace(r, id="r_" + r.id) for r in spec.rows)
    cols = tuple(replace(c, id="c_" + c.id) for c in spec.columns)
    return replace(spec, id="t_" + spec.id, rows=rows, columns=cols)


def _toks(*texts: str) -> list[Tok]:
    return [Tok(t, VALUE, None) for t in texts]


def test_splitter_uses_the_spec_relations_of_a_renamed_table():
    spec = _renamed(TEMPLATE_2021.table("requests"))
    r = R.equations(spec)
    assert _counts(spec) == {R.BALANCE: 7, R.RESULT_SUM: 7, R.ROW_SUM: 25}
    assert all(c.startswith("c_") for eq in r for _, c in eq.cells)
    granted = "r_granted"
    f = fit(_toks("212000023"), 7, last_is_total=True, check=R.row_check(spec, granted))
    assert f.candidates == split_tokens(["212000023"], 7, row_total_check)
    assert [2, 1, 20, 0, 0, 0, 23] in f.candidates and [21, 2, 0, 0, 0, 0, 23] in f.candidates
    review = _renamed(TEMPLATE_2021.table("review"))
    f4 = fit(_toks("1", "2", "0", "0", "3", "00000", "10001"), 15, last_is_total=False,
             check=R.row_check(review, review.single_row))
    assert f4.recovered


def test_resolve_glued_picks_the_split_that_makes_the_column_sums_hold():
    spec = _renamed(TEMPLATE_2021.table("requests"))
    cols = [c.id for c in spec.columns]
    table = Table(spec, found=True)

    def put(row: str, values: list[int]) -> None:
        for c, v in zip(cols, values, strict=True):
            table.cells[(row, c)] = Cell(value=v, raw=str(v), kind="number")

    for row in spec.rows:
        put(row.id, [0] * 7)
    # "予以公开" printed glued: two splits satisfy its own 总计; only one makes the columns add up
    put("r_new_received", [1, 1, 0, 0, 0, 0, 2])
    put("r_total", [1, 1, 0, 0, 0, 0, 2])
    cands = [[1, 1, 0, 0, 0, 0, 2], [0, 0, 0, 0, 0, 2, 2]]
    filled = Filled(table)
    fitted = fit(_toks("1"), 7, last_is_total=True, check=None)
    fitted.candidates = cands
    fitted.glued = "11002"
    filled.pending["r_granted"] = fitted
    resolve_glued(filled)
    assert not filled.pending
    assert [table.value("r_granted", c) for c in cols] == [1, 1, 0, 0, 0, 0, 2]
    assert [f.rule for f in filled.findings] == ["PARSE.RECOVERED"]
