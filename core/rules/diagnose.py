"""Likely causes of failed sums in tables 三/四, as Chinese hints and proposed (never safe) fixes.

Given the evaluated relations of one table, it looks, in this order, for
1. one cell at the crossing of failing relations whose single correction repairs all of them;
2. two cells whose exchange repairs the relations they touch;
3. one applicant column +k and another −k in the same relation family while every row adds up
   (a request filed under the wrong applicant type);
4. two adjacent single digits that, read as one number, make the total (a split digit).
The arithmetic rules attach the first diagnosis found to every failing relation it explains.
A proposed fix may change a published number, so it is never marked safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from core import layout as L
from core import messages as M
from core.findings import FixItem
from core.model import Table
from core.relations import COLUMN, EPS, ROW, CellKey, Equation, State, as_number, satisfiable


@dataclass(frozen=True)
class Diagnosis:
    hint: str
    fix: tuple[FixItem, ...] | None = None
    cells: tuple[CellKey, ...] = ()


class _Ctx:
    def __init__(self, table: Table, states: dict[Equation, State]) -> None:
        self.table = table
        self.spec = table.spec
        self.states = states
        self.failing = [e for e, s in states.items() if not s.holds]
        self.order = {eq: i for i, eq in enumerate(states)}
        self.by_cell: dict[CellKey, list[Equation]] = {}
        for eq in states:
            for cell in eq.cells:
                self.by_cell.setdefault(cell, []).append(eq)

    def value(self, cell: CellKey) -> float | None:
        c = self.table.get(*cell)
        return float(c.value) if c.kind == "number" and c.value is not None else None

    def ok_after(self, changes: dict[CellKey, float]) -> tuple[bool, list[Equation]]:
        """Do all relations touched by these value changes hold afterwards? Also which failing ones they repair."""
        # in the order of the relations (a set's order would follow the string hashes, which change per process)
        touched = sorted({eq for cell in changes for eq in self.by_cell.get(cell, [])}, key=self.order.__getitem__)
        repaired = []
        for eq in touched:
            st = self.states[eq]
            r = st.residual + sum(eq.coef(c) * d for c, d in changes.items() if c in eq.cells)
            if not satisfiable(r, bool(st.free_lhs), bool(st.free_rhs)):
                return False, []
            if not st.holds:
                repaired.append(eq)
        return True, repaired

    def name(self, cell: CellKey) -> str:
        return L.cell_short(self.spec, *cell)

    def phrase(self, eq: Equation) -> str:
        return M.eq_phrase(self.spec, eq.rule, eq.key)


def diagnose(table: Table, states: dict[Equation, State]) -> dict[Equation, Diagnosis]:
    ctx = _Ctx(table, states)
    out: dict[Equation, Diagnosis] = {}
    if not ctx.failing:
        return out
    for finder in (_crossing, _swap, _misfiled, _split_digit):
        for eqs, diag in finder(ctx, [e for e in ctx.failing if e not in out]):
            for eq in eqs:
                out.setdefault(eq, diag)
        if len(out) == len(ctx.failing):
            break
    return out


def _number_cells(ctx: _Ctx, eqs: list[Equation]) -> list[CellKey]:
    seen: dict[CellKey, None] = {}
    for eq in eqs:
        for cell in eq.cells:
            if ctx.value(cell) is not None:
                seen.setdefault(cell)
    return list(seen)


def _crossing(ctx: _Ctx, failing: list[Equation]) -> list[tuple[list[Equation], Diagnosis]]:
    found: list[tuple[CellKey, float, list[Equation]]] = []
    for cell in _number_cells(ctx, failing):
        mine = [e for e in ctx.by_cell[cell] if e in failing]
        if len(mine) < 2:
            continue
        deltas = {round(-ctx.states[e].residual / e.coef(cell), 9) for e in mine}
        if len(deltas) != 1:
            continue
        delta = deltas.pop()
        old = ctx.value(cell)
        assert old is not None
        new = old + delta
        if new < -EPS or abs(new - round(new)) > EPS:
            continue
        ok, repaired = ctx.ok_after({cell: delta})
        if ok and len(repaired) >= 2:
            found.append((cell, new, repaired))
    out = []
    for cell, new, repaired in found:
        # only when no other candidate explains one of the same relations
        if any(other is not cell and set(r2) & set(repaired) for other, _, r2 in found):
            continue
        old = ctx.value(cell)
        hint = M.HINT_CROSSING.format(cell=ctx.name(cell), value=L.value_text(as_number(old or 0)),
                                      eqs="、".join(ctx.phrase(e) for e in repaired),
                                      repair=L.value_text(as_number(new)))
        fix = (FixItem(ctx.spec.id, cell[0], cell[1], as_number(new)),)
        out.append((repaired, Diagnosis(hint, fix, (cell,))))
    return out


def _swap(ctx: _Ctx, failing: list[Equation]) -> list[tuple[list[Equation], Diagnosis]]:
    cells = _number_cells(ctx, failing)
    by_value: dict[float, list[CellKey]] = {}
    for cell in cells:
        by_value.setdefault(round(ctx.value(cell) or 0.0, 9), []).append(cell)
    failing_set = set(failing)
    out = []
    used: set[Equation] = set()
    tried: set[tuple[CellKey, CellKey]] = set()
    for x in cells:
        vx = ctx.value(x)
        assert vx is not None
        # a swap must repair x's own failing relations: the change of x is one of these amounts
        wanted = {round(-ctx.states[e].residual / e.coef(x), 9) for e in ctx.by_cell[x] if e in failing_set}
        for delta in wanted:
            for y in by_value.get(round(vx + delta, 9), ()):
                pair = (x, y) if x < y else (y, x)
                if y == x or pair in tried:
                    continue
                tried.add(pair)
                vy = vx + delta
                ok, repaired = ctx.ok_after({x: delta, y: -delta})
                if not ok or len(repaired) < 2 or used.intersection(repaired):
                    continue
                used.update(repaired)
                hint = M.HINT_SWAP.format(a=ctx.name(x), va=L.value_text(as_number(vx)), b=ctx.name(y),
                                          vb=L.value_text(as_number(vy)))
                fix = (FixItem(ctx.spec.id, x[0], x[1], as_number(vy)),
                       FixItem(ctx.spec.id, y[0], y[1], as_number(vx)))
                out.append((repaired, Diagnosis(hint, fix, (x, y))))
    return out


def _misfiled(ctx: _Ctx, failing: list[Equation]) -> list[tuple[list[Equation], Diagnosis]]:
    # only while every row adds up: then a column +k and another −k is a request filed in the wrong column
    if any(e.axis == ROW for e in ctx.failing):
        return []
    out = []
    col_eqs = [e for e in failing if e.axis == COLUMN and not ctx.spec.col(e.key).is_total]
    for e1, e2 in combinations(col_eqs, 2):
        if e1.rule != e2.rule:
            continue
        r1, r2 = ctx.states[e1].residual, ctx.states[e2].residual
        if abs(r1 + r2) > EPS:
            continue
        k = abs(r1)
        a, b = e1.key, e2.key
        moves = []
        for row in dict.fromkeys(r for r, _ in e1.cells):
            for t in (k, -k):
                ca, cb = (row, a), (row, b)
                va, vb = ctx.value(ca), ctx.value(cb)
                if va is None or vb is None or va + t < -EPS or vb - t < -EPS:
                    continue
                ok, repaired = ctx.ok_after({ca: t, cb: -t})
                if ok and e1 in repaired and e2 in repaired:
                    moves.append((row, ca, cb, t))
        where, fix = "", None
        if len(moves) == 1:
            row, ca, cb, t = moves[0]
            src, dst = (cb, ca) if t > 0 else (ca, cb)
            where = M.HINT_MISFILED_ROW.format(row=L.row_label(ctx.spec, row), cell_from=f"“{L.col_label(ctx.spec, src[1])}”",
                                               cell_to=f"“{L.col_label(ctx.spec, dst[1])}”",
                                               k=L.value_text(as_number(k)))
            va, vb = ctx.value(ca), ctx.value(cb)
            assert va is not None and vb is not None
            fix = (FixItem(ctx.spec.id, row, a, as_number(va + t)), FixItem(ctx.spec.id, row, b, as_number(vb - t)))
        hint = M.HINT_MISFILED.format(a=L.col_label(ctx.spec, a), b=L.col_label(ctx.spec, b),
                                      ra=_signed(r1), rb=_signed(r2), k=L.value_text(as_number(k)), where=where)
        out.append(([e1, e2], Diagnosis(hint, fix, tuple(c for m in moves[:1] for c in m[1:3]))))
    return out


def _signed(x: float) -> str:
    v = as_number(x)
    return f"+{L.value_text(v)}" if v > 0 else f"−{L.value_text(-v)}"


def _split_digit(ctx: _Ctx, failing: list[Equation]) -> list[tuple[list[Equation], Diagnosis]]:
    out = []
    for eq in failing:
        if len(eq.lhs) != 1:
            continue
        total = ctx.states[eq].lhs
        parts = ctx.states[eq].rhs
        for x, y in zip(eq.rhs, eq.rhs[1:], strict=False):
            da, db = _digit(ctx, x), _digit(ctx, y)
            if da is None or db is None or da == 0:
                continue
            joined = 10 * da + db
            if abs(parts - da - db + joined - total) < EPS:
                hint = M.HINT_SPLIT.format(a=ctx.name(x), da=da, b=ctx.name(y), db=db, joined=joined)
                out.append(([eq], Diagnosis(hint, None, (x, y))))
                break
    return out


def _digit(ctx: _Ctx, cell: CellKey) -> int | None:
    c = ctx.table.get(*cell)
    raw = c.raw.strip()
    if c.kind == "number" and len(raw) == 1 and raw.isdigit():
        return int(raw)
    return None
