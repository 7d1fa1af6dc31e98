"""Findings as data: frozen records with rule id, ordered severity, cells, numbers, message, hint and fix, and
the collection of one report's findings (order, per-cell index, counts) that every view reads."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, overload

from core.catalogue import DEFAULT_SEVERITY, rule_name
from core.severity import Severity

__all__ = ["DEFAULT_SEVERITY", "CellRef", "Finding", "Findings", "FindingsChange", "FixItem", "Severity", "make",
           "sort_key"]


@dataclass(frozen=True)
class CellRef:
    table: str
    row: str
    col: str

    def to_json(self) -> dict[str, str]:
        return {"table": self.table, "row": self.row, "col": self.col}


@dataclass(frozen=True)
class FixItem:
    table: str
    row: str
    col: str
    value: int | float | None

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "row": self.row, "col": self.col, "value": self.value}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    cells: tuple[CellRef, ...] = ()
    expected: int | float | None = None
    actual: int | float | None = None
    hint: str | None = None
    fix: tuple[FixItem, ...] | None = None
    fix_safe: bool = False
    evidence: str | None = None  # quoted sentence or source excerpt (not part of the JSON contract)

    @property
    def family(self) -> str:
        return self.rule.split(".", 1)[0]

    @property
    def rule_name(self) -> str:
        """The rule's short Chinese name (the id stays for JSON, tooltips and the command line)."""
        return rule_name(self.rule)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.key,
            "message": self.message,
            "cells": [c.to_json() for c in self.cells],
            "expected": self.expected,
            "actual": self.actual,
            "hint": self.hint,
            "fix": [f.to_json() for f in self.fix] if self.fix else None,
            "fix_safe": self.fix_safe,
        }


def make(rule: str, message: str, **kw: Any) -> Finding:
    """A finding with the rule's default severity."""
    return Finding(rule, DEFAULT_SEVERITY[rule], message, **kw)


def sort_key(f: Finding) -> tuple[int, str, str]:
    first = f.cells[0] if f.cells else None
    return (-int(f.severity), f.rule, f"{first.table}.{first.row}.{first.col}" if first else "")


CellKey = tuple[str, str, str]  # (table, row, col)


class Findings(Sequence[Finding]):
    """The findings of one report in their one order (severity, rule, first cell), with the per-cell index and
    the counts every view uses."""

    def __init__(self, items: Iterable[Finding] = ()) -> None:
        self._items: list[Finding] = sorted(items, key=sort_key)
        self._by_cell: dict[CellKey, list[Finding]] | None = None
        self._by_table: dict[str, tuple[int, Severity]] | None = None
        self._counts: dict[Severity, int] | None = None

    @overload
    def __getitem__(self, i: int) -> Finding: ...
    @overload
    def __getitem__(self, i: slice) -> list[Finding]: ...
    def __getitem__(self, i: int | slice) -> Finding | list[Finding]:
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"Findings({len(self._items)})"

    @property
    def by_cell(self) -> dict[CellKey, list[Finding]]:
        """Findings per cell (table, row, col), in the collection's order."""
        if self._by_cell is None:
            index: dict[CellKey, list[Finding]] = defaultdict(list)
            for f in self._items:
                for c in f.cells:
                    index[(c.table, c.row, c.col)].append(f)
            self._by_cell = dict(index)
        return self._by_cell

    def in_table(self, table: str) -> tuple[int, Severity | None]:
        """How many findings concern a cell of the table, and the worst of them (None: none)."""
        if self._by_table is None:
            index: dict[str, tuple[int, Severity]] = {}
            for f in self._items:
                for t in {c.table for c in f.cells}:
                    n, worst = index.get(t, (0, f.severity))
                    index[t] = (n + 1, max(worst, f.severity))
            self._by_table = index
        return self._by_table.get(table, (0, None))

    def at(self, table: str, row: str, col: str) -> list[Finding]:
        return self.by_cell.get((table, row, col), [])

    def counts(self) -> dict[Severity, int]:
        if self._counts is None:  # the items are sorted by severity first: each count is the length of a run
            def rank(f: Finding) -> int:
                return -int(f.severity)

            self._counts = {s: bisect_right(self._items, -int(s), key=rank) - bisect_left(self._items, -int(s), key=rank)
                            for s in Severity}
        return dict(self._counts)

    def summary(self) -> dict[str, int]:
        """Counts by severity key, as the JSON's "summary" object."""
        return {s.key: n for s, n in sorted(self.counts().items(), reverse=True)}

    def worst(self) -> Severity | None:
        return max((s for s, n in self.counts().items() if n), default=None)

    def safe_fixes(self) -> list[Finding]:
        return [f for f in self._items if f.fix_safe and f.fix]


def _common_prefix(a: list[Finding], b: list[Finding], chunk: int = 256) -> int:
    """How many leading items two lists share. Whole chunks are compared as lists first: the comparison runs in C
    and takes the same object for equal without calling Finding.__eq__ (a collection that shares most of its
    findings with the last one, as after an edit, is compared at a fraction of the cost of item by item)."""
    n = min(len(a), len(b))
    lo = 0
    while lo + chunk <= n and a[lo:lo + chunk] == b[lo:lo + chunk]:
        lo += chunk
    while lo < n and a[lo] == b[lo]:
        lo += 1
    return lo


@dataclass(frozen=True)
class FindingsChange:
    """How one collection of findings became the next (after an edit is re-validated): the runs of rows replaced,
    as (old_start, old_end, new_start, new_end) in ascending order, and the cells whose findings changed. Views
    apply the runs back to front, so the positions of the runs before stay valid."""

    before: Findings
    after: Findings
    runs: tuple[tuple[int, int, int, int], ...]
    cells: frozenset[CellKey]

    @classmethod
    def between(cls, before: Findings, after: Findings) -> FindingsChange:
        """The difference of two collections; cost about proportional to their length when little changed."""
        old, new = before[:], after[:]
        lo = _common_prefix(old, new)
        tail = _common_prefix(old[lo:][::-1], new[lo:][::-1])
        hi_old, hi_new = len(old) - tail, len(new) - tail
        runs: list[tuple[int, int, int, int]] = []
        if lo < hi_old or lo < hi_new:
            matcher = SequenceMatcher(None, old[lo:hi_old], new[lo:hi_new], autojunk=False)
            runs = [(lo + i1, lo + i2, lo + j1, lo + j2)
                    for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
        cells = {(c.table, c.row, c.col)
                 for i1, i2, j1, j2 in runs for f in (*old[i1:i2], *new[j1:j2]) for c in f.cells}
        return cls(before, after, tuple(runs), frozenset(cells))

    @property
    def empty(self) -> bool:
        return not self.runs
