"""Work off the UI thread: loading and checking reports, exports. Results come back as queued signals."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

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
    sha256: str = ""
    prev: Report | None = None  # last year's report, when the load read it (`prev_path`)


def file_sha256(path: str) -> str:
    """SHA-256 of a file's bytes ("" when it cannot be read): the same report opened from two folders is one."""
    import hashlib

    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


def load_and_validate(path: str, options: Options | None = None, hooks: Hooks | None = None,
                      prev_path: str | None = None) -> LoadResult:
    """Read, extract and check one file (runs on a pool thread). Unreadable files come back with report.error.
    `hooks` carry the pages of a scan being recognised (OCR) back to the window, and its 取消. `prev_path`: last
    year's report to read first and check with (when `options` has none); handed back in the result."""
    from dataclasses import replace

    from core.api import load_report
    from core.validate import validate

    start = time.perf_counter()
    options = options or Options()
    prev = None
    if prev_path and options.prev is None:
        prev = load_report(prev_path)
        if prev.error:
            log.warning("last year's report %s cannot be read: %s", prev_path, prev.error)
            prev = None
        else:
            options = replace(options, prev=prev)
    report = load_report(path, hooks, options.prev)
    findings = validate(report, options)
    return LoadResult(path, report, findings, time.perf_counter() - start, file_sha256(path), prev)


@dataclass
class Listed:
    """A report checked among many: its summary, that summary as the set keeps it (JSON text, made in the worker
    process) and the file's size and modification time (ns) taken before it was read (None when missing)."""

    summary: Any  # core.season.summary.ReportSummary
    text: str
    size: int | None
    mtime: int | None


def check_listed(path: str, settings: Any, edits: tuple[Any, ...]) -> Listed:
    """core.season.checking.check_one of one file with its settings and kept edits (runs in a worker process, so
    the window itself never imports the pool's machinery). The file's size and time are taken first: a file
    changed while it is read is found changed next time."""
    import json
    import os

    from core.season.checking import CheckJob, check_one

    size: int | None = None
    mtime: int | None = None
    try:
        st = os.stat(path)
        size, mtime = st.st_size, st.st_mtime_ns
    except OSError:
        pass
    summary = check_one(CheckJob(path, settings, edits))
    return Listed(summary, json.dumps(summary.to_json(), ensure_ascii=False), size, mtime)


_PROCESS_POOL: list[Any] = []  # the one process pool of this app, made on first use


# what reading and checking a text or HTML report needs, imported once in the forkserver, not in every worker
_PRELOAD = ["core.api", "core.extract", "core.extract.solve", "core.extract.stream", "core.validate",
            "core.readers.text", "core.readers.html", "core.season.summary", "core.season.checking", "desktop.workers"]
WORKER_NICE = 4  # the pool's processes yield a core to the window (and to her other programs) when both want one


def _process_pool() -> Any:
    if not _PROCESS_POOL:
        import atexit
        import multiprocessing
        import os
        import sys
        from concurrent.futures import ProcessPoolExecutor

        if sys.platform.startswith("linux"):  # no fork of a process that runs Qt threads
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(_PRELOAD)
        else:
            ctx = multiprocessing.get_context("spawn")
        from core.season.worker_start import start_worker

        # each worker takes a lower priority (the window's thread is never kept waiting for a core by its own
        # workers; on an idle machine they still get every free core) and ends when the window's process has
        pool = ProcessPoolExecutor(os.cpu_count() or 2, mp_context=ctx, initializer=start_worker,
                                   initargs=(os.getpid(), WORKER_NICE))
        atexit.register(lambda: pool.shutdown(wait=False, cancel_futures=True))
        _PROCESS_POOL.append(pool)
    return _PROCESS_POOL[0]


