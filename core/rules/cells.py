"""Cell rules (CELL.MISSING, CELL.NOT_NUMBER, CELL.NEGATIVE, CELL.FRACTION, CELL.UNIT) for core.validate.

Only tables that were located are checked. CELL.MISSING is one finding per row (per group in table 四)
naming its blank cells; cells that were not printed at all (kind "absent") are not blanks. Its fix
fills the blanks with the values the printed numbers force (see core.rules.blanks), otherwise with 0
as a proposal; it is marked safe only when every blank of the finding is safely deduced.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from core import layout as L
from core import messages as M
from core.findings import CellRef, Finding, FixItem, make
from core.model import Report, Table
from core.options import Options
from core.relations import CellKey, Equation, as_number
from core.rules.blanks import Deduction, deduce
from core.rules.reportcache import remember_table, states
from core.template import MONEY, SIGNED, SINGLE_ROW, TableSpec

RULE_IDS = ("CELL.MISSING", "CELL.NOT_NUMBER", "CELL.NEGATIVE", "CELL.FRACTION", "CELL.UNIT")


def check_cells(report: Report, options: Options) -> Iterator[Finding]:
    for table in report.tables.values():
        if table.found:
            yield from remember_table(table, "cells", partial(_findings, table))


class _Plan:
    """What the rule needs of a spec's cells, worked out once per spec: per cell (in template order) its key,
    column kind, group, name and reference, and the column and row labels of the messages."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.cells = tuple(((row, col), spec.col(col).kind, spec.col(col).group or "", L.cell_name(spec, row, col),
                            (CellRef(spec.id, row, col),)) for row, col in spec.cells())
        self.col_labels = {c.id: (c.label if spec.layout == SINGLE_ROW else L.col_label(spec, c.id))
                           for c in spec.columns}
        self.row_labels = {r.id: L.row_label(spec, r.id) for r in spec.rows}
        self.widths = {r.id: len(spec.cols_for(r.id)) for r in spec.rows}
        self.refs = {key: ref[0] for key, _, _, _, ref in self.cells}
        self._fixes: dict[tuple[CellKey, int | float | None], FixItem] = {}

    def fix_item(self, key: CellKey, value: int | float | None) -> FixItem:
        """The (frozen, shared) fix item setting a cell to a value."""
        item = self._fixes.get((key, value))
        if item is None:
            if len(self._fixes) > 4096:  # values proposed over a long session: keep the memory small
                self._fixes.clear()
            item = self._fixes[(key, value)] = FixItem(self.spec.id, key[0], key[1], value)
        return item


_PLANS: dict[int, _Plan] = {}


def _plan(spec: TableSpec) -> _Plan:
    plan = _PLANS.get(id(spec))
    if plan is None or plan.spec is not spec:
        plan = _PLANS[id(spec)] = _Plan(spec)
    return plan


def _findings(table: Table) -> tuple[Finding, ...]:
    return tuple(_table(table))


def _table(table: Table) -> Iterator[Finding]:
    spec = table.spec
    plan = _plan(spec)
    cells = table.cells
    deduced: dict[CellKey, Deduction] | None = None
    blanks: dict[tuple[str, str], list[CellKey]] = {}  # (row, group) -> blank cells, in template order
    for key, ckind, group, name, ref in plan.cells:
        cell = cells.get(key)
        if cell is None:  # absent: not printed at all
            continue
        kind = cell.kind
        if kind == "blank":
            blanks.setdefault((key[0], group), []).append(key)
        elif kind == "text":
            if deduced is None:
                deduced = deduce(table)
            d = deduced.get(key)
            fix = (FixItem(spec.id, key[0], key[1], d.value),) if d else None
            yield make("CELL.NOT_NUMBER", M.CELL_NOT_NUMBER.format(cell=name, raw=cell.raw.strip()), cells=ref,
                       actual=None, fix=fix, fix_safe=False)
        elif kind == "number" and cell.value is not None:
            v = cell.value
            if v < 0 and ckind != SIGNED:
                yield make("CELL.NEGATIVE", M.CELL_NEGATIVE.format(cell=name, value=L.value_text(v)), cells=ref,
                           actual=v)
            if ckind != MONEY and float(v) != int(v):
                yield make("CELL.FRACTION", M.CELL_FRACTION.format(cell=name, value=L.value_text(v)), cells=ref,
                           actual=v)
            if cell.unit:
                converted = ckind == MONEY and cell.unit != "万元"
                text = M.CELL_UNIT if converted else M.CELL_UNIT_DROPPED
                yield make("CELL.UNIT", text.format(cell=name, raw=cell.raw.strip(), unit=cell.unit,
                                                    value=L.value_text(v)), cells=ref, actual=v)
    if not blanks:
        return
    if deduced is None:
        deduced = deduce(table)
    residuals: dict[CellKey, list[tuple[Equation, float]]] = {}
    for eq, st in states(table).items():
        r = st.residual
        if abs(r) > 1e-9:
            for c in eq.cells:
                residuals.setdefault(c, []).append((eq, r))
    for (row, group), keys in blanks.items():
        yield _missing(table, plan, row, group, keys, deduced, residuals)


def _missing(table: Table, plan: _Plan, row: str, group: str, cells: list[CellKey],
             deduced: dict[CellKey, Deduction], residuals: dict[CellKey, list[tuple[Equation, float]]]) -> Finding:
    spec = table.spec
    marks = sorted({table.cells[c].raw.strip() for c in cells} - {""})
    raw = M.CELL_MISSING_RAW.format(marks="、".join(f"“{m}”" for m in marks)) if marks else ""
    cols = M.quoted_list([plan.col_labels[c] for _, c in cells])
    if spec.layout == SINGLE_ROW:
        msg = M.CELL_MISSING_REVIEW.format(table=spec.short_name, group=spec.group_label(group),
                                           cols=cols, raw=raw)
    else:
        whole = len(cells) == plan.widths[row] and len(cells) > 1
        msg = (M.CELL_MISSING_ROW if whole else M.CELL_MISSING).format(
            table=spec.short_name, row=plan.row_labels[row], cols=cols, raw=raw)
    found = [deduced.get(c) for c in cells]
    fix = tuple(plan.fix_item(c, d.value if d is not None else 0) for c, d in zip(cells, found, strict=True))
    safe = all(d is not None and d.safe for d in found)
    return make("CELL.MISSING", msg, cells=tuple(plan.refs[c] for c in cells),
                hint=_hint(table, cells, deduced, residuals), fix=fix, fix_safe=safe)


def _hint(table: Table, cells: list[CellKey], deduced: dict[CellKey, Deduction],
          residuals: dict[CellKey, list[tuple[Equation, float]]]) -> str | None:
    spec = table.spec
    if cells and all(c in deduced for c in cells):
        positive = [(c, deduced[c].value) for c in cells if deduced[c].value]
        if not positive:
            return M.CELL_MISSING_HINT_ZERO
        items = "，".join(M.CELL_MISSING_HINT_ITEM.format(cell=L.cell_short(spec, *c), value=v) for c, v in positive)
        rest = M.CELL_MISSING_HINT_REST if len(positive) < len(cells) else ""
        return M.CELL_MISSING_HINT_VALUE.format(items=items, rest=rest)
    # a relation that only holds if these blanks carry a number
    for cell in cells:
        for eq, r in residuals.get(cell, []):
            return M.CELL_MISSING_HINT_ABSORB.format(eq=M.eq_phrase(spec, eq.rule, eq.key),
                                                     diff=L.value_text(as_number(abs(r))))
    return None
