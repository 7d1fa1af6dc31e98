"""Editing handlers of the main window: copy, paste and clear in the current grid, applying one proposed fix or
every safe fix as undoable commands, and re-checking the current report."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QStatusBar

from core.findings import Finding
from core.fixes import fix_changes, safe_fix_changes
from desktop.document import ReportDocument
from desktop.grid_view import GridView
from desktop.undo_commands import CellChange


class _FindingSelection(Protocol):
    def current_finding(self) -> Finding | None: ...


class EditHost(Protocol):
    """What editing needs of the main window: the current report, its grid and selected finding, the status bar."""

    current: ReportDocument | None
    findings: _FindingSelection

    def current_grid(self) -> GridView: ...

    def statusBar(self) -> QStatusBar: ...


class EditHandlers:
    """What the Edit and Check menus do to the current report; every change goes through its undo stack."""

    def __init__(self, window: EditHost) -> None:
        self.w = window

    def copy_cells(self) -> None:
        self.w.current_grid().copy_selection()

    def paste_cells(self) -> None:
        self.w.current_grid().paste()

    def clear_cells(self) -> None:
        self.w.current_grid().clear_selection()

    def apply_fix(self, f: Finding) -> bool:
        doc = self.w.current
        if doc is None or not f.fix:
            return False
        if doc.report is None:
            return False
        changes = [CellChange(c.table, c.row, c.col, c.value, c.source, c.rule) for c in fix_changes(doc.report, f)]
        done = doc.push_changes(changes, f"应用修正：{f.message[:30]}")
        if done:
            self.w.statusBar().showMessage(f"已应用修正（{len(changes)} 个单元格），可按 Ctrl+Z 撤销。", 5000)
        return done

    def apply_selected_fix(self) -> None:
        f = self.w.findings.current_finding()
        if f is None or not f.fix:
            self.w.statusBar().showMessage("请先在核查结果中选择一条带有修正建议的问题。", 5000)
            return
        self.apply_fix(f)

    def apply_safe_fixes(self) -> int:
        """Every safe fix of the current findings as one undoable command; returns the cells changed."""
        doc = self.w.current
        if doc is None or not doc.editable or doc.report is None:
            return 0
        changes = [CellChange(c.table, c.row, c.col, c.value, c.source, c.rule)
                   for c in safe_fix_changes(doc.report, doc.findings)]
        if not changes or not doc.push_changes(changes, f"应用全部安全修正（{len(changes)} 处）"):
            self.w.statusBar().showMessage("没有可应用的安全修正。", 5000)
            return 0
        self.w.statusBar().showMessage(f"已应用 {len(changes)} 处安全修正，可按 Ctrl+Z 撤销。", 5000)
        return len(changes)

    def recheck(self) -> None:
        doc = self.w.current
        if doc is not None and doc.report is not None:
            doc.revalidate()
            self.w.statusBar().showMessage(f"已重新核查（{doc.validate_ms:.0f} 毫秒）。", 4000)
