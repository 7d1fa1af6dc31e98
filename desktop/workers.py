"""Work off the UI thread: loading and checking reports, exports. Results come back as queued signals."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from core.findings import Finding
from core.model import Report
from core.options import Options
from core.readers import Hooks

log = logging.getLogger(__name__)


@dataclass
class LoadResult:
    path: str
    report: Report
    findings: list[Finding]
    seconds: float


def load_and_validate(path: str, options: Options | None = None, hooks: Hooks | None = None) -> LoadResult:
    """Read, extract and check one file (runs on a pool thread). Unreadable files come back with report.error.
    `hooks` carry the pages of a scan being recognised (OCR) back to the window, and its 取消."""
    from core.api import load_report
    from core.validate import validate

    start = time.perf_counter()
    report = load_report(path, hooks)
    findings = validate(report, options or Options())
    return LoadResult(path, report, findings, time.perf_counter() - start)


class _Signals(QObject):
    """Created on the UI thread; the pool thread emits, the slots run on the UI thread (queued connection)."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, on_done: Callable[[Any], None], on_failed: Callable[[str], None]) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_failed = on_failed
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        self._on_done(result)

    @Slot(str)
    def _deliver_failed(self, message: str) -> None:
        self._on_failed(message)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported to the UI as a message; the log keeps the traceback
            log.exception("background task failed")
            message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            self._signals.failed.emit(message)
            return
        self._signals.done.emit(result)


class TaskRunner(QObject):
    """Runs callables on the global thread pool and counts what is still running (for the progress bar)."""

    progress = Signal(int, int, str)  # finished, total, label of the batch in progress
    pages = Signal(int, int, str)  # pages recognised, pages in all, file name: a scan being read by OCR
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._live: set[_Signals] = set()
        self._total = 0
        self._finished = 0
        self._label = ""
        self.pool = QThreadPool.globalInstance()
        self._cancel = threading.Event()

    def read_hooks(self, name: str) -> Hooks:
        """Hooks for a reading on the pool: page progress as the `pages` signal (queued to the UI thread) and the
        cancel flag that `cancel_reading` sets."""
        return Hooks(progress=lambda done, total: self.pages.emit(done, total, name), cancelled=self._cancel.is_set)

    def cancel_reading(self) -> None:
        """Stop the recognition in progress (the file then shows as not read: 已取消读取)."""
        self._cancel.set()

    @property
    def pending(self) -> int:
        return len(self._live)

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_failed: Callable[[str], None], label: str = "") -> None:
        if not self._live:
            self._total = self._finished = 0
            self._cancel.clear()
        self._total += 1
        self._label = label or self._label

        def finish() -> None:
            self._live.discard(signals)
            self._finished += 1
            self.progress.emit(self._finished, self._total, self._label)
            if not self._live:
                self.idle.emit()

        def done(result: Any) -> None:
            try:
                on_done(result)
            finally:
                finish()

        def failed(message: str) -> None:
            try:
                on_failed(message)
            finally:
                finish()

        signals = _Signals(done, failed)
        self._live.add(signals)
        self.progress.emit(self._finished, self._total, self._label)
        self.pool.start(_Task(fn, signals))
