"""The sums of the templates (勾稽关系) as data, for the arithmetic and cell rules, the hints and the glued-digit reader.

Every relation is built from a table spec alone, from its rows' roles and its columns' totals and groups
(core.template); nothing here names a row or a column:

- per column, when the table has input rows (role "input") and total/forward rows:
  T3.BALANCE      inputs (一 + 二) == total + forward ((七)总计 + 四)
- per column, when it has result rows and a total row:
  T3.RESULT_SUM   total ((七)总计) == sum of the results (三's rows)
- per row, when the columns have groups (表四): one per group,
  T4.GROUP_SUM    the group's total column == sum of the group's other columns
- per row otherwise, when the table has a total column (表三):
  T3.ROW_SUM      the total column (总计) == sum of the other columns
表二 has neither roles nor totals: no relation. Optional rows (a hybrid 2021 表三's sub-rows) are result
rows like the others; when they are not printed their cells are absent and count as a fixed 0.

API: `equations(spec)` gives the relations (cached per spec object), each an `Equation` with its `rule`,
`key`, `axis`, the cells of its two sides `lhs`/`rhs` (CellKey = (row id, column id)) and `cells`;
`check_values(eq, values)` tests a relation on plain numbers (cells not in `values` count 0);
`row_check(spec, row, cols)` is the check the glued-digit splitter applies to one row's candidate values.
`evaluate(table, eq)` gives its `State` on a read table, with blanks as free cells; `evaluate_all(table)` all of
them at once.

How blanks count: a blank cell (printed blank, "/", "-", "—", "无") and an unreadable text cell are
*free* in a relation: they count as 0 in the sums shown to the user, but a relation is only reported
as broken when no non-negative value of its free cells could make it hold. A single missing cell
therefore never produces a cascade of arithmetic errors; the blank itself is reported as CELL.MISSING
(with the value the sums imply). A cell that is absent (not printed at all, e.g. the 2021 （六）
sub-rows of a hybrid table) counts as a fixed 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from core.model import Table
from core.template import TableSpec

CellKey = tuple[str, str]  # (row id, column id)
Number = int | float
EPS = 1e-9

BALANCE = "T3.BALANCE"
RESULT_SUM = "T3.RESULT_SUM"
ROW_SUM = "T3.ROW_SUM"
GROUP_SUM = "T4.GROUP_SUM"
RULE_IDS = (BALANCE, RESULT_SUM, ROW_SUM, GROUP_SUM)

COLUMN = "column"  # the relation runs down one column; key is the column id
ROW = "row"  # the relation runs along one row; key is the row id (ROW_SUM) or the column group (GROUP_SUM)


@dataclass(frozen=True)
class Equation:
    """sum(lhs) == sum(rhs). For a total relation lhs is the single total cell and rhs its parts."""

    rule: str  # T3.BALANCE | T3.RESULT_SUM | T3.ROW_SUM | T4.GROUP_SUM
    table: str
    key: str  # the column id (per-column rules), the row id (ROW_SUM) or the group (GROUP_SUM)
    lhs: tuple[CellKey, ...]
    rhs: tuple[CellKey, ...]
    axis: str = COLUMN  # COLUMN | ROW

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
# the distinct cells of a spec's relations, and each relation with its sides as positions among them
Plan = tuple[tuple[CellKey, ...], tuple[tuple[Equation, tuple[int, ...], tuple[int, ...]], ...]]
_PLANS: dict[int, tuple[TableSpec, Plan]] = {}


def equations(spec: TableSpec) -> tuple[Equation, ...]:
    """All arithmetic relations of a table spec (none for table 二), in a fixed order:
    BALANCE per column, RESULT_SUM per column, then per row its ROW_SUM or its GROUP_SUMs."""
    hit = _CACHE.get(id(spec))
    if hit is not None and hit[0] is spec:
        return hit[1]
    eqs = tuple(_build(spec))
    _CACHE[id(spec)] = (spec, eqs)
    return eqs


def _build(spec: TableSpec) -> list[Equation]:
    out: list[Equation] = []
    by_role: dict[str, list[str]] = {}
    for r in spec.rows:
        by_role.setdefault(r.role, []).append(r.id)
    inputs, results = by_role.get("input", []), by_role.get("result", [])
    totals, forward = by_role.get("total", []), by_role.get("forward", [])
    if inputs and (totals or forward):
        for c in spec.columns:
            out.append(Equation(BALANCE, spec.id, c.id, tuple((r, c.id) for r in inputs),
                                tuple((r, c.id) for r in totals + forward)))
    if totals and results:
        for c in spec.columns:
            out.append(Equation(RESULT_SUM, spec.id, c.id, tuple((r, c.id) for r in totals),
                                tuple((r, c.id) for r in results)))
    groups = spec.group_columns()
    total_cols = [c.id for c in spec.columns if c.is_total]
    parts_cols = [c.id for c in spec.columns if not c.is_total]
    for row in spec.rows:
        if groups:
            for g, cols in groups.items():
                tot = tuple((row.id, c) for c in cols if spec.col(c).is_total)
                parts = tuple((row.id, c) for c in cols if not spec.col(c).is_total)
                out.append(Equation(GROUP_SUM, spec.id, g, tot, parts, ROW))
        elif total_cols:
            out.append(Equation(ROW_SUM, spec.id, row.id, tuple((row.id, c) for c in total_cols),
                                tuple((row.id, c) for c in parts_cols), ROW))
    return out


def check_values(eq: Equation, values: Mapping[CellKey, Number]) -> bool:
    """Does the relation hold on these numbers? Cells not in `values` count as 0."""
    lhs = sum(values.get(c, 0) for c in eq.lhs)
    rhs = sum(values.get(c, 0) for c in eq.rhs)
    return abs(lhs - rhs) < EPS


def row_equations(spec: TableSpec, row_id: str) -> tuple[Equation, ...]:
    """The relations along one row (its ROW_SUM, or its GROUP_SUMs)."""
    return tuple(eq for eq in equations(spec) if eq.axis == ROW and all(r == row_id for r, _ in eq.cells))


def row_check(spec: TableSpec, row_id: str,
              cols: Sequence[str] | None = None) -> Callable[[list[int]], bool] | None:
    """A check of one row's candidate values (in the order of `cols`, by default the row's columns)
    against the row's relations; None when the row has none (表二) or they need a cell outside `cols`."""
    cols = tuple(cols if cols is not None else spec.cols_for(row_id))
    eqs = row_equations(spec, row_id)
    if not eqs:
        return None
    pos = {c: i for i, c in enumerate(cols)}
    try:
        sides = [([pos[c] for _, c in eq.lhs], [pos[c] for _, c in eq.rhs]) for eq in eqs]
    except KeyError:
        return None

    def check(values: list[int]) -> bool:
        return all(sum(values[i] for i in lhs) == sum(values[j] for j in rhs) for lhs, rhs in sides)

    return check


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


