"""A page image (a scanned PDF page, a photo) → the glyph boxes and ruling segments of PageData, so that the PDF
text-layer reader's own row and column logic (pdf_page, pdf_layout, pdf_grid) rebuilds its lines and cells.

The image is straightened (±3°), the table rulings are found with morphology (long thin runs of ink), every
ruled cell with ink is recognised line by line (no detector in tables: a lone small "0" is never missed), and the
text outside the tables is detected and recognised by the OCR engine (core.readers.ocr_engine). Each recognised
line is cut into one glyph a character, with the line's confidence; pdf_page marks a cell whose glyphs are not
confident, or whose digits look ambiguous, as uncertain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from core.readers.ocr_engine import detect, recognise
from core.readers.pdf_backend import PageData
from core.readers.pdf_grid import Seg, find_grids
from core.readers.pdf_layout import Glyph

OCR_DPI = 150  # scanned PDF pages are rendered at this resolution, grey
PT = 72.0
_MAX_SKEW = 3.0  # degrees searched when straightening


@dataclass
class Scan:
    """A straightened page image and the scale from its pixels to points."""

    grey: Any  # numpy uint8 array, straightened
    dpi: float
    angle: float  # degrees the scan was turned by to straighten it


def straighten(grey: Any, dpi: float) -> Scan:
    """The image turned so that its text lines are horizontal (projection profile on a small copy)."""
    import cv2
    import numpy as np

    small_scale = min(1.0, 600.0 / max(grey.shape))
    small = cv2.resize(grey, None, fx=small_scale, fy=small_scale, interpolation=cv2.INTER_AREA)
    ink = (small < 128).astype(np.float32)
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rows = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1)
        return float((rows.astype(np.float64) ** 2).sum())

    best = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 1e-6, 0.25), key=score)
    fine = max(np.arange(best - 0.2, best + 0.2 + 1e-6, 0.05), key=score)
    angle = float(fine)
    if abs(angle) < 0.04:
        return Scan(grey, dpi, 0.0)
    gh, gw = grey.shape
    m = cv2.getRotationMatrix2D((gw / 2, gh / 2), angle, 1.0)
    turned = cv2.warpAffine(grey, m, (gw, gh), flags=cv2.INTER_LINEAR, borderValue=255)
    return Scan(turned, dpi, angle)


def _binary(grey: Any) -> Any:
    import cv2

    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _line_ink(grey: Any) -> Any:
    """Ink for finding table lines: anything clearly darker than paper (a 1-pixel line is grey, not black)."""
    import cv2

    _, ink = cv2.threshold(grey, 200, 255, cv2.THRESH_BINARY_INV)
    return ink


def rulings(ink: Any, dpi: float) -> tuple[list[Seg], Any]:
    """Horizontal and vertical table lines (segments in points) and the mask of their pixels."""
    import cv2

    # a ruling runs longer than any stroke of a character, even of a large bold title (~40 pt): horizontal
    # rules cross at least a column (≥ 36 pt), vertical ones at least a row or two (≥ 25 pt)
    h_run, v_run = max(20, round(dpi / 2)), max(14, round(dpi * 0.35))
    # a thin line scanned at low resolution is light grey and broken by grain: close small gaps along it first
    gap = max(3, round(dpi / 30))
    h_ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    v_ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    h_mask = cv2.morphologyEx(h_ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_run, 1)))
    v_mask = cv2.morphologyEx(v_ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_run)))
    k = PT / dpi
    segs: list[Seg] = []
    for mask, horizontal in ((h_mask, True), (v_mask, False)):
        n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for i in range(1, n):
            x, y, w, hh, _area = stats[i]
            if horizontal and w >= h_run and hh <= max(6, w // 8):
                segs.append(Seg(x * k, (y + hh / 2) * k, (x + w) * k, (y + hh / 2) * k))
            elif not horizontal and hh >= v_run and w <= max(6, hh // 8):
                segs.append(Seg((x + w / 2) * k, y * k, (x + w / 2) * k, (y + hh) * k))
    return segs, cv2.bitwise_or(h_mask, v_mask)


def _text_lines(ink: Any) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x0, y0, x1, y1) of the text lines of a cell's ink (rows of ink separated by blank rows)."""
    import numpy as np

    rows = np.flatnonzero(ink.sum(axis=1) > 0)
    if rows.size == 0:
        return []
    out: list[tuple[int, int, int, int]] = []
    start = prev = int(rows[0])
    for r in [int(v) for v in rows[1:]] + [-10]:
        if r - prev > 2 or r < 0:
            band = ink[start:prev + 1]
            cols = np.flatnonzero(band.sum(axis=0) > 0)
            if prev - start >= 3 and cols.size:  # specks of noise are not text
                out.append((int(cols[0]), start, int(cols[-1]) + 1, prev + 1))
            start = r
        prev = r
    return out


