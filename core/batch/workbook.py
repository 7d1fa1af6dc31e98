"""The batch summary workbook: one row per file, all findings of all files, the region's totals of the
statistical tables, and how the batch was run."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core import __version__
from core.atomic import atomic_write_bytes
from core.batch.result import SUMMARY_SHEET, BatchResult
from core.batch.totals import BatchTotals, TotalsBlock, cell_total, region_ratios
from core.batch.xlsx_rows import SheetRows, save_with_rows
from core.export import xlsx_cells as xc
from core.findings import CellRef, Finding, Findings, Severity
from core.layout import Place, col_label, place, published_number, row_label, table_spec
from core.model import Report
from core.season.decisions import Decision, match
from core.template import TableSpec

FINDINGS_SHEET = "全部问题"
ABOUT_SHEET = "批量核查说明"
TOTALS_SHEET = "汇总统计"
TOTALS_NOTE = ("按各报告公布的数字逐格相加（未应用任何修正）；空白格不计入，无人填写的格保持空白。"
               "按报告年度和表格格式分别汇总，不同格式的表格不相加。")

RATIOS_SHEET = "主要比率"
RATIOS_NOTE = "按各年度、各格式的汇总数计算（即全地区合计后的比率，不是各报告比率的平均）；百分比保留一位小数。"
# errors, warnings and notes count the findings not ignored; ignored ones are counted apart
SUMMARY_HEADERS = ("序号", "文件", "发布机关", "报告年度", "模板", "发布日期", "错误", "警告", "提示",
                   "上一年度报告", "无法读取的原因", "核查状态", "已忽略", "已确认")
FINDING_HEADERS = ("文件", "发布机关", "报告年度", "严重程度", "规则", "表格", "行", "列", "发布值", "期望值",
                   "说明", "诊断提示", "处理", "忽略原因", "备注", "规则编号")
RULE_ID_COLUMN = len(FINDING_HEADERS)  # the technical column (rule id), hidden by default as in core.export


def _rel(path: Path | None, root: Path | None) -> str:
    if path is None:
        return ""
    if root is not None:
        text, prefix = str(path), str(root)
        prefix += "" if prefix.endswith(os.sep) else os.sep
        if text.startswith(prefix):  # a file found under the folder: no path parsing
            return text[len(prefix):]
        try:
            return str(path.relative_to(root))
        except ValueError:
            pass
    return str(path)


def _header(ws: Worksheet, headers: tuple[str, ...]) -> None:
    for j, h in enumerate(headers, start=1):
        xc.put_text(ws, 1, j, h)
        xc.header_style(ws, 1, j)
    ws.freeze_panes = "A2"


class BatchWorkbook:
    """The batch workbook built as the results arrive (in file order): the rows of the summary and findings
    sheets are written at once (core.batch.xlsx_rows) and the totals summed, so no result is kept."""

    def __init__(self, root: Path, prev_root: Path | None = None) -> None:
        self.root, self.prev_root = root, prev_root
        self.wb = Workbook()
        ws = self.wb.active
        assert ws is not None
        ws.title = SUMMARY_SHEET
        _header(ws, SUMMARY_HEADERS)
        fs = self.wb.create_sheet(FINDINGS_SHEET)
        _header(fs, FINDING_HEADERS)
        self.summary_rows = SheetRows(ws, 2)
        self.finding_rows = SheetRows(fs, 2)
        self.totals: BatchTotals | None = BatchTotals()
        self.totals_error: Exception | None = None
        self.reports = self.unreadable = self.with_errors = 0
        self._places: dict[tuple[tuple[CellRef, ...], tuple[int, ...]], tuple[Place, tuple[TableSpec | None, ...]]] = {}

    def add(self, res: BatchResult) -> None:
        """One file's row, its findings' rows and its tables into the totals."""
        applied = match(res.findings, res.decisions)[0] if res.decisions else {}
        name = _rel(res.path, self.root)
        self.add_summary_row(res, name, applied)
        self.add_finding_rows(res, name, applied)
        self.add_totals(res)

    def add_summary_row(self, res: BatchResult, name: str, applied: dict[Finding, Decision]) -> None:
        self.reports += 1
        self.unreadable += bool(res.error)
        self.with_errors += bool(res.counts[Severity.ERROR])
        rep = res.report
        ok = rep is not None and not rep.error
        ignored = sum(1 for d in applied.values() if d.ignored)
        counted = [f for f in res.findings if not (f in applied and applied[f].ignored)] if ignored else res.findings
        n = Findings(counted).counts()
        paints: dict[int, str | None] = {j: sev.key for j, sev in ((7, Severity.ERROR), (8, Severity.WARNING),
                                                                   (9, Severity.INFO)) if n[sev]}
        if res.error:
            paints[11] = "error"
        self.summary_rows.add((
            self.reports, name,
            rep.agency if ok and rep else "", rep.report_year if ok and rep else None,
            rep.template_version if ok and rep else "", rep.published if ok and rep else "",
            n[Severity.ERROR], n[Severity.WARNING], n[Severity.INFO],
            _rel(res.prev_path, self.prev_root), res.error or "", res.status or "", ignored, len(applied) - ignored,
        ), paints)

    def add_finding_rows(self, res: BatchResult, name: str, applied: dict[Finding, Decision]) -> None:
        rep = res.report
        agency = (rep.agency or "") if rep else ""
        year = rep.report_year if rep else None
        for f in Findings(res.findings):
            w = self._place(rep, f) if rep is not None else None
            d = applied.get(f)
            self.finding_rows.add((
                name, agency, year,
                f.severity.label, f.rule_name, w.table if w else "", w.rows if w else "", w.cols if w else "",
                published_number(rep, f) if rep is not None else None, f.expected, f.message, f.hint or "",
                d.label if d else "", d.reason if d else "", d.note if d else "", f.rule,
            ), {4: f.severity.key if not (d and d.ignored) else None})

    def _place(self, rep: Report, f: Finding) -> Place:
        """core.layout.place, made once per set of cells and the specs of their tables (the same rule finds the
        same cells in report after report)."""
        specs = tuple(table_spec(rep, c.table) for c in f.cells)
        key = (f.cells, tuple(map(id, specs)))
        hit = self._places.get(key)
        if hit is None:
            hit = self._places[key] = (place(rep, f), specs)  # the specs kept: their ids stay theirs
        return hit[0]

    def add_totals(self, res: BatchResult) -> None:
        rep = res.report
        if self.totals is not None and rep is not None and not rep.error:
            try:
                self.totals.add(rep)
            except Exception as exc:  # the sums must never cost the officer the whole workbook
                self.totals, self.totals_error = None, exc

    def finish_lists(self) -> None:
        """The summary and findings sheets' filters, widths and page set-up (after the last result)."""
        ws, fs = self.summary_rows.ws, self.finding_rows.ws
        ws.auto_filter.ref = f"A1:{get_column_letter(len(SUMMARY_HEADERS))}{self.reports + 1}"
        xc.set_widths(ws, {1: 6, 2: 40, 3: 30, 4: 9, 5: 7, 6: 12, 7: 7, 8: 7, 9: 7, 10: 30, 11: 40, 12: 9, 13: 7,
                           14: 7})
        xc.a4_landscape(ws, "1:1")
        fs.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_HEADERS))}{self.finding_rows.row}"
        xc.set_widths(fs, {1: 36, 2: 26, 3: 9, 4: 9, 5: 20, 6: 7, 7: 30, 8: 16, 9: 9, 10: 9, 11: 60, 12: 40, 13: 7,
                           14: 20, 15: 30, 16: 24})
        fs.column_dimensions[get_column_letter(RULE_ID_COLUMN)].hidden = True
        xc.a4_landscape(fs, "1:1")

    def to_bytes(self) -> bytes:
        """The finished workbook as .xlsx bytes (call once, after the last result)."""
        self.finish_lists()
        blocks = self.totals_sheet()
        self.ratios_sheet(blocks)
        self.about_sheet()
        return self.save()

    def totals_sheet(self) -> list[TotalsBlock] | None:
        """The 汇总统计 sheet; its blocks (None when they could not be summed)."""
        ws = self.wb.create_sheet(TOTALS_SHEET)
        blocks = None
        try:
            if self.totals is None:
                raise self.totals_error or RuntimeError
            blocks = self.totals.blocks()
            _totals_sheet(ws, blocks)
        except Exception as exc:  # the sums must never cost the officer the whole workbook
            for row in list(ws.iter_rows()):
                for cell in row:
                    cell.value = None
            xc.put_text(ws, 1, 1, f"汇总统计无法计算（{type(exc).__name__}），其他工作表不受影响。")
            self.totals_error = self.totals_error or exc
        return blocks

    def ratios_sheet(self, blocks: list[TotalsBlock] | None) -> None:
        ws = self.wb.create_sheet(RATIOS_SHEET)
        try:
            if blocks is None:
                raise self.totals_error or RuntimeError
            _ratios_sheet(ws, blocks)
        except Exception as exc:  # like the totals: never costs the other sheets
            ws.delete_rows(1, ws.max_row)
            xc.put_text(ws, 1, 1, f"主要比率无法计算（{type(exc).__name__}），其他工作表不受影响。")

    def about_sheet(self) -> None:
        _about_sheet(self.wb.create_sheet(ABOUT_SHEET), self)
        self.wb.properties.creator = "年报核查"

    def save(self) -> bytes:
        return save_with_rows(self.wb, [self.summary_rows, self.finding_rows])


