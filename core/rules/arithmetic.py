"""Arithmetic rules T3.BALANCE, T3.RESULT_SUM, T3.ROW_SUM, T4.GROUP_SUM for core.validate, with hints.

Relations come from the template (core.relations); blanks count as 0 in the numbers shown and a
relation fails only when no non-negative value of its blank cells could make it hold (see there).
For a total relation `expected` is the sum of the parts and `actual` the printed total; for
T3.BALANCE `expected` is 一+二 and `actual` is （七）总计+四. A published total is never changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from core import layout as L
from core import messages as M
from core import relations
from core.findings import CellRef, Finding, make
from core.model import Report, Table
from core.options import Options
from core.relations import Equation, State, as_number, cell_value, equations
from core.rules.diagnose import diagnose
from core.rules.reportcache import remember_table
from core.rules.reportcache import states as table_states

RULE_IDS = ("T3.BALANCE", "T3.RESULT_SUM", "T3.ROW_SUM", "T4.GROUP_SUM")


def check_arithmetic(report: Report, options: Options) -> Iterator[Finding]:
    for table in report.tables.values():
        if table.found and equations(table.spec):
            yield from remember_table(table, "arithmetic", partial(_findings, table))


def _findings(table: Table) -> tuple[Finding, ...]:
    return tuple(_table(table))


def _table(table: Table) -> Iterator[Finding]:
    states = table_states(table)
    if all(s.holds for s in states.values()):
        return
    diags = diagnose(table, states)
    for eq, st in states.items():
        if st.holds:
            continue
        d = diags.get(eq)
        yield make(eq.rule, _message(table, eq, st),
                   cells=tuple(CellRef(table.spec.id, r, c) for r, c in eq.cells),
                   expected=as_number(st.rhs if len(eq.lhs) == 1 else st.lhs),
                   actual=as_number(st.lhs if len(eq.lhs) == 1 else st.rhs),
                   hint=d.hint if d else None, fix=d.fix if d else None, fix_safe=False)


def _n(table: Table, eq_cells: tuple[tuple[str, str], ...]) -> str:
    return L.value_text(as_number(sum(cell_value(table, c)[0] for c in eq_cells)))


def _message(table: Table, eq: Equation, st: State) -> str:
    spec = table.spec
    if eq.rule == relations.BALANCE:
        col = L.col_label(spec, eq.key)
        return M.T3_BALANCE.format(col=col, new=_n(table, eq.lhs[:1]), carried=_n(table, eq.lhs[1:]),
                                   lhs=L.value_text(as_number(st.lhs)), total=_n(table, eq.rhs[:1]),
                                   forward=_n(table, eq.rhs[1:]), rhs=L.value_text(as_number(st.rhs)))
    total, parts = L.value_text(as_number(st.lhs)), L.value_text(as_number(st.rhs))
    if eq.rule == relations.RESULT_SUM:
        return M.T3_RESULT_SUM.format(col=L.col_label(spec, eq.key), total=total, parts=parts)
    if eq.rule == relations.ROW_SUM:
        return M.T3_ROW_SUM.format(row=L.row_label(spec, eq.key), total=total, parts=parts)
    return M.T4_GROUP_SUM.format(group=spec.group_label(eq.key), total=total, parts=parts)
