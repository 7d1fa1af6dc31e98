"""The blank deduction (core.rules.blanks.deduce) and the evaluation of all relations at once
(core.relations.evaluate_all) give exactly what the plain per-cell evaluation gives, on the seed tables with
random cells blanked, made unreadable, removed or changed."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from conftest import SEEDS

from core.api import load_report
from core.model import Cell, Table
from core.relations import EPS, CellKey, Equation, equations, evaluate, evaluate_all, satisfiable
from core.rules.blanks import Deduction, deduce


def reference_deduce(table: Table) -> dict[CellKey, Deduction]:
    """The deduction as first written: dictionaries of known and deduced cells, every relation re-read."""
    eqs = equations(table.spec)
    if not eqs:
        return {}
    known: dict[CellKey, float] = {}
    unknown: set[CellKey] = set()
    for eq in eqs:
        for cell in eq.cells:
            if cell in known or cell in unknown:
                continue
            c = table.get(*cell)
            if c.kind in ("blank", "text"):
                unknown.add(cell)
            else:
                known[cell] = float(c.value) if c.kind == "number" and c.value is not None else 0.0
    if not unknown:
        return {}
    got: dict[CellKey, float] = {}

    def side(cells: tuple[CellKey, ...]) -> tuple[float, list[CellKey]]:
        s, free = 0.0, []
        for cell in cells:
            v = known.get(cell)
            if v is not None:
                s += v
            elif cell in got:
                s += got[cell]
            else:
                free.append(cell)
        return s, free

    changed = True
    while changed:
        changed = False
        for eq in eqs:
            ls, lf = side(eq.lhs)
            rs, rf = side(eq.rhs)
            if (lf and rf) or not (lf or rf):
                continue
            free, diff = (rf, ls - rs) if rf else (lf, rs - ls)
            if abs(diff) < EPS:
                for cell in free:
                    got[cell] = 0.0
                changed = True
            elif diff > 0 and len(free) == 1 and abs(diff - round(diff)) < EPS:
                got[free[0]] = diff
                changed = True
    by_cell: dict[CellKey, list[Equation]] = {}
    for eq in eqs:
        for cell in eq.cells:
            by_cell.setdefault(cell, []).append(eq)
    out: dict[CellKey, Deduction] = {}
    for cell, value in got.items():
        support = 0
        holds = True
        for eq in by_cell[cell]:
            ls, lf = side(eq.lhs)
            rs, rf = side(eq.rhs)
            if not satisfiable(ls - rs, bool(lf), bool(rf)):
                holds = False
            if all(c == cell or c not in unknown for c in eq.cells):
                support += 1
        safe = holds and (value == 0 or support >= 2)
        out[cell] = Deduction(int(round(value)), safe)
    return out


def _tables() -> list[Table]:
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip("shared seeds not present")
    return [t for p in paths for t in load_report(p).tables.values() if equations(t.spec)]


def _shaken(table: Table, rng: random.Random) -> Table:
    cells = dict(table.cells)
    for key in list(cells):
        roll = rng.random()
        if roll < 0.25:
            cells[key] = replace(cells[key], kind="blank", value=None, raw="/")
        elif roll < 0.30:
            cells[key] = replace(cells[key], kind="text", value=None, raw="若干")
        elif roll < 0.33:
            del cells[key]
        elif roll < 0.40:
            cells[key] = Cell(value=rng.choice([0, 1, 2, 5, 10, 2.5]), raw="x", kind="number")
    return Table(table.spec, cells, table.found, set(table.present_rows))


def test_deduction_and_evaluation_equal_the_plain_ones() -> None:
    rng = random.Random(20261130)
    checked = 0
    for table in _tables():
        for variant in [table] + [_shaken(table, rng) for _ in range(40)]:
            assert deduce(variant) == reference_deduce(variant)
            assert list(deduce(variant)) == list(reference_deduce(variant))
            assert evaluate_all(variant) == {eq: evaluate(variant, eq) for eq in equations(variant.spec)}
            checked += 1
    assert checked > 100
