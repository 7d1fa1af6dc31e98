"""How a template table is presented, for every view (window, workbook, text report, summary, messages):
header spans, row and column header paths, the rows an export prints, the one Chinese name of a cell and
the one way to write a value for its column kind.

Nothing here knows a label of its own: every word comes from core.template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from core.findings import CellRef, Finding
from core.model import Report, Table
from core.template import (
    MONEY,
    SIGNED,
    SINGLE_ROW,
    TABLE_TOPICS,
    ColumnSpec,
    RowSpec,
    TableSpec,
    table_short_name,
)

GROUP_SEP = " · "  # between a group label and the label inside it: （三）不予公开 · 1.属于国家秘密
MONEY_DECIMALS = 2  # 万元 are written with at least two decimals (more when the report printed more)


# ---------------------------------------------------------------- names


def table_caption(table_id: str) -> str:
    """A table with what it is about, for tabs and sheet lists: 表三 依申请公开."""
    topic = TABLE_TOPICS.get(table_id)
    return f"{table_short_name(table_id)} {topic}" if topic else table_short_name(table_id)


def row_label(spec: TableSpec, row_id: str) -> str:
    """A row as the officer reads it, grouped rows with their group: （三）不予公开 · 1.属于国家秘密."""
    if row_id not in spec.row_index:
        return row_id
    row = spec.row(row_id)
    if len(row.header) == 3 and row.header[1]:
        return f"{row.header[1]}{GROUP_SEP}{row.label}"
    return row.label


def col_label(spec: TableSpec, col_id: str) -> str:
    """A column as the officer reads it; in table 四 with its group: 行政复议 · 总计."""
    if col_id not in spec.col_index:
        return col_id
    col = spec.col(col_id)
    if col.group:
        return f"{spec.group_label(col.group)}{GROUP_SEP}{col.label}"
    return col.label


def cell_short(spec: TableSpec, row_id: str, col_id: str) -> str:
    """A cell named within its table: “（一）予以公开”行“自然人”列 / “行政复议 · 总计”栏."""
    if spec.layout == SINGLE_ROW:
        return f"“{col_label(spec, col_id)}”栏"
    return f"“{row_label(spec, row_id)}”行“{col_label(spec, col_id)}”列"


def cell_name(spec: TableSpec, row_id: str, col_id: str) -> str:
    """The one name of a cell: 表三“（一）予以公开”行“自然人”列 / 表四“行政复议 · 总计”栏."""
    return spec.short_name + cell_short(spec, row_id, col_id)


# ---------------------------------------------------------------- values


def _plain(value: int | float) -> str:
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def value_text(value: int | float | None, kind: str | None = None) -> str:
    """The one way a value is written: counts plain (12), signed changes with their sign (+3, -2, 0), 万元 with at
    least two decimals and every decimal the report printed (12.50, 5949.088667); a blank is empty text."""
    if value is None:
        return ""
    text = _plain(value)
    if kind == MONEY:
        whole, _, frac = text.partition(".")
        return f"{whole}.{frac.ljust(MONEY_DECIMALS, '0')}"
    if kind == SIGNED and value > 0:
        return "+" + text
    return text


PERCENT_DECIMALS = 1  # shares are written with one decimal: 33.9%


def percent_text(value: int | float | None) -> str:
    """The one way a share is written: 33.9% (one decimal); a missing share is empty text."""
    return "" if value is None else f"{value:.{PERCENT_DECIMALS}f}%"


def change_text(value: int | float | None, share: bool = False) -> str:
    """A change from last year: +12 / -3 / 0 for counts, +1.5个百分点 for shares; unknown is empty text."""
    if value is None:
        return ""
    if share:
        return f"{value:+.{PERCENT_DECIMALS}f}个百分点".replace("+0.0个", "0.0个").replace("-0.0个", "0.0个")
    return value_text(value, SIGNED)


def column_kind(spec: TableSpec, col_id: str) -> str | None:
    return spec.col(col_id).kind if col_id in spec.col_index else None


def cell_text(spec: TableSpec, col_id: str, value: int | float | None) -> str:
    """A value written for its column."""
    return value_text(value, column_kind(spec, col_id))


# ---------------------------------------------------------------- header paths and spans


def column_path(col: ColumnSpec) -> tuple[str, ...]:
    """Header labels above a column, outermost first: (申请人情况, 法人或其他组织, 商业企业)."""
    return col.header or (col.label,)


def row_path(spec: TableSpec, row: RowSpec) -> tuple[str, ...]:
    """Row header labels, outermost first: (三、本年度办理结果, （三）不予公开, 1.属于国家秘密); a block row of table
    二 under its 第二十条 caption; table 四's single row by what it counts."""
    if row.header:
        return row.header
    if row.block:
        return (row.block, row.label)
    return (row.label or spec.single_row_label,)