def plan(spec: TableSpec) -> Plan:
    """The distinct cells of a spec's relations (in order of first use), and each relation (in the order of
    `equations`) with its sides as positions among them; cached per spec object."""
    hit = _PLANS.get(id(spec))
    if hit is not None and hit[0] is spec:
        return hit[1]
    pos: dict[CellKey, int] = {}
    for eq in equations(spec):
        for cell in eq.cells:
            pos.setdefault(cell, len(pos))
    out = (tuple(pos), tuple((eq, tuple(pos[c] for c in eq.lhs), tuple(pos[c] for c in eq.rhs))
                             for eq in equations(spec)))
    _PLANS[id(spec)] = (spec, out)
    return out


def evaluate_all(table: Table) -> dict[Equation, State]:
    """Every relation of the table evaluated, in the order of `equations` (each equal to `evaluate(table, eq)`);
    each cell is read once."""
    keys, sides = plan(table.spec)
    get = table.cells.get
    values: list[float] = []
    free: list[bool] = []
    for key in keys:
        c = get(key)
        if c is None:  # absent: not printed at all
            values.append(0.0)
            free.append(False)
        elif c.kind == "number" and c.value is not None:
            values.append(float(c.value))
            free.append(False)
        else:
            values.append(0.0)
            free.append(c.kind in ("blank", "text"))
    any_free = any(free)
    out: dict[Equation, State] = {}
    for eq, lhs_at, rhs_at in sides:
        lhs = rhs = 0.0
        for i in lhs_at:
            lhs += values[i]
        for i in rhs_at:
            rhs += values[i]
        if any_free:
            out[eq] = State(lhs, rhs, tuple(keys[i] for i in lhs_at if free[i]), tuple(keys[i] for i in rhs_at if free[i]))
        else:
            out[eq] = State(lhs, rhs, (), ())
    return out


def as_number(x: float) -> int | float:
    """Sums for messages and JSON: integers when whole."""
    return int(round(x)) if abs(x - round(x)) < EPS else x