def _totals_sheet(ws: Worksheet, blocks: list[TotalsBlock]) -> None:
    xc.put_text(ws, 1, 1, TOTALS_NOTE)
    r = 2
    if not blocks:
        xc.put_text(ws, 3, 1, "没有可汇总的统计表。")
    width = 2
    for block in blocks:
        spec = block.spec
        r += 1
        year = f"{block.year}年度" if block.year else "年度未识别"
        xc.put_text(ws, r, 1, f"{year} · {block.template}版格式 · {spec.title}（{block.reports} 份报告）")
        xc.header_style(ws, r, 1)
        r += 1
        xc.put_text(ws, r, 1, spec.corner or "项目")
        xc.header_style(ws, r, 1)
        for j, col in enumerate(spec.columns, start=2):
            xc.put_text(ws, r, j, col_label(spec, col.id))
            xc.header_style(ws, r, j)
        width = max(width, len(spec.columns) + 1)
        for row in spec.rows:
            r += 1
            xc.put_text(ws, r, 1, row_label(spec, row.id) or "合计")
            applicable = set(spec.cols_for(row.id))
            for j, col in enumerate(spec.columns, start=2):
                if col.id in applicable:
                    xc.put_number(ws, r, j, cell_total(block, row.id, col.id), money=col.kind == "money")
        r += 1
        xc.put_text(ws, r, 1, "计入：" + "、".join(block.agencies))
        r += 1
    xc.set_widths(ws, {1: 44, **{j: 12 for j in range(2, width + 1)}})
    xc.a4_landscape(ws)


