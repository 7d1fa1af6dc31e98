"""What the table extractors ask of a table spec for every row and cell, worked out once per spec object.

A TableSpec is frozen: its columns per row, its money columns and the relations along its rows (the check
the glued-digit splitter applies, core.relations.row_check) never change, so they are computed on first use
and kept with the spec (as core.relations keeps its equations), instead of once a row or a cell per report.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from core.relations import row_check
from core.template import MONEY, TableSpec

Check = Callable[[list[int]], bool]


@dataclass(frozen=True)
class SpecLookup:
    cols_for: dict[str, tuple[str, ...]]  # spec.cols_for(row) for every row
    money: frozenset[str]  # columns of kind MONEY
    width: int  # the most columns any row has
    has_total: bool  # a column is a total
    checks: dict[str, Check | None]  # row_check(spec, row, spec.cols_for(row)) for every row


_MAX_SPECS = 64  # the templates hold a handful of specs; a bound in case a caller builds them on the fly
_CACHE: dict[int, tuple[TableSpec, SpecLookup]] = {}
_LOCK = threading.Lock()


def _build(spec: TableSpec) -> SpecLookup:
    cols_for = {r.id: spec.cols_for(r.id) for r in spec.rows}
    return SpecLookup(
        cols_for=cols_for,
        money=frozenset(c.id for c in spec.columns if c.kind == MONEY),
        width=max((len(cols) for cols in cols_for.values()), default=0),
        has_total=any(c.is_total for c in spec.columns),
        checks={r: row_check(spec, r, cols) for r, cols in cols_for.items()},
    )


def lookup(spec: TableSpec) -> SpecLookup:
    """The lookups of this spec object (the entry is keyed by the object and holds it, so never stale)."""
    hit = _CACHE.get(id(spec))
    if hit is not None and hit[0] is spec:
        return hit[1]
    found = _build(spec)
    with _LOCK:
        if len(_CACHE) >= _MAX_SPECS:
            _CACHE.clear()
        _CACHE[id(spec)] = (spec, found)
    return found
