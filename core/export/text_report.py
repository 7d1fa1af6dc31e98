"""The standardized text report (CLI and desktop): title, metadata, six sections, fixed-layout tables, findings.

The layout is one the reader reads back to the same tables, so an officer can edit the file in a text
editor and check it again. Tables are pipe rows with every cell present (a blank cell is "| |").
The validation summary comes last, after the line `SUMMARY_MARKER`, so it is never taken for report text.
"""

from __future__ import annotations

import os
from pathlib import Path

from core.atomic import atomic_write_text
from core.catalogue import rule_name
from core.export.review import NO_REVIEW, Review
from core.findings import Finding, Findings, Severity
from core.layout import (
    cell_text,
    col_label,
    printed_rows,
    report_cell_name,
    report_title,
    table_spec,
    value_text,
)
from core.messages import edit_source_label
from core.model import (
    SUMMARY_MARKER,
    Report,
    Section,
    Table,
)
from core.template import BLOCKS, GRID, SECTION_HEADINGS

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
    return cell_text(table.spec, col, cell.value)


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
    for row in printed_rows(table):
        out.append(pipe_row([row.label] + [_cell_text(table, row.id, c) for c in spec.cols_for(row.id)]))
    return out


def _review_table(table: Table) -> list[str]:
    spec = table.spec
    row = spec.single_row
    cols = spec.cols_for(row)
    return [pipe_row([col_label(spec, c) for c in cols]), pipe_row([_cell_text(table, row, c) for c in cols])]


def table_lines(table: Table) -> list[str]:
    if table.spec.layout == BLOCKS:
        return _block_table(table)
    if table.spec.layout == GRID:
        return _requests_table(table)
    return _review_table(table)


