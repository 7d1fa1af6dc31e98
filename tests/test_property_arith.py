"""Property tests of the arithmetic rules: consistent tables raise nothing; one changed cell of table 三 or 四
is always named by an arithmetic finding, and where the change breaks crossing sums the hint names the
cell and its original value."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rules_factory import HYBRID_ABSENT, add_delta, blank, make_report, set_cell

from core import layout as L
from core.options import Options
from core.relations import equations, evaluate
from core.rules.arithmetic import RULE_IDS, check_arithmetic

VARIANTS = st.sampled_from([("2019", False), ("2021", False), ("2021", True)])


def _arith(report):
    return list(check_arithmetic(report, Options()))


@settings(max_examples=150, deadline=None)
@given(variant=VARIANTS, seed=st.integers(0, 10**6))
def test_consistent_tables_raise_no_arithmetic_finding(variant, seed):
    version, hybrid = variant
    report = make_report(version, seed=seed, hybrid=hybrid)
    assert _arith(report) == []


@settings(max_examples=80, deadline=None)
@given(variant=VARIANTS, seed=st.integers(0, 10**6), data=st.data())
def test_zeros_printed_blank_raise_no_arithmetic_finding(variant, seed, data):
    version, hybrid = variant
    report = make_report(version, seed=seed, hybrid=hybrid)
    for tid in ("requests", "review"):
        t = report.tables[tid]
        zeros = sorted(k for k, c in t.cells.items() if c.value == 0)
        if zeros:
            chosen = data.draw(st.lists(st.sampled_from(zeros), max_size=12, unique=True))
            for r, c in chosen:
                set_cell(report, tid, r, c, blank("/"))
    assert _arith(report) == []


def _cells_to_change(report):
    out = []
    for tid in ("requests", "review"):
        spec = report.tables[tid].spec
        out += [(tid, r, c) for r, c in spec.cells() if r not in HYBRID_ABSENT or not report.hybrid]
    return out


@settings(max_examples=400, deadline=None)
@given(variant=VARIANTS, seed=st.integers(0, 10**6), data=st.data(),
       delta=st.integers(-60, 60).filter(lambda d: d != 0))
def test_one_changed_cell_is_named_and_diagnosed(variant, seed, data, delta):
    version, hybrid = variant
    report = make_report(version, seed=seed, hybrid=hybrid)
    tid, row, col = data.draw(st.sampled_from(_cells_to_change(report)))
    original = add_delta(report, tid, row, col, delta)
    findings = _arith(report)
    assert findings and all(f.rule in RULE_IDS for f in findings)
    naming = [f for f in findings if any((c.table, c.row, c.col) == (tid, row, col) for c in f.cells)]
    assert naming, f"no arithmetic finding names {tid}.{row}.{col}"
    table = report.tables[tid]
    broken = [eq for eq in equations(table.spec) if not evaluate(table, eq).holds]
    assert all((row, col) in eq.cells for eq in broken)
    if len(broken) >= 2:
        # the broken sums cross only at the changed cell: the hint names it and its original value
        name = L.cell_short(table.spec, row, col)
        for f in naming:
            assert f.hint is not None and name in f.hint, f.hint
            assert f"若该格为 {original}" in f.hint, f.hint
            assert f.fix is not None and [(x.row, x.col, x.value) for x in f.fix] == [(row, col, original)]
            assert f.fix_safe is False
