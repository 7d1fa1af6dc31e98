"""The standardized text report (CLI and desktop): title, metadata, six sections, fixed-layout tables, findings.

The layout is one the reader reads back to the same tables, so an officer can edit the file in a text
editor and check it again. Tables are pipe rows with every cell present (a blank cell is "| |").
The validation summary comes last, after the line `SUMMARY_MARKER`, so it is never taken for report text.
"""

from __future__ import annotations

import os
from pathlib import Path

from core.atomic import atomic_write_text
from core.export_labels import (
    col_label,
    counts,
    edit_source_label,
    format_number,
    report_title,
    row_label,
    sorted_findings,
    table_name,
    table_spec,
)
from core.findings import Finding, Severity
from core.model import Report, Section, Table
from core.template import SECTION_HEADINGS, TableSpec

SUMMARY_MARKER = "==== 核查结果（年报核查工具生成，不属于报告正文） ===="
TABLE_SECTIONS = {2: "active", 3: "requests", 4: "review"}


def pipe_row(cells: list[str]) -> str:
    """`| a | b |`; an empty cell is written `| |`."""
    return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"


def _cell_text(table: Table, row: str, col: str) -> str:
    cell = table.get(row, col)
    if cell.value is None:
        if cell.kind == "text" and cell.raw:
            return " ".join(cell.raw.replace("|", "｜").split())
        return ""
    return format_number(cell.value)


def _block_table(table: Table) -> list[str]:
    spec = table.spec
    out: list[str] = []
    for caption, rows in spec.blocks():
        if caption:
            out.append(pipe_row([caption]))
        cols = spec.cols_for(rows[0].id)
        out.append(pipe_row([spec.corner] + [spec.col(c).label for c in cols]))
        for row in rows:
            out.append(pipe_row([row.label] + [_cell_text(table, row.id, c) for c in spec.cols_for(row.id)]))
    return out


def _requests_table(table: Table) -> list[str]:
    spec = table.spec
    head = spec.columns[0].header[0] if spec.columns[0].header else ""
    out = [spec.corner] if spec.corner else []
    out.append(pipe_row([head] + [c.label for c in spec.columns]))
    for row in spec.rows:
        out.append(pipe_row([row.label] + [_cell_text(table, row.id, c) for c in spec.cols_for(row.id)]))
    return out


def _review_table(table: Table) -> list[str]:
    spec = table.spec
    cols = spec.cols_for("all")
    return [pipe_row([col_label(spec, c) for c in cols]), pipe_row([_cell_text(table, "all", c) for c in cols])]


def table_lines(table: Table) -> list[str]:
    if table.spec.id == "active":
        return _block_table(table)
    if table.spec.id == "requests":
        return _requests_table(table)
    return _review_table(table)


def _metadata(report: Report) -> list[str]:
    rows = [
        ("发布机关", report.agency or ""),
        ("报告年度", f"{report.report_year}年" if report.report_year else ""),
        ("发布日期", report.published or ""),
        ("模板", report.template.name if report.template else ""),
        ("源文件", Path(report.path).name if report.path else ""),
        ("SHA-256", report.sha256 or ""),
    ]
    return [f"{k}：{v}" for k, v in rows if v]


def _section(report: Report, number: int) -> Section | None:
    for s in report.sections:
        if s.number == number and s.found:
            return s
    return None


def _prose(text: str) -> list[str]:
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _finding_line(n: int, f: Finding) -> list[str]:
    out = [f"{n}. [{f.rule}] " + " ".join(f.message.split())]
    if f.hint:
        out.append("   提示：" + " ".join(f.hint.split()))
    return out


def _summary(report: Report, findings: list[Finding]) -> list[str]:
    n = counts(findings)
    out = [SUMMARY_MARKER,
           f"错误 {n[Severity.ERROR]} 项，警告 {n[Severity.WARNING]} 项，提示 {n[Severity.INFO]} 项"]
    ordered = sorted_findings(findings)
    for sev in sorted(Severity, reverse=True):
        group = [f for f in ordered if f.severity == sev]
        if not group:
            continue
        out.append(f"【{sev.label}】")
        for i, f in enumerate(group, start=1):
            out.extend(_finding_line(i, f))
    if not findings:
        out.append("未发现问题。")
    if report.edits:
        out.append("【已更正的单元格】")
        for e in report.edits:
            spec: TableSpec | None = table_spec(report, e.table)
            place = " ".join(p for p in (table_name(e.table), row_label(spec, e.row) if e.table != "review" else "",
                                         col_label(spec, e.col)) if p)
            out.append(f"- {place}：{format_number(e.old) or '空白'} → {format_number(e.new) or '空白'}"
                       f"（{edit_source_label(e.source)}{'，' + e.rule if e.rule else ''}）")
    return out


def render_text(report: Report, findings: list[Finding]) -> str:
    """The standardized report as one string ("\\n" line ends, ending with a newline)."""
    out = [report_title(report), ""]
    out.extend(_metadata(report))
    for number, heading in enumerate(SECTION_HEADINGS, start=1):
        out.append("")
        out.append(heading)
        section = _section(report, number)
        prose = _prose(section.text) if section else []
        out.extend(prose)
        table_id = TABLE_SECTIONS.get(number)
        if table_id and table_id in report.tables:
            if prose:
                out.append("")
            out.extend(table_lines(report.tables[table_id]))
        elif not prose and section is None:
            out.append("（原报告未见本部分。）")
    out.append("")
    out.extend(_summary(report, findings))
    text = "\n".join(out) + "\n"
    if report.script == "traditional":
        from core.textnorm import to_simplified

        text = to_simplified(text)
    return text


def export_text(report: Report, findings: list[Finding], out_path: str | os.PathLike[str]) -> None:
    """Write the standardized text report atomically (UTF-8, no BOM); refuses to overwrite the input."""
    if report.error:
        raise ValueError(f"报告无法读取，不能导出：{report.error}")
    atomic_write_text(out_path, render_text(report, findings), source=report.path or None)
