"""The listing sheets of the exported workbook: 核查结果 (findings), 修改记录 (edits) and 报告信息 (identity, legend)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from core import __version__
from core.catalogue import rule_name
from core.export import xlsx_cells as xc
from core.export.review import NO_REVIEW, Review
from core.findings import Finding, Findings, Severity
from core.layout import col_label, date_text, place, published_number, report_title, row_label, table_spec
from core.legend import LEGEND
from core.messages import edit_source_label
from core.model import Report
from core.ratios import ratio_lines
from core.readers.workbook_source import EDIT_TECH_HEADERS, SOURCE_SHEET, number_text
from core.template import SINGLE_ROW, table_short_name

FINDINGS_SHEET = "核查结果"
EDITS_SHEET = "修改记录"
INFO_SHEET = "报告信息"
AUX_SHEETS = (FINDINGS_SHEET, EDITS_SHEET, INFO_SHEET, SOURCE_SHEET)

FINDING_HEADERS = ("严重程度", "规则", "表格", "行", "列", "发布值", "期望值", "说明", "诊断提示", "原文位置", "规则编号",
                   "核查判断", "备注")
RULE_ID_COLUMN = 11  # the technical column (rule id), hidden by default
FINDING_WIDTHS: dict[int, float] = {1: 9, 2: 18, 3: 7, 4: 30, 5: 16, 6: 9, 7: 9, 8: 60, 9: 40, 10: 14, 11: 22,
                                    12: 22, 13: 30}
EDIT_HEADERS = ("表格", "行", "列", "单元格", "原值", "新值", "修改方式", "规则", "时间")

SheetCoords = dict[str, dict[tuple[str, str], str]]  # table id → (row, col) → "C7"


def internal_link(sheet: str, coord: str) -> str:
    """The link text of a cell of this workbook, as Excel writes it: `#'表三'!C7`."""
    return f"#'{sheet}'!{coord}"


def link_to(ws: Worksheet, row: int, col: int, sheet: str, coord: str) -> None:
    """Make a cell a link to another cell of the workbook (an internal `location`, no external target)."""
    cell = ws.cell(row=row, column=col)
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=internal_link(sheet, coord)[1:],
                               tooltip=f"转到{sheet} {coord}")
    cell.font = xc.Font(color="0563C1", underline="single")


def _header_row(ws: Worksheet, headers: tuple[str, ...]) -> None:
    for j, h in enumerate(headers, start=1):
        xc.put_text(ws, 1, j, h)
        xc.header_style(ws, 1, j)
    ws.freeze_panes = "A2"


def _source_loc(report: Report, f: Finding) -> str:
    if not f.cells:
        return ""
    c = f.cells[0]
    t = report.tables.get(c.table)
    if t is None:
        return ""
    loc = t.get(c.row, c.col).loc
    return loc.describe() if loc else ""


def write_findings_sheet(ws: Worksheet, report: Report, findings: list[Finding], coords: SheetCoords,
                         review: Review = NO_REVIEW) -> None:
    """One row per finding, sorted by severity, rule and cell (the ignored ones last, unpainted); each row linked
    to its cell, with her decision and note."""
    _header_row(ws, FINDING_HEADERS)
    r = 1
    ordered = Findings(findings)
    for f in [*review.counted(ordered), *review.ignored(ordered)]:
        r += 1
        w = place(report, f)
        row_values: tuple[object, ...] = (
            f.severity.label, f.rule_name, w.table, w.rows, w.cols,
            published_number(report, f), f.expected, f.message, f.hint or "", _source_loc(report, f), f.rule,
            review.verdict(f), review.note(f),
        )
        for j, v in enumerate(row_values, start=1):
            xc.put_value(ws, r, j, v)
            ws.cell(row=r, column=j).alignment = xc.LEFT
        if not review.is_ignored(f):
            xc.paint(ws, r, 1, f.severity.key)
        if w.first is not None:
            coord = coords.get(w.first.table, {}).get((w.first.row, w.first.col))
            if coord:
                for j in (3, 8):
                    link_to(ws, r, j, table_short_name(w.first.table), coord)
        xc.fit_row_height(ws, r, {j: FINDING_WIDTHS[j] for j in (2, 4, 5, 8, 9, 10, 12, 13)})
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_HEADERS))}{max(r, 1)}"
    xc.set_widths(ws, FINDING_WIDTHS)
    ws.column_dimensions[get_column_letter(RULE_ID_COLUMN)].hidden = True
    xc.a4_landscape(ws, "1:1")


def write_edits_sheet(ws: Worksheet, report: Report, coords: SheetCoords) -> None:
    """Every correction: cell, original and new value, safe fix or the officer's own edit, rule, time."""
    _header_row(ws, EDIT_HEADERS)
    r = 1
    for e in report.edits:
        r += 1
        spec = table_spec(report, e.table)
        coord = coords.get(e.table, {}).get((e.row, e.col), "")
        values: tuple[object, ...] = (
            table_short_name(e.table), row_label(spec, e.row) if spec and spec.layout != SINGLE_ROW else "",
            col_label(spec, e.col) if spec else e.col,
            coord, e.old, e.new, edit_source_label(e.source), rule_name(e.rule) if e.rule else "", moment_text(e.at),
        )
        for j, v in enumerate(values, start=1):
            xc.put_value(ws, r, j, v)
        if coord:
            link_to(ws, r, 4, table_short_name(e.table), coord)
        tech = (e.table, e.row, e.col, number_text(e.old), number_text(e.new), e.source, e.rule or "")
        for j, text in enumerate(tech, start=len(EDIT_HEADERS) + 1):
            xc.put_text(ws, r, j, text)
    for j, h in enumerate(EDIT_TECH_HEADERS, start=len(EDIT_HEADERS) + 1):  # read back on reopening; hidden
        xc.put_text(ws, 1, j, h)
        xc.header_style(ws, 1, j)
        ws.column_dimensions[get_column_letter(j)].hidden = True
    ws.auto_filter.ref = f"A1:{get_column_letter(len(EDIT_HEADERS))}{max(r, 1)}"
    xc.set_widths(ws, {1: 7, 2: 36, 3: 20, 4: 9, 5: 10, 6: 10, 7: 14, 8: 18, 9: 20})
    xc.a4_landscape(ws, "1:1")


