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

from core.model import Report
from core.template import TABLE_IDS, TableSpec


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
