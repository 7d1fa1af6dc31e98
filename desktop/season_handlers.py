"""Season handlers of the main window: her status of a report, her decisions on findings (确认/忽略/备注), the
总览 page and opening a report from it, 全部导出, and the progress bars while many reports load."""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtWidgets import QProgressBar, QPushButton, QStackedWidget, QStatusBar, QWidget

from core.findings import Finding
from core.season.decisions import Decision
from desktop.decision_bar import DecisionBar
from desktop.document import ReportDocument
from desktop.overview import OverviewPage, set_bar
from desktop.report_list import ReportList
from desktop.season_link import SeasonLink


class _FindingSelection(Protocol):
    def current_finding(self) -> Finding | None: ...


class SeasonHost(Protocol):
    """What the season handlers need of the main window: the current report, the set, the list, the 总览 and
    the report page it switches between, the decision bar, the selected finding and the status bar."""

    current: ReportDocument | None
    season: SeasonLink
    report_list: ReportList
    overview: OverviewPage
    center: QStackedWidget
    split_work: QWidget
    decision_bar: DecisionBar
    findings: _FindingSelection
    progress: QProgressBar
    cancel_button: QPushButton  # shown while a scan is recognised (its page progress has the bar)

    def set_current(self, doc: ReportDocument | None) -> None: ...

    def last_folder(self) -> str: ...

    def statusBar(self) -> QStatusBar: ...


class SeasonHandlers:
    """Everything in the window that acts on the set rather than on one report's cells."""

    def __init__(self, window: SeasonHost) -> None:
        self.w = window
        self._progress_shown = 0.0

    # ------------------------------------------------------------------ her status and decisions
    def set_verdict(self, doc: ReportDocument, status: str) -> None:
        self.w.season.set_verdict(doc, status)

    def decide(self, _f: Finding, decision: Decision) -> None:
        if self.w.current is not None:
            self.w.season.decide(self.w.current, decision)

    def clear_decision(self, f: Finding) -> None:
        doc = self.w.current
        d = doc.decision(f) if doc is not None else None
        if doc is not None and d is not None:
            self.w.season.undecide(doc, d.key)

    def refresh_decision_bar(self) -> None:
        self.w.decision_bar.set_finding(self.w.current, self.w.findings.current_finding())

    # ------------------------------------------------------------------ 总览
    def show_overview(self) -> None:
        self.w.center.setCurrentWidget(self.w.overview)

    def show_report_page(self) -> None:
        self.w.center.setCurrentWidget(self.w.split_work)

    def open_from_overview(self, doc: ReportDocument) -> None:
        self.w.report_list.select(doc)
        self.w.set_current(doc)
        self.show_report_page()

    def export_all(self, selected_only: bool = False) -> None:
        from desktop.export_all_action import run_export_all

        run_export_all(self.w, selected_only)

    # ------------------------------------------------------------------ progress while reports load
    def on_progress(self, finished: int, total: int, label: str) -> None:
        if self.w.cancel_button.isVisible() and finished < total:
            return  # the page progress of a scan being recognised shows instead
        now = time.monotonic()
        if finished < total and now - self._progress_shown < 0.5:
            return  # a progress bar repaints at once (~10 ms): two updates a second are enough
        self._progress_shown = now
        self.w.overview.set_progress(finished, total)
        bar = self.w.progress
        if finished >= total:
            bar.hide()
            if total > 1:
                self.w.statusBar().showMessage(f"已完成 {total} 项。", 4000)
            return
        set_bar(bar, finished, total, f"{label} {finished}/{total}")
        bar.show()
