"""Batch checking for the CLI and the desktop app: every report under a folder, last year's matched, one
summary workbook; the files are checked on core.season.checking's process pool.

The results are handed on in file order as soon as a file and all before it are checked, and the workbook is
written as they come (core.batch.workbook.BatchWorkbook), so a caller that keeps nothing (`ogicheck batch`)
runs in the same memory for a hundred reports or ten thousand.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.batch.result import BatchResult
from core.findings import Severity
from core.options import Options
from core.readers.formats import REPORT_SUFFIXES
from core.season.files import agency_key, find_reports, is_own_output
from core.season.summary import ReportSummary

if TYPE_CHECKING:
    from core.batch.workbook import BatchWorkbook

__all__ = ["BatchTally", "Progress", "agency_key", "check_folder", "find_reports", "result_of", "run_batch"]

Progress = Callable[[int, int, str], None]


def result_of(summary: ReportSummary) -> BatchResult:
    """A checked file's summary as a batch row (its report rebuilt from the kept cells)."""
    return BatchResult(Path(summary.path), summary.skeleton(), list(summary.findings), error=summary.error,
                       prev_path=Path(summary.prev_path) if summary.prev_path else None)


@dataclass
class BatchTally:
    """What `ogicheck batch` says of a run: files checked, unreadable, with errors, paired with last year's."""

    reports: int = 0
    unreadable: int = 0
    with_errors: int = 0
    paired: int = 0

    def add(self, res: BatchResult) -> None:
        self.reports += 1
        self.unreadable += bool(res.error)
        self.with_errors += bool(not res.error and res.counts[Severity.ERROR])
        self.paired += res.prev_path is not None


def _previous_index(prev_files: list[Path], workers: int | None, progress: Progress | None,
                    total: int) -> dict[tuple[str, int], str]:
    """Last year's reports by (agency key, report year), the first file of each in file order."""
    from core.season.checking import CheckJob, check_files

    read: dict[str, tuple[str, int]] = {}
    for done, (job, s) in enumerate(check_files([CheckJob(str(p), check=False) for p in prev_files], workers), 1):
        if not s.error and s.report_year and agency_key(s.agency):
            read[job.path] = (agency_key(s.agency), s.report_year)
        if progress:
            progress(done, total, job.path)
    index: dict[tuple[str, int], str] = {}
    for p in prev_files:
        if (key := read.get(str(p))) is not None:
            index.setdefault(key, str(p))
    return index


def _import_writers() -> None:
    importlib.import_module("core.batch.workbook")  # openpyxl
    importlib.import_module("pandas")  # the region's totals (core.batch.totals)


def _workbook(loading: threading.Thread, root: Path, prev_dir: str | os.PathLike[str] | None) -> BatchWorkbook:
    loading.join()
    from core.batch.workbook import BatchWorkbook  # (raises here if the import failed in its thread)

    return BatchWorkbook(root, Path(prev_dir) if prev_dir else None)


def check_folder(folder: str | os.PathLike[str], out_xlsx: str | os.PathLike[str] | None,
                 prev_dir: str | os.PathLike[str] | None = None, progress: Progress | None = None,
                 workers: int | None = None, options: Options | None = None,
                 each: Callable[[BatchResult], None] | None = None) -> None:
    """Check every report under `folder` on all cores; with `prev_dir`, pair each with last year's report of
    the same agency (agency name and year − 1) for the cross-year rules. Each file's result goes to `each` in
    file order (an unreadable file is a result with `error` set); the summary workbook is written when
    `out_xlsx` is given.

    `progress(done, total, path)` is called after each file read, last year's files included. `options` (a deadline
    profile, the officer's misspellings, overrides) apply to every report, each with its own last year's report.
    Raises NotADirectoryError (Chinese message) when a folder does not exist; OutputPathError for a bad output.
    """
    from core.season.checking import CheckJob, check_files
    from core.season.store import CheckSettings

    root = Path(folder)
    if not root.is_dir():
        raise NotADirectoryError(f"找不到文件夹：{root}")
    if prev_dir is not None and not Path(prev_dir).is_dir():
        raise NotADirectoryError(f"找不到上一年度报告所在的文件夹：{prev_dir}")
    exclude = [Path(out_xlsx)] if out_xlsx else []
    files = find_reports(root, exclude)
    if out_xlsx is not None:
        from core.atomic import OutputPathError, check_output_path

        out = check_output_path(out_xlsx)
        if out.is_file() and out.suffix.lower() in REPORT_SUFFIXES and not is_own_output(out):
            raise OutputPathError(f"汇总工作簿不能覆盖已有的文件（它可能是一份报告）：{out}")
    # openpyxl and pandas are imported on a thread while the pool starts (the workers would otherwise wait for them)
    loading = threading.Thread(target=_import_writers, daemon=True)
    if out_xlsx is not None:
        loading.start()
    book: BatchWorkbook | None = None
    prev_files = find_reports(prev_dir, exclude) if prev_dir is not None else []
    total = len(files) + len(prev_files)
    prev_index = _previous_index(prev_files, workers, progress, total) if prev_dir is not None else None
    settings = CheckSettings.from_options(options) if options is not None else CheckSettings()
    jobs = [CheckJob(str(p), settings=settings, prev_by_agency=prev_index, tag=i) for i, p in enumerate(files)]
    arrived: dict[int, ReportSummary] = {}  # checked ahead of a file before them (chunks finish out of order)
    following = 0
    for done, (job, s) in enumerate(check_files(jobs, workers), start=len(prev_files) + 1):
        arrived[job.tag] = s
        if progress:
            progress(done, total, job.path)
        while following in arrived:
            res = result_of(arrived.pop(following))
            following += 1
            if book is None and out_xlsx is not None:
                book = _workbook(loading, root, prev_dir)
            if book is not None:
                book.add(res)
            if each is not None:
                each(res)
    if out_xlsx is not None:
        from core.atomic import atomic_write_bytes

        book = book or _workbook(loading, root, prev_dir)
        atomic_write_bytes(out_xlsx, book.to_bytes())


def run_batch(folder: str | os.PathLike[str], out_xlsx: str | os.PathLike[str] | None,
              prev_dir: str | os.PathLike[str] | None = None,
              progress: Progress | None = None, workers: int | None = None,
              options: Options | None = None) -> list[BatchResult]:
    """check_folder, keeping every file's result: the results in file order."""
    results: list[BatchResult] = []
    check_folder(folder, out_xlsx, prev_dir, progress, workers, options, each=results.append)
    return results
