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
    # by position in `keys`: the printed value (0 for an absent cell), None while a blank or unreadable cell is
    # not deduced
    value: list[float | None] = []
    unknown: list[bool] = []
    for key in keys:
        c = cells.get(key)
        if c is not None and c.kind in ("blank", "text"):
            value.append(None)
            unknown.append(True)
        else:
            value.append(float(c.value) if c is not None and c.kind == "number" and c.value is not None else 0.0)
            unknown.append(False)
    if not any(unknown):
        return {}
    got: dict[int, float] = {}

    def side(at: tuple[int, ...]) -> tuple[float, list[int]]:
        s, free = 0.0, []
        for i in at:
            v = value[i]
            if v is None:
                free.append(i)
            else:
                s += v
        return s, free

    open_sides = [(lhs, rhs) for _, lhs, rhs in sides if any(unknown[i] for i in lhs + rhs)]
    pending = open_sides  # relations that still had an undeduced cell when last read (deductions only add)
    changed = True
    while changed:
        changed = False
        still: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        for lhs, rhs in pending:
            ls, lf = side(lhs)
            rs, rf = side(rhs)
            if lf or rf:
                still.append((lhs, rhs))
            if (lf and rf) or not (lf or rf):
                continue
            free, diff = (rf, ls - rs) if rf else (lf, rs - ls)
            if abs(diff) < EPS:
                for i in free:
                    got[i] = value[i] = 0.0
                changed = True
            elif diff > 0 and len(free) == 1 and abs(diff - round(diff)) < EPS:
                got[free[0]] = value[free[0]] = diff
                changed = True
        pending = still
    # with every deduction made: does each relation hold, and which relations have a single blank cell (the value
    # deduced for it there is independent of any other blank)
    holds: dict[int, bool] = {}
    support: dict[int, int] = {}
    for lhs, rhs in open_sides:
        ls, lf = side(lhs)
        rs, rf = side(rhs)
        ok = satisfiable(ls - rs, bool(lf), bool(rf))
        single = len({i for i in lhs + rhs if unknown[i]}) == 1
        for i in lhs + rhs:
            if i in got:
                holds[i] = holds.get(i, True) and ok
                if single:
                    support[i] = support.get(i, 0) + 1
    out: dict[CellKey, Deduction] = {}
    for cell, v in got.items():
        safe = holds[cell] and (v == 0 or support.get(cell, 0) >= 2)
        out[keys[cell]] = _deduction(int(round(v)), safe)
    return out


_SHARED: dict[tuple[int, bool], Deduction] = {}


def _deduction(value: int, safe: bool) -> Deduction:
    """Deductions are frozen and nearly all alike (0, safe): one record per value is shared."""
    d = _SHARED.get((value, safe))
    if d is None:
        if len(_SHARED) > 1024:
            _SHARED.clear()
        d = _SHARED[(value, safe)] = Deduction(value, safe)
    return d