@dataclass(frozen=True)
class Span:
    """A merged header cell: text at (level, index) reaching to (level_end, index_end), all inclusive."""

    level: int
    index: int
    level_end: int
    index_end: int
    text: str
    leaf: bool = False  # the last label of its path (reaches down to the deepest level)


def header_spans(paths: list[tuple[str, ...]], depth: int | None = None) -> list[Span]:
    """Merged header cells from header paths in display order: neighbours sharing a prefix merge across at that
    level; the last label of a path shorter than the deepest reaches down to the last level."""
    depth = max((len(p) for p in paths), default=1) if depth is None else depth
    spans: list[Span] = []
    n = len(paths)
    for level in range(depth):
        j = 0
        while j < n:
            p = paths[j]
            if len(p) <= level:
                j += 1
                continue
            if level == len(p) - 1:
                spans.append(Span(level, j, depth - 1, j, p[level], leaf=True))
                j += 1
                continue
            k = j
            while k + 1 < n and len(paths[k + 1]) - 1 > level and paths[k + 1][: level + 1] == p[: level + 1]:
                k += 1
            spans.append(Span(level, j, level, k, p[level]))
            j = k + 1
    return spans


# ---------------------------------------------------------------- rows an export prints


def printed_rows(table: Table) -> list[RowSpec]:
    """The rows an export prints: every template row, except optional rows the report never printed (the 2021
    （六） sub-rows of a hybrid table 三), so the export reads back as the same table."""
    spec = table.spec
    return [r for r in spec.rows
            if not r.optional or r.id in table.present_rows
            or any(table.get(r.id, c).kind != "absent" for c in spec.cols_for(r.id))]


# ---------------------------------------------------------------- reports and finding places


def report_title(report: Report) -> str:
    """The title as printed, or one built from agency and year."""
    if report.title:
        return report.title.strip()
    year = f"{report.report_year}年" if report.report_year else ""
    return f"{report.agency or ''}{year}政府信息公开工作年度报告"


def table_spec(report: Report, table_id: str) -> TableSpec | None:
    """The spec a report's table is read with (a hybrid table 三 has its own), else the template's."""
    t = report.tables.get(table_id)
    if t is not None:
        return t.spec
    if report.template is not None:
        try:
            return report.template.table(table_id)
        except KeyError:
            return None
    return None


def report_cell_name(report: Report, table_id: str, row: str, col: str) -> str:
    """A cell of this report by its one name; ids only when the template does not know the cell."""
    spec = table_spec(report, table_id)
    if spec is None or row not in spec.row_index or col not in spec.col_index:
        return f"{table_id}.{row}.{col}"
    return cell_name(spec, row, col)


@dataclass(frozen=True)
class Place:
    """A finding's place in words: table names, row labels, column labels (the exports' 位置 columns)."""

    table: str
    rows: str
    cols: str
    first: CellRef | None


def _distinct(items: list[str]) -> list[str]:
    out: list[str] = []
    for i in items:
        if i and i not in out:
            out.append(i)
    return out


def place(report: Report, finding: Finding) -> Place:
    if not finding.cells:
        return Place("", "", "", None)
    first = finding.cells[0]
    specs = {c.table: table_spec(report, c.table) for c in finding.cells}
    rows = _distinct([row_label(s, c.row) if (s := specs[c.table]) is not None and s.layout != SINGLE_ROW else ""
                      for c in finding.cells])
    cols = _distinct([col_label(s, c.col) if (s := specs[c.table]) is not None else c.col for c in finding.cells])
    tables = "、".join(table_short_name(t) for t in _distinct([c.table for c in finding.cells]))
    return Place(tables, "、".join(rows), "、".join(cols), first)


def published_number(report: Report, finding: Finding) -> int | float | None:
    """The number the report printed that a finding is about: `actual`, else its one cell's published value."""
    if finding.actual is not None:
        return finding.actual
    if len(finding.cells) == 1:
        c = finding.cells[0]
        if c.table in report.tables:
            return report.original_value(c.table, c.row, c.col)
    return None


def date_text(d: date | str) -> str:
    """A date as the officer writes it: 2024年1月20日 (an ISO string is accepted; anything else comes back as is)."""
    if isinstance(d, str):
        try:
            day = date.fromisoformat(d.strip())
        except ValueError:
            return d
    else:
        day = d
    return f"{day.year}年{day.month}月{day.day}日"


def when_text(t: datetime, now: datetime | None = None) -> str:
    """A moment of today as 14:05, of another day as 1月20日 14:05, of another year with the year too."""
    now = now or datetime.now()
    clock = f"{t.hour:02d}:{t.minute:02d}"
    if t.date() == now.date():
        return clock
    day = f"{t.month}月{t.day}日" if t.year == now.year else date_text(t.date())
    return f"{day} {clock}"
