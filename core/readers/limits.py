"""Resource budgets for input files, shared by all readers (listed in the README, "Formats and refusals").

Every reader checks its budget before it allocates for what the file asks for, so a small hostile file
(a merge over a whole sheet, rowspan="0", a zip whose directory lies) is refused with a Chinese message
naming what was too large, in bounded time and memory.
"""

from __future__ import annotations

MAX_FILE_BYTES = 50 * 1024 * 1024  # any input file (read with this cap: only regular files are read)
MAX_TEXT_CHARS = 5_000_000  # decoded text (text, web page, Word document)
MAX_PDF_PAGES = 300
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # docx/xlsx: total bytes actually inflated, counted while inflating
MAX_XML_PART_BYTES = 64 * 1024 * 1024  # one XML part of a docx/xlsx, inflated
MAX_ZIP_RATIO = 200  # uncompressed/compressed for any member: beyond this it is treated as a zip bomb
MAX_XLSX_CELLS = 200_000  # cells of all sheets, counting the empty cells a row is padded with
MAX_MERGES = 20_000  # merged ranges of one sheet
MAX_MERGED_AREA = 200_000  # cells covered by merged ranges (Excel) or rowspan/colspan (web pages)
MAX_TABLE_DEPTH = 40  # tables nested in tables (web pages, Word)
MAX_NUMBER_DIGITS = 12  # digits of a number before the decimal point: more is text (CELL.NOT_NUMBER)
MAX_IMAGE_PIXELS = 80_000_000  # one photo or scanned page (a 50 MB file cannot honestly hold more)
MAX_PAGE_RULINGS = 3_000  # drawn table lines on one PDF page (after removing repeats)


def too_large(what: str, limit: int, unit: str = "") -> str:
    """The refusal message for an exceeded budget, naming it."""
    return f"文件中的{what}过多（超过 {limit:,}{unit}），不像一份年度报告，为安全起见已停止读取。"
