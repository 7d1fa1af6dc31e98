"""The straightened image of a page that was read by OCR, for the source pane (desktop/source_view.py): the same
rendering and straightening as the reader used, so the boxes of the cells (Loc.box, in points) fall on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.readers import IMAGE_MAGIC, read_regular_file
from core.readers.ocr import OCR_DPI, straighten


def page_image(path: str | Path, page: int) -> tuple[Any, float]:
    """(grey uint8 numpy image, dots per inch) of page `page` (1-based) of a scanned PDF or an image file.
    Raises UnreadableError, ImportError (no OCR extra) or IndexError (no such page)."""
    data = read_regular_file(path)
    if data.startswith(IMAGE_MAGIC):
        from core.readers.image import ImageSource

        source = ImageSource(data)
        try:
            grey, dpi = source.grey(page - 1)
        finally:
            source.close()
    else:
        import pypdfium2 as pdfium

        from core.readers.pdf import _PDF_LOCK

        with _PDF_LOCK:  # PDFium is not thread-safe: a report may be loading on the pool meanwhile
            doc = pdfium.PdfDocument(data)
            try:
                if not 1 <= page <= len(doc):
                    raise IndexError(page)
                p = doc[page - 1]
                grey, dpi = p.render(scale=OCR_DPI / 72.0, grayscale=True).to_numpy(), float(OCR_DPI)
                p.close()
            finally:
                doc.close()
    return straighten(grey, dpi).grey, dpi
