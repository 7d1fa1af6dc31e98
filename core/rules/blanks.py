"""What the printed numbers force a blank cell of table 三/四 to be; used by the cell rules for fixes.

Deduction, repeated until nothing changes, over the relations of core.relations:
- counts are non-negative, so when a relation's printed parts already equal its printed total, every
  blank part of it must be 0 (this covers "a row whose total is 0": all its blanks are 0);
- when a relation has exactly one unknown cell left, that cell is the difference (if not negative).

A deduced value is *safe* (no reading of the report can dispute it) when every relation containing
the cell holds with it, and it is 0 (forced by non-negativity), or it is positive and at least two
relations independently give the same value. Anything else is only a proposal. Published (non-blank)
cells are never changed by this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.model import Table
from core.relations import EPS, CellKey, Equation, equations, satisfiable


@dataclass(frozen=True)
class Deduction:
    value: int
    safe: bool


def deduce(table: Table) -> dict[CellKey, Deduction]:
    """Deduced values of the blank and unreadable cells of one table (empty for tables without relations)."""
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
            # independent support: every other cell of the relation is printed
            if all(c == cell or c not in unknown for c in eq.cells):
                support += 1
        safe = holds and (value == 0 or support >= 2)
        out[cell] = Deduction(int(round(value)), safe)
    return out
