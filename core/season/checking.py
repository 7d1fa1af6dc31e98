"""Checking many report files at once for sets, the window and `ogicheck batch`: a process pool over all
cores, one guarded step per file, compact summaries streamed back as files finish.

Any failure of one file (a reader bug, a crash of its worker process, a file that takes longer than
`timeout`) becomes an unreadable summary with its Chinese reason and never stops the others. Only
summaries cross the process boundary, so memory stays flat however many files are checked. The worker
function is at module level and the pool uses spawn (forkserver on Linux), so it is safe next to Qt's
threads and on Windows.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from core.findings import Finding
from core.model import Edit, Report
from core.season.store import CheckSettings, SeasonSet
from core.season.summary import ReportSummary
from core.season.worker_start import start_worker

DEFAULT_TIMEOUT = 180.0  # seconds per file (scanned PDFs with OCR are the slowest)
Progress = Callable[[int, int, str], None]  # (done, total, path)
# chunks in the pool per worker: the next one waits in the pool's queue, so a worker that finishes a chunk starts
# the next at once instead of waiting for this process (busy with the results) to hand it one
IN_FLIGHT = 2
CRASHED = "读取该文件时核查进程意外退出，请单独打开该文件查看。"
# everything a text/HTML file needs, imported once in the forkserver rather than in every worker
_PRELOAD = ["core.api", "core.extract", "core.extract.solve", "core.extract.stream", "core.validate",
            "core.readers.text", "core.readers.html", "core.season.summary", "core.season.files", "core.atomic",
            "core.season.checking"]


@dataclass(frozen=True)
class CheckJob:
    """One file to check: its settings, the corrections to apply first (a set's edits), and `prev_by_agency`
    — last year's reports by (agency key, year) for pairing once the file's own agency and year are known."""

    path: str
    settings: CheckSettings = field(default_factory=CheckSettings)
    edits: tuple[Edit, ...] = ()
    prev_by_agency: dict[tuple[str, int], str] | None = None
    tag: Any = None  # the caller's own id (a set entry's id), handed back untouched
    check: bool = True  # False: read only (agency, year, cells), no rules (last year's files)


def unreadable(path: str, reason: str) -> ReportSummary:
    """The summary of a file that could not be read or checked."""
    from core.api import file_sha256
    from core.findings import make

    return ReportSummary(path=str(path), sha256=file_sha256(path), error=reason,
                         findings=[make("PARSE.UNREADABLE", reason)])


def _options(job: CheckJob, prev: Any) -> Any:
    from core.deadline_profiles import profile_from_data
    from core.findings import Severity
    from core.options import Options

    s = job.settings
    sev = {rule: Severity[key.upper()] for rule, key in s.severities.items()}
    profile = profile_from_data(s.deadline_profile) if s.deadline_profile else None
    return Options(prev=prev, published=s.published, level=s.level, severities=sev, typos=s.typos,
                   deadline_profile=profile)


def load_checked(job: CheckJob) -> tuple[Report, list[Finding], str | None]:
    """Read a file, apply the job's corrections and check it: (report, findings, last year's path).
    An unreadable file gives its Report with `error` and its PARSE findings. May raise on a bug."""
    from core.api import check, load_report, split_by_prev
    from core.atomic import same_path
    from core.season.files import agency_key
    from core.season.store import replay_edits

    report = load_report(job.path)
    if report.error:
        return report, list(report.parse_findings), None
    replay_edits(report, job.edits)
    if not job.check:
        return report, [], None
    prev_path = job.settings.prev_path
    if prev_path is None and job.prev_by_agency and report.report_year:
        prev_path = job.prev_by_agency.get((agency_key(report.agency), report.report_year - 1))
        if prev_path is not None and same_path(prev_path, job.path):
            prev_path = None
    prev = None
    if prev_path is not None:
        prev = load_report(prev_path)
        if prev.error:
            prev, prev_path = None, None
        elif split_by_prev(report):  # last year's figures may decide the glued 表二 rows of a structure-less copy
            report = load_report(job.path, prev=prev)
            replay_edits(report, job.edits)
    return report, check(report, _options(job, prev)), prev_path


def check_one(job: CheckJob) -> ReportSummary:
    """Read, correct and check one file into its summary (in the calling process); never raises."""
    from core.season.summary import summarize

    try:
        report, findings, prev_path = load_checked(job)
        return summarize(report, findings, job.path, prev_path)
    except Exception as exc:  # a reader, extractor or rule bug must not stop the others
        return unreadable(job.path, f"核查时出错（{type(exc).__name__}），请单独打开该文件查看。")


def _context() -> Any:
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _new_pool(n: int) -> ProcessPoolExecutor:
    # each worker ignores Ctrl+C and ends when this process has ended (core/season/worker_start.py)
    return ProcessPoolExecutor(n, mp_context=_context(), initializer=start_worker, initargs=(os.getpid(),))


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool whose worker hangs: kill its processes (the executor has no public way to)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            proc.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def check_chunk(jobs: list[CheckJob]) -> list[ReportSummary]:
    """check_one for several files in one pool task (one round trip and one pickling per chunk, not per file)."""
    return [check_one(job) for job in jobs]


def chunk_size(files: int, workers: int) -> int:
    """Files per pool task: about four tasks per worker (so the work stays balanced and progress keeps moving),
    at most 8 files (a slow file delays at most 7 others' summaries)."""
    return max(1, min(8, files // (workers * 4)))


def check_files(jobs: Iterable[CheckJob], workers: int | None = None,
                timeout: float = DEFAULT_TIMEOUT) -> Iterator[tuple[CheckJob, ReportSummary]]:
    """Check `jobs` on `workers` processes (default: all cores), yielding (job, summary) as each chunk of files
    finishes (not in job order). With one worker or one job, files are checked in this process (no timeout).
    `timeout` is per file; a chunk that fails as a whole (a worker crashed, too slow) is retried file by file,
    so only the guilty file becomes unreadable: the files in flight when a worker died are retried each alone, and
    a file is unreadable when its worker died twice with only it running."""
    pending = list(jobs)
    n = min(workers or os.cpu_count() or 1, len(pending))
    if n <= 1:
        for job in pending:
            yield job, check_one(job)
        return
    size = chunk_size(len(pending), n)
    queue: deque[list[CheckJob]] = deque(pending[i:i + size] for i in range(0, len(pending), size))
    tries: dict[int, int] = {}
    suspects: set[int] = set()  # files in flight when a worker died: run alone until one is found guilty or not
    pool = _new_pool(n)
    # the chunks in the pool, in submission order, each with the time it may have started (None: still queued)
    running: dict[Future[list[ReportSummary]], tuple[list[CheckJob], float | None]] = {}

    def submit() -> None:
        while queue and len(running) < (1 if suspects else n * IN_FLIGHT):
            chunk = queue.popleft()
            running[pool.submit(check_chunk, chunk)] = (chunk, None)
        now = time.monotonic()
        for fut, (chunk, start) in list(running.items())[:n]:  # the pool runs its chunks first in, first out
            if start is None:
                running[fut] = (chunk, now)

    try:
        while queue or running:
            submit()
            done, _ = wait(running, timeout=1.0, return_when=FIRST_COMPLETED)
            ready: list[tuple[CheckJob, ReportSummary]] = []
            broken, alone = False, len(running) == 1
            for fut in done:
                chunk, _start = running.pop(fut)
                try:
                    ready += zip(chunk, fut.result(), strict=True)
                    suspects.difference_update(id(job) for job in chunk)
                except BrokenProcessPool:
                    broken = True
                    if len(chunk) > 1 or not alone:  # which file brought the worker down? each alone, one by one
                        queue.extendleft([job] for job in reversed(chunk))
                        suspects.update(id(job) for job in chunk)
                        continue
                    job = chunk[0]
                    tries[id(job)] = tries.get(id(job), 0) + 1
                    if tries[id(job)] > 1:
                        suspects.discard(id(job))
                        ready.append((job, unreadable(job.path, CRASHED)))
                    else:
                        queue.appendleft(chunk)
                except Exception as exc:
                    suspects.difference_update(id(job) for job in chunk)
                    reason = f"核查时出错（{type(exc).__name__}），请单独打开该文件查看。"
                    ready += ((job, unreadable(job.path, reason)) for job in chunk)
            now = time.monotonic()
            late = [f for f, (chunk, start) in running.items()
                    if start is not None and now - start > timeout * len(chunk)]
            if late or broken:
                for fut in late:
                    chunk, _ = running.pop(fut)
                    if len(chunk) > 1:
                        queue.extendleft([job] for job in reversed(chunk))
                    else:
                        suspects.discard(id(chunk[0]))
                        reason = f"核查超过 {timeout:.0f} 秒仍未完成，已跳过该文件。"
                        ready.append((chunk[0], unreadable(chunk[0].path, reason)))
                queue.extendleft(chunk for chunk, _ in reversed(list(running.values())))
                running.clear()
                _kill(pool)
                pool = _new_pool(n)
            submit()  # the workers get their next files before the caller gets these results: they never wait for it
            yield from ready
    finally:
        if running:
            _kill(pool)
        else:
            pool.shutdown(wait=True, cancel_futures=True)


def previous_index(folder: str, workers: int | None = None) -> dict[tuple[str, int], str]:
    """Last year's reports under `folder` by (agency key, report year), read on the pool."""
    from core.season.files import agency_key, find_reports

    out: dict[tuple[str, int], str] = {}
    jobs = [CheckJob(str(p), check=False) for p in find_reports(folder)]
    for job, s in sorted(check_files(jobs, workers), key=lambda js: js[0].path):
        if not s.error and s.report_year and agency_key(s.agency):
            out.setdefault((agency_key(s.agency), s.report_year), job.path)
    return out


def set_jobs(season: SeasonSet, entries: Iterable[int] | None = None) -> list[CheckJob]:
    """The jobs that (re-)check a set's reports (all, or `entries`) with their settings and kept edits."""
    ids = list(entries) if entries is not None else [e.id for e in season.entries()]
    base = season.settings()
    prev_index = previous_index(base.prev_dir) if base.prev_dir else None
    return [CheckJob(season.entry(i).path, season.settings(i), tuple(e.edit for e in season.edits(i)),
                     prev_index, tag=i) for i in ids]


def check_set(season: SeasonSet, entries: Iterable[int] | None = None, workers: int | None = None,
              progress: Progress | None = None) -> None:
    """(Re-)check a set's reports on the pool and keep each summary in the set as it arrives (written a chunk at a
    time, one transaction each: a summary can always be recomputed); a file whose SHA-256 changed since it was
    added is flagged (`SetEntry.source_changed`)."""
    jobs = set_jobs(season, entries)
    known = {e.id: e.sha256 for e in season.entries()}
    batch: list[tuple[int, ReportSummary]] = []
    flushed = time.monotonic()
    for done, (job, summary) in enumerate(check_files(jobs, workers), start=1):
        if summary.sha256 != known.get(job.tag):
            season.accept_source_change(job.tag)
        batch.append((job.tag, summary))
        if len(batch) >= 32 or time.monotonic() - flushed > 1.0:
            season.set_summaries(batch)
            batch, flushed = [], time.monotonic()
        if progress is not None:
            progress(done, len(jobs), job.path)
    if batch:
        season.set_summaries(batch)
