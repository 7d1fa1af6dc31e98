"""The arithmetic relations of tables 三 and 四 as data (built from the template specs), and their evaluation.

Used by the arithmetic rules, by core.rules.diagnose (hints) and by the blank-cell deduction of the cell rules.

How blanks count: a blank cell (printed blank, "/", "-", "—", "无") and an unreadable text cell are
*free* in a relation: they count as 0 in the sums shown to the user, but a relation is only reported
as broken when no non-negative value of its free cells could make it hold. A single missing cell
therefore never produces a cascade of arithmetic errors; the blank itself is reported as CELL.MISSING
(with the value the sums imply). A cell that is absent (not printed at all, e.g. the 2021 （六）
sub-rows of a hybrid table) counts as a fixed 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.model import Table
from core.template import TableSpec

CellKey = tuple[str, str]  # (row id, column id)
EPS = 1e-9


@dataclass(frozen=True)
class Equation:
    """sum(lhs) == sum(rhs). For a total relation lhs is the single total cell and rhs its parts."""

    rule: str  # T3.BALANCE | T3.RESULT_SUM | T3.ROW_SUM | T4.GROUP_SUM
    table: str
    key: str  # the column id (per-column rules), the row id (ROW_SUM) or the group (GROUP_SUM)
    lhs: tuple[CellKey, ...]
    rhs: tuple[CellKey, ...]

    @property
    def cells(self) -> tuple[CellKey, ...]:
        return self.lhs + self.rhs

    def coef(self, cell: CellKey) -> int:
        return 1 if cell in self.lhs else -1


@dataclass(frozen=True)
class State:
    """An equation evaluated on a table: sums with free cells as 0, and where free cells are."""

    lhs: float
    rhs: float
    free_lhs: tuple[CellKey, ...]
    free_rhs: tuple[CellKey, ...]

    @property
    def residual(self) -> float:
        return self.lhs - self.rhs

    @property
    def holds(self) -> bool:
        return satisfiable(self.residual, bool(self.free_lhs), bool(self.free_rhs))


def satisfiable(residual: float, free_lhs: bool, free_rhs: bool) -> bool:
    """Can non-negative values of the free cells make lhs − rhs == 0?"""
    if abs(residual) < EPS:
        return True
    if residual > 0:
        return free_rhs
    return free_lhs


_CACHE: dict[int, tuple[TableSpec, tuple[Equation, ...]]] = {}


def equations(spec: TableSpec) -> tuple[Equation, ...]:
    """All arithmetic relations of a table spec (none for table 二)."""
    hit = _CACHE.get(id(spec))
    if hit is not None and hit[0] is spec:
        return hit[1]
    eqs = tuple(_build(spec))
    _CACHE[id(spec)] = (spec, eqs)
    return eqs


def _build(spec: TableSpec) -> list[Equation]:
    out: list[Equation] = []
    if spec.id == "requests":
        total_cols = [c.id for c in spec.columns if c.is_total]
        parts_cols = [c.id for c in spec.columns if not c.is_total]
        inputs = [r.id for r in spec.rows if r.role == "input"]
        results = [r.id for r in spec.rows if r.role == "result"]
        totals = [r.id for r in spec.rows if r.role == "total"]
        forward = [r.id for r in spec.rows if r.role == "forward"]
        for c in spec.columns:
            out.append(Equation("T3.BALANCE", spec.id, c.id, tuple((r, c.id) for r in inputs),
                                tuple((r, c.id) for r in totals + forward)))
        for c in spec.columns:
            out.append(Equation("T3.RESULT_SUM", spec.id, c.id, tuple((r, c.id) for r in totals),
                                tuple((r, c.id) for r in results)))
        for r in spec.rows:
            out.append(Equation("T3.ROW_SUM", spec.id, r.id, tuple((r.id, c) for c in total_cols),
                                tuple((r.id, c) for c in parts_cols)))
    elif spec.id == "review":
        groups: dict[str, list[str]] = {}
        for c in spec.columns:
            if c.group:
                groups.setdefault(c.group, []).append(c.id)
        for row in spec.rows:
            for g, cols in groups.items():
                tot = tuple((row.id, c) for c in cols if spec.col(c).is_total)
                parts = tuple((row.id, c) for c in cols if not spec.col(c).is_total)
                out.append(Equation("T4.GROUP_SUM", spec.id, g, tot, parts))
    return out


def cell_value(table: Table, cell: CellKey) -> tuple[float, bool]:
    """(value for the sums, free?) of one cell: blanks and unreadable text are free and count 0."""
    c = table.get(*cell)
    if c.kind == "number" and c.value is not None:
        return float(c.value), False
    if c.kind in ("blank", "text"):
        return 0.0, True
    return 0.0, False  # absent: not printed at all


def evaluate(table: Table, eq: Equation) -> State:
    lhs = rhs = 0.0
    fl: list[CellKey] = []
    fr: list[CellKey] = []
    for cell in eq.lhs:
        v, free = cell_value(table, cell)
        lhs += v
        if free:
            fl.append(cell)
    for cell in eq.rhs:
        v, free = cell_value(table, cell)
        rhs += v
        if free:
            fr.append(cell)
    return State(lhs, rhs, tuple(fl), tuple(fr))


def as_number(x: float) -> int | float:
    """Sums for messages and JSON: integers when whole."""
    return int(round(x)) if abs(x - round(x)) < EPS else x
