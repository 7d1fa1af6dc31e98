"""Batch checking for the CLI and the desktop app: every report under a folder, last year's matched, one
summary workbook; the files are checked on core.season.checking's process pool."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from core.batch.result import BatchResult
from core.readers.formats import REPORT_SUFFIXES
from core.season.files import agency_key, find_reports, is_own_output
from core.season.summary import ReportSummary

__all__ = ["Progress", "agency_key", "find_reports", "result_of", "run_batch"]

Progress = Callable[[int, int, str], None]


def result_of(summary: ReportSummary) -> BatchResult:
    """A checked file's summary as a batch row (its report rebuilt from the kept cells)."""
    return BatchResult(Path(summary.path), summary.skeleton(), list(summary.findings), error=summary.error,
                       prev_path=Path(summary.prev_path) if summary.prev_path else None)


def run_batch(folder: str | os.PathLike[str], out_xlsx: str | os.PathLike[str] | None,
              prev_dir: str | os.PathLike[str] | None = None,
              progress: Progress | None = None, workers: int | None = None) -> list[BatchResult]:
    """Check every report under `folder` on all cores; with `prev_dir`, pair each with last year's report of
    the same agency (agency name and year − 1) for the cross-year rules. Writes the summary workbook when
    `out_xlsx` is given. Results are in file order; an unreadable file is a result with `error` set.

    `progress(done, total, path)` is called after each file read, last year's files included.
    Raises NotADirectoryError (Chinese message) when a folder does not exist; OutputPathError for a bad output.
    """
    from core.season.checking import CheckJob, check_files

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
    prev_files = find_reports(prev_dir, exclude) if prev_dir is not None else []
    total = len(files) + len(prev_files)
    done = 0
    prev_index: dict[tuple[str, int], str] | None = None
    if prev_dir is not None:
        read: dict[str, ReportSummary] = {}
        for job, s in check_files([CheckJob(str(p), check=False) for p in prev_files], workers):
            read[job.path] = s
            done += 1
            if progress:
                progress(done, total, job.path)
        prev_index = {}
        for p in prev_files:
            s = read[str(p)]
            if not s.error and s.report_year and agency_key(s.agency):
                prev_index.setdefault((agency_key(s.agency), s.report_year), str(p))
    summaries: dict[str, ReportSummary] = {}
    for job, s in check_files([CheckJob(str(p), prev_by_agency=prev_index) for p in files], workers):
        summaries[job.path] = s
        done += 1
        if progress:
            progress(done, total, job.path)
    results = [result_of(summaries[str(p)]) for p in files]
    if out_xlsx is not None:
        from core.batch.workbook import export_batch_workbook

        export_batch_workbook(results, root, out_xlsx, prev_dir)
    return results
