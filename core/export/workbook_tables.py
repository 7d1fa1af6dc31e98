"""The three table sheets of the exported workbook, laid out like the national template from core.template."""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.export import xlsx_cells as xc
from core.findings import Finding
from core.layout import cell_text, column_path, header_spans, printed_rows, row_path
from core.legend import legend_key
from core.messages import edit_source_label
from core.model import Report, Table
from core.template import BLOCKS, MONEY, TableSpec

Coords = dict[tuple[str, str], str]  # (row id, col id) → "C7"


def _merge(ws: Worksheet, r1: int, c1: int, r2: int, c2: int) -> None:
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def _title(ws: Worksheet, spec: TableSpec, width: int) -> None:
    xc.put_text(ws, 1, 1, spec.title)
    ws.cell(row=1, column=1).font = xc.Font(bold=True, size=13)
    ws.cell(row=1, column=1).alignment = xc.LEFT
    _merge(ws, 1, 1, 1, width)
    ws.row_dimensions[1].height = 24


def _cell_note(report: Report, table_id: str, row: str, col: str, found: list[Finding]) -> str:
    lines = []
    for f in found:
        lines.append(f"【{f.severity.label}】{f.message}")
        if f.hint:
            lines.append(f"提示：{f.hint}")
    if report.is_edited(table_id, row, col):
        orig = report.original_value(table_id, row, col)
        sources = {e.source for e in report.edits if (e.table, e.row, e.col) == (table_id, row, col)}
        how = "、".join(edit_source_label(s) for s in sorted(sources))
        new = report.tables[table_id].value(row, col)
        spec = report.tables[table_id].spec
        lines.append(f"【已更正】原值：{cell_text(spec, col, orig) or '空白'}；更正为：{cell_text(spec, col, new) or '空白'}"
                     f"（{how}）")
    return "\n".join(lines)


def _data_cell(ws: Worksheet, r: int, c: int, report: Report, table: Table, row: str, col: str,
               by_cell: dict[tuple[str, str, str], list[Finding]]) -> None:
    cell = table.get(row, col)
    money = table.spec.col(col).kind == MONEY
    if cell.kind == "text" and cell.value is None and cell.raw:
        xc.put_text(ws, r, c, cell.raw)
        ws.cell(row=r, column=c).alignment = xc.CENTER
    else:
        xc.put_number(ws, r, c, cell.value, money=money)
    found = by_cell.get((table.spec.id, row, col), [])
    corrected = report.is_edited(table.spec.id, row, col)
    ws.cell(row=r, column=c).border = xc.CORRECTED_BORDER if corrected else xc.BORDER
    xc.paint(ws, r, c, legend_key(found, corrected))
    xc.add_comment(ws, r, c, _cell_note(report, table.spec.id, row, col, found))


