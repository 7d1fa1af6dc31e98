"""Size limits for input files, shared by all readers (documented in the README)."""

from __future__ import annotations

MAX_FILE_BYTES = 50 * 1024 * 1024  # any input file
MAX_TEXT_CHARS = 5_000_000  # decoded text
MAX_PDF_PAGES = 300
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # docx/xlsx: total uncompressed size
MAX_ZIP_RATIO = 200  # uncompressed/compressed for any member: beyond this it is treated as a zip bomb
MAX_XLSX_CELLS = 200_000