def _ratios_sheet(ws: Worksheet, blocks: list[TotalsBlock]) -> None:
    from core.ratios import LABELS

    xc.put_text(ws, 1, 1, RATIOS_NOTE)
    headers = ("报告年度", "模板", "报告数", *LABELS.values())
    for j, h in enumerate(headers, start=1):
        xc.put_text(ws, 2, j, h)
        xc.header_style(ws, 2, j)
    for i, region in enumerate(region_ratios(blocks), start=3):
        for j, v in enumerate((region.year, region.template, region.reports, *(region.values[k] for k in LABELS)),
                              start=1):
            xc.put_value(ws, i, j, v)
    xc.set_widths(ws, {1: 9, 2: 7, 3: 7, **{j: 16 for j in range(4, len(headers) + 1)}})
    ws.freeze_panes = "A3"


def _about_sheet(ws: Worksheet, book: BatchWorkbook) -> None:
    rows = [
        ("核查文件夹", str(book.root)),
        ("上一年度文件夹", str(book.prev_root) if book.prev_root else "（未提供，不做跨年度核查）"),
        ("报告数", str(book.reports)),
        ("无法读取", str(book.unreadable)),
        ("含错误的报告", str(book.with_errors)),
        ("工具版本", f"年报核查 {__version__}"),
        ("核查时间", datetime.now().isoformat(timespec="seconds")),
    ]
    for i, (k, v) in enumerate(rows, start=1):
        xc.put_text(ws, i, 1, k)
        xc.header_style(ws, i, 1)
        xc.put_text(ws, i, 2, v)
    xc.set_widths(ws, {1: 16, 2: 80})


def export_batch_workbook(results: Iterable[BatchResult], root: str | os.PathLike[str], out: str | os.PathLike[str],
                          prev_root: str | os.PathLike[str] | None = None) -> None:
    """Write the batch workbook of `results` (in file order) to `out`, atomically."""
    book = BatchWorkbook(Path(root), Path(prev_root) if prev_root else None)
    for res in results:
        book.add(res)
    atomic_write_bytes(out, book.to_bytes())
