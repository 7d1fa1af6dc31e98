"""Totals over a batch for the 汇总统计 sheet: each statistical cell summed over the reports of one year and
template (what a higher-level office compiles for its region), with pandas.

Numbers are the reports' published values (no fixes applied). Blank cells do not count; a cell nobody
filled stays blank in the total. Reports are grouped by report year and table layout, so a 2019-template
table is never added to a 2021 one, and a hybrid table 三 (2021 with the single 2019 （六） row) gets its own
block instead of losing a row.

The batch hands its reports over one at a time as they arrive (`BatchTotals.add`, in file order); each keeps only
one tuple of numbers per table (in the spec's cell order), so no report is held. pandas (imported when the totals
are made) then sums each group's column of tuples with `sum(min_count=1)`: a cell no report filled stays blank.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from core.model import Cell, Report, Table, _finite
from core.template import TABLE_IDS, TEMPLATES, TableSpec

CellKey = tuple[str, str]  # (row id, column id)


@dataclass
class TotalsBlock:
    """The sum of one table over `reports` reports; `sums` by (row id, column id), a cell no report filled left out."""

    year: int | None
    template: str
    spec: TableSpec
    reports: int
    agencies: list[str]
    sums: dict[CellKey, float]


GroupKey = tuple[int, str, str, tuple[str, ...]]


@dataclass
class _Group:
    spec: TableSpec
    cells: list[CellKey]  # the spec's statistical cells, in order: the positions of `rows`
    rows: list[tuple[float | None, ...]] = field(default_factory=list)  # one tuple of numbers per report
    agencies: set[str] = field(default_factory=set)


def _key(report: Report, spec: TableSpec) -> GroupKey:
    return (report.report_year or 0, report.template_version or "", spec.id, tuple(r.id for r in spec.rows))


def _sum_columns(rows: list[Any], columns: list[CellKey]) -> dict[CellKey, float]:
    """pandas' column sums of `rows` (None = blank; a column with no number stays out)."""
    import pandas as pd

    frame = pd.DataFrame(rows, index=[0] * len(rows), columns=pd.RangeIndex(len(columns)), dtype=float)  # None: NaN
    total = frame.groupby(level=0).sum(min_count=1).iloc[0]  # pandas' grouped sum, compensated, in report order
    return {columns[i]: float(v) for i, v in total.items() if pd.notna(v)}


class BatchTotals:
    """The totals of a batch, one report at a time (add them in file order)."""

    def __init__(self) -> None:
        # the key holds the table's row ids, so every member of a group has the same layout as its first
        self._groups: dict[GroupKey, _Group] = {}

    def add(self, report: Report) -> None:
        if report.error or report.template is None:
            return
        for tid in TABLE_IDS:
            table = report.tables.get(tid)
            if table is None or not table.found:
                continue
            spec = table.spec
            group = self._groups.get(key := _key(report, spec))
            if group is None:
                group = self._groups[key] = _Group(spec, spec.cells())
            group.agencies.add(report.agency or report.path)
            got = table.cells
            group.rows.append(tuple(_finite(c.value) if (c := got.get(k)) is not None else None for k in group.cells))

    def blocks(self) -> list[TotalsBlock]:
        """One block per (year, template, table layout), in year, template and table order."""
        out = []
        for key in sorted(self._groups, key=lambda k: (k[0], k[1], TABLE_IDS.index(k[2]), k[3])):
            g = self._groups[key]
            out.append(TotalsBlock(key[0] or None, key[1], g.spec, len(g.rows), sorted(g.agencies),
                                   _sum_columns(g.rows, g.cells)))
        return out


def batch_totals(reports: Iterable[Report]) -> list[TotalsBlock]:
    """One block per (year, template, table layout), in year, template and table order."""
    totals = BatchTotals()
    for report in reports:
        totals.add(report)
    return totals.blocks()


def cell_total(block: TotalsBlock, row: str, col: str) -> int | float | None:
    """A total as a Python number (int when whole), None when no report filled the cell."""
    f = block.sums.get((row, col))
    if f is None:
        return None
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
    columns = list(spec.cells())
    sums = _sum_columns([tuple(b.sums.get(k) for k in columns) for b in blocks], columns)
    cells = {}
    for row, col in columns:
        v = sums.get((row, col))
        cells[(row, col)] = Cell(None, kind="blank") if v is None else Cell(v, kind="number")
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
