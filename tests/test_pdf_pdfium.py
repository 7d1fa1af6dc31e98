"""core.readers.pdf_pdfium reads pages through PDFium's functions directly (integer handles, the font size kept
per text object); it must give exactly what pypdfium2's helper objects give, character by character and
object by object. The reference below is the straightforward helper-based reading the fast one replaced."""

from __future__ import annotations

import ctypes
import math
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS

from core.readers.pdf_backend import PageData, PdfiumSource
from core.readers.pdf_grid import Seg, find_grids, path_segments
from core.readers.pdf_layout import Glyph, cell_texts
from core.readers.pdf_lib import address
from core.readers.pdf_pdfium import page_objects, text_glyphs

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "pdf"))
import layouts  # noqa: E402

pdfium = pytest.importorskip("pypdfium2")
raw = pytest.importorskip("pypdfium2.raw")


def _char_box(textpage: Any, i: int) -> tuple[float, float, float, float, float]:
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


def _reference_glyphs(page: Any, left: float, top: float) -> tuple[list[Glyph], int, set[int | None]]:
    textpage = page.get_textpage()
    seen: set[tuple[str, int, int]] = set()
    used: set[int | None] = set()
    glyphs: list[Glyph] = []
    undecoded = 0
    try:
        for i in range(textpage.count_chars()):
            if raw.FPDFText_IsGenerated(textpage.raw, i):
                continue
            used.add(ctypes.cast(raw.FPDFText_GetTextObject(textpage.raw, i), ctypes.c_void_p).value)
            code = raw.FPDFText_GetUnicode(textpage.raw, i)
            if code in (0, 0xFFFD) or 0xE000 <= code <= 0xF8FF or 0xD800 <= code <= 0xDFFF:
                undecoded += 1
                continue
            ch = chr(code)
            if ch.isspace() or code < 32:
                continue
            x0, y0, x1, y1, size = _char_box(textpage, i)
            g = Glyph(ch, x0 - left, x1 - left, top - y1, top - y0, size if size > 0 else max(y1 - y0, 1.0))
            key = (ch, round(g.x0), round(g.top))
            if key not in seen:
                seen.add(key)
                glyphs.append(g)
    finally:
        textpage.close()
    return glyphs, undecoded, used


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(handle: Any) -> tuple[float, ...]:
    m = raw.FS_MATRIX()
    return (m.a, m.b, m.c, m.d, m.e, m.f) if raw.FPDFPageObj_GetMatrix(handle, m) else _IDENTITY


def _reference_objects(page: Any, left: float, top: float) -> tuple[list[Seg], float, set[int | None]]:
    segs: list[Seg] = []
    image_area = 0.0
    texts: set[int | None] = set()
    forms: dict[int, tuple[float, ...]] = {0: _IDENTITY}
    for obj in page.get_objects(max_depth=8):
        parent = forms.get(obj.level, _IDENTITY)
        if obj.type == raw.FPDF_PAGEOBJ_FORM:
            forms[obj.level + 1] = _mul(_matrix(obj.raw), parent)
        elif obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            m = _mul(_matrix(obj.raw), parent)
            image_area += abs(m[0] * m[3] - m[1] * m[2])
        elif obj.type == raw.FPDF_PAGEOBJ_PATH:
            _reference_path(obj.raw, _mul(_matrix(obj.raw), parent), left, top, segs)
        elif obj.type == raw.FPDF_PAGEOBJ_TEXT:
            texts.add(ctypes.cast(obj.raw, ctypes.c_void_p).value)
    return segs, image_area, texts


def _reference_path(handle: Any, m: tuple[float, ...], left: float, top: float, segs: list[Seg]) -> None:
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
        pt = (a * x.value + c * y.value + e - left, top - (b * x.value + d * y.value + f))
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([pt])
        elif kind == raw.FPDF_SEGMENT_LINETO:
            subpaths[-1].append(pt)
        else:
            subpaths.append([pt])
        if raw.FPDFPathSegment_GetClose(seg) and subpaths[-1]:
            subpaths[-1].append(subpaths[-1][0])
    for pts in subpaths:
        if stroke.value:
            segs += path_segments(pts)
            continue
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        if h <= 2.5 and w >= 3.0:
            segs.append(Seg(min(xs), (min(ys) + max(ys)) / 2, max(xs), (min(ys) + max(ys)) / 2))
        elif w <= 2.5 and h >= 3.0:
            segs.append(Seg((min(xs) + max(xs)) / 2, min(ys), (min(xs) + max(xs)) / 2, max(ys)))


def _glyph_tuple(g: Glyph) -> tuple[Any, ...]:
    return (g.text, g.x0, g.x1, g.top, g.bottom, g.size, g.conf, g.cx, g.cy)


