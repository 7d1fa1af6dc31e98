"""One page read with PDFium (characters of the text page, path and image objects), for pdf_backend.

The calls go straight to the library (core.readers.pdf_lib: handles as integers) with the output structures
allocated once per page: pypdfium2's helper objects wrap every character box and page object in Python objects,
which cost more than the reading itself. The values are those of pypdfium2's helpers (tests/test_pdf_pdfium.py
compares both on every corpus and fixture PDF).
"""

from __future__ import annotations

import ctypes
import math

from core.readers.pdf_grid import Seg, path_segments
from core.readers.pdf_layout import Glyph
from core.readers.pdf_lib import (
    PAGEOBJ_FORM,
    PAGEOBJ_IMAGE,
    PAGEOBJ_PATH,
    PAGEOBJ_TEXT,
    SEGMENT_LINETO,
    SEGMENT_MOVETO,
    FsMatrix,
    FsRectF,
    Lib,
    PdfiumCallError,
    lib,
)

_THIN = 2.5
_MIN_LEN = 3.0
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_DEPTH = 8  # form XObjects nested deeper than this are not entered (as pypdfium2's get_objects(max_depth=8))


def text_glyphs(textpage: int, left: float, top: float) -> tuple[list[Glyph], int, set[int | None]]:
    """The visible glyphs of a text page (y downwards from `top`, x from `left`), without white space and without
    the doubled glyphs of fake bold; the count of glyphs without a Unicode mapping; the addresses of the text
    objects that have characters in the text page."""
    a = lib()
    is_generated, text_object, unicode, loose_box, font_size, char_matrix = a.char_calls
    page = ctypes.c_void_p(textpage)
    rect = FsRectF()
    rect_ref = ctypes.byref(rect)
    m = FsMatrix()
    m_ref = ctypes.byref(m)
    sqrt = math.sqrt
    glyphs: list[Glyph] = []
    seen: set[tuple[str, int, int]] = set()
    used: set[int | None] = set()
    sizes: dict[int, float] = {}  # font size times the text matrix's scale: PDFium keeps both per text object
    undecoded = 0
    for i in range(a.count_chars(textpage)):
        if is_generated(page, i):
            continue
        obj = text_object(page, i)
        used.add(obj)
        code = unicode(page, i)
        if code in (0, 0xFFFD) or 0xE000 <= code <= 0xF8FF or 0xD800 <= code <= 0xDFFF:
            undecoded += 1
            continue
        ch = chr(code)
        if ch.isspace() or code < 32:
            continue
        if not loose_box(page, i, rect_ref):
            raise PdfiumCallError("Failed to get charbox.")
        x0, y0, x1, y1 = rect.left, rect.bottom, rect.right, rect.top
        size = sizes.get(obj) if obj is not None else None
        if size is None:
            size = font_size(page, i)
            if char_matrix(page, i, m_ref):
                size *= sqrt(abs(m.a * m.d - m.b * m.c))
            if obj is not None:
                sizes[obj] = size
        if not (size <= 0 or (y1 - y0 <= 1.8 * size + 1 and x1 - x0 <= 2.5 * size + 1)):
            x0, y0, x1, y1 = _rebuilt_box(a, textpage, i, size)
        g = Glyph(ch, x0 - left, x1 - left, top - y1, top - y0, size if size > 0 else max(y1 - y0, 1.0))
        key = (ch, round(g.x0), round(g.top))
        if key not in seen:
            seen.add(key)
            glyphs.append(g)
    return glyphs, undecoded, used


def _rebuilt_box(a: Lib, textpage: int, i: int, size: float) -> tuple[float, float, float, float]:
    """PDFium's loose box is right for ordinary text but ignores the text matrix for some glyphs (seen on
    one-character-per-line labels: boxes 200 pt wide); then the box is rebuilt from the glyph origin and the
    real font size."""
    ox, oy = ctypes.c_double(), ctypes.c_double()
    a.char_origin(textpage, i, ctypes.byref(ox), ctypes.byref(oy))
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    if not a.char_box(textpage, i, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom),
                      ctypes.byref(top)):  # yes, left, right, bottom, top
        raise PdfiumCallError("Failed to get charbox.")
    return ox.value, oy.value - 0.12 * size, max(right.value, ox.value + 0.5 * size), oy.value + 0.88 * size


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class _Walk:
    """One page's objects in document order, form XObjects entered (as pypdfium2's get_objects)."""

    def __init__(self, left: float, top: float) -> None:
        self.a = lib()
        self.left, self.top = left, top
        self.segs: list[Seg] = []
        self.images = 0.0
        self.texts: set[int | None] = set()
        self.m = FsMatrix()
        self.m_ref = ctypes.byref(self.m)

    def matrix(self, obj: int) -> tuple[float, ...]:
        m = self.m
        if not self.a.object_matrix(obj, self.m_ref):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def objects(self, parent: int, form: bool, level: int, outer: tuple[float, ...]) -> None:
        a = self.a
        count, get = (a.form_count, a.form_object) if form else (a.count_objects, a.get_object)
        n = count(parent)
        if n < 0:
            raise PdfiumCallError("Failed to get number of pageobjects.")
        object_type = a.object_type
        texts = self.texts
        for i in range(n):
            obj = get(parent, i)
            if not obj:
                raise PdfiumCallError("Failed to get pageobject.")
            kind = object_type(obj)
            if kind == PAGEOBJ_TEXT:
                texts.add(obj)
            elif kind == PAGEOBJ_PATH:
                self.path(obj, _mul(self.matrix(obj), outer))
            elif kind == PAGEOBJ_IMAGE:
                m = _mul(self.matrix(obj), outer)  # the unit square scaled onto the page
                self.images += abs(m[0] * m[3] - m[1] * m[2])
            elif kind == PAGEOBJ_FORM:
                inner = _mul(self.matrix(obj), outer)
                if level < _MAX_DEPTH - 1:
                    self.objects(obj, True, level + 1, inner)

    def path(self, handle: int, m: tuple[float, ...]) -> None:
        api_ = self.a
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if not api_.draw_mode(handle, ctypes.byref(fill), ctypes.byref(stroke)):
            return
        if not fill.value and not stroke.value:
            return
        a, b, c, d, e, f = m
        left, top = self.left, self.top
        subpaths: list[list[tuple[float, float]]] = []
        x, y = ctypes.c_float(), ctypes.c_float()
        x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
        for i in range(api_.count_segments(handle)):
            seg = api_.path_segment(handle, i)
            api_.segment_point(seg, x_ref, y_ref)
            px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
            pt = (px - left, top - py)
            kind = api_.segment_type(seg)
            if kind == SEGMENT_MOVETO or not subpaths:
                subpaths.append([pt])
            elif kind == SEGMENT_LINETO:
                subpaths[-1].append(pt)
            else:  # a Bézier piece is not a ruling: break the run
                subpaths.append([pt])
            if api_.segment_close(seg) and subpaths[-1]:
                subpaths[-1].append(subpaths[-1][0])
        segs = self.segs
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


def page_objects(page: int, left: float, top: float) -> tuple[list[Seg], float, set[int | None]]:
    """Ruling segments from path objects (also inside form XObjects), the area covered by images and the
    addresses of the text objects (to check that the text page left none out)."""
    walk = _Walk(left, top)
    walk.objects(page, False, 0, _IDENTITY)
    return walk.segs, walk.images, walk.texts