def write_grid_table(ws: Worksheet, report: Report, table: Table,
                     by_cell: dict[tuple[str, str, str], list[Finding]]) -> Coords:
    """Table 三 or 四: label columns from the row header paths, merged column headers, one row per template row."""
    spec = table.spec
    rows = printed_rows(table)
    label_depth = max((len(r.header) for r in rows), default=0)
    col_depth = max((len(c.header) for c in spec.columns), default=0) or 1
    width = label_depth + len(spec.columns)
    _title(ws, spec, width)
    top = 2
    first_data = top + col_depth
    if label_depth:
        xc.put_text(ws, top, 1, spec.corner)
        for r in range(top, first_data):
            for c in range(1, label_depth + 1):
                xc.header_style(ws, r, c)
        ws.cell(row=top, column=1).font = xc.Font(size=9)
        _merge(ws, top, 1, first_data - 1, label_depth)
    col_paths = [column_path(c) for c in spec.columns]
    for s in header_spans(col_paths, col_depth):
        r1, c1 = top + s.level, label_depth + 1 + s.index
        r2, c2 = top + s.level_end, label_depth + 1 + s.index_end
        xc.put_text(ws, r1, c1, s.text)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                xc.header_style(ws, r, c)
        _merge(ws, r1, c1, r2, c2)
    if label_depth:
        for s in header_spans([row_path(spec, r) for r in rows], label_depth):
            r1, c1 = first_data + s.index, 1 + s.level
            r2, c2 = first_data + s.index_end, 1 + s.level_end
            xc.put_text(ws, r1, c1, s.text)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    ws.cell(row=r, column=c).border = xc.BORDER
                    ws.cell(row=r, column=c).alignment = xc.CENTER if s.level < s.level_end or r2 > r1 \
                        else xc.LEFT
            _merge(ws, r1, c1, r2, c2)
    coords: Coords = {}
    for i, row in enumerate(rows):
        r = first_data + i
        for j, col in enumerate(spec.columns):
            if col.id not in spec.cols_for(row.id):
                continue
            c = label_depth + 1 + j
            _data_cell(ws, r, c, report, table, row.id, col.id, by_cell)
            coords[(row.id, col.id)] = f"{get_column_letter(c)}{r}"
    widths = {c: 11.0 for c in range(label_depth + 1, width + 1)}
    if label_depth == 3:
        widths.update({1: 9.0, 2: 14.0, 3: 36.0})
    else:
        widths.update({c: 14.0 / label_depth * 2 for c in range(1, label_depth + 1)})
    xc.set_widths(ws, widths)
    ws.freeze_panes = f"{get_column_letter(label_depth + 1)}{first_data}"
    xc.a4_landscape(ws, f"1:{first_data - 1}")
    return coords


def write_block_table(ws: Worksheet, report: Report, table: Table,
                      by_cell: dict[tuple[str, str, str], list[Finding]]) -> Coords:
    """Table 二: per 第二十条 block a caption row, a header row (信息内容 + the block's columns), its rows."""
    spec = table.spec
    width = 1 + max(len(spec.cols_for(r.id)) for r in spec.rows)
    _title(ws, spec, width)
    coords: Coords = {}
    r = 2
    for caption, rows in spec.blocks():
        if caption:
            xc.put_text(ws, r, 1, caption)
            for c in range(1, width + 1):
                xc.header_style(ws, r, c)
            _merge(ws, r, 1, r, width)
            r += 1
        cols = spec.cols_for(rows[0].id)
        xc.put_text(ws, r, 1, spec.corner)
        xc.header_style(ws, r, 1)
        for j, col_id in enumerate(cols):
            col = spec.col(col_id)
            xc.put_text(ws, r, 2 + j, col.label)
            if col.kind == MONEY and "万元" not in col.label:
                xc.add_comment(ws, r, 2 + j, "单位：万元（原报告以元填报的已换算为万元）")
        for c in range(2, width + 1):
            xc.header_style(ws, r, c)
        _merge(ws, r, 1 + len(cols), r, width)
        r += 1
        for row in rows:
            xc.put_text(ws, r, 1, row.label)
            ws.cell(row=r, column=1).border = xc.BORDER
            ws.cell(row=r, column=1).alignment = xc.LEFT
            row_cols = spec.cols_for(row.id)
            for j, col_id in enumerate(row_cols):
                _data_cell(ws, r, 2 + j, report, table, row.id, col_id, by_cell)
                coords[(row.id, col_id)] = f"{get_column_letter(2 + j)}{r}"
            for c in range(2 + len(row_cols), width + 1):
                ws.cell(row=r, column=c).border = xc.BORDER
            _merge(ws, r, 1 + len(row_cols), r, width)
            r += 1
    xc.set_widths(ws, {1: 26.0, **{c: 18.0 for c in range(2, width + 1)}})
    ws.freeze_panes = "B2"
    xc.a4_landscape(ws, "1:1")
    return coords


def write_table_sheet(ws: Worksheet, report: Report, table: Table,
                      by_cell: dict[tuple[str, str, str], list[Finding]]) -> Coords:
    if table.spec.layout == BLOCKS:
        return write_block_table(ws, report, table, by_cell)
    return write_grid_table(ws, report, table, by_cell)
