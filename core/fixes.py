"""Applying proposed fixes to a Report (for `export --apply-fixes`, the desktop's "apply" buttons and batch).

`fix_changes` lists what one finding's proposal would change (the officer accepted it); `safe_fix_changes`
lists only fixes marked safe, and even then only for cells that are still blank: a published number is never
overwritten by an automatic fix. The desktop turns these lists into undoable commands; `apply_fix` and
`apply_safe_fixes` apply them through Report.set_value, so every change is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.findings import Finding
from core.model import Edit, Report


@dataclass(frozen=True)
class FixChange:
    """One cell a fix would set: the value, how (safe_fix | fix) and the rule that proposed it."""

    table: str
    row: str
    col: str
    value: int | float | None
    source: str
    rule: str


def _differs(report: Report, table: str, row: str, col: str, value: int | float | None) -> bool:
    cell = report.tables[table].get(row, col)
    return cell.kind != "number" or cell.value != value


def fix_changes(report: Report, finding: Finding) -> list[FixChange]:
    """The values a finding proposes, for cells that do not already hold them."""
    if not finding.fix:
        return []
    source = "safe_fix" if finding.fix_safe else "fix"
    return [FixChange(x.table, x.row, x.col, x.value, source, finding.rule) for x in finding.fix
            if x.table in report.tables and _differs(report, x.table, x.row, x.col, x.value)]


def safe_fix_changes(report: Report, findings: Iterable[Finding]) -> list[FixChange]:
    """Every safe fix for a cell that is blank (as published or left blank); the first proposal for a cell wins."""
    out: dict[tuple[str, str, str], FixChange] = {}
    for f in findings:
        if not (f.fix_safe and f.fix):
            continue
        for x in f.fix:
            key = (x.table, x.row, x.col)
            if key in out or x.table not in report.tables:
                continue
            if report.tables[x.table].get(x.row, x.col).kind != "blank":
                continue  # never overwrite a published number (or unreadable text) automatically
            out[key] = FixChange(x.table, x.row, x.col, x.value, "safe_fix", f.rule)
    return list(out.values())


def _apply(report: Report, changes: list[FixChange]) -> list[Edit]:
    return [report.set_value(c.table, c.row, c.col, c.value, source=c.source, rule=c.rule) for c in changes]


def apply_fix(report: Report, finding: Finding) -> list[Edit]:
    """Apply the values a finding proposes; cells that already hold the value are left alone."""
    return _apply(report, fix_changes(report, finding))


def apply_safe_fixes(report: Report, findings: Iterable[Finding]) -> list[Edit]:
    """Apply every safe fix to cells that are blank; returns the edits made."""
    return _apply(report, safe_fix_changes(report, findings))
