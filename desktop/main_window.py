"""The main window: layout and orchestration of open reports, grids, findings, source pane, menus and status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from core.findings import Finding
from core.template import TABLE_IDS
from desktop.assets import icon, resource_dir
from desktop.decision_bar import DecisionBar
from desktop.doc_lifecycle import DocumentLifecycle
from desktop.document import ReportDocument
from desktop.editing import EditHandlers
from desktop.finding_navigation import FindingNavigation
from desktop.findings_panel import FindingsPanel
from desktop.grid_view import GridView
from desktop.legend_bar import LegendBar
from desktop.menus import Actions, build_menus, build_toolbar
from desktop.overview import OverviewPage
from desktop.report_actions import ReportOps
from desktop.report_list import ReportList
from desktop.season_handlers import SeasonHandlers
from desktop.season_link import SeasonLink
from desktop.set_actions import SetActions
from desktop.set_writes import SetWrites
from desktop.settings import Settings
from desktop.source_view import SourceView
from desktop.start_page import StartPage
from desktop.status_text import StatusText
from desktop.table_model import ReportTableModel
from desktop.table_tabs import TableTabs
from desktop.view_options import ViewOptions
from desktop.window_chrome import StatusBar, restore_window, save_window, update_chrome
from desktop.workers import TaskRunner


def is_within(path: str, folder: Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.setWindowTitle("年报核查[*]")
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.runner = TaskRunner(self)
        self.undo_group = QUndoGroup(self)
        self.docs: list[ReportDocument] = []
        self.models: dict[int, dict[str, ReportTableModel]] = {}
        self.current: ReportDocument | None = None
        self.season = SeasonLink(self.settings)
        self.set_writes = SetWrites(self.season, self)  # her edits reach the set just after each edit's redraw

        self.lifecycle = DocumentLifecycle(self)
        self.editing = EditHandlers(self)
        self.output = ReportOps(self)
        self.sets = SetActions(self)
        self.season_ui = SeasonHandlers(self)
        self.navigation = FindingNavigation(self)
        self._build_work_area()
        self.actions_ = Actions(self)
        self.recent_menu, self.view_menu = build_menus(self, self.actions_, self.lifecycle.fill_recent_menu)
        self.toolbar = build_toolbar(self, self.actions_)
        self.view_options = ViewOptions(self)
        self.view_options.install(self.view_menu)
        self._build_docks()
        self._build_status_bar()
        self.runner.progress.connect(self.season_ui.on_progress)
        self.runner.pages.connect(self._on_pages)
        restore_window(self)
        self.sets.open_initial()
        self.show_current()

    # ------------------------------------------------------------------ layout
    def _build_work_area(self) -> None:
        self.report_list = ReportList(self)
        self.report_list.currentChanged.connect(self.set_current)
        self.report_list.closeRequested.connect(self.lifecycle.close_document)
        self.report_list.verdictChanged.connect(self.set_verdict)
        self.report_list.list.itemClicked.connect(lambda _item: self.show_report_page())
        self.overview = OverviewPage(self)
        self.overview.openRequested.connect(lambda doc: self.season_ui.open_from_overview(doc))
        self.overview.verdictChanged.connect(self.set_verdict)

        self.tabs = TableTabs(self)
        self.tabs.setDocumentMode(True)
        self.grids: dict[str, GridView] = {}
        for tid in TABLE_IDS:
            grid = GridView(self)
            grid.inputRejected.connect(self._input_rejected)
            grid.statusMessage.connect(lambda m: self.statusBar().showMessage(m, 4000))
            self.grids[tid] = grid
            self.tabs.addTab(grid, tid)
        grid_page = QWidget(self)
        gl = QVBoxLayout(grid_page)
        gl.setContentsMargins(0, 0, 0, 0)
        gl.addWidget(self.tabs, 1)
        self.legend = LegendBar(self)
        gl.addWidget(self.legend)
        self.message = QLabel(self)
        self.message.setObjectName("bigMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(grid_page)
        self.stack.addWidget(self.message)

        self.source = SourceView(self)
        self.findings = FindingsPanel(self)
        self.findings.findingSelected.connect(lambda f: self.navigation.select_finding_cells(f))
        self.findings.evidenceRequested.connect(lambda f: self.navigation.show_evidence(f))
        self.findings.applyFixRequested.connect(self.editing.apply_fix)
        self.findings.applySafeFixesRequested.connect(self.editing.apply_safe_fixes)
        self.decision_bar = DecisionBar(self)
        self.findings.layout().addWidget(self.decision_bar)
        self.decision_bar.decisionMade.connect(lambda f, d: self.season_ui.decide(f, d))
        self.decision_bar.decisionCleared.connect(lambda f: self.season_ui.clear_decision(f))
        self.findings.view.selectionModel().currentRowChanged.connect(
            lambda *_: self.season_ui.refresh_decision_bar())
        self.findings.currentFindingChanged.connect(lambda: self.season_ui.refresh_decision_bar())

        self.split_grid = QSplitter(Qt.Orientation.Horizontal, self)
        self.split_grid.addWidget(self.stack)
        self.split_grid.addWidget(self.source)
        self.split_work = QSplitter(Qt.Orientation.Vertical, self)
        self.split_work.addWidget(self.split_grid)
        self.split_work.addWidget(self.findings)
        self.split_main = QSplitter(Qt.Orientation.Horizontal, self)
        self.center = QStackedWidget(self)  # the current report | the 总览 of every report
        self.center.addWidget(self.split_work)
        self.center.addWidget(self.overview)
        self.start_page = StartPage(self.settings, self)  # shown instead of empty grids while nothing is open
        self.start_page.openDialogRequested.connect(lambda: self.lifecycle.open_dialog())
        self.start_page.openFolderRequested.connect(lambda: self.lifecycle.open_folder_dialog())
        self.start_page.sampleRequested.connect(self.open_sample)
        self.start_page.reportRequested.connect(lambda p: self.open_paths([p]))
        self.start_page.setRequested.connect(lambda p: self.sets.switch_to(p))
        self.center.addWidget(self.start_page)
        self.split_main.addWidget(self.report_list)
        self.split_main.addWidget(self.center)
        for s in (self.split_grid, self.split_work, self.split_main):
            s.setChildrenCollapsible(False)
        self.split_main.setStretchFactor(1, 1)
        self.split_work.setStretchFactor(0, 1)
        self.split_grid.setStretchFactor(0, 1)
        self.setCentralWidget(self.split_main)

    def _build_docks(self) -> None:
        self.history = QUndoView(self.undo_group, self)
        self.history.setEmptyLabel("<打开时的数据>")
        dock = QDockWidget("修改历史", self)
        dock.setObjectName("historyDock")
        dock.setWidget(self.history)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        self.history_dock = dock
        self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addAction(self.toolbar.toggleViewAction())

    def _build_status_bar(self) -> None:
        self.setStatusBar(StatusBar(self))
        bar = self.statusBar()
        self.counts_label = StatusText(self)
        self.modified_label = StatusText(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.setToolTip("停止正在进行的文字识别（OCR）")
        self.cancel_button.clicked.connect(self.runner.cancel_reading)
        self.cancel_button.hide()
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.modified_label)

    # ------------------------------------------------------------------ settings
    def save_settings(self) -> None:
        save_window(self)

    def last_folder(self) -> str:
        """Where the file dialogs start: the folder of her last opened report; never the app's own samples."""
        last = self.settings.get("files/last_folder")
        if not last or is_within(last, resource_dir()):
            return str(Path.home())
        return str(last)

    # ------------------------------------------------------------------ opening and closing (DocumentLifecycle)
    def open_paths(self, paths: list[str]) -> list[ReportDocument]:
        """Open files and folders (each folder: every report in it). Loading runs off the UI thread."""
        return self.lifecycle.open_paths(paths)

    def close_document(self, doc: ReportDocument) -> bool:
        return self.lifecycle.close_document(doc)

    def close_all_documents(self) -> None:
        self.lifecycle.close_all()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_paths(paths))  # return to the drag source first

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.lifecycle.may_close_window():
            event.ignore()
            return
        self.save_settings()
        self.set_writes.flush()
        self.season.close()
        event.accept()

    # ------------------------------------------------------------------ current report
    def set_current(self, doc: ReportDocument | None) -> None:
        previous, self.current = self.current, doc
        if previous is not None and previous is not doc:
            self.lifecycle.maybe_unload(previous)
        if doc is not None:
            self.undo_group.setActiveStack(doc.undo_stack)
        self.show_current()

    def models_for(self, doc: ReportDocument) -> dict[str, ReportTableModel]:
        if id(doc) not in self.models:
            self.models[id(doc)] = {tid: ReportTableModel(doc, tid, doc) for tid in TABLE_IDS}
        return self.models[id(doc)]

    def show_current(self) -> None:
        doc = self.current
        if doc is not None and doc.tables_unloaded:
            self.lifecycle.load_tables(doc)  # its tables come back from the file (and the set's edits)
        waiting = doc is not None and (doc.state == "loading" or doc.tables_unloaded)
        ready = doc is not None and doc.state == "ready" and not waiting
        for tid, grid in self.grids.items():
            model = self.models_for(doc)[tid] if ready and doc is not None else None
            grid.setModel(model)
            if grid.selectionModel() is not None:
                grid.selectionModel().currentChanged.connect(self.navigation.cell_current_changed)
        if doc is None:
            self.message.setText("把年度报告文件（或文件夹）拖到窗口中，或按 Ctrl+O 打开。\n"
                                 "支持 txt、html、docx、pdf、xlsx 和 markdown 格式。")
            self.stack.setCurrentIndex(1)
        elif waiting:
            self.message.setText(f"正在读取“{doc.file_name}”…")
            self.stack.setCurrentIndex(1)
        elif doc.state == "error":
            self.message.setText(f"无法读取“{doc.file_name}”\n\n{doc.error}")
            self.stack.setCurrentIndex(1)
        else:
            self.stack.setCurrentIndex(0)
        self.source.set_report(doc.report if doc is not None else None,
                               f"正在读取“{doc.file_name}”…" if doc is not None and waiting else None)
        self.findings.set_document(doc if doc is not None and not waiting else None)
        self.season_ui.refresh_decision_bar()
        self._update_chrome()
        self._show_start_page(not self.docs)

    def _show_start_page(self, show: bool) -> None:
        if show and self.center.currentWidget() is not self.start_page:
            self.start_page.refresh()
            self.center.setCurrentWidget(self.start_page)
        elif not show and self.center.currentWidget() is self.start_page:
            self.center.setCurrentWidget(self.split_work)

    def open_sample(self) -> None:
        from desktop.assets import sample_reports

        self.open_paths([str(p) for p in sample_reports()[:1]])

    def doc_changed(self, doc: ReportDocument) -> None:
        self.set_writes.schedule(doc)  # written within a quarter of a second, after the redraw she waits for
        self.report_list.update_doc(doc)
        self.overview.model.update(doc)
        if doc is self.current:
            self.findings.refresh()
            self.season_ui.refresh_decision_bar()
            self._update_chrome()

    def _update_chrome(self) -> None:
        update_chrome(self)

    def _on_pages(self, done: int, total: int, name: str) -> None:
        """A scan being recognised: pages done of all, with 取消."""
        if done >= total:
            self.cancel_button.hide()
            self.progress.hide()
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"文字识别 {name} 第 {done + 1}/{total} 页")
        self.progress.show()
        self.cancel_button.show()

    # ------------------------------------------------------------------ the set (SeasonHandlers)
    def show_overview(self) -> None:
        self.season_ui.show_overview()

    def show_report_page(self) -> None:
        self.season_ui.show_report_page()

    def export_all(self, selected_only: bool = False) -> None:
        self.set_writes.flush()  # the exports read every report's edits from the set
        self.season_ui.export_all(selected_only)

    def set_verdict(self, doc: ReportDocument, status: str) -> None:
        self.season_ui.set_verdict(doc, status)

    def set_current_verdict(self, status: str) -> None:
        """核查 → 核查状态: her status of the report she is looking at."""
        if self.current is not None:
            self.set_verdict(self.current, status)

    # ------------------------------------------------------------------ grid ↔ source ↔ findings
    def current_grid(self) -> GridView:
        return self.grids[TABLE_IDS[self.tabs.currentIndex()]]

    def select_finding_cells(self, f: Finding) -> None:
        self.navigation.select_finding_cells(f)

    def step_finding(self, step: int) -> None:
        self.navigation.step_finding(step)

    def _input_rejected(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)  # the grid explains it next to the cell (RefusalNote)

    # ------------------------------------------------------------------ editing (EditHandlers)
    def apply_fix(self, f: Finding) -> bool:
        return self.editing.apply_fix(f)

    def apply_safe_fixes(self) -> int:
        """Every safe fix of the current findings as one undoable command; returns the cells changed."""
        return self.editing.apply_safe_fixes()

    def show_about(self) -> None:
        from desktop.dialogs.about import AboutDialog

        AboutDialog(self).exec()

    def show_guide(self) -> None:
        from desktop.dialogs.guide import GuideDialog

        GuideDialog(self).exec()

    def show_about_qt(self) -> None:
        QMessageBox.aboutQt(self, "关于 Qt")
