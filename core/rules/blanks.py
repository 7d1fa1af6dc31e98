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
from core.relations import EPS, CellKey, plan, satisfiable


@dataclass(frozen=True)
class Deduction:
    value: int
    safe: bool


def deduce(table: Table) -> dict[CellKey, Deduction]:
    """Deduced values of the blank and unreadable cells of one table (empty for tables without relations)."""
    keys, sides = plan(table.spec)
    if not sides:
        return {}
    cells = table.cells
    known: list[float] = []  # by position in `keys`: the printed value (0 for an absent cell)
    unknown: list[bool] = []  # blank or unreadable
    for key in keys:
        c = cells.get(key)
        if c is not None and c.kind in ("blank", "text"):
            known.append(0.0)
            unknown.append(True)
        else:
            known.append(float(c.value) if c is not None and c.kind == "number" and c.value is not None else 0.0)
            unknown.append(False)
    if not any(unknown):
        return {}
    got: dict[int, float] = {}

    def side(at: tuple[int, ...]) -> tuple[float, list[int]]:
        s, free = 0.0, []
        for i in at:
            if not unknown[i]:
                s += known[i]
            elif i in got:
                s += got[i]
            else:
                free.append(i)
        return s, free

    changed = True
    while changed:
        changed = False
        for _, lhs, rhs in sides:
            ls, lf = side(lhs)
            rs, rf = side(rhs)
            if (lf and rf) or not (lf or rf):
                continue
            free, diff = (rf, ls - rs) if rf else (lf, rs - ls)
            if abs(diff) < EPS:
                for i in free:
                    got[i] = 0.0
                changed = True
            elif diff > 0 and len(free) == 1 and abs(diff - round(diff)) < EPS:
                got[free[0]] = diff
                changed = True
    by_cell: dict[int, list[tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    for _, lhs, rhs in sides:
        for i in lhs + rhs:
            by_cell.setdefault(i, []).append((lhs, rhs))
    out: dict[CellKey, Deduction] = {}
    for cell, value in got.items():
        support = 0
        holds = True
        for lhs, rhs in by_cell[cell]:
            ls, lf = side(lhs)
            rs, rf = side(rhs)
            if not satisfiable(ls - rs, bool(lf), bool(rf)):
                holds = False
            # independent support: every other cell of the relation is printed
            if all(i == cell or not unknown[i] for i in lhs + rhs):
                support += 1
        safe = holds and (value == 0 or support >= 2)
        out[keys[cell]] = Deduction(int(round(value)), safe)
    return out
