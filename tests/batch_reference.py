"""The batch workbook and its totals as they were written before issue #14 (main 9cd5897: openpyxl cell by cell,
sums with pandas), kept verbatim as the reference core.batch must match (tests/test_batch_stream.py)."""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core import __version__
from core.atomic import atomic_write_bytes
from core.batch.result import SUMMARY_SHEET, BatchResult
from core.export import xlsx_cells as xc
from core.findings import Findings, Severity
from core.layout import col_label, place, published_number, row_label
from core.model import Cell, Report, Table
from core.season.decisions import match
from core.template import TABLE_IDS, TEMPLATES, TableSpec


@dataclass
class TotalsBlock:
    """The sum of one table over `reports` reports; `frame` has the spec's row and column ids (NaN = blank)."""

    year: int | None
    template: str
    spec: TableSpec
    reports: int
    agencies: list[str]
    frame: pd.DataFrame


def _key(report: Report, spec: TableSpec) -> tuple[int, str, str, tuple[str, ...]]:
    return (report.report_year or 0, report.template_version or "", spec.id, tuple(r.id for r in spec.rows))


def batch_totals(reports: Iterable[Report]) -> list[TotalsBlock]:
    """One block per (year, template, table layout), in year, template and table order."""
    # the key holds the table's row ids, so every member of a group has the same layout as its first
    groups: dict[tuple[int, str, str, tuple[str, ...]], list[tuple[Report, TableSpec, pd.DataFrame]]] = {}
    for report in reports:
        if report.error or report.template is None:
            continue
        for tid in TABLE_IDS:
            table = report.tables.get(tid)
            if table is None or not table.found:
                continue
            groups.setdefault(_key(report, table.spec), []).append((report, table.spec, table.to_frame()))
    blocks = []
    for key in sorted(groups, key=lambda k: (k[0], k[1], TABLE_IDS.index(k[2]), k[3])):
        members = groups[key]
        spec = members[0][1]
        stacked = pd.concat([frame for _, _, frame in members])
        total = stacked.groupby(level=0, sort=False).sum(min_count=1)
        total = total.reindex(index=[r.id for r in spec.rows], columns=[c.id for c in spec.columns])
        agencies = sorted({r.agency or r.path for r, _, _ in members})
        blocks.append(TotalsBlock(key[0] or None, key[1], spec, len(members), agencies, total))
    return blocks


def cell_total(block: TotalsBlock, row: str, col: str) -> int | float | None:
    """A total as a Python number (int when whole), None when no report filled the cell."""
    v = block.frame.at[row, col]
    if pd.isna(v):
        return None
    f = float(v)
    return int(f) if f.is_integer() else round(f, 4)


@dataclass
class RegionRatios:
    """The ratios leaders read (core.ratios) over the region's totals of one report year and template."""

    year: int | None
    template: str
    reports: int
    values: dict[str, float | None]


def _summed(blocks: list[TotalsBlock]) -> Table:
    """One table of the summed blocks (a hybrid 表三 and a plain one add up on their common rows)."""
    spec = blocks[0].spec
    stacked = pd.concat([b.frame for b in blocks]).groupby(level=0, sort=False).sum(min_count=1)
    frame = stacked.reindex(index=[r.id for r in spec.rows], columns=[c.id for c in spec.columns])
    cells = {}
    for row, col in spec.cells():
        v = frame.at[row, col]
        cells[(row, col)] = Cell(None, kind="blank") if pd.isna(v) else Cell(float(v), kind="number")
    return Table(spec, cells, found=True)


def region_ratios(blocks: list[TotalsBlock]) -> list[RegionRatios]:
    """依申请 total and the shares, computed by core.ratios over each (year, template)'s summed tables."""
    from core.ratios import ratios

    groups: dict[tuple[int, str], dict[str, list[TotalsBlock]]] = {}
    for b in blocks:
        groups.setdefault((b.year or 0, b.template), {}).setdefault(b.spec.id, []).append(b)
    out = []
    for (year, template), by_table in sorted(groups.items()):
        tmpl = TEMPLATES.get(template)
        if tmpl is None:
            continue
        tables = {tid: _summed(bl) if (bl := by_table.get(tid)) else Table(tmpl.table(tid)) for tid in TABLE_IDS}
        region = Report(path="", format="", template=tmpl, tables=tables, report_year=year or None)
        n = max(sum(b.reports for b in bl) for bl in by_table.values())
        out.append(RegionRatios(year or None, template, n, ratios(region)))
    return out


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
