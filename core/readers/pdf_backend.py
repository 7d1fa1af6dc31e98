"""PDF pages → glyph boxes, ruling segments and image coverage for core.readers.pdf, read with PDFium
(pypdfium2, fast) or, when PDFium is unavailable or fails, with pdfminer through pdfplumber."""

from __future__ import annotations

import ctypes
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from core.readers.errors import UnreadableError
from core.readers.pdf_grid import Seg, path_segments, ruling_segments
from core.readers.pdf_layout import Glyph, page_glyphs

ENCRYPTED = "PDF 已加密，需要密码才能打开。请向发布单位索取未加密的版本，或用 PDF 阅读器输入密码后另存为不加密的 PDF。"
DAMAGED = "PDF 文件已损坏或结构异常，无法读取。请重新下载，或索取 Word/网页版本。"
_THIN = 2.5
_MIN_LEN = 3.0


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
        import pypdfium2 as pdfium

        self.data = data
        self._fallback: PlumberSource | None = None
        try:
            self.doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            raise UnreadableError(ENCRYPTED if code in (4, 6) else DAMAGED) from exc

    def __len__(self) -> int:
        return len(self.doc)

    def pages(self) -> Iterator[PageData]:
        """Pages in order. PDFium's text page silently leaves out glyphs it cannot measure (a CJK font that is
        neither embedded nor installed: single-character text objects vanish); such a page is read with
        pdfminer instead, which needs no glyph outlines."""
        for i in range(len(self.doc)):
            page = self.doc[i]
            try:
                data = self._page(i + 1, page)
            finally:
                page.close()
            if not data.complete:
                if self._fallback is None:
                    self._fallback = PlumberSource(self.data)
                data = self._fallback.page(i)
            yield data

    def metadata(self) -> dict[str, str]:
        """The document information dictionary (CreationDate, ModDate, …)."""
        try:
            return {k: str(v) for k, v in self.doc.get_metadata_dict(skip_empty=True).items()}
        except Exception:  # broken metadata does not stop the pages from being read
            return {}

    def render_grey(self, index: int, dpi: float) -> Any:
        """The page as a grey image (numpy uint8) at `dpi`, for OCR."""
        page = self.doc[index]
        try:
            return page.render(scale=dpi / 72.0, grayscale=True).to_numpy()
        finally:
            page.close()

    def close(self) -> None:
        self.doc.close()
        if self._fallback is not None:
            self._fallback.close()

    def _page(self, number: int, page: Any) -> PageData:
        import pypdfium2.raw as raw

        left, bottom, right, top = page.get_bbox()
        out = PageData(number, right - left, top - bottom)
        textpage = page.get_textpage()
        seen: set[tuple[str, int, int]] = set()
        used: set[int | None] = set()
        try:
            for i in range(textpage.count_chars()):
                if raw.FPDFText_IsGenerated(textpage.raw, i):
                    continue
                used.add(ctypes.cast(raw.FPDFText_GetTextObject(textpage.raw, i), ctypes.c_void_p).value)
                code = raw.FPDFText_GetUnicode(textpage.raw, i)
                if code in (0, 0xFFFD) or 0xE000 <= code <= 0xF8FF or 0xD800 <= code <= 0xDFFF:
                    out.undecoded += 1
                    continue
                ch = chr(code)
                if ch.isspace() or code < 32:
                    continue
                x0, y0, x1, y1, size = _char_box(raw, textpage, i)
                g = Glyph(ch, x0 - left, x1 - left, top - y1, top - y0, size if size > 0 else max(y1 - y0, 1.0))
                key = (ch, round(g.x0), round(g.top))
                if key not in seen:
                    seen.add(key)
                    out.glyphs.append(g)
        finally:
            textpage.close()
        out.segs, images, text_objects = _paths(page, left, top)
        out.image_area = images / ((out.width * out.height) or 1.0)
        out.complete = text_objects <= used
        return out


