"""PDF pages → glyph boxes, ruling segments and image coverage for core.readers.pdf, read with PDFium (the
library pypdfium2 ships, called through core.readers.pdf_lib; fast) or, when PDFium is unavailable or fails,
with pdfminer through pdfplumber."""

from __future__ import annotations

import ctypes
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from core.readers.errors import UnreadableError
from core.readers.pdf_grid import Seg, ruling_segments
from core.readers.pdf_layout import Glyph, page_glyphs
from core.readers.pdf_lib import FsRectF, PdfiumCallError
from core.readers.pdf_pdfium import page_objects, text_glyphs

ENCRYPTED = "PDF 已加密，需要密码才能打开。请向发布单位索取未加密的版本，或用 PDF 阅读器输入密码后另存为不加密的 PDF。"
DAMAGED = "PDF 文件已损坏或结构异常，无法读取。请重新下载，或索取 Word/网页版本。"


@dataclass
class PageData:
    """What the layout code needs from one page (y grows downwards from the top of the page)."""

    number: int
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    segs: list[Seg] = field(default_factory=list)
    image_area: float = 0.0  # share of the page covered by images
    undecoded: int = 0  # glyphs without a Unicode mapping
    complete: bool = True  # every text object has characters in PDFium's text page (see PdfiumSource.pages)
    ocr: bool = False  # the glyphs were recognised in the page's image (core.readers.ocr)


class PdfiumSource:
    """Pages read with PDFium: text boxes from the text page, rulings from path objects."""

    def __init__(self, data: bytes) -> None:
        from core.readers.pdf_lib import ERR_PASSWORD, ERR_SECURITY, lib

        self.lib = lib()
        self.data = bytes(data)  # PDFium reads from this buffer while the document is open
        self._fallback: PlumberSource | None = None
        self._renderer: Any = None  # a pypdfium2 document, opened to render pages for OCR
        self.doc = self.lib.load_document(self.data, len(self.data), None) or 0
        self._pages = self.lib.page_count(self.doc) if self.doc else 0
        if self._pages < 1:  # as pypdfium2: no page is a failed load
            code = self.lib.last_error()
            if self.doc:
                self.lib.close_document(self.doc)
                self.doc = 0
            raise UnreadableError(ENCRYPTED if code in (ERR_PASSWORD, ERR_SECURITY) else DAMAGED)

    def __len__(self) -> int:
        return self._pages

    def pages(self) -> Iterator[PageData]:
        """Pages in order. PDFium's text page silently leaves out glyphs it cannot measure (a CJK font that is
        neither embedded nor installed: single-character text objects vanish); such a page is read with
        pdfminer instead, which needs no glyph outlines."""
        for i in range(self._pages):
            page = self.lib.load_page(self.doc, i)
            if not page:
                raise PdfiumCallError("Failed to load page.")
            try:
                data = self._page(i + 1, page)
            finally:
                self.lib.close_page(page)
            if not data.complete:
                if self._fallback is None:
                    self._fallback = PlumberSource(self.data)
                data = self._fallback.page(i)
            yield data

    def metadata(self) -> dict[str, str]:
        """The document information dictionary (CreationDate, ModDate, …)."""
        try:
            return self.lib.metadata(self.doc)
        except Exception:  # broken metadata does not stop the pages from being read
            return {}

    def render_grey(self, index: int, dpi: float) -> Any:
        """The page as a grey image (numpy uint8) at `dpi`, for OCR (rendered by pypdfium2)."""
        if self._renderer is None:
            import pypdfium2 as pdfium

            self._renderer = pdfium.PdfDocument(self.data)
        page = self._renderer[index]
        try:
            return page.render(scale=dpi / 72.0, grayscale=True).to_numpy()
        finally:
            page.close()

    def close(self) -> None:
        if self.doc:
            self.lib.close_document(self.doc)
            self.doc = 0
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None
        if self._fallback is not None:
            self._fallback.close()

    def _page(self, number: int, page: int) -> PageData:
        box = FsRectF()
        if not self.lib.page_box(page, ctypes.byref(box)):
            raise PdfiumCallError("Failed to get page bounding box.")
        left, bottom, right, top = box.left, box.bottom, box.right, box.top
        out = PageData(number, right - left, top - bottom)
        textpage = self.lib.load_text(page)
        if not textpage:
            raise PdfiumCallError("Failed to load text page.")
        try:
            out.glyphs, out.undecoded, used = text_glyphs(textpage, left, top)
        finally:
            self.lib.close_text(textpage)
        out.segs, images, text_objects = page_objects(page, left, top)
        out.image_area = images / ((out.width * out.height) or 1.0)
        out.complete = text_objects <= used
        return out


class PlumberSource:
    """Pages read with pdfminer (pure Python; slower, used when PDFium cannot be loaded or fails)."""

    def __init__(self, data: bytes) -> None:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError
        from pdfplumber.utils.exceptions import PdfminerException

        try:
            self.pdf = pdfplumber.open(io.BytesIO(data))
            self._pages = self.pdf.pages  # walks the page tree: a broken tree fails here
        except PdfminerException as exc:
            inner = exc.args[0] if exc.args else exc
            raise UnreadableError(ENCRYPTED if isinstance(inner, PDFEncryptionError) else DAMAGED) from exc
        except PDFEncryptionError as exc:
            raise UnreadableError(ENCRYPTED) from exc
        except (MemoryError, RecursionError):
            raise
        except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
            raise UnreadableError(DAMAGED) from exc

    def __len__(self) -> int:
        return len(self._pages)

    def pages(self) -> Iterator[PageData]:
        for i in range(len(self._pages)):
            yield self.page(i)

    def page(self, i: int) -> PageData:
        page = self._pages[i]
        glyphs = page_glyphs(page.chars)
        undecoded = [g for g in glyphs if g.text.startswith("(cid:")]
        area = float(page.width * page.height) or 1.0
        images = sum(max(0.0, (im["x1"] - im["x0"]) * (im["bottom"] - im["top"])) for im in page.images)
        data = PageData(i + 1, float(page.width), float(page.height),
                        [g for g in glyphs if not g.text.startswith("(cid:")],
                        ruling_segments(page.lines, page.rects, page.curves), images / area, len(undecoded))
        page.flush_cache()
        return data

    def metadata(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for k, v in (self.pdf.metadata or {}).items():
            out[str(k)] = v.decode("latin-1", "replace") if isinstance(v, bytes) else str(v)
        return out

    def close(self) -> None:
        self.pdf.close()


def open_source(data: bytes, backend: str = "auto") -> PdfiumSource | PlumberSource:
    """PDFium unless asked otherwise; pdfminer when PDFium cannot be imported."""
    if backend in ("auto", "pdfium"):
        try:
            return PdfiumSource(data)
        except ImportError:
            if backend == "pdfium":
                raise
    return PlumberSource(data)
