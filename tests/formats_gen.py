"""Test helper: turns hand-read report values (seeds-expected.json) into HTML, DOCX and XLSX documents laid
out like the national template (merged header cells, rowspan row groups), using core/template.py's labels
and header paths, plus the grid each reader should give back."""

from __future__ import annotations

import html as html_mod
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.template import SECTION_HEADINGS, TEMPLATES, RowSpec, TableSpec, Template

# ------------------------------------------------------------------------------------------------ grid


@dataclass(frozen=True)
class GCell:
    """An originating cell of the generated grid: text, grid column, spans; `value` is the typed value (xlsx)."""

    text: str
    col: int
    rowspan: int = 1
    colspan: int = 1
    value: Any = None


Grid = list[list[GCell]]


def value_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _header_rows(paths: Sequence[tuple[str, ...]], offset: int, lead: list[GCell]) -> Grid:
    """Column header rows from header paths: shared prefixes become colspans, short paths rowspans."""
    depth = max(len(p) for p in paths)
    rows: Grid = [list(lead) if level == 0 else [] for level in range(depth)]
    n = len(paths)
    for level in range(depth):
        j = 0
        while j < n:
            p = paths[j]
            if len(p) <= level:
                j += 1
                continue
            k = j
            while k + 1 < n and len(paths[k + 1]) > level and paths[k + 1][:level + 1] == p[:level + 1]:
                k += 1
            rowspan = depth - level if len(p) == level + 1 else 1
            rows[level].append(GCell(p[level], offset + j, rowspan=rowspan, colspan=k - j + 1))
            j = k + 1
    return rows


def _row_paths(spec: TableSpec) -> list[tuple[str, ...]]:
    results = next((r.header[0] for r in spec.rows if r.role == "result"), None)
    out = []
    for r in spec.rows:
        path = r.header or (r.label,)
        if r.role == "total" and results:  # the template prints （七）总计 inside the 三、本年度办理结果 group
            path = (results, *path)
        out.append(path)
    return out


def _labelled_rows(spec: TableSpec, rows: Sequence[RowSpec], values: dict[str, dict[str, Any]]) -> Grid:
    """Body rows of table 三: row header cells (rowspans for groups) then one cell per column."""
    paths = _row_paths(spec)
    depth = max(len(p) for p in paths)
    grid: Grid = []
    for i, r in enumerate(rows):
        path = paths[i]
        cells: list[GCell] = []
        for level in range(len(path)):
            if i > 0 and len(paths[i - 1]) > level and paths[i - 1][:level + 1] == path[:level + 1]:
                continue  # covered by the group cell above
            count = 1
            while i + count < len(rows) and len(paths[i + count]) > level and \
                    paths[i + count][:level + 1] == path[:level + 1]:
                count += 1
            colspan = depth - level if level == len(path) - 1 else 1
            cells.append(GCell(path[level], level, rowspan=count, colspan=colspan))
        for j, col in enumerate(spec.cols_for(r.id)):
            v = values.get(r.id, {}).get(col)
            cells.append(GCell(value_text(v), depth + j, value=v))
        grid.append(cells)
    return grid


def active_grid(spec: TableSpec, values: dict[str, dict[str, Any]]) -> Grid:
    """Table 二: per 第二十条 block a caption row, a header row and its rows; short blocks span the last column."""
    width = max(len(spec.cols_for(r.id)) for r in spec.rows)
    grid: Grid = []
    for caption, rows in spec.blocks():
        cols = spec.cols_for(rows[0].id)
        grid.append([GCell(caption, 0, colspan=width + 1)])

        def line(first: str, texts: list[tuple[str, Any]], cols: tuple[str, ...] = cols) -> list[GCell]:
            out = [GCell(first, 0)]
            for j, (text, v) in enumerate(texts):
                span = width - len(cols) + 1 if j == len(cols) - 1 else 1
                out.append(GCell(text, 1 + j, colspan=span, value=v))
            return out

        grid.append(line(spec.corner or "信息内容", [(spec.col(c).label, None) for c in cols]))
        for r in rows:
            vals = values.get(r.id, {})
            grid.append(line(r.label, [(value_text(vals.get(c)), vals.get(c)) for c in cols]))
    return grid