def _clean(ink: Any) -> Any:
    """Ink without isolated specks (scanner noise) that would make a blank cell look written."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= 4
    keep[0] = False
    return (keep[labels] * 255).astype("uint8")


_NUMBERISH = re.compile(r"^[.,，。、·:：'`]*(\d[\d.,]*?)[.,，。、·:：'`]+$|^[.,，。、·:：'`]+(\d[\d.,]*)$")


def tidy_number(text: str, conf: float) -> tuple[str, float]:
    """A cell's number with a stray dot or comma read beside it ("0." from a speck): the digits are kept and
    the reading is marked unsure, so the cell is flagged rather than read as text or silently trusted."""
    m = _NUMBERISH.match(text)
    if not m:
        return text, conf
    return m.group(1) or m.group(2), min(conf, 0.5)


def _glyphs(text: str, box: tuple[float, float, float, float], conf: float) -> list[Glyph]:
    """One glyph a character, spread over the line's box by the characters' usual widths."""
    chars = [(ch, 0.55 if ord(ch) < 0x2E80 else 1.0) for ch in text]
    total = sum(w for _, w in chars) or 1.0
    x0, top, x1, bottom = box
    x = x0
    out: list[Glyph] = []
    size = max(bottom - top, 1.0)
    for ch, w in chars:
        width = (x1 - x0) * w / total
        if not ch.isspace():
            out.append(Glyph(ch, x, x + width, top, bottom, size, conf))
        x += width
    return out


def read_image_page(grey: Any, number: int, dpi: float) -> tuple[PageData, Scan]:
    """A page image (grey, uint8) → PageData in points for pdf_page.page_items."""
    scan = straighten(grey, dpi)
    ink = _binary(scan.grey)
    segs, ruled = rulings(_line_ink(scan.grey), dpi)
    k = PT / dpi
    gh, gw = scan.grey.shape
    page = PageData(number, gw * k, gh * k, segs=segs, ocr=True)
    grids = find_grids(segs) if segs else []
    import cv2

    ruled = cv2.dilate(ruled, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))  # the lines' blurred edges too
    text_ink = _clean(cv2.bitwise_and(ink, cv2.bitwise_not(ruled)))
    clean = scan.grey.copy()
    clean[ruled > 0] = 255  # crops never show a ruling (a table line beside a digit would be read as "1")
    crops: list[Any] = []
    boxes: list[tuple[float, float, float, float]] = []
    rest = scan.grey.copy()
    pad = 3
    for grid in grids:
        gx0, gy0 = int(grid.x0 / k), int(grid.top / k)
        gx1, gy1 = int(grid.x1 / k) + 1, int(grid.bottom / k) + 1
        rest[max(0, gy0 - 2):gy1 + 2, max(0, gx0 - 2):gx1 + 2] = 255
        for cell in grid.cells:
            cx0, cy0 = int(cell.x0 / k) + 2, int(cell.top / k) + 2
            cx1, cy1 = int(cell.x1 / k) - 1, int(cell.bottom / k) - 1
            if cx1 - cx0 < 4 or cy1 - cy0 < 4:
                continue
            for lx0, ly0, lx1, ly1 in _text_lines(text_ink[cy0:cy1, cx0:cx1]):
                x0, y0, x1, y1 = cx0 + lx0, cy0 + ly0, cx0 + lx1, cy0 + ly1
                crop = clean[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad]
                crops.append(crop)
                boxes.append((x0 * k, y0 * k, x1 * k, y1 * k))
    for (text, conf), box in zip(recognise(crops), boxes, strict=True):
        text, conf = tidy_number(text.strip(), conf)
        if not text and box[2] - box[0] <= 4 * (box[3] - box[1]):
            text, conf = "?", 0.0  # ink that could not be read: never a blank cell, a flagged unreadable one
        page.glyphs += _glyphs(text, box, conf)
    page.glyphs += _prose(rest, k)
    return page, scan


def _prose(rest: Any, k: float) -> list[Glyph]:
    """Glyphs of the text outside the ruled tables (tables painted out): detected and recognised, on the part
    of the page that has ink."""
    import numpy as np

    ink = _clean(_binary(rest))
    ys, xs = np.nonzero(ink)
    if ys.size < 50:
        return []
    m = 12
    y0, y1 = max(0, int(ys.min()) - m), int(ys.max()) + m
    x0, x1 = max(0, int(xs.min()) - m), int(xs.max()) + m
    out: list[Glyph] = []
    for corners, text, conf in detect(rest[y0:y1, x0:x1]):
        px, py = [p[0] + x0 for p in corners], [p[1] + y0 for p in corners]
        box = (min(px) * k, min(py) * k, max(px) * k, max(py) * k)
        out += _glyphs(text.strip(), box, conf)
    return out
