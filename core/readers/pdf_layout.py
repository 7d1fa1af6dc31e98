"""Glyph positions of one PDF page → visual lines, cell texts and table rows (ruled or not), for core.readers.pdf."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from core.numbers import parse_cell
from core.readers.pdf_grid import Grid, GridCell

_WS = frozenset(" \t\r\n\u00a0\u3000\u200b\ufeff")
_HEADING_START = re.compile(r"^\s*([一二三四五六七八九十]{1,2}[、.．]|[（(][一二三四五六七八九十]{1,2}[)）])")
_FURNITURE = re.compile(r"^[\s\-—–－_·•]*(第\s*)?\d{1,4}(\s*页)?([\s/／共]*\d{0,4}\s*页?)?[\s\-—–－_·•]*$")
_ROW_GAP = 1.6  # a gap wider than this many glyph sizes separates cells of an unruled table row


class Glyph:
    """One glyph's box on the page (y grows downwards). Immutable by convention; the centre is computed once."""

    __slots__ = ("text", "x0", "x1", "top", "bottom", "size", "conf", "cx", "cy")

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float, size: float,
                 conf: float = 1.0) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.top = top
        self.bottom = bottom
        self.size = size
        self.conf = conf  # recognition confidence (OCR); 1 for a text layer
        self.cx = (x0 + x1) / 2
        self.cy = (top + bottom) / 2

    def _key(self) -> tuple[str, float, float, float, float, float, float]:
        return (self.text, self.x0, self.x1, self.top, self.bottom, self.size, self.conf)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glyph) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "Glyph(text={!r}, x0={!r}, x1={!r}, top={!r}, bottom={!r}, size={!r}, conf={!r})".format(*self._key())


