"""What the window's chrome shows of a report's findings besides the list itself: per table, how many findings
concern its cells and the worst of them (the tab captions and icons), and how many cells the safe fixes would set
(the 应用全部安全修正 button). Counted once when a report is loaded, then kept up to date from each edit's change of
findings, so an edit costs what it changed and not the length of the list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from core.findings import Finding, FindingsChange, Severity


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

    def in_table(self, table: str) -> tuple[int, Severity | None]:
        """How many findings concern a cell of the table, and the worst of them (None: none)."""
        counts = self._tables.get(table)
        if not counts:
            return 0, None
        return sum(counts.values()), max((s for s, n in counts.items() if n), default=None)
