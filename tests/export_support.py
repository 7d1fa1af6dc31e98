"""Hand-built reports and findings for the export and batch tests (no extractor needed)."""

from __future__ import annotations

from core.findings import CellRef, Finding, FixItem, make
from core.model import Cell, Loc, Report, Section, empty_tables
from core.template import SECTION_HEADINGS, TEMPLATE_2019, TEMPLATE_2021, Template

# table 三 of a small 2021 report: per row the 7 column values (None = blank)
REQUESTS_2021: dict[str, list[int | None]] = {
    "new_received": [16, 0, 0, 0, 2, 0, 18],
    "carried_over": [1, 0, 0, 0, 0, 0, 1],
    "granted": [9, 0, 0, 0, 1, 0, 10],
    "partial": [1, 0, 0, 0, 0, 0, 1],
    "unable_no_info": [5, 0, 0, 0, 1, 0, 6],
    "total": [15, 0, 0, 0, 2, 0, 17],
    "carried_forward": [2, 0, 0, 0, 0, 0, 2],
}
REVIEW_VALUES = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def _num(value: int | float | None, line: int) -> Cell:
    if value is None:
        return Cell(None, "", Loc(line=line), "blank")
    return Cell(value, str(value), Loc(line=line), "number")


def build_report(template: Template = TEMPLATE_2021, path: str = "/nonexistent/示例报告.txt") -> Report:
    """A complete, balanced report: every cell filled (0 where nothing is said), sections with prose."""
    tables = empty_tables(template)
    line = 100
    for table in tables.values():
        table.found = True
        for row in table.spec.rows:
            table.present_rows.add(row.id)
            for col in table.spec.cols_for(row.id):
                line += 1
                table.cells[(row.id, col)] = _num(0, line)
    req = tables["requests"]
    cols = [c.id for c in req.spec.columns]
    for row_id, values in REQUESTS_2021.items():
        for col, v in zip(cols, values, strict=True):
            req.cells[(row_id, col)] = _num(v, req.get(row_id, col).loc.line)  # type: ignore[union-attr]
    review = tables["review"]
    for col, v in zip(review.spec.cols_for("all"), REVIEW_VALUES, strict=True):
        review.cells[("all", col)] = _num(v, 90)
    active = tables["active"]
    if template is TEMPLATE_2021:
        active.cells[("normative_docs", "issued")] = _num(8, 20)
        active.cells[("normative_docs", "in_force")] = _num(18, 20)
        active.cells[("licensing", "decisions")] = _num(1234, 24)
        active.cells[("enforcement", "decisions")] = _num(None, 26)
        active.cells[("fees", "amount_wan")] = Cell(340.065276, "3400652.76元", Loc(line=30), "number", unit="元")
    else:
        active.cells[("licensing", "prev_items")] = _num(517, 24)
        active.cells[("licensing", "change")] = _num(-31, 24)
        active.cells[("enforcement", "prev_items")] = _num(None, 27)
        active.cells[("procurement", "amount_wan")] = Cell(340.065276, "3400652.76(元)", Loc(line=31), "number",
                                                          unit="元")
    year = 2023 if template is TEMPLATE_2021 else 2020
    sections = [Section(i + 1, h, True, printed=h, line=10 * i, text=f"第{i + 1}部分的正文。本年度工作平稳。")
                for i, h in enumerate(SECTION_HEADINGS)]
    return Report(path=path, format="txt", template=template, tables=tables,
                  title=f"某某县发展和改革局{year}年政府信息公开工作年度报告", agency="某某县发展和改革局",
                  report_year=year, published=f"{year + 1}-01-20", sections=sections, sha256="ab" * 32)


def findings_for(report: Report) -> list[Finding]:
    """A spread of findings over the tables: an error on two cells, a warning, a missing cell, a doc warning."""
    out = [
        make("T3.ROW_SUM", "表三“一、本年新收政府信息公开申请数量”行：总计应为 18，实为 19。",
             cells=(CellRef("requests", "new_received", "total"), CellRef("requests", "new_received", "natural")),
             expected=18, actual=19, hint="可能是“自然人”列多计了 1 件。"),
        make("CELL.MISSING", "表二“行政强制”行“本年处理决定数量”列为空白，模板要求填写数字。",
             cells=(CellRef("active", "enforcement", "decisions"),),
             fix=(FixItem("active", "enforcement", "decisions", 0),), fix_safe=True),
        make("T4.GROUP_SUM", "表四行政复议：总计应为 1，实为 2。",
             cells=(CellRef("review", "all", "review_total"),), expected=1, actual=2),
        make("DOC.PUBLISHED_UNKNOWN", "未找到发布日期，无法判断是否按期公开。"),
        make("CELL.UNIT", "=HYPERLINK(\"http://x\") 单位已换算。", cells=(CellRef("active", "fees", "amount_wan"),)),
    ]
    if report.template is TEMPLATE_2019:
        out[1] = make("CELL.MISSING", "表二“行政强制”行为空白。",
                      cells=(CellRef("active", "enforcement", "prev_items"),))
        out[4] = make("CELL.UNIT", "=HYPERLINK(\"http://x\") 单位已换算。",
                      cells=(CellRef("active", "procurement", "amount_wan"),))
    return out


__all__ = ["TEMPLATE_2019", "TEMPLATE_2021", "build_report", "findings_for"]
