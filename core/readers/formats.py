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
# photos are read when opened one by one, never picked up from a folder (a dropped folder, `ogicheck batch`): a
# folder's pictures are logos and screenshots, or the pages of one report, not reports of their own
IMAGE_SUFFIXES = frozenset(s for s, f in FORMAT_BY_SUFFIX.items() if f == "image")
DIALOG_FILTER = f"年度报告 ({' '.join('*' + s for s in sorted(REPORT_SUFFIXES))});;所有文件 (*)"


def format_guess(path: Path) -> str:
    """The format a file's name suggests (text when it suggests none)."""
    return FORMAT_BY_SUFFIX.get(path.suffix.lower(), "txt")


def is_report_name(path: Path) -> bool:
    """A file name worth scanning in a folder: a report suffix (not a photo), not hidden, not an Office lock file."""
    suffix = path.suffix.lower()
    return not path.name.startswith((".", "~$")) and suffix in REPORT_SUFFIXES and suffix not in IMAGE_SUFFIXES
