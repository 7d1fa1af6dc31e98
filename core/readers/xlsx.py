"""Excel .xlsx → SourceDoc for the extractor: every sheet's rows as table lines with sheet/cell locations,
merged cells placed once at their top-left column with their span; the 报告信息 sheet read into meta
(in this tool's own export, whose 核查结果/修改记录 listings are left out as derived data).

Values come from openpyxl (read_only, data_only: cached results of formulas); merged ranges are read
from the sheet XML directly because read-only worksheets do not expose them.
"""

from __future__ import annotations

import io
import posixpath
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from core.model import Edit, Loc, Resume, SourceCellText, SourceDoc, SourceLine
from core.readers.display_text import collapse_ws, simplify_lines
from core.readers.errors import UnreadableError
from core.readers.limits import MAX_MERGED_AREA, MAX_MERGES, MAX_XLSX_CELLS, too_large
from core.readers.pagemeta import parse_date
from core.readers.safezip import SafeZip
from core.readers.workbook_source import EDIT_TECH_HEADERS, SOURCE_SHEET, parse_number, read_source_rows

INFO_SHEET = "报告信息"
EDITS_SHEET = "修改记录"
TOOL_SHEETS = ("核查结果", EDITS_SHEET)  # listing sheets of this tool's own export: no report content
# label → meta key of the 报告信息 sheet (label/value rows written by the export)
_INFO_KEYS = {"发布机关": "agency", "报告年度": "report_year", "模板": "template", "发布日期": "published",
              "标题": "title"}
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")
_TRAILING_BLANK_ROWS = 3
_DEFAULT_NAME = re.compile(r"^(sheet|工作表)\s*\d*$", re.I)


def col_letter(n: int) -> str:
    s = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return s


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _sheet_paths(z: SafeZip) -> dict[str, str]:
    """Sheet name → path of its XML part, from xl/workbook.xml and its relationships."""
    if not z.has("xl/workbook.xml") or not z.has("xl/_rels/workbook.xml.rels"):
        return {}
    targets = {}
    for rel in z.read_xml("xl/_rels/workbook.xml.rels"):
        target = rel.get("Target") or ""
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = path
    out = {}
    for el in z.read_xml("xl/workbook.xml").iter("{*}sheet"):
        rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
        if rid in targets:
            out[el.get("name") or ""] = targets[rid]
    return out


