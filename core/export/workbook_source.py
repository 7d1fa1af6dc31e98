"""The 报告原文 sheet of the exported workbook: the report's own lines in order (title, preamble, headings, prose),
what a re-check of the workbook reads back (format in core.readers.workbook_source)."""

from __future__ import annotations

from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from core.export import xlsx_cells as xc
from core.model import Report
from core.readers.workbook_source import (
    SOURCE_FIRST_ROW,
    SOURCE_HEADERS,
    SOURCE_NOTE,
    doc_json,
    line_json,
    note_json,
)


def _in_tables(report: Report) -> set[int]:
    return {i for a, b in report.regions.values() for i in range(a, b)}


def write_source_sheet(ws: Worksheet, report: Report) -> None:
    """One row per line of the report; the printed tables' lines are hidden rows (the table sheets show them)."""
    xc.put_text(ws, 1, 1, SOURCE_NOTE)
    ws.cell(row=1, column=1).alignment = xc.LEFT
    source = Path(report.path).name if report.path else ""
    xc.put_text(ws, 2, 1, f"源文件：{source}　SHA-256：{report.sha256 or '（未知）'}")
    for j, h in enumerate(SOURCE_HEADERS, start=1):
        xc.put_text(ws, 3, j, h)
        xc.header_style(ws, 3, j)
    r = SOURCE_FIRST_ROW
    xc.put_text(ws, r, 2, doc_json(report.text_format or report.format, report.script, report.doc_meta, report.sha256))
    ws.row_dimensions[r].hidden = True
    tables = _in_tables(report)
    for i, ln in enumerate(report.lines):
        r += 1
        xc.put_text(ws, r, 1, ln.text)
        ws.cell(row=r, column=1).alignment = xc.LEFT
        xc.put_text(ws, r, 2, line_json(ln))
        if i in tables:
            ws.row_dimensions[r].hidden = True
    for note in report.reader_notes:
        r += 1
        xc.put_text(ws, r, 2, note_json(note))
        ws.row_dimensions[r].hidden = True
    xc.set_widths(ws, {1: 100, 2: 20})
    ws.column_dimensions["B"].hidden = True
    ws.freeze_panes = f"A{SOURCE_FIRST_ROW}"


__all__ = ["write_source_sheet"]
