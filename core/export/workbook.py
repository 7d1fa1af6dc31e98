"""The corrected Excel workbook for the CLI and the desktop app: table sheets, 核查结果, 修改记录, 报告信息, 报告原文."""

from __future__ import annotations

import io
import os

from openpyxl import Workbook

from core.atomic import atomic_write_bytes
from core.export.review import NO_REVIEW, Review
from core.export.workbook_sheets import (
    AUX_SHEETS,
    EDITS_SHEET,
    FINDINGS_SHEET,
    INFO_SHEET,
    SOURCE_SHEET,
    SheetCoords,
    write_edits_sheet,
    write_findings_sheet,
    write_info_sheet,
)
from core.export.workbook_source import write_source_sheet
from core.export.workbook_tables import write_table_sheet
from core.export.xlsx_cells import xml_safe
from core.findings import Finding, Findings
from core.layout import report_title
from core.model import Report
from core.template import TABLE_IDS, table_short_name

__all__ = ["AUX_SHEETS", "build_workbook", "export_workbook", "workbook_bytes"]


def build_workbook(report: Report, findings: list[Finding], prev: Report | None = None,
                   review: Review = NO_REVIEW) -> Workbook:
    """The workbook in memory: 表二, 表三, 表四 (the tables present), then the listing sheets and 报告原文. `review`:
    her decisions (an ignored finding colours no cell and is counted apart) and the publication date she set."""
    if report.error:
        raise ValueError(f"报告无法读取，不能导出：{report.error}")
    wb = Workbook()
    default = wb.active
    by_cell = Findings(review.counted(findings)).by_cell
    coords: SheetCoords = {}
    for table_id in TABLE_IDS:
        table = report.tables.get(table_id)
        if table is None:
            continue
        ws = wb.create_sheet(table_short_name(table_id))
        coords[table_id] = write_table_sheet(ws, report, table, by_cell)
    write_findings_sheet(wb.create_sheet(FINDINGS_SHEET), report, findings, coords, review)
    write_edits_sheet(wb.create_sheet(EDITS_SHEET), report, coords)
    write_info_sheet(wb.create_sheet(INFO_SHEET), report, findings, prev, review)
    write_source_sheet(wb.create_sheet(SOURCE_SHEET), report)
    if default is not None:
        wb.remove(default)
    wb.active = 0
    wb.properties.title = xml_safe(report_title(report))
    wb.properties.creator = "年报核查"
    return wb


def workbook_bytes(report: Report, findings: list[Finding], prev: Report | None = None,
                   review: Review = NO_REVIEW) -> bytes:
    buf = io.BytesIO()
    build_workbook(report, findings, prev, review).save(buf)
    return buf.getvalue()


def export_workbook(report: Report, findings: list[Finding], out_path: str | os.PathLike[str],
                    prev: Report | None = None, review: Review = NO_REVIEW) -> None:
    """Write the workbook atomically; refuses to overwrite the report's own file (prev: last year's report, for the
    ratios' change; review: her decisions and date)."""
    atomic_write_bytes(out_path, workbook_bytes(report, findings, prev, review), source=report.path or None)