def _metadata(report: Report, review: Review = NO_REVIEW) -> list[str]:
    rows = [
        ("发布机关", report.agency or ""),
        ("报告年度", f"{report.report_year}年" if report.report_year else ""),
        ("发布日期", review.published_text(report)),
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


def table_regions(report: Report) -> dict[str, tuple[int, int]]:
    """Line ranges (indexes into report.lines) where the tables were printed, as the extractor found them."""
    return dict(report.regions)


def _clean_prose(lines: list[str]) -> list[str]:
    """Lines without trailing spaces, at most one blank line in a row, none at either end."""
    out: list[str] = []
    for ln in lines:
        ln = ln.rstrip()
        if not ln.strip():
            if out and out[-1]:
                out.append("")
            continue
        out.append(ln)
    while out and not out[-1]:
        out.pop()
    return out


def preamble(report: Report, regions: dict[str, tuple[int, int]]) -> list[str]:
    """The text between the title and section 一 (often the statistics period and the contact), without the title."""
    from core.textnorm import squash

    first = min((s.line for s in report.sections if s.found and s.line is not None), default=len(report.lines))
    start = 0
    if report.title:
        key = squash(report.title)
        start = next((i + 1 for i in range(first) if key and key in squash(report.lines[i].text)), 0)
    spans = list(regions.values())
    return _clean_prose([report.lines[i].text for i in range(start, first)
                         if not any(a <= i < b for a, b in spans)])


def section_prose(report: Report, section: Section, regions: dict[str, tuple[int, int]],
                  table_id: str | None) -> tuple[list[str], list[str]]:
    """The prose of a section before and after its table; the printed table lines themselves are left out."""
    if section.line is None or not report.lines:
        return _clean_prose(section.text.splitlines()), []
    later = [s.line for s in report.sections if s.found and s.line is not None and s.line > section.line]
    start, stop = section.line + 1, min(later, default=len(report.lines))
    spans = [regions[t] for t in TABLE_SECTIONS.values() if t in regions]
    own = regions.get(table_id) if table_id else None
    before: list[str] = []
    after: list[str] = []
    for i in range(start, stop):
        if any(a <= i < b for a, b in spans):
            continue
        (after if own is not None and i >= own[1] else before).append(report.lines[i].text)
    return _clean_prose(before), _clean_prose(after)


def _finding_line(n: int, f: Finding, review: Review = NO_REVIEW) -> list[str]:
    verdict = review.verdict(f)
    out = [f"{n}. 〔{f.rule_name}〕" + (f"〔{verdict}〕" if verdict else "") + " ".join(f.message.split())]
    if f.hint:
        out.append("   提示：" + " ".join(f.hint.split()))
    if note := review.note(f):
        out.append("   备注：" + " ".join(note.split()))
    return out


def _summary(report: Report, findings: list[Finding], review: Review = NO_REVIEW) -> list[str]:
    ordered = Findings(findings)
    counted, ignored = review.counted(ordered), review.ignored(ordered)
    n = Findings(counted).counts()
    out = [SUMMARY_MARKER,
           f"错误 {n[Severity.ERROR]} 项，警告 {n[Severity.WARNING]} 项，提示 {n[Severity.INFO]} 项"
           + (f"（另有 {len(ignored)} 项经核查人员忽略）" if ignored else "")]
    for sev in sorted(Severity, reverse=True):
        group = [f for f in counted if f.severity == sev]
        if not group:
            continue
        out.append(f"【{sev.label}】")
        for i, f in enumerate(group, start=1):
            out.extend(_finding_line(i, f, review))
    if ignored:
        out.append("【已忽略】")
        for i, f in enumerate(ignored, start=1):
            out.extend(_finding_line(i, f, review))
    if not findings:
        out.append("未发现问题。")
    if report.edits:
        out.append("【已更正的单元格】")
        for e in sorted(report.edits, key=lambda e: _cell_order(report, e.table, e.row, e.col)):
            kind = spec.col(e.col).kind if (spec := table_spec(report, e.table)) and e.col in spec.col_index \
                else None
            out.append(f"- {report_cell_name(report, e.table, e.row, e.col)}："
                       f"{value_text(e.old, kind) or '空白'} → {value_text(e.new, kind) or '空白'}"
                       f"（{edit_source_label(e.source)}{'，' + rule_name(e.rule) if e.rule else ''}）")
    return out


def _cell_order(report: Report, table: str, row: str, col: str) -> tuple[int, int, int]:
    """Template order of a cell (table, row, column), for listing corrections."""
    order = {"active": 0, "requests": 1, "review": 2}.get(table, 3)
    spec = table_spec(report, table)
    if spec is None or row not in spec.row_index or col not in spec.col_index:
        return (order, 0, 0)
    return (order, [r.id for r in spec.rows].index(row), [c.id for c in spec.columns].index(col))


def render_text(report: Report, findings: list[Finding], review: Review = NO_REVIEW) -> str:
    """The standardized report as one string ("\\n" line ends, ending with a newline); `review`: her decisions and
    the publication date she set."""
    out = [report_title(report), ""]
    out.extend(_metadata(report, review))
    regions = table_regions(report)
    intro = preamble(report, regions)
    if intro:
        out.append("")
        out.extend(intro)
    for number, heading in enumerate(SECTION_HEADINGS, start=1):
        out.append("")
        out.append(heading)
        section = _section(report, number)
        table_id = TABLE_SECTIONS.get(number)
        before, after = section_prose(report, section, regions, table_id) if section else ([], [])
        out.extend(before)
        if table_id and table_id in report.tables:
            if before:
                out.append("")
            out.extend(table_lines(report.tables[table_id]))
            if after:
                out.append("")
        elif section is None:
            out.append("（原报告未见本部分。）")
        out.extend(after)
    out.append("")
    out.extend(_summary(report, findings, review))
    text = "\n".join(out) + "\n"
    if report.script == "traditional":
        from core.textnorm import to_simplified

        text = to_simplified(text)
    return text


def export_text(report: Report, findings: list[Finding], out_path: str | os.PathLike[str],
                review: Review = NO_REVIEW) -> None:
    """Write the standardized text report atomically (UTF-8, no BOM); refuses to overwrite the input."""
    if report.error:
        raise ValueError(f"报告无法读取，不能导出：{report.error}")
    atomic_write_text(out_path, render_text(report, findings, review), source=report.path or None)
