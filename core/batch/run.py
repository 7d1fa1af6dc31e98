"""Batch checking for the CLI and the desktop app: every report under a folder, last year's matched, one summary."""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

from core.batch.result import SUMMARY_SHEET, BatchResult
from core.findings import make
from core.model import Report
from core.options import Options
from core.readers.formats import REPORT_SUFFIXES, is_report_name
from core.textnorm import squash

OWN_HTML_MARK = b'name="generator" content="ogicheck"'
_SNIFF_BYTES = 1 << 20

Progress = Callable[[int, int, str], None]


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _is_own_output(path: Path) -> bool:
    """Files this tool wrote that are not reports: batch summary workbooks and printable summaries (HTML).
    Exported workbooks and standardized text reports are reports and are checked like any other.
    Sniffing never fails, reads at most a few kilobytes and never opens anything but a regular file."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".html", ".htm") or not _regular(path):
        return False
    try:
        if suffix == ".xlsx":
            with zipfile.ZipFile(path) as zf:
                info = zf.getinfo("xl/workbook.xml")
                if info.file_size > _SNIFF_BYTES:
                    return False
                with zf.open(info) as fh:
                    book = fh.read(_SNIFF_BYTES).decode("utf-8", "replace")
            return f'name="{SUMMARY_SHEET}"' in book
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            return OWN_HTML_MARK in fh.read(4096)
    except Exception:  # a damaged file is not ours; reading it will say what is wrong with it
        return False


def find_reports(folder: str | os.PathLike[str], exclude: list[Path] | None = None) -> list[Path]:
    """Report files under `folder` (recursively, sorted), skipping hidden and temporary files and our summaries."""
    root = Path(folder)
    skip = [p for p in (exclude or [])]
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if not is_report_name(p):
                continue
            if any(_same(p, s) for s in skip) or _is_own_output(p):
                continue
            out.append(p)
    return out


def _same(a: Path, b: Path) -> bool:
    from core.atomic import same_path

    return same_path(a, b)


def agency_key(agency: str | None) -> str:
    return squash(agency or "").strip("：:，,。 ")


def _load(path: Path) -> tuple[Report | None, str | None]:
    from core.api import load_report

    try:
        report = load_report(path)
    except Exception as exc:  # a reader or extractor bug must not stop the batch
        return None, f"读取时出错（{type(exc).__name__}: {exc}）"
    return report, report.error


def index_previous(folder: str | os.PathLike[str], progress: Progress | None = None,
                   done: int = 0, total: int = 0) -> dict[tuple[str, int], tuple[Path, Report]]:
    """Last year's reports by (agency, report year)."""
    out: dict[tuple[str, int], tuple[Path, Report]] = {}
    for p in find_reports(folder):
        report, _err = _load(p)
        done += 1
        if progress:
            progress(done, total, str(p))
        if report is None or report.error or not report.report_year or not agency_key(report.agency):
            continue
        out.setdefault((agency_key(report.agency), report.report_year), (p, report))
    return out


def run_batch(folder: str | os.PathLike[str], out_xlsx: str | os.PathLike[str] | None,
              prev_dir: str | os.PathLike[str] | None = None,
              progress: Progress | None = None, options: Options | None = None) -> list[BatchResult]:
    """Check every report under `folder`; with `prev_dir`, pair each with last year's report of the same agency
    (agency name and year − 1) for the cross-year rules. Writes the summary workbook when `out_xlsx` is given.

    `progress(done, total, path)` is called after each file read, last year's files included. `options` (a deadline
    profile, the officer's misspellings) apply to every report, each with its own last year's report.
    Raises NotADirectoryError (Chinese message) when a folder does not exist; OutputPathError for a bad output.
    """
    from dataclasses import replace

    from core.api import check

    base = options or Options()
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
        if out.is_file() and out.suffix.lower() in REPORT_SUFFIXES and not _is_own_output(out):
            raise OutputPathError(f"汇总工作簿不能覆盖已有的文件（它可能是一份报告）：{out}")
    prev_files = find_reports(prev_dir, exclude) if prev_dir is not None else []
    total = len(files) + len(prev_files)
    previous = index_previous(prev_dir, progress, 0, total) if prev_dir is not None else {}
    done = len(prev_files)
    results: list[BatchResult] = []
    for p in files:
        try:  # every file in its own guarded step: nothing in one file stops the batch
            report, error = _load(p)
            result = BatchResult(p, report, error=error)
            if report is None:
                result.findings = [make("PARSE.UNREADABLE", error or "无法读取")]
            else:
                prev = None
                if report.report_year and not report.error:
                    match = previous.get((agency_key(report.agency), report.report_year - 1))
                    if match is not None and not _same(match[0], p):
                        result.prev_path, prev = match
                result.findings = check(report, replace(base, prev=prev))
        except Exception as exc:
            error = f"核查时出错（{type(exc).__name__}），请单独打开该文件查看。"
            result = BatchResult(p, None, [make("PARSE.UNREADABLE", error)], error=error)
        results.append(result)
        done += 1
        if progress:
            progress(done, total, str(p))
    if out_xlsx is not None:
        from core.batch.workbook import export_batch_workbook

        export_batch_workbook(results, root, out_xlsx, prev_dir)
    return results
