"""Moving between a report's findings, its cells and its source for the main window: selecting a finding selects
its cells (and switches to their table), a cell shows where it came from, F8 / Shift+F8 step through findings."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QStatusBar, QTabWidget

from core.findings import Finding
from core.layout import cell_name
from core.template import TABLE_IDS, TableSpec
from desktop.document import ReportDocument
from desktop.findings_panel import FindingsPanel
from desktop.grid_view import GridView
from desktop.source_view import SourceView
from desktop.table_model import ReportTableModel


def cells_after(spec: TableSpec, row: str, col: str) -> int | None:
    """How many of its row's cells follow a cell (they are printed after it on its source line)."""
    cols = spec.cols_for(row) if row in spec.row_index else ()
    return len(cols) - 1 - cols.index(col) if col in cols else None


class NavigationHost(Protocol):
    """What finding navigation needs of the main window: the current report, its grids and tabs, the findings
    panel, the source pane and the status bar."""

    current: ReportDocument | None
    grids: dict[str, GridView]
    tabs: QTabWidget
    findings: FindingsPanel
    source: SourceView

    def models_for(self, doc: ReportDocument) -> dict[str, ReportTableModel]: ...

    def statusBar(self) -> QStatusBar: ...


class FindingNavigation:
    def __init__(self, window: NavigationHost) -> None:
        self.w = window

    def cell_current_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        """The current cell of a grid changed: show where its value came from."""
        model = current.model()
        if not isinstance(model, ReportTableModel) or self.w.current is None or self.w.current.report is None:
            return
        key = model.cell_key(current)
        if key is None:
            return
        cell = self.w.current.report.tables[key[0]].get(key[1], key[2])
        spec = self.w.current.report.tables[key[0]].spec
        shown = self.w.source.show_loc(cell.loc, cell.raw or None, cell_name(spec, key[1], key[2]),
                                       cells_after(spec, key[1], key[2]))
        if not shown and cell.loc is None:
            self.w.source.title.setText(f"原文 · {cell_name(spec, key[1], key[2])}：原文中没有位置信息")

    def select_finding_cells(self, f: Finding) -> None:
        doc = self.w.current
        if doc is None or doc.report is None:
            return
        refs = [c for c in f.cells if c.table in self.w.grids]
        if not refs:
            if f.evidence:
                self.w.source.show_text(f.evidence, f.rule_name)
            return
        tid = refs[0].table
        self.w.tabs.setCurrentIndex(TABLE_IDS.index(tid))
        grid = self.w.grids[tid]
        model = self.w.models_for(doc)[tid]
        selection = QItemSelection()
        first = QModelIndex()
        for ref in refs:
            if ref.table != tid:
                continue
            idx = model.index_of(ref.row, ref.col)
            if idx.isValid():
                selection.select(idx, idx)
                first = first if first.isValid() else idx
        if first.isValid():
            grid.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            grid.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            grid.scrollTo(first)

    def show_evidence(self, f: Finding) -> None:
        doc = self.w.current
        if doc is None or doc.report is None:
            return
        if f.evidence and self.w.source.show_text(f.evidence, f.rule_name):
            return
        for ref in f.cells:
            table = doc.report.tables.get(ref.table)
            if table is None:
                continue
            cell = table.get(ref.row, ref.col)
            if self.w.source.show_loc(cell.loc, cell.raw or None, f.rule_name,
                                      cells_after(table.spec, ref.row, ref.col)):
                return
        self.w.statusBar().showMessage("这条问题在原文中没有可定位的依据。", 5000)

    def step_finding(self, step: int) -> None:
        visible = self.w.findings.visible_findings()
        if not visible:
            return
        cur = self.w.findings.current_finding()
        i = visible.index(cur) if cur in visible else (-1 if step > 0 else 0)
        f = visible[(i + step) % len(visible)]
        self.w.findings.select_finding(f)
        self.select_finding_cells(f)

