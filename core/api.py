"""The front door for the CLI, exports and the desktop app: load a report file, check it."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from core.findings import Finding, make
from core.model import Report
from core.options import Options
from core.readers import Hooks, UnreadableError, read_source
from core.readers.formats import format_guess
from core.validate import validate


def file_sha256(path: str | os.PathLike[str]) -> str | None:
    """SHA-256 of a regular file (never opens a FIFO or device for a blocking or endless read)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
        h = hashlib.sha256()
        with os.fdopen(fd, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def load_report(path: str | os.PathLike[str], hooks: Hooks | None = None, prev: Report | None = None) -> Report:
    """Read and extract a report. A file that cannot be read gives a Report with `error` set. `hooks` report the
    pages of a scan being recognised (OCR) and may cancel it. `prev`: last year's report, evidence for splitting
    glued 表二 rows (see `split_by_prev`)."""
    from core.extract import extract

    p = Path(path)
    try:
        doc = read_source(p, hooks or Hooks())
        report = extract(doc, prev)
    except UnreadableError as exc:
        report = Report(path=str(path), format=format_guess(p), template=None, tables={}, error=exc.message)
        report.parse_findings.append(make("PARSE.UNREADABLE", exc.message))
    report.sha256 = file_sha256(p)
    return report


def split_by_prev(report: Report) -> bool:
    """Whether last year's report could decide more of this report's reading: a structure-less copy with glued
    表二 rows still uncertain (read it again with `load_report(..., prev=...)`)."""
    return any(tid == "active" for tid, _row, _col in report.candidates)


def check(report: Report, options: Options | None = None) -> list[Finding]:
    return validate(report, options)


def load_and_check(path: str | os.PathLike[str], options: Options | None = None) -> tuple[Report, list[Finding]]:
    report = load_report(path)
    return report, check(report, options)
