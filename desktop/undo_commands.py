"""Undoable grid edits for the desktop app: one QUndoCommand per user action (a cell, a pasted block, a fix)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from core.model import Edit, Report


class EditTarget(Protocol):
    """What a command edits: the document's report, re-checked after every change (desktop.document.ReportDocument)."""

    @property
    def report(self) -> Report | None: ...

    def revalidate(self, values: Iterable[tuple[str, str, str]] = ()) -> None: ...


@dataclass(frozen=True)
class CellChange:
    """One cell to set: the new value (None = blank) and why (user | safe_fix | fix, with the rule)."""

    table: str
    row: str
    col: str
    value: int | float | None
    source: str = "user"
    rule: str | None = None


def _same(a: int | float | None, b: int | float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b


class CellEditsCommand(QUndoCommand):
    """Sets one or more cells through Report.set_value (so each lands in Report.edits / 修改记录);
    undo takes exactly those edits back with Report.undo_edit. The document re-validates after either."""

    def __init__(self, doc: EditTarget, changes: list[CellChange], text: str) -> None:
        super().__init__(text)
        self._doc = doc
        self._changes = list(changes)
        self._edits: list[Edit] = []

    @property
    def changes(self) -> list[CellChange]:
        return list(self._changes)

    def redo(self) -> None:
        report = self._doc.report
        assert report is not None
        self._edits = []
        for ch in self._changes:
            if _same(report.tables[ch.table].value(ch.row, ch.col), ch.value):
                continue
            self._edits.append(report.set_value(ch.table, ch.row, ch.col, ch.value, source=ch.source, rule=ch.rule))
        self._doc.revalidate(self._cells())

    def undo(self) -> None:
        report = self._doc.report
        assert report is not None
        cells = self._cells()
        for edit in reversed(self._edits):
            report.undo_edit(edit)
        self._edits = []
        self._doc.revalidate(cells)

    def _cells(self) -> list[tuple[str, str, str]]:
        """The cells this command set (their value, and whether they show as corrected)."""
        return [(e.table, e.row, e.col) for e in self._edits]


def effective(doc: EditTarget, changes: list[CellChange]) -> list[CellChange]:
    """The changes that would alter a value (a command of no-ops is not pushed)."""
    report = doc.report
    if report is None:
        return []
    return [c for c in changes if not _same(report.tables[c.table].value(c.row, c.col), c.value)]