def _char_box(raw: Any, textpage: Any, i: int) -> tuple[float, float, float, float, float]:
    """The glyph's em box (left, bottom, right, top) and font size. PDFium's loose box is right for ordinary text but
    ignores the text matrix for some glyphs (seen on one-character-per-line labels: boxes 200 pt wide);
    then the box is rebuilt from the glyph origin and the real font size."""
    x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)
    m = raw.FS_MATRIX()
    size = raw.FPDFText_GetFontSize(textpage.raw, i)
    if raw.FPDFText_GetMatrix(textpage.raw, i, m):
        size *= math.sqrt(abs(m.a * m.d - m.b * m.c))
    if size <= 0 or (y1 - y0 <= 1.8 * size + 1 and x1 - x0 <= 2.5 * size + 1):
        return x0, y0, x1, y1, size
    ox, oy = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(ox), ctypes.byref(oy))
    tight = textpage.get_charbox(i, loose=False)
    return ox.value, oy.value - 0.12 * size, max(tight[2], ox.value + 0.5 * size), oy.value + 0.88 * size, size


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(raw: Any, handle: Any) -> tuple[float, ...]:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(handle, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _paths(page: Any, left: float, top: float) -> tuple[list[Seg], float, set[int | None]]:
    """Ruling segments from path objects (also inside form XObjects), the area covered by images and the
    addresses of the text objects (to check that the text page left none out)."""
    import pypdfium2.raw as raw

    segs: list[Seg] = []
    image_area = 0.0
    texts: set[int | None] = set()
    forms: dict[int, tuple[float, ...]] = {0: _IDENTITY}
    for obj in page.get_objects(max_depth=8):
        level = obj.level
        parent = forms.get(level, _IDENTITY)
        if obj.type == raw.FPDF_PAGEOBJ_FORM:
            forms[level + 1] = _mul(_matrix(raw, obj.raw), parent)
        elif obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            m = _mul(_matrix(raw, obj.raw), parent)  # the unit square scaled onto the page
            image_area += abs(m[0] * m[3] - m[1] * m[2])
        elif obj.type == raw.FPDF_PAGEOBJ_PATH:
            _path_segments(raw, obj.raw, _mul(_matrix(raw, obj.raw), parent), left, top, segs)
        elif obj.type == raw.FPDF_PAGEOBJ_TEXT:
            texts.add(ctypes.cast(obj.raw, ctypes.c_void_p).value)
    return segs, image_area, texts


def _path_segments(raw: Any, handle: Any, m: tuple[float, ...], left: float, top: float,
                   segs: list[Seg]) -> None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(handle, ctypes.byref(fill), ctypes.byref(stroke)):
        return
    if not fill.value and not stroke.value:
        return
    a, b, c, d, e, f = m
    subpaths: list[list[tuple[float, float]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(raw.FPDFPath_CountSegments(handle)):
        seg = raw.FPDFPath_GetPathSegment(handle, i)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        pt = (px - left, top - py)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([pt])
        elif kind == raw.FPDF_SEGMENT_LINETO:
            subpaths[-1].append(pt)
        else:  # a Bézier piece is not a ruling: break the run
            subpaths.append([pt])
        if raw.FPDFPathSegment_GetClose(seg) and subpaths[-1]:
            subpaths[-1].append(subpaths[-1][0])
    for pts in subpaths:
        if stroke.value:
            segs += path_segments(pts)
            continue
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        if h <= _THIN and w >= _MIN_LEN:  # a filled hairline rectangle drawn as a horizontal rule
            segs.append(Seg(min(xs), (min(ys) + max(ys)) / 2, max(xs), (min(ys) + max(ys)) / 2))
        elif w <= _THIN and h >= _MIN_LEN:
            segs.append(Seg((min(xs) + max(xs)) / 2, min(ys), (min(xs) + max(xs)) / 2, max(ys)))


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