def load_on_process_pool(path: str, options: Options | None = None, hooks: Hooks | None = None,
                         prev_path: str | None = None) -> LoadResult:
    """load_and_validate in another process (runs on a pool thread, which only waits): while many files load,
    reading and checking never hold this process's interpreter, so the window keeps answering. It goes ahead of
    the files queued for listing (she is waiting for this one). A broken pool (a worker killed) is replaced and
    the file read here instead. `hooks` (a scan's page progress and 取消) cannot cross processes: many files at
    once show the files' progress instead."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    waiter: Future[LoadResult] = Future()

    def settled(future: Any) -> None:
        try:
            waiter.set_result(future.result())
        except BaseException as exc:  # handed to the waiting thread
            waiter.set_exception(exc)

    _feed([(load_and_validate, (path, options, None, prev_path), settled)], first=True)
    try:
        return waiter.result(timeout=600)
    except BrokenProcessPool:
        log.warning("process pool broken while reading %s; reading it in this process", path)
        _PROCESS_POOL.clear()
        return load_and_validate(path, options, None, prev_path)


Settled = Callable[[Any], None]
_FEED: list[_Feeder] = []  # the one thread that hands jobs to the process pool
IN_FLIGHT = 2  # jobs handed to the pool per worker process: each has one running and one waiting, no more


class _Feeder:
    """Hands (function, arguments, settled) to the process pool from ONE background thread (starting the pool's
    processes and pickling jobs never run on the UI thread), a few per worker at a time: the rest wait here, so a
    report she opens goes ahead of a folder being listed (`first`). `settled(future)` runs on the pool's result
    thread."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queue: deque[tuple[Callable[..., Any], tuple[Any, ...], Settled]] = deque()
        self._running = 0
        threading.Thread(target=self._run, name="season-feeder", daemon=True).start()

    def put(self, items: list[tuple[Callable[..., Any], tuple[Any, ...], Settled]], first: bool) -> None:
        with self._cond:
            if first:
                self._queue.extendleft(reversed(items))
            else:
                self._queue.extend(items)
            self._cond.notify()

    def _release(self, _future: Any) -> None:
        with self._cond:
            self._running -= 1
            self._cond.notify()

    def _run(self) -> None:
        import os
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        limit = IN_FLIGHT * (os.cpu_count() or 2)
        while True:
            with self._cond:
                while not self._queue or self._running >= limit:
                    self._cond.wait()
                fn, args, settled = self._queue.popleft()
                self._running += 1
            try:
                try:
                    future = _process_pool().submit(fn, *args)
                except BrokenProcessPool:
                    _PROCESS_POOL.clear()
                    future = _process_pool().submit(fn, *args)
            except Exception as exc:  # no pool (e.g. shutting down): this job fails, the feeder goes on
                future = Future()
                future.set_exception(exc)
            future.add_done_callback(self._release)
            future.add_done_callback(settled)


_FEED_LOCK = threading.Lock()


def _feed(items: list[tuple[Callable[..., Any], tuple[Any, ...], Settled]], first: bool = False) -> None:
    with _FEED_LOCK:  # the UI thread and a waiting pool thread may both be first
        if not _FEED:
            _FEED.append(_Feeder())
    _FEED[0].put(items, first)


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
        self._outbox: list[tuple[Callable[..., Any], tuple[Any, ...], Settled]] = []  # for the feeder thread

    def read_hooks(self, name: str) -> Hooks:
        """Hooks for a reading on the pool: page progress as the `pages` signal (queued to the UI thread) and the
        cancel flag that `cancel_reading` sets."""
        return Hooks(progress=lambda done, total: self.pages.emit(done, total, name), cancelled=self._cancel.is_set)

    def cancel_reading(self) -> None:
        """Stop the recognition in progress (the file then shows as not read: 已取消读取)."""
        self._cancel.set()

    @property
    def pending(self) -> int:
        return len(self._live) + self.held

    held = 0  # work queued on the UI thread that will submit more (files still being added in slices)

    def _track(self, on_done: Callable[[Any], None], on_failed: Callable[[str], None], label: str) -> _Signals:
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
        return signals

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_failed: Callable[[str], None], label: str = "") -> None:
        self.pool.start(_Task(fn, self._track(on_done, on_failed, label)))

    def submit_summary(self, path: str, settings: Any, edits: tuple[Any, ...], on_done: Callable[[Any], None],
                       on_failed: Callable[[str], None], label: str = "") -> None:
        """check_listed(path, settings, edits) on the process pool, with no thread of this process waiting for
        it: the pool's own result thread posts the summary (a few kilobytes) to the UI thread as a signal. 200
        files cost no 200 waiting threads contending with the UI thread for the interpreter. A broken pool (a
        worker killed) is replaced and the file read on a thread here instead."""
        signals = self._track(on_done, on_failed, label)

        def settled(future: Any) -> None:
            from concurrent.futures.process import BrokenProcessPool

            try:
                result = future.result()
            except BrokenProcessPool:
                log.warning("process pool broken while reading %s; reading it in this process", path)
                _PROCESS_POOL.clear()
                self.pool.start(_Task(lambda: check_listed(path, settings, edits), signals))
                return
            except Exception as exc:  # reported to the UI as a message; the log keeps the traceback
                log.exception("background check failed", exc_info=exc)
                signals.failed.emit(getattr(exc, "message", None) or str(exc) or type(exc).__name__)
                return
            signals.done.emit(result)

        if not self._outbox:  # the jobs of this turn of the event loop go to the feeder together
            QTimer.singleShot(0, self._send)
        self._outbox.append((check_listed, (path, settings, edits), settled))

    def _send(self) -> None:
        batch, self._outbox = self._outbox, []
        if batch:
            _feed(batch)