def requests_grid(spec: TableSpec, values: dict[str, dict[str, Any]]) -> Grid:
    depth = max(len(p) for p in _row_paths(spec))
    corner = GCell(spec.corner, 0, rowspan=max(len(c.header) for c in spec.columns), colspan=depth)
    head = _header_rows([c.header for c in spec.columns], depth, [corner])
    return head + _labelled_rows(spec, spec.rows, values)


def review_grid(spec: TableSpec, values: dict[str, Any]) -> Grid:
    head = _header_rows([c.header for c in spec.columns], 0, [])
    row = [GCell(value_text(values.get(c.id)), j, value=values.get(c.id)) for j, c in enumerate(spec.columns)]
    return [*head, row]


def label_depth(table_id: str, spec: TableSpec) -> int:
    """Grid column of the first value cell in a body row."""
    return {"active": 1, "review": 0}.get(table_id, max(len(p) for p in _row_paths(spec)))


# ------------------------------------------------------------------------------------------------ report


@dataclass
class GenReport:
    """A whole report: title, prose, the three tables as grids."""

    title: str
    agency: str
    year: int
    template: Template
    published: str | None
    grids: dict[str, Grid] = field(default_factory=dict)

    def blocks(self) -> list[tuple[str, Any]]:
        """Document order: ("title"|"heading"|"para", text) and ("table", table id)."""
        out: list[tuple[str, Any]] = [("title", self.title)]
        tables = {1: "active", 2: "requests", 3: "review"}
        for i, heading in enumerate(SECTION_HEADINGS):
            out.append(("heading", heading))
            if i == 0:
                out.append(("para", f"本报告中所列数据的统计期限自{self.year}年1月1日起至{self.year}年12月31日止。"))
            if i in tables:
                out.append(("table", tables[i]))
            if i == 4:
                out.append(("para", "个别栏目更新不够及时，下一步将加强信息发布审核。"))
            if i == 5:
                out.append(("para", "本年度未收取信息处理费。"))
        out.append(("para", self.agency))
        if self.published:
            y, m, d = (int(x) for x in self.published.split("-"))
            out.append(("para", f"{y}年{m}月{d}日"))
        return out


def gen_report(expected: dict[str, Any]) -> GenReport:
    template = TEMPLATES[expected["template"]]
    agency = expected.get("agency") or "示例县政务服务管理办公室"
    year = int(expected["report_year"])
    rep = GenReport(f"{agency}{year}年政府信息公开工作年度报告", agency, year, template, expected.get("published"))
    rep.grids["active"] = active_grid(template.table("active"), expected["active"])
    rep.grids["requests"] = requests_grid(template.table("requests"), expected["requests"])
    rep.grids["review"] = review_grid(template.table("review"), expected["review"])
    return rep


def grid_width(grid: Grid) -> int:
    return max(c.col + c.colspan for row in grid for c in row)


# ------------------------------------------------------------------------------------------------ HTML

_WORD_P = ('<p style="text-align: justify; line-height: 2;"><span style="font-family: 微软雅黑;">'
           '<font face="方正仿宋_GBK">{}</font></span><span><o:p></o:p></span></p>')


def _word_cell(text: str, rowspan: int) -> str:
    """Word-pasted cell markup: labels split over spans, tall group labels one character per paragraph."""
    if not text:
        return "&nbsp;"
    esc = html_mod.escape
    if rowspan > 2 and len(text) <= 12:
        return "".join(_WORD_P.format(esc(ch)) for ch in text)
    if len(text) > 3:
        cut = len(text) - 1
        return (f'<p><span style="font-family: 微软雅黑;">{esc(text[:cut])}</span>'
                f'<span style="font-family: 微软雅黑;">{esc(text[cut:])}</span><o:p></o:p></p>')
    return _WORD_P.format(esc(text))


