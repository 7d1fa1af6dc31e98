"""The file types a report may arrive in, for file dialogs, dropped folders, `ogicheck batch` and error reports.

Reading never trusts the suffix (core.readers sniffs the bytes); these lists only decide which files of a
folder are offered or scanned, and what format an unreadable file is reported as.
"""

from __future__ import annotations

from pathlib import Path

# suffix → the format name of the JSON's "format" field
FORMAT_BY_SUFFIX: dict[str, str] = {
    ".txt": "txt", ".md": "txt", ".markdown": "txt",
    ".html": "html", ".htm": "html", ".shtml": "html", ".mht": "html",
    ".docx": "docx", ".doc": "doc", ".wps": "wps",
    ".pdf": "pdf",
    ".xlsx": "xlsx", ".xls": "xls",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
}
REPORT_SUFFIXES = frozenset(FORMAT_BY_SUFFIX)
DIALOG_FILTER = f"年度报告 ({' '.join('*' + s for s in sorted(REPORT_SUFFIXES))});;所有文件 (*)"


def format_guess(path: Path) -> str:
    """The format a file's name suggests (text when it suggests none)."""
    return FORMAT_BY_SUFFIX.get(path.suffix.lower(), "txt")


def is_report_name(path: Path) -> bool:
    """A file name worth scanning: a report suffix, not hidden, not an Office lock file (~$…)."""
    return not path.name.startswith((".", "~$")) and path.suffix.lower() in REPORT_SUFFIXES