def moment_text(at: str | None) -> str:
    """An edit's ISO time as the officer writes it: 2026年11月30日 08:43:44 (anything else as it is)."""
    try:
        t = datetime.fromisoformat(at or "")
    except ValueError:
        return at or ""
    return f"{date_text(t.date())} {t:%H:%M:%S}"


def info_rows(report: Report, exported_at: str | None = None, review: Review = NO_REVIEW) -> list[tuple[str, str]]:
    """Label/value rows of the 报告信息 sheet (also used by the text report's metadata block)."""
    at = exported_at or datetime.now().isoformat(timespec="seconds")
    return [
        ("标题", report_title(report)),
        ("发布机关", report.agency or ""),
        ("报告年度", str(report.report_year) if report.report_year else ""),
        ("模板", report.template.name if report.template else ""),
        ("源文件", Path(report.path).name if report.path else ""),
        ("SHA-256", report.sha256 or ""),
        ("发布日期", review.published_text(report)),
        ("工具版本", f"年报核查 {__version__}"),
        ("导出时间", at),
    ]


def write_info_sheet(ws: Worksheet, report: Report, findings: list[Finding], prev: Report | None = None,
                     review: Review = NO_REVIEW) -> None:
    """Identity of the report and of this export, counts by severity (ignored findings apart), the colour legend and
    the main ratios (with last year's figures and the change when last year's report is known)."""
    r = 0
    for label, value in info_rows(report, review=review):
        r += 1
        xc.put_text(ws, r, 1, label)
        xc.header_style(ws, r, 1)
        xc.put_text(ws, r, 2, value)
        ws.cell(row=r, column=2).alignment = xc.LEFT
    r += 1
    n = Findings(review.counted(findings)).counts()
    counts = [(f"{sev.label}数", n[sev]) for sev in sorted(Severity, reverse=True)]
    ignored = len(review.ignored(findings))
    for label, count in counts + ([("已忽略数", ignored)] if ignored else []):
        r += 1
        xc.put_text(ws, r, 1, label)
        xc.header_style(ws, r, 1)
        xc.put_number(ws, r, 2, count)
        ws.cell(row=r, column=2).alignment = xc.LEFT
    r += 2
    xc.put_text(ws, r, 1, "图例")
    xc.header_style(ws, r, 1)
    for entry in LEGEND:
        r += 1
        xc.put_text(ws, r, 1, entry.label)
        xc.paint(ws, r, 1, entry.key)
        xc.put_text(ws, r, 2, _LEGEND_NOTES.get(entry.key, ""))
    if not report.error:
        _write_ratios(ws, r + 2, report, prev)
    xc.set_widths(ws, {1: 14, 2: 80})


RATIO_HEADERS = ("主要比例", "本年", "上年", "较上年")


def _write_ratios(ws: Worksheet, r: int, report: Report, prev: Report | None) -> None:
    """The block of core.ratios figures below the legend: label, this year[, last year, change]."""
    headers = RATIO_HEADERS if prev is not None else RATIO_HEADERS[:2]
    for j, h in enumerate(headers, start=1):
        xc.put_text(ws, r, j, h)
        xc.header_style(ws, r, j)
    for line in ratio_lines(report, prev):
        r += 1
        for j, text in enumerate(line[:len(headers)], start=1):
            xc.put_text(ws, r, j, text)
            ws.cell(row=r, column=j).alignment = xc.LEFT


_LEGEND_NOTES = {
    "error": "该单元格有“错误”级问题（批注中写明问题）",
    "warning": "该单元格有“警告”级问题",
    "info": "该单元格有“提示”级信息",
    "missing": "该单元格空白或填写“/”“-”“无”等，模板要求填写数字（含 0）",
    "corrected": "该单元格已更正且没有未解决的问题（批注中写明原值）；已更正的单元格都有绿色粗边框，"
                 "更正后仍有问题的保持问题的颜色",
}
