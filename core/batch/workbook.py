"""The batch summary workbook: one row per file, all findings of all files, the region's totals of the
statistical tables, and how the batch was run."""

from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core import __version__
from core.atomic import atomic_write_bytes
from core.batch.result import SUMMARY_SHEET, BatchResult
from core.export import xlsx_cells as xc
from core.findings import Findings, Severity
from core.layout import col_label, place, published_number, row_label
from core.season.decisions import match

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


def _row(ws: Worksheet, r: int, values: tuple[object, ...]) -> None:
    for j, v in enumerate(values, start=1):
        xc.put_value(ws, r, j, v)


def _summary_sheet(ws: Worksheet, results: list[BatchResult], root: Path, prev_root: Path | None) -> None:
    _header(ws, SUMMARY_HEADERS)
    for i, res in enumerate(results, start=1):
        rep = res.report
        ok = rep is not None and not rep.error
        applied, _stale = match(res.findings, res.decisions)
        ignored = sum(1 for d in applied.values() if d.ignored)
        n = Findings([f for f in res.findings if not (f in applied and applied[f].ignored)]).counts()
        _row(ws, i + 1, (
            i, _rel(res.path, root),
            rep.agency if ok and rep else "", rep.report_year if ok and rep else None,
            rep.template_version if ok and rep else "", rep.published if ok and rep else "",
            n[Severity.ERROR], n[Severity.WARNING], n[Severity.INFO],
            _rel(res.prev_path, prev_root), res.error or "", res.status or "", ignored, len(applied) - ignored,
        ))
        for j, sev in ((7, Severity.ERROR), (8, Severity.WARNING), (9, Severity.INFO)):
            if n[sev]:
                xc.paint(ws, i + 1, j, sev.key)
        if res.error:
            xc.paint(ws, i + 1, 11, "error")
    ws.auto_filter.ref = f"A1:{get_column_letter(len(SUMMARY_HEADERS))}{len(results) + 1}"
    xc.set_widths(ws, {1: 6, 2: 40, 3: 30, 4: 9, 5: 7, 6: 12, 7: 7, 8: 7, 9: 7, 10: 30, 11: 40, 12: 9, 13: 7,
                       14: 7})
    xc.a4_landscape(ws, "1:1")


def _findings_sheet(ws: Worksheet, results: list[BatchResult], root: Path) -> None:
    _header(ws, FINDING_HEADERS)
    r = 1
    for res in results:
        rep = res.report
        applied, _stale = match(res.findings, res.decisions)
        for f in Findings(res.findings):
            r += 1
            w = place(rep, f) if rep is not None else None
            d = applied.get(f)
            _row(ws, r, (
                _rel(res.path, root), rep.agency or "" if rep else "", rep.report_year if rep else None,
                f.severity.label, f.rule_name, w.table if w else "", w.rows if w else "", w.cols if w else "",
                published_number(rep, f) if rep is not None else None, f.expected, f.message, f.hint or "",
                d.label if d else "", d.reason if d else "", d.note if d else "", f.rule,
            ))
            xc.paint(ws, r, 4, f.severity.key if not (d and d.ignored) else None)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_HEADERS))}{max(r, 1)}"
    xc.set_widths(ws, {1: 36, 2: 26, 3: 9, 4: 9, 5: 20, 6: 7, 7: 30, 8: 16, 9: 9, 10: 9, 11: 60, 12: 40, 13: 7,
                       14: 20, 15: 30, 16: 24})
    ws.column_dimensions[get_column_letter(RULE_ID_COLUMN)].hidden = True
    xc.a4_landscape(ws, "1:1")


def _totals_sheet(ws: Worksheet, results: list[BatchResult]) -> None:
    from core.batch.totals import batch_totals, cell_total  # pandas: imported only when a batch is summed

    reports = [r.report for r in results if r.report is not None and not r.error]
    xc.put_text(ws, 1, 1, TOTALS_NOTE)
    r = 2
    blocks = batch_totals(reports)
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


def _ratios_sheet(ws: Worksheet, results: list[BatchResult]) -> None:
    from core.batch.totals import batch_totals, region_ratios
    from core.ratios import LABELS

    xc.put_text(ws, 1, 1, RATIOS_NOTE)
    headers = ("报告年度", "模板", "报告数", *LABELS.values())
    for j, h in enumerate(headers, start=1):
        xc.put_text(ws, 2, j, h)
        xc.header_style(ws, 2, j)
    reports = [r.report for r in results if r.report is not None and not r.error]
    for i, region in enumerate(region_ratios(batch_totals(reports)), start=3):
        _row(ws, i, (region.year, region.template, region.reports, *(region.values[k] for k in LABELS)))
    xc.set_widths(ws, {1: 9, 2: 7, 3: 7, **{j: 16 for j in range(4, len(headers) + 1)}})
    ws.freeze_panes = "A3"


def _about_sheet(ws: Worksheet, results: list[BatchResult], root: Path, prev_root: Path | None) -> None:
    unread = sum(1 for r in results if r.error)
    rows = [
        ("核查文件夹", str(root)),
        ("上一年度文件夹", str(prev_root) if prev_root else "（未提供，不做跨年度核查）"),
        ("报告数", str(len(results))),
        ("无法读取", str(unread)),
        ("含错误的报告", str(sum(1 for r in results if r.counts[Severity.ERROR]))),
        ("工具版本", f"年报核查 {__version__}"),
        ("核查时间", datetime.now().isoformat(timespec="seconds")),
    ]
    for i, (k, v) in enumerate(rows, start=1):
        xc.put_text(ws, i, 1, k)
        xc.header_style(ws, i, 1)
        xc.put_text(ws, i, 2, v)
    xc.set_widths(ws, {1: 16, 2: 80})


def build_batch_workbook(results: list[BatchResult], root: Path, prev_root: Path | None = None) -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SUMMARY_SHEET
    _summary_sheet(ws, results, root, prev_root)
    _findings_sheet(wb.create_sheet(FINDINGS_SHEET), results, root)
    totals = wb.create_sheet(TOTALS_SHEET)
    try:
        _totals_sheet(totals, results)
    except Exception as exc:  # the sums must never cost the officer the whole workbook
        for row in list(totals.iter_rows()):
            for cell in row:
                cell.value = None
        xc.put_text(totals, 1, 1, f"汇总统计无法计算（{type(exc).__name__}），其他工作表不受影响。")
    ratios = wb.create_sheet(RATIOS_SHEET)
    try:
        _ratios_sheet(ratios, results)
    except Exception as exc:  # like the totals: never costs the other sheets
        ratios.delete_rows(1, ratios.max_row)
        xc.put_text(ratios, 1, 1, f"主要比率无法计算（{type(exc).__name__}），其他工作表不受影响。")
    _about_sheet(wb.create_sheet(ABOUT_SHEET), results, root, prev_root)
    wb.properties.creator = "年报核查"
    return wb


def export_batch_workbook(results: list[BatchResult], root: str | os.PathLike[str], out: str | os.PathLike[str],
                          prev_root: str | os.PathLike[str] | None = None) -> None:
    buf = io.BytesIO()
    build_batch_workbook(results, Path(root), Path(prev_root) if prev_root else None).save(buf)
    atomic_write_bytes(out, buf.getvalue())
