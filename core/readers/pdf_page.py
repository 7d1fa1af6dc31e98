"""One PDF page → its items in reading order (prose paragraphs, table rows, group labels), for core.readers.pdf."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from core.readers.pdf_backend import PageData
from core.readers.pdf_grid import find_grids
from core.readers.pdf_layout import (
    Glyph,
    cell_texts,
    grid_rows,
    is_furniture,
    line_text,
    starts_heading,
    unruled_row,
    visual_lines,
)


@dataclass
class Item:
    """A line to emit. kind: prose | row | group | furniture. `cells` is a list of [text, col, span]."""

    kind: str
    text: str
    top: float
    x0: float = 0.0
    cells: list[list[Any]] | None = None
    grid: int | None = None  # index of the ruled table fragment on the page
    open_end: bool = False
    data: bool = False
    x1: float = 0.0
    size: float = 0.0
    bottom: float = 0.0


@dataclass
class PageItems:
    items: list[Item] = field(default_factory=list)
    glyphs: int = 0
    undecoded: int = 0  # glyphs the font could not map to Unicode ("(cid:123)")
    image_area: float = 0.0  # share of the page covered by images


def _row_text(cells: list[list[Any]]) -> str:
    return " | ".join(c[0] for c in cells)


def page_items(page: PageData) -> PageItems:
    """Items of a page sorted top to bottom; ruled tables become rows of cells."""
    glyphs = page.glyphs
    grids = find_grids(page.segs) if page.segs else []
    out = PageItems(glyphs=len(glyphs), undecoded=page.undecoded, image_area=page.image_area)
    free: list[Glyph] = []
    in_grid: dict[int, list[Glyph]] = {}
    if grids:
        bounds = [(k, gr.x0 - 0.5, gr.x1 + 0.5, gr.top - 0.5, gr.bottom + 0.5) for k, gr in enumerate(grids)]
        for g in glyphs:
            x, y = g.cx, g.cy
            for k, x0, x1, top, bottom in bounds:  # the first grid that holds the glyph's centre (Grid.contains)
                if x0 <= x <= x1 and top <= y <= bottom:
                    in_grid.setdefault(k, []).append(g)
                    break
            else:
                free.append(g)
    else:
        free = list(glyphs)
    items: list[Item] = []
    for k, grid in enumerate(grids):
        rows = grid_rows(grid, cell_texts(grid, in_grid.get(k, []), stray=free))
        for j, row in enumerate(rows):
            cells: list[list[Any]] = [list(c) for c in row.cells]
            if page.ocr:
                for c in cells:
                    c.append(_doubtful(c[0], [g for g in in_grid.get(k, []) if _inside(g, c[3])]))
            items.append(Item("group" if row.group else "row", _row_text(cells), grid.top + j * 1e-3, row.x0,
                              cells, grid=k, open_end=row.open_end, data=row.data))
    lines = visual_lines(free)
    row_cells = [unruled_row(ln) for ln in lines]
    cols = _unruled_columns(row_cells)
    for ln, cells_x in zip(lines, row_cells, strict=True):
        if cells_x is not None:
            cells = [[t, cols.get(round(x)), 1] for t, x in cells_x]
            if page.ocr:
                ends = [x for _, x in cells_x[1:]] + [ln.x1 + 1]
                for c, (_, x), end in zip(cells, cells_x, ends, strict=True):
                    box = (x, ln.top, end, ln.bottom)
                    c += [box, _doubtful(c[0], [g for g in ln.glyphs if _inside(g, box)])]
            items.append(Item("row", _row_text(cells), ln.top, ln.x0, cells, data=True))
            continue
        text = line_text(ln.glyphs)
        kind = "furniture" if is_furniture(text) else "prose"
        items.append(Item(kind, text, ln.top, ln.x0, x1=ln.x1, size=ln.size, bottom=ln.bottom))
    items.sort(key=lambda it: it.top)
    out.items = _paragraphs(items)
    return out


CONF_MIN = 0.85  # an OCR'd cell whose recognition confidence is below this is uncertain
_LOOKALIKE = frozenset("OoDQlIi|!SsBZzgq")  # letters read where a digit may have been printed


def _inside(g: Glyph, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= g.cx <= box[2] and box[1] <= g.cy <= box[3]


def _doubtful(text: str, glyphs: list[Glyph]) -> bool:
    """An OCR'd cell not to be trusted: a glyph recognised with low confidence, or digits mixed with letters
    that look like digits (a 0 read as O, a 1 as l)."""
    if any(g.conf < CONF_MIN for g in glyphs):
        return True
    return any(ch.isdigit() for ch in text) and any(ch in _LOOKALIKE for ch in text)


def _unruled_columns(rows: list[list[tuple[str, float]] | None]) -> dict[int, int]:
    """Column index of each cell start x (rounded) of the unruled rows on the page, by clustering."""
    xs: list[float] = []
    for cells in rows:
        if cells:
            xs += [x for _, x in cells]
    if not xs:
        return {}
    bounds: list[float] = []
    for x in sorted(xs):
        if not bounds or x - bounds[-1] > 8:
            bounds.append(x)
    out: dict[int, int] = {}
    for x in xs:
        out[round(x)] = max(i for i, b in enumerate(bounds) if b <= x + 0.01)
    return out


def _paragraphs(items: list[Item]) -> list[Item]:
    """Join wrapped prose lines into paragraphs: a line that reaches the right margin continues on the next
    line when that one starts at the left margin (paragraph starts are indented in these reports)."""
    prose = [it for it in items if it.kind == "prose" and len(it.text) >= 8]
    if not prose:
        return items
    left = min(it.x0 for it in prose)
    # full lines of justified text end at the same x: the most common right edge is the margin
    ends = Counter(round(it.x1) for it in prose if len(it.text) >= 15)
    if not ends:
        return items
    top_count = max(ends.values())
    right = float(max(x for x, k in ends.items() if k == top_count))
    out: list[Item] = []
    for it in items:
        prev = out[-1] if out else None
        if (prev is not None and it.kind == "prose" and prev.kind == "prose"
                and prev.x1 >= right - 1.5 * prev.size and it.x0 <= left + 0.6 * it.size
                and abs(prev.size - it.size) <= 1.0 and it.top - prev.bottom <= 1.2 * prev.size
                and not starts_heading(it.text)):
            sep = " " if prev.text[-1:].isascii() and prev.text[-1:].isalnum() and it.text[:1].isascii() \
                and it.text[:1].isalnum() else ""
            prev.text += sep + it.text
            prev.x1, prev.bottom = it.x1, it.bottom
            continue
        out.append(it)
    return out