@dataclass
class VLine:
    """Glyphs on one visual line, left to right."""

    glyphs: list[Glyph] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def size(self) -> float:
        sizes = sorted(g.size for g in self.glyphs)
        return sizes[len(sizes) // 2]


def page_glyphs(chars: list[dict[str, Any]]) -> list[Glyph]:
    """Visible upright glyphs, without white space and without the doubled glyphs of fake bold."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Glyph] = []
    for c in chars:
        text = c.get("text") or ""
        if not text or text in _WS or text.isspace():
            continue
        key = (text, round(c["x0"]), round(c["top"]))
        if key in seen:
            continue
        seen.add(key)
        size = float(c.get("size") or (c["bottom"] - c["top"]) or 10.0)
        out.append(Glyph(text, float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]), size))
    return out


def visual_lines(glyphs: list[Glyph]) -> list[VLine]:
    """Glyphs grouped into lines by vertical overlap (a glyph of another font may sit a little higher)."""
    lines: list[tuple[float, float, VLine]] = []  # (centre, height, line)
    for g in sorted(glyphs, key=lambda g: (g.cy, g.x0)):
        h = g.bottom - g.top
        if lines:
            cy, lh, ln = lines[-1]
            if abs(g.cy - cy) <= 0.45 * max(h, lh):
                ln.glyphs.append(g)
                continue
        lines.append((g.cy, h, VLine([g])))
    out = [ln for _, _, ln in lines]
    for ln in out:
        ln.glyphs.sort(key=lambda g: g.x0)
    return out


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def line_text(glyphs: list[Glyph], in_cell: bool = False) -> str:
    """Text of glyphs on one line. A visible gap becomes a space next to Latin letters or digits (in a
    table cell only between two of them); CJK text stretched by justification gets no spaces."""
    parts: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if prev is not None and g.x0 - prev.x1 > 0.3 * min(g.size, prev.size):
            a, b = prev.text[-1], g.text[0]
            if (_ascii_alnum(a) and _ascii_alnum(b)) if in_cell else (_ascii_alnum(a) or _ascii_alnum(b)):
                parts.append(" ")
        parts.append(g.text)
        prev = g
    return "".join(parts)


def join_wrapped(texts: list[str]) -> str:
    """Lines of one cell (a wrapped label, a vertical label) joined into one text."""
    out = ""
    for t in texts:
        if out and t and _ascii_alnum(out[-1]) and _ascii_alnum(t[0]):
            out += " "
        out += t
    return out


def is_value(text: str) -> bool:
    return bool(text) and parse_cell(text).kind in ("number", "blank")


def is_number(text: str) -> bool:
    return bool(text) and parse_cell(text).kind == "number"


def is_furniture(text: str) -> bool:
    """Page numbers such as '- 3 -' or '第 3 页 共 6 页'."""
    return bool(_FURNITURE.match(text))


def starts_heading(text: str) -> bool:
    return bool(_HEADING_START.match(text))


# ---------------------------------------------------------------- ruled tables

@dataclass
class RowOut:
    """One line to emit for a table: a row (cells with grid columns) or a group label of its own."""

    cells: list[tuple[str, int, int, tuple[float, float, float, float]]]  # (text, col, span, cell box)
    group: bool = False  # a row-group label printed in a cell spanning several rows
    x0: float = 0.0  # left edge of the (first) cell, to match continuations on the next page
    open_end: bool = False  # the cell reaches the bottom of the fragment (may continue on the next page)
    data: bool = False  # a row with value cells


def cell_texts(grid: Grid, glyphs: list[Glyph], stray: list[Glyph] | None = None) -> dict[GridCell, str]:
    """Text of every cell: glyphs whose centre lies in the cell, wrapped lines joined. Glyphs inside the
    table but in no cell (a gap left by a missing ruling) are added to `stray`."""
    found: dict[GridCell, list[Glyph]] = {}
    row_top: dict[int, float] = {}
    covering: dict[int, list[GridCell]] = {}
    for c in grid.cells:
        row_top[c.row] = min(row_top.get(c.row, c.top), c.top)
        for r in range(c.row, c.row + c.rowspan):
            covering.setdefault(r, []).append(c)
    rows = sorted(row_top)
    tops = [row_top[r] for r in rows]
    nearby: dict[int, list[GridCell]] = {}  # the cells covering the rows around row k, in search order
    for g in glyphs:
        x, y = g.cx, g.cy
        k = bisect_right(tops, y) - 1
        near = nearby.get(k)
        if near is None:
            near = nearby[k] = [c for j in (k - 1, k, k + 1) if 0 <= j < len(rows) for c in covering.get(rows[j], ())]
        cell = None
        for c in near:  # GridCell.contains, inline
            if c.x0 <= x <= c.x1 and c.top <= y <= c.bottom:
                cell = c
                break
        else:
            cell = next((c for c in grid.cells if c.contains(x, y)), None)
        if cell is not None:
            found.setdefault(cell, []).append(g)
        elif stray is not None:
            stray.append(g)
    return {c: gs[0].text if len(gs) == 1 else join_wrapped([line_text(ln.glyphs, in_cell=True)
                                                             for ln in visual_lines(gs)])
            for c, gs in found.items()}


def grid_rows(grid: Grid, texts: dict[GridCell, str]) -> list[RowOut]:
    """Rows of a ruled table. Label cells to the left of a row's own label that span several rows (or wrap a
    group name) are emitted once, as lines of their own, before the row; empty label cells are dropped."""
    full = grid.n_cols
    numeric_cols = [c.col for c in grid.cells if c.colspan < full and is_number(texts.get(c, ""))]
    first_value = min(numeric_cols) if numeric_cols else full
    out: list[RowOut] = []
    by_row: dict[int, list[GridCell]] = {}
    for c in grid.cells:
        by_row.setdefault(c.row, []).append(c)
    for r in sorted(by_row):
        cells = sorted(by_row[r], key=lambda c: c.col)
        labels = [c for c in cells if c.col < first_value and texts.get(c, "")]
        values = [c for c in cells if c.col >= first_value]
        value_texts = [texts.get(c, "") for c in values]
        is_data = bool(values) and all(not t or is_value(t) for t in value_texts) and (
            bool(labels) or any(value_texts))
        if not is_data:
            row = [(texts[c], c.col, c.colspan, _box(c)) for c in cells if texts.get(c, "")]
            if row:
                out.append(RowOut(row, x0=cells[0].x0, open_end=_open(grid, cells[0])))
            continue
        for g in labels[:-1]:
            out.append(RowOut([(texts[g], g.col, g.colspan, _box(g))], group=True, x0=g.x0, open_end=_open(grid, g)))
        row = [(texts[c], c.col, c.colspan, _box(c)) for c in labels[-1:]]
        row += [(texts.get(c, ""), c.col, c.colspan, _box(c)) for c in values]
        lead = labels[-1] if labels else values[0]
        out.append(RowOut(row, x0=lead.x0, open_end=_open(grid, lead), data=True))
    return out


def _box(c: GridCell) -> tuple[float, float, float, float]:
    return (c.x0, c.top, c.x1, c.bottom)


def _open(grid: Grid, c: GridCell) -> bool:
    return abs(c.bottom - grid.bottom) < 1.0


# ---------------------------------------------------------------- unruled rows

def split_cells(line: VLine) -> list[list[Glyph]]:
    """Glyph runs of a line separated by wide gaps (the cells of an unruled table row)."""
    runs: list[list[Glyph]] = [[line.glyphs[0]]]
    for g in line.glyphs[1:]:
        prev = runs[-1][-1]
        if g.x0 - prev.x1 > _ROW_GAP * min(g.size, prev.size):
            runs.append([g])
        else:
            runs[-1].append(g)
    return runs


def unruled_row(line: VLine) -> list[tuple[str, float]] | None:
    """The cells (text, left x) of a line that looks like an unruled table row: separated runs, one a number."""
    runs = split_cells(line)
    if len(runs) < 2:
        return None
    cells = [(line_text(run, in_cell=True), run[0].x0) for run in runs]
    if not any(is_number(t) for t, _ in cells):
        return None
    return cells
