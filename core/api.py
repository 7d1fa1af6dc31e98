"""The front door for the CLI, exports and the desktop app: load a report file, check it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from core.findings import Finding, make
from core.model import Report
from core.options import Options
from core.readers import UnreadableError, read_source
from core.readers.formats import format_guess
from core.validate import validate


def _sha256(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def load_report(path: str | os.PathLike[str]) -> Report:
    """Read and extract a report. A file that cannot be read gives a Report with `error` set."""
    from core.extract import extract

    p = Path(path)
    try:
        doc = read_source(p)
        report = extract(doc)
    except UnreadableError as exc:
        report = Report(path=str(path), format=format_guess(p), template=None, tables={}, error=exc.message)
        report.parse_findings.append(make("PARSE.UNREADABLE", exc.message))
    report.sha256 = _sha256(p)
    return report


def check(report: Report, options: Options | None = None) -> list[Finding]:
    return validate(report, options)


def load_and_check(path: str | os.PathLike[str], options: Options | None = None) -> tuple[Report, list[Finding]]:
    report = load_report(path)
    return report, check(report, options)
