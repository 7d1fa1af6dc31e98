"""The report list and the 总览 while many reports load: their rows are added and redrawn a frame at a time
(FRAME_MS), not once per report, so a folder of hundreds of reports costs the window a few short repaints a second
instead of one per report."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from desktop.overview import OverviewPage
from desktop.report_list import ReportList
from desktop.workers import TaskRunner

FRAME_MS = 150  # how often the list and the 总览 show what has arrived while many reports load


class FramesHost(Protocol):
    report_list: ReportList
    overview: OverviewPage
    runner: TaskRunner


class ViewFrames:
    """Batches of changes to the list and the 总览 (ReportList / OverviewModel begin_batch … end_batch)."""

    def __init__(self, window: FramesHost) -> None:
        self.w = window
        self._held = False
        self._timer = QTimer(window if isinstance(window, QObject) else None)  # ends with the window
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._frame)

    def _begin(self) -> None:
        self.w.report_list.begin_batch()
        self.w.overview.model.begin_batch()

    def _end(self) -> None:
        self.w.overview.model.end_batch()
        self.w.report_list.end_batch()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Rows added or changed meanwhile are announced together at the end (or at the next frame when held)."""
        self._begin()
        try:
            yield
        finally:
            self._end()

    def hold(self) -> None:
        """Many reports are loading: show their rows a frame at a time until the window has nothing left to do
        (the runner's `pending` counts the hold, so whoever waits for the loading waits for the last frame)."""
        if self._held:
            return
        self._held = True
        self.w.runner.held += 1
        self._begin()
        self._timer.start()

    def _frame(self) -> None:
        self._end()
        if self.w.runner.pending > 1:  # more than this hold: still loading
            self._begin()
            return
        self._timer.stop()
        self._held = False
        self.w.runner.held -= 1

    def release(self) -> None:
        """Show everything now (the window closes its reports)."""
        if self._held:
            self._timer.stop()
            self._end()
            self._held = False
            self.w.runner.held -= 1