def html_table(grid: Grid, word: bool = False) -> str:
    out = ['<table border="1" style="BORDER-COLLAPSE:collapse" cellspacing="0">', "<tbody>"]
    for row in grid:
        out.append("<tr>")
        for c in row:
            attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + \
                    (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            body = _word_cell(c.text, c.rowspan) if word else html_mod.escape(c.text)
            out.append(f'<td{attrs} valign="center">\n{body}\n</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def to_html(rep: GenReport, *, word: bool = False, chrome: bool = False, charset: str | None = "utf-8") -> str:
    """The report as a page; `word` gives Word-pasted markup, `chrome` a site's header, scripts and metadata box."""
    esc = html_mod.escape
    head = [f'<meta charset="{charset}">' if charset else "", f"<title>{esc(rep.title)}-示例县人民政府</title>",
            "<style>td { padding: 2px }</style>"]
    body: list[str] = []
    if chrome:
        head.append('<meta name="others" content="页面生成时间 2099-05-28 15:46:43">')
        body += ['<div class="nav"><a href="/">首页</a> <a href="/xxgk">政府信息公开</a></div>',
                 '<script>var websiteId = "abc"; document.write("<p>脚本内容</p>");</script>',
                 '<div style="display:none">隐藏的重复内容 一、本年新收政府信息公开申请数量 9 9 9</div>',
                 '<div class="meta">采集时间：2099-12-30T21:37:37+08:00</div>']
        if rep.published:
            body.append('<table class="table_content"><tr><td>发布机构</td><td>' + esc(rep.agency) +
                        '</td><td>公开日期</td><td><publishtime>' + rep.published + "</publishtime></td></tr></table>")
    for kind, content in rep.blocks():
        if kind == "table":
            body.append(html_table(rep.grids[content], word=word))
        elif kind == "title":
            if word:  # the year split over two runs, as Word does
                cut = content.index(str(rep.year)) + 2
                body.append(f'<h1><span>{esc(content[:cut])}</span><span>{esc(content[cut:])}</span></h1>')
            else:
                body.append(f"<h1>{esc(content)}</h1>")
        else:
            body.append(_WORD_P.format(esc(content)) if word else f"<p>{esc(content)}</p>")
    if chrome:
        body.append('<div class="footer">主办单位：示例县人民政府办公室<br>网站标识码：0000000000</div>')
    return ("<!DOCTYPE html>\n<html>\n<head>\n" + "\n".join(head) + "\n</head>\n<body>\n" + "\n".join(body) +
            "\n</body>\n</html>\n")


# ------------------------------------------------------------------------------------------------ DOCX


def split_point(grid: Grid) -> int:
    """A row boundary near the middle that no rowspan crosses (where a table can be cut in two)."""
    ok = [i for i in range(1, len(grid))
          if all(r + c.rowspan <= i for r in range(i) for c in grid[r])]
    return min(ok, key=lambda i: abs(i - len(grid) // 2))


def to_docx(rep: GenReport, path: Path, *, split_runs: bool = True, split: str | None = None) -> Path:
    """The report as a Word file with real merged cells (python-docx merge: gridSpan and vMerge);
    `split` names a table printed as two Word tables with an empty paragraph between (a page break)."""
    import docx

    document = docx.Document()
    for kind, content in rep.blocks():
        if kind != "table":
            document.add_paragraph(content)
            continue
        grids = [rep.grids[content]]
        if content == split:
            cut = split_point(grids[0])
            grids = [grids[0][:cut], grids[0][cut:]]
        for n, grid in enumerate(grids):
            if n:
                document.add_paragraph("")
            _docx_table(document, grid, split_runs)
    document.save(str(path))
    return path


def _docx_table(document: Any, grid: Grid, split_runs: bool) -> None:
    table = document.add_table(rows=len(grid), cols=grid_width(grid))
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c in row:
            cell = table.cell(r, c.col)
            if c.rowspan > 1 or c.colspan > 1:
                cell = cell.merge(table.cell(r + c.rowspan - 1, c.col + c.colspan - 1))
            cell.text = ""
            para = cell.paragraphs[0]
            if split_runs and c.rowspan > 2 and len(c.text) <= 12:
                para.add_run(c.text[:1])
                for ch in c.text[1:]:
                    cell.add_paragraph(ch)
            elif split_runs and len(c.text) > 3:
                para.add_run(c.text[:-1])
                para.add_run(c.text[-1:])
            else:
                para.add_run(c.text)


# ------------------------------------------------------------------------------------------------ XLSX


def to_xlsx(rep: GenReport, path: Path, *, info_sheet: bool = False) -> Path:
    """The report as a workbook: a prose sheet, then one sheet per table with merged header cells."""
    import openpyxl

    wb = openpyxl.Workbook()
    prose = wb.active
    prose.title = "正文"
    r = 1
    for kind, content in rep.blocks():
        if kind != "table":
            prose.cell(r, 1, content)
            r += 1
    if info_sheet:
        info = wb.create_sheet("报告信息")
        for i, (label, value) in enumerate((("标题", rep.title), ("发布机关", rep.agency), ("报告年度", rep.year),
                                            ("模板", rep.template.version), ("发布日期", rep.published)), start=1):
            info.cell(i, 1, label)
            info.cell(i, 2, value)
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for tid, grid in rep.grids.items():
        spec = rep.template.table(tid)
        ws = wb.create_sheet(spec.title)
        width = grid_width(grid)
        ws.cell(1, 1, spec.title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        for i, row in enumerate(grid, start=2):
            for c in row:
                value = c.value if c.value is not None else (c.text or None)
                ws.cell(i, c.col + 1, value)
                for rr in range(i, i + c.rowspan):  # the template's ruled cells, blank ones included
                    for cc in range(c.col + 1, c.col + c.colspan + 1):
                        ws.cell(rr, cc).border = box
                if c.rowspan > 1 or c.colspan > 1:
                    ws.merge_cells(start_row=i, start_column=c.col + 1,
                                   end_row=i + c.rowspan - 1, end_column=c.col + c.colspan)
    wb.save(str(path))
    return path


def grid_as_read(grid: Grid) -> list[list[tuple[int, int, str]]]:
    """What a reader should give back for each generated row: (col, colspan, text) of its originating cells."""
    return [[(c.col, c.colspan, c.text) for c in row] for row in grid]


def read_rows(doc: Any) -> list[list[tuple[int, int, str]]]:
    """The table rows of a SourceDoc as (col, span, text) per cell."""
    return [[(c.col, c.span, c.text) for c in ln.cells] for ln in doc.lines if ln.cells]


def find_grid(rows: list[list[tuple[int, int, str]]], want: list[list[tuple[int, int, str]]]) -> int | None:
    """Index at which `want` appears as consecutive rows of `rows`, or None."""
    for i in range(len(rows) - len(want) + 1):
        if rows[i:i + len(want)] == want:
            return i
    return None


def table_mismatches(report: Any, expected: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Cells whose value in the Report differs from the hand-read expectation."""
    bad: list[tuple[Any, ...]] = []
    for t in ("active", "requests"):
        for row, cols in expected[t].items():
            for col, v in cols.items():
                got = report.tables[t].value(row, col)
                if got != v:
                    bad.append((t, row, col, v, got))
    for col, v in expected["review"].items():
        got = report.tables["review"].value("all", col)
        if got != v:
            bad.append(("review", col, v, got))
    return bad