def _merges(data: bytes) -> list[tuple[int, int, int, int]]:
    """Merged ranges of one sheet as (row1, col1, row2, col2)."""
    out: list[tuple[int, int, int, int]] = []
    for m in _MERGE.finditer(data):
        if len(out) >= MAX_MERGES:
            raise UnreadableError(too_large("合并单元格", MAX_MERGES, " 处"))
        c1, r1 = _col_number(m.group(1)), int(m.group(2))
        c2, r2 = (_col_number(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
        out.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    return out


def format_value(value: Any) -> str:
    """A cell value as the text the officer sees (whole floats without .0, dates as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date | time):
        return value.isoformat()
    return collapse_ws(str(value)).strip()


def _sheet_lines(name: str, rows: Iterable[tuple[Any, ...]], merges: list[tuple[int, int, int, int]],
                 budget: list[int]) -> list[SourceLine]:
    from openpyxl.cell.read_only import EmptyCell

    grid: list[list[str]] = []
    declared: list[bool] = []  # the row has cells in the file (a bordered blank row of a table counts)
    for cells_in in rows:
        budget[0] -= max(1, len(cells_in))  # an empty row costs one: a row number of 1,048,576 is refused
        if budget[0] < 0:
            raise UnreadableError(too_large("单元格", MAX_XLSX_CELLS, " 个"))
        grid.append([format_value(getattr(c, "value", None)) for c in cells_in])
        declared.append(any(not isinstance(c, EmptyCell) for c in cells_in))
    # ruled blank rows right after the content are kept (a blank data row is a row of blanks); a sheet
    # formatted far beyond its content does not turn into hundreds of empty lines
    last = max((r for r, row in enumerate(grid) if any(row)), default=-1)
    del grid[last + 1 + _TRAILING_BLANK_ROWS:]
    # the sheet's width is that of its content; a merge reaching beyond it (A1:XFD1) is cut at the content's
    # edge, so it can never pad every row to 16,384 columns
    width = max((c for row in grid for c, text in enumerate(row, start=1) if text), default=0)
    width = max([width] + [min(c2, max(len(row) for row in grid) if grid else 0)
                           for (_r1, _c1, r2, c2) in merges if r2 <= len(grid)])
    if width * len(grid) > MAX_XLSX_CELLS:
        raise UnreadableError(too_large("单元格（含合并后补齐的空单元格）", MAX_XLSX_CELLS, " 个"))
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], int] = {}
    area = 0
    for r1, c1, r2, c2 in merges:
        r2, c2 = min(r2, len(grid)), min(c2, width)  # only the part over the cells that are read
        if r1 > r2 or c1 > c2:
            continue
        area += (r2 - r1 + 1) * (c2 - c1 + 1)
        if area > MAX_MERGED_AREA:
            raise UnreadableError(too_large("合并单元格覆盖的范围", MAX_MERGED_AREA, " 个单元格"))
        spans[(r1, c1)] = c2 - c1 + 1
        covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1))
    lines: list[SourceLine] = []
    if not _DEFAULT_NAME.match(name):
        lines.append(SourceLine(name, Loc(sheet=name)))
    for r, row in enumerate(grid, start=1):
        if not any(row) and not declared[r - 1]:
            continue
        cells = []
        for c in range(1, width + 1):
            if (r, c) in covered:
                continue
            text = row[c - 1] if c <= len(row) else ""
            cells.append(SourceCellText(text, Loc(sheet=name, cell=f"{col_letter(c)}{r}"), c - 1, spans.get((r, c), 1)))
        if not cells:  # every cell of the row lies under a merge from above
            continue
        lines.append(SourceLine(" | ".join(c.text for c in cells), cells[0].loc, cells=tuple(cells)))
    return lines


def _info(lines: list[SourceLine]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for ln in lines:
        filled = [c.text for c in ln.cells or () if c.text]
        if len(filled) < 2:
            continue
        key = _INFO_KEYS.get(filled[0].strip(" :："))
        if not key:
            continue
        value = filled[1]
        if key == "report_year" or key == "template":
            m = re.search(r"(19|20)\d\d", value)
            if not m:
                continue
            value = m.group(0)
        elif key == "published":
            parsed = parse_date(value)
            if not parsed:
                continue
            value = parsed
        meta[key] = value
    return meta


def read_xlsx(path: str, z: SafeZip, data: bytes) -> SourceDoc:
    import openpyxl  # local import: openpyxl is only needed for workbooks

    z.check_xml_parts()
    paths = _sheet_paths(z)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(z.sanitized()), read_only=True, data_only=True, keep_links=False)
    except UnreadableError:
        raise
    except Exception as exc:
        raise UnreadableError("Excel 文件无法打开，可能已损坏或不是标准的 .xlsx 文件。请报送单位重新导出后发送。") from exc
    sheets: list[tuple[str, list[SourceLine]]] = []
    budget = [MAX_XLSX_CELLS]
    own: dict[str, list[tuple[Any, ...]]] = {}  # 报告原文 and 修改记录 of this tool's export, as values
    try:
        for ws in wb.worksheets:
            ws.reset_dimensions()  # stored dimensions may be stale; read what is there
            if ws.title in (SOURCE_SHEET, EDITS_SHEET):
                own[ws.title] = _values(ws.iter_rows(values_only=True), budget)
                if ws.title == SOURCE_SHEET:
                    continue
                ws.reset_dimensions()
            part = paths.get(ws.title)
            merges = _merges(z.read(part)) if part and z.has(part) else []
            sheets.append((ws.title, _sheet_lines(ws.title, ws.iter_rows(), merges, budget)))
    finally:
        wb.close()
    # the export's report sheet first; its findings and edit logs are derived from the tables (checking
    # again recomputes them) and their messages would read as report text, so they are left out
    meta_sheets = {name for name, _ in sheets if name == INFO_SHEET}
    if meta_sheets:
        sheets = [s for s in sheets if s[0] not in TOOL_SHEETS]
    sheets.sort(key=lambda s: 0 if s[0] == INFO_SHEET else 1)
    raw = [ln for _name, sheet in sheets for ln in sheet]
    if not any(ln.cells for ln in raw):
        raise UnreadableError("Excel 文件中没有任何内容（所有工作表都是空的）。")
    meta = next((_info(sheet) for name, sheet in sheets if name == INFO_SHEET), {})
    lines, script = simplify_lines(raw)
    source = read_source_rows(own[SOURCE_SHEET]) if SOURCE_SHEET in own and INFO_SHEET in meta_sheets else None
    if source is not None:  # this tool's own workbook: the report's own lines, the table sheets as corrections
        resume = Resume(format=source.format, tables=lines, edits=_edits(own.get(EDITS_SHEET, [])))
        return SourceDoc(path=path, format="xlsx", lines=source.lines, script=source.script, meta=source.meta,
                         notes=source.notes, resume=resume)
    return SourceDoc(path=path, format="xlsx", lines=lines, script=script, meta=meta)


def _values(rows: Iterable[tuple[Any, ...]], budget: list[int]) -> list[tuple[Any, ...]]:
    out = []
    for row in rows:
        budget[0] -= max(1, len(row))
        if budget[0] < 0:
            raise UnreadableError(too_large("单元格", MAX_XLSX_CELLS, " 个"))
        out.append(row)
    return out


_MOMENT = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*(\d{1,2}:\d{2}:\d{2})")


def iso_moment(text: str) -> str:
    """An edit's time as 修改记录 shows it (2026年11月30日 08:43:44) back to ISO; other text as it is."""
    m = _MOMENT.fullmatch(text.strip())
    if m is None:
        return text
    y, mo, d, hms = m.groups()
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}T{hms:0>8}"


def _edits(rows: list[tuple[Any, ...]]) -> list[Edit]:
    """The corrections of 修改记录 from its hidden technical columns (time from the visible 时间 column)."""
    if not rows:
        return []
    head = [str(v) if v is not None else "" for v in rows[0]]
    try:
        at = head.index("时间")
        j = head.index(EDIT_TECH_HEADERS[0])
    except ValueError:
        return []
    out = []
    for row in rows[1:]:
        tech = [row[k] if k < len(row) else None for k in range(j, j + len(EDIT_TECH_HEADERS))]
        table, row_id, col, old, new, how, rule = tech
        if not (table and row_id and col and how):
            continue
        try:
            edit = Edit(str(table), str(row_id), str(col), parse_number(old), parse_number(new), str(how),
                        str(rule) if rule else None)
        except ValueError:
            continue
        if at < len(row) and row[at]:
            edit = replace(edit, at=iso_moment(str(row[at])))
        out.append(edit)
    return out
