"""Totals over a batch for the 汇总统计 sheet: each statistical cell summed over the reports of one year and
template (what a higher-level office compiles for its region), with pandas.

Numbers are the reports' published values (no fixes applied). Blank cells do not count; a cell nobody
filled stays blank in the total. Reports are grouped by report year and table layout, so a 2019-template
table is never added to a 2021 one, and a hybrid table 三 (2021 with the single 2019 （六） row) gets its own
block instead of losing a row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from core.model import Cell, Report, Table
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
