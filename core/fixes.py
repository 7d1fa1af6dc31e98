"""Applying proposed fixes to a Report (for `export --apply-fixes`, the desktop's "apply" buttons and batch).

`apply_fix` applies one finding's proposal (the officer accepted it); `apply_safe_fixes` applies only
fixes marked safe, and even then only to cells that are still blank: a published number is never
overwritten by an automatic fix. Every change goes through Report.set_value, so it is recorded and
can be undone.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.findings import Finding
from core.model import Edit, Report


def _differs(report: Report, table: str, row: str, col: str, value: int | float | None) -> bool:
    cell = report.tables[table].get(row, col)
    return cell.kind != "number" or cell.value != value


def apply_fix(report: Report, finding: Finding) -> list[Edit]:
    """Apply the values a finding proposes; cells that already hold the value are left alone."""
    if not finding.fix:
        return []
    source = "safe_fix" if finding.fix_safe else "fix"
    edits = []
    for item in finding.fix:
        if item.table not in report.tables or not _differs(report, item.table, item.row, item.col, item.value):
            continue
        edits.append(report.set_value(item.table, item.row, item.col, item.value, source=source, rule=finding.rule))
    return edits


def apply_safe_fixes(report: Report, findings: Iterable[Finding]) -> list[Edit]:
    """Apply every safe fix to cells that are blank (as published or left blank); returns the edits made."""
    edits: list[Edit] = []
    done: set[tuple[str, str, str]] = set()
    for f in findings:
        if not (f.fix_safe and f.fix):
            continue
        for item in f.fix:
            key = (item.table, item.row, item.col)
            if key in done or item.table not in report.tables:
                continue
            cell = report.tables[item.table].get(item.row, item.col)
            if cell.kind != "blank":
                continue  # never overwrite a published number (or unreadable text) automatically
            done.add(key)
            edits.append(report.set_value(item.table, item.row, item.col, item.value, source="safe_fix",
                                          rule=f.rule))
    return edits
