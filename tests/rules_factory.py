"""Builds Reports for the rule tests: consistent tables of either template, cells set by hand, metadata."""

from __future__ import annotations

import random
from dataclasses import replace

from core.model import Cell, Loc, Report, Section, SourceLine, Table, empty_tables
from core.template import SECTION_HEADINGS, TEMPLATE_2019, TEMPLATE_2021, TableSpec, hybrid_requests_2021

HYBRID_ABSENT = ("other_overdue_correction", "other_overdue_fee", "other_reasons")


def num(value: int | float, line: int = 1) -> Cell:
    return Cell(value=value, raw=str(value), loc=Loc(line=line), kind="number")


def blank(raw: str = "") -> Cell:
    return Cell(value=None, raw=raw, loc=Loc(line=1), kind="blank")


def text(raw: str) -> Cell:
    return Cell(value=None, raw=raw, loc=Loc(line=1), kind="text")


def requests_values(spec: TableSpec, rng: random.Random, hi: int = 30,
                    absent: tuple[str, ...] = ()) -> dict[tuple[str, str], int]:
    """A consistent table 三: every row, result column and balance adds up."""
    parts = [c.id for c in spec.columns if not c.is_total]
    total_col = next(c.id for c in spec.columns if c.is_total)
    results = [r.id for r in spec.rows if r.role == "result" and r.id not in absent]
    v: dict[tuple[str, str], int] = {}
    for r in results:
        for c in parts:
            v[(r, c)] = rng.choice([0, 0, 0, rng.randint(0, hi)])
    for c in parts:
        v[("total", c)] = sum(v[(r, c)] for r in results)
        v[("carried_forward", c)] = rng.choice([0, rng.randint(0, 5)])
        v[("carried_over", c)] = rng.randint(0, v[("total", c)] + v[("carried_forward", c)])
        v[("new_received", c)] = v[("total", c)] + v[("carried_forward", c)] - v[("carried_over", c)]
    for r in spec.rows:
        if r.id not in absent:
            v[(r.id, total_col)] = sum(v[(r.id, c)] for c in parts)
    return v


def review_values(spec: TableSpec, rng: random.Random, hi: int = 9) -> dict[tuple[str, str], int]:
    v: dict[tuple[str, str], int] = {}
    groups: dict[str, list[str]] = {}
    for c in spec.columns:
        groups.setdefault(c.group or "", []).append(c.id)
    for cols in groups.values():
        s = 0
        for c in cols:
            if not spec.col(c).is_total:
                v[("all", c)] = rng.randint(0, hi)
                s += v[("all", c)]
        for c in cols:
            if spec.col(c).is_total:
                v[("all", c)] = s
    return v


def fill(table: Table, values: dict[tuple[str, str], int]) -> Table:
    for (r, c), x in values.items():
        table.cells[(r, c)] = num(x)
    table.found = True
    table.present_rows = {r for r, _ in values}
    return table


def make_report(version: str = "2021", *, seed: int = 1, hybrid: bool = False, year: int | None = None,
                title: str | None = "某某市某某局2022年政府信息公开工作年度报告", agency: str | None = "某某市某某局",
                published: str | None = None, period: str | None = None, prose: list[str] | None = None,
                section_texts: dict[int, str] | None = None) -> Report:
    """A report whose three tables are found and consistent, with metadata and six sections."""
    template = TEMPLATE_2021 if version == "2021" else TEMPLATE_2019
    rng = random.Random(seed)
    tables = empty_tables(template, hybrid_requests_2021() if hybrid else None)
    absent = HYBRID_ABSENT if hybrid else ()
    fill(tables["requests"], requests_values(tables["requests"].spec, rng, absent=absent))
    fill(tables["review"], review_values(tables["review"].spec, rng))
    active = tables["active"]
    fill(active, {(r, c): rng.randint(0, 20) for r, c in active.spec.cells()})
    year = year if year is not None else (2022 if version == "2021" else 2020)
    if period is None:
        period = f"本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日"
    texts = {1: "本机关认真贯彻落实条例。", 5: "存在的问题是公开深度不够，下一步将加强培训。",
             6: "本年度未收取信息处理费。"}
    texts.update(section_texts or {})
    lines: list[SourceLine] = []
    sections = []
    body = list(prose or [])
    for number, heading in enumerate(SECTION_HEADINGS, start=1):
        sections.append(Section(number, heading, True, printed=heading, line=len(lines),
                                numeral="一二三四五六"[number - 1], text=texts.get(number, "")))
        lines.append(SourceLine(heading, Loc(line=len(lines) + 1)))
        chunk = body if number == 1 else []
        for t in [texts.get(number, ""), *chunk]:
            if t:
                lines.append(SourceLine(t, Loc(line=len(lines) + 1)))
    return Report(path="constructed.txt", format="txt", template=template, tables=tables, title=title, agency=agency,
                  report_year=year, published=published, period=period, sections=sections, lines=lines,
                  hybrid=hybrid)


def set_cell(report: Report, table: str, row: str, col: str, cell: Cell) -> None:
    report.tables[table].cells[(row, col)] = cell


def add_delta(report: Report, table: str, row: str, col: str, delta: int) -> int:
    """Change a number cell by delta; returns the original value."""
    t = report.tables[table]
    old = t.get(row, col)
    assert old.value is not None
    t.cells[(row, col)] = replace(old, value=old.value + delta, raw=str(old.value + delta))
    return int(old.value)


def zero_result_cells(report: Report, row: str, cols: tuple[str, ...] | None = None) -> None:
    """Set applicant cells of a result row to 0 and keep table 三 consistent (totals and balance follow)."""
    t = report.tables["requests"]
    spec = t.spec
    total_col = next(c.id for c in spec.columns if c.is_total)
    parts = [c.id for c in spec.columns if not c.is_total]
    for c in cols or tuple(parts):
        v = int(t.value(row, c) or 0)
        if not v:
            continue
        t.cells[(row, c)] = num(0)
        t.cells[("total", c)] = num(int(t.value("total", c) or 0) - v)
        new = int(t.value("new_received", c) or 0)
        take = min(new, v)
        t.cells[("new_received", c)] = num(new - take)
        t.cells[("carried_over", c)] = num(int(t.value("carried_over", c) or 0) - (v - take))
    for r in (row, "total", "new_received", "carried_over"):
        t.cells[(r, total_col)] = num(sum(int(t.value(r, c) or 0) for c in parts))
