"""Report files in folders for sets and `ogicheck batch`: which files under a folder are reports (hidden,
temporary and this tool's own summaries left out), and the agency key that pairs a report with last year's."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from core.batch.result import SUMMARY_SHEET
from core.readers.formats import is_report_name
from core.textnorm import squash

OWN_HTML_MARK = b'name="generator" content="ogicheck"'
_SNIFF_BYTES = 1 << 20

def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def is_own_output(path: Path) -> bool:
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
            if any(_same(p, s) for s in skip) or is_own_output(p):
                continue
            out.append(p)
    return out


def _same(a: Path, b: Path) -> bool:
    from core.atomic import same_path

    return same_path(a, b)


def agency_key(agency: str | None) -> str:
    """An agency name as a pairing key (width, spaces and trailing punctuation folded)."""
    return squash(agency or "").strip("：:，,。 ")
