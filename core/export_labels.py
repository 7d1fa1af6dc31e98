"""What the exports (workbook, text report, summary, batch) say about a report: title, cell names, findings per cell."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from core.findings import CellRef, Finding, Severity, sort_key
from core.model import Report, Table
from core.template import REVIEW_GROUP_LABELS, RowSpec, TableSpec

EDIT_SOURCE_LABELS = {"safe_fix": "安全修正", "fix": "采纳建议修正", "user": "人工修改"}
TABLE_NAMES = {"active": "表二", "requests": "表三", "review": "表四"}


def report_title(report: Report) -> str:
    """The title as printed, or one built from agency and year."""
    if report.title:
        return report.title.strip()
    year = f"{report.report_year}年" if report.report_year else ""
    return f"{report.agency or ''}{year}政府信息公开工作年度报告"


def format_number(value: int | float | None) -> str:
    """A value as plain text: integers without decimals, other numbers in the shortest exact form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = format(Decimal(repr(value)), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def export_rows(table: Table) -> list[RowSpec]:
    """The rows an export prints: all template rows, except in a hybrid table 三 (2021 with the 2019 single
    （六）其他处理 row) the 2021 sub-rows the report never printed, so it reads back as the same hybrid."""
    spec = table.spec
    if not spec.optional_rows:
        return list(spec.rows)
    return [r for r in spec.rows
            if r.id in table.present_rows or any(table.get(r.id, c).kind != "absent" for c in spec.cols_for(r.id))
            or not r.optional]


def table_spec(report: Report, table_id: str) -> TableSpec | None:
    t = report.tables.get(table_id)
    if t is not None:
        return t.spec
    if report.template is not None:
        try:
            return report.template.table(table_id)
        except KeyError:
            return None
    return None


def table_name(table_id: str) -> str:
    return TABLE_NAMES.get(table_id, table_id)


def row_label(spec: TableSpec | None, row_id: str) -> str:
    if spec is None or row_id not in spec.row_index:
        return row_id
    return spec.row(row_id).label


def col_label(spec: TableSpec | None, col_id: str) -> str:
    """Column label; table 四's repeated outcome labels are qualified by their group."""
    if spec is None or col_id not in spec.col_index:
        return col_id
    col = spec.col(col_id)
    if col.group:
        return f"{REVIEW_GROUP_LABELS.get(col.group, col.group)}·{col.label}"
    return col.label


@dataclass(frozen=True)
class Where:
    """A finding's place in words: table name, row label(s), column label(s)."""

    table: str
    rows: str
    cols: str
    first: CellRef | None


def _distinct(items: list[str]) -> list[str]:
    out: list[str] = []
    for i in items:
        if i and i not in out:
            out.append(i)
    return out


def where(report: Report, finding: Finding) -> Where:
    if not finding.cells:
        return Where("", "", "", None)
    tables = _distinct([c.table for c in finding.cells])
    first = finding.cells[0]
    spec = table_spec(report, first.table)
    rows = _distinct([row_label(table_spec(report, c.table), c.row) for c in finding.cells])
    cols = _distinct([col_label(table_spec(report, c.table), c.col) for c in finding.cells])
    if spec is not None and spec.id == "review":
        rows = []
    return Where("、".join(table_name(t) for t in tables), "、".join(rows), "、".join(cols), first)


def published_value(report: Report, finding: Finding) -> int | float | None:
    """The number the report printed that the finding is about: `actual`, else the one cell's published value."""
    if finding.actual is not None:
        return finding.actual
    if len(finding.cells) == 1:
        c = finding.cells[0]
        if c.table in report.tables:
            return report.original_value(c.table, c.row, c.col)
    return None


def findings_by_cell(findings: list[Finding]) -> dict[tuple[str, str, str], list[Finding]]:
    out: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        for c in f.cells:
            out[(c.table, c.row, c.col)].append(f)
    return out


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=sort_key)


def counts(findings: list[Finding]) -> dict[Severity, int]:
    out = {s: 0 for s in Severity}
    for f in findings:
        out[f.severity] += 1
    return out


def edit_source_label(source: str) -> str:
    return EDIT_SOURCE_LABELS.get(source, source)