def _pdfs() -> list[tuple[str, bytes]]:
    out = [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.pdf"))] if CORPUS.exists() else []
    out += [("split.pdf", layouts.split_table_pdf()), ("trad.pdf", layouts.traditional_pdf()),
            ("partly_scanned.pdf", layouts.partly_scanned_pdf()), ("text.pdf", layouts.text_pdf(pages=2))]
    return out


@pytest.mark.parametrize(("name", "data"), _pdfs(), ids=[n for n, _ in _pdfs()])
def test_fast_page_reading_equals_the_helper_objects(name: str, data: bytes) -> None:
    doc = pdfium.PdfDocument(data)
    try:
        for i in range(len(doc)):
            page = doc[i]
            left, _, _, top = page.get_bbox()
            textpage = page.get_textpage()
            try:
                glyphs, undecoded, used = text_glyphs(address(textpage.raw), left, top)
            finally:
                textpage.close()
            ref_glyphs, ref_undecoded, ref_used = _reference_glyphs(page, left, top)
            assert [_glyph_tuple(g) for g in glyphs] == [_glyph_tuple(g) for g in ref_glyphs], (name, i)
            assert (undecoded, used) == (ref_undecoded, ref_used)
            assert page_objects(address(page.raw), left, top) == _reference_objects(page, left, top), (name, i)
            page.close()
    finally:
        doc.close()


def _reference_cell_texts(grid: Any, glyphs: list[Glyph], stray: list[Glyph]) -> dict[Any, str]:
    """cell_texts as it was before the nearby cells were remembered per row and one-glyph cells short-cut."""
    from bisect import bisect_right

    from core.readers.pdf_layout import join_wrapped, line_text, visual_lines

    found: dict[Any, list[Glyph]] = {}
    row_top: dict[int, float] = {}
    covering: dict[int, list[Any]] = {}
    for c in grid.cells:
        row_top[c.row] = min(row_top.get(c.row, c.top), c.top)
        for r in range(c.row, c.row + c.rowspan):
            covering.setdefault(r, []).append(c)
    rows = sorted(row_top)
    tops = [row_top[r] for r in rows]
    for g in glyphs:
        x, y = g.cx, g.cy
        k = bisect_right(tops, y) - 1
        near = [c for j in (k - 1, k, k + 1) if 0 <= j < len(rows) for c in covering.get(rows[j], ())]
        cell = next((c for c in near if c.contains(x, y)), None) or next(
            (c for c in grid.cells if c.contains(x, y)), None)
        if cell is not None:
            found.setdefault(cell, []).append(g)
        else:
            stray.append(g)
    return {c: join_wrapped([line_text(ln.glyphs, in_cell=True) for ln in visual_lines(gs)])
            for c, gs in found.items()}


@pytest.mark.parametrize(("name", "data"), _pdfs(), ids=[n for n, _ in _pdfs()])
def test_cell_texts_equal_the_plain_lookup(name: str, data: bytes) -> None:
    """cell_texts remembers the cells near each row and takes a one-glyph cell's text as it is: the same texts,
    in the same order, and the same stray glyphs as looking every glyph up afresh."""
    from core.readers.pdf_backend import open_source

    source = open_source(data, "pdfium")
    try:
        pages: list[PageData] = list(source.pages())
    finally:
        source.close()
    for page in pages:
        for grid in find_grids(page.segs):
            stray: list[Glyph] = []
            ref_stray: list[Glyph] = []
            texts = cell_texts(grid, page.glyphs, stray=stray)
            assert list(texts.items()) == list(_reference_cell_texts(grid, page.glyphs, ref_stray).items())
            assert stray == ref_stray


@pytest.mark.parametrize(("name", "data"), _pdfs(), ids=[n for n, _ in _pdfs()])
def test_document_calls_equal_pypdfium2(name: str, data: bytes) -> None:
    """Page count, page boxes and the information dictionary as pypdfium2 gives them."""
    source = PdfiumSource(data)
    doc = pdfium.PdfDocument(data)
    try:
        assert len(source) == len(doc)
        assert source.metadata() == {k: str(v) for k, v in doc.get_metadata_dict(skip_empty=True).items()}
        pages = list(source.pages())
        for i, page in enumerate(pages):
            left, bottom, right, top = doc[i].get_bbox()
            assert (page.width, page.height) == (right - left, top - bottom)
    finally:
        source.close()
        doc.close()


def test_library_found_through_pypdfium2_when_not_beside_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the library file where pypdfium2_raw keeps it, the functions come from pypdfium2's bindings and
    a read gives the same lines."""
    from core.readers import pdf_lib
    from core.readers.pdf import read_pdf

    data = layouts.split_table_pdf()
    expected = read_pdf("split.pdf", data, backend="pdfium")
    monkeypatch.setattr(pdf_lib, "_library_file", lambda: None)
    monkeypatch.setattr(pdf_lib, "_LIB", pdf_lib.Lib(pdf_lib._symbols()))
    assert read_pdf("split.pdf", data, backend="pdfium") == expected


def test_pdf_read_imports_neither_pypdfium2_nor_the_zip_reader() -> None:
    """A PDF read loads PDFium itself: importing pypdfium2 (its bindings, logging, subprocess) or the zip and
    XML readers used for Word files would cost more than the read."""
    import subprocess

    from conftest import ROOT

    pdfs = sorted(CORPUS.glob("*.pdf")) if CORPUS.exists() else []
    if not pdfs:
        pytest.skip("no corpus PDF here")
    code = ("import sys; from core.api import load_report; r = load_report(sys.argv[1]); "
            "assert r.tables and not r.error, r.error; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pypdfium2', 'pypdfium2_raw', 'lxml', "
            "'zipfile')))")
    out = subprocess.run([sys.executable, "-c", code, str(pdfs[0])], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]", out.stderr
