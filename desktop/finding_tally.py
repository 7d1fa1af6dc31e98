"""What the window's chrome shows of a report's findings besides the list itself: per table, how many findings
concern its cells and the worst of them (the tab captions and icons), and how many cells the safe fixes would set
(the 应用全部安全修正 button). Counted once when a report is loaded, then kept up to date from each edit's change of
findings, so an edit costs what it changed and not the length of the list."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable

from core.findings import CellKey, Finding, Findings, FindingsChange, Severity, sort_key


class FindingTally:
    """Per-table severity counts and the safe-fix cell count of one collection of findings (Findings.in_table and
    the sum of the safe fixes' cells, without going through the whole collection after every edit)."""

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self._tables: dict[str, Counter[Severity]] = {}
        self.safe_fix_cells = 0
        for f in findings:
            self._count(f, 1)

    def follow(self, change: FindingsChange) -> None:
        """Take the change from its `before` collection (the one counted) to its `after`."""
        for i1, i2, j1, j2 in change.runs:
            for f in change.before[i1:i2]:
                self._count(f, -1)
            for f in change.after[j1:j2]:
                self._count(f, 1)

    def _count(self, f: Finding, step: int) -> None:
        for table in {c.table for c in f.cells}:
            self._tables.setdefault(table, Counter())[f.severity] += step
        if f.fix_safe and f.fix:
            self.safe_fix_cells += step * len(f.fix)

    def in_table(self, table: str, ignored: Iterable[Finding] = ()) -> tuple[int, Severity | None]:
        """How many findings concern a cell of the table, and the worst of them (None: none), leaving out the
        `ignored` ones (her 忽略: counted apart, as everywhere)."""
        counts = Counter(self._tables.get(table) or {})
        for f in ignored:
            if any(c.table == table for c in f.cells):
                counts[f.severity] -= 1
        if not counts:
            return 0, None
        return sum(n for n in counts.values() if n > 0), max((s for s, n in counts.items() if n > 0), default=None)


class CellIndex:
    """Each cell's findings in the collection's order (Findings.at), kept from each edit's change: only the cells
    whose findings changed are worked out again. A new collection's own index reads every finding once, which
    among many findings was most of the window's cost of an edit (the grid asks for the edited cell at once)."""

    def __init__(self, findings: Findings | None = None) -> None:
        self._cells: dict[CellKey, list[Finding]] = dict(findings.by_cell) if findings is not None else {}

    def at(self, key: CellKey) -> list[Finding]:
        return self._cells.get(key, [])

    def follow(self, change: FindingsChange) -> None:
        """Take the change from its `before` collection (the one indexed) to its `after`."""
        if not change.runs:
            return
        items = change.after[:]
        gone: dict[CellKey, Counter[Finding]] = {}
        came: dict[CellKey, list[tuple[int, Finding]]] = {}
        for i1, i2, j1, j2 in change.runs:
            for f in change.before[i1:i2]:
                for c in f.cells:
                    gone.setdefault((c.table, c.row, c.col), Counter())[f] += 1
            for j in range(j1, j2):
                for c in items[j].cells:
                    came.setdefault((c.table, c.row, c.col), []).append((j, items[j]))
        for key in change.cells:
            removed = gone.get(key, Counter())
            placed = list(came.get(key, []))
            for f in self._cells.get(key, []):
                if removed[f] > 0:
                    removed[f] -= 1
                else:
                    placed.append((_position(items, f), f))
            placed.sort(key=lambda p: p[0])
            if placed:
                self._cells[key] = [f for _, f in placed]
            else:
                self._cells.pop(key, None)


def _position(items: list[Finding], f: Finding) -> int:
    """Where a finding that stayed is in the new collection (sorted by sort_key): found by its key."""
    key = sort_key(f)
    at = bisect_left(items, key, key=sort_key)
    while at < len(items) and items[at] != f and sort_key(items[at]) == key:
        at += 1
    return at
