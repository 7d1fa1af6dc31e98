"""Ruled tables on a PDF page: drawn lines and thin rectangles → cell grids (rows, columns, spans) for pdf_layout."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from core.readers.errors import UnreadableError
from core.readers.limits import MAX_PAGE_RULINGS, too_large
from core.readers.pdf_cells import (
    cells_to_tables,
    edges_to_intersections,
    filter_edges,
    intersections_to_cells,
    merge_edges,
)

_THIN = 2.5  # a rectangle thinner than this (pt) is a drawn line
_MIN_LEN = 3.0  # shorter segments are ticks or glyph parts, not rulings
_AXIS = 1.0  # a line whose ends differ by less than this in x (or y) is vertical (or horizontal)
_TOUCH = 3.0  # tolerance for segments touching each other
_SNAP = 3.0  # pdfplumber's default snap/join/intersection tolerances


@dataclass(frozen=True)
class Seg:
    """An axis-parallel ruling segment: horizontal when top == bottom."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.top == self.bottom


@dataclass(frozen=True)
class GridCell:
    x0: float
    top: float
    x1: float
    bottom: float
    row: int
    col: int
    rowspan: int
    colspan: int
    _hash: int = field(init=False, repr=False, compare=False)  # cells key the text dicts: hashed once

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.x0, self.top, self.x1, self.bottom, self.row, self.col,
                                                self.rowspan, self.colspan)))

    def __hash__(self) -> int:
        return self._hash

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


@dataclass(frozen=True)
class Grid:
    """One ruled table fragment on one page."""

    x0: float
    top: float
    x1: float
    bottom: float
    cells: tuple[GridCell, ...]
    n_rows: int
    n_cols: int

    def contains(self, x: float, y: float) -> bool:
        return self.x0 - 0.5 <= x <= self.x1 + 0.5 and self.top - 0.5 <= y <= self.bottom + 0.5


def _h(x0: float, x1: float, y: float) -> Seg:
    return Seg(min(x0, x1), y, max(x0, x1), y)


def _v(x: float, y0: float, y1: float) -> Seg:
    return Seg(x, min(y0, y1), x, max(y0, y1))


def ruling_segments(lines: list[dict[str, Any]], rects: list[dict[str, Any]],
                    curves: list[dict[str, Any]]) -> list[Seg]:
    """Axis-parallel rulings from line objects, thin or stroked rectangles and straight curve pieces.
    Large filled rectangles without a stroke are shading (cell or line backgrounds) and are ignored."""
    segs: list[Seg] = []
    for ln in lines:
        pts = ln.get("pts") or [(ln["x0"], ln["top"]), (ln["x1"], ln["bottom"])]
        _add_path(segs, pts)
    for r in rects:
        w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
        if h <= _THIN and w > _MIN_LEN:
            segs.append(_h(r["x0"], r["x1"], (r["top"] + r["bottom"]) / 2))
        elif w <= _THIN and h > _MIN_LEN:
            segs.append(_v((r["x0"] + r["x1"]) / 2, r["top"], r["bottom"]))
        elif r.get("stroke"):
            segs += [_h(r["x0"], r["x1"], r["top"]), _h(r["x0"], r["x1"], r["bottom"]),
                     _v(r["x0"], r["top"], r["bottom"]), _v(r["x1"], r["top"], r["bottom"])]
    for c in curves:
        if c.get("stroke") or (c["x1"] - c["x0"] <= _THIN or c["bottom"] - c["top"] <= _THIN):
            _add_path(segs, c.get("pts") or [])
    return [s for s in segs if (s.x1 - s.x0 if s.horizontal else s.bottom - s.top) >= _MIN_LEN]


def path_segments(pts: list[tuple[float, float]]) -> list[Seg]:
    """The axis-parallel rulings among the straight pieces of a stroked path."""
    segs: list[Seg] = []
    _add_path(segs, pts)
    return [s for s in segs if (s.x1 - s.x0 if s.horizontal else s.bottom - s.top) >= _MIN_LEN]


def _add_path(segs: list[Seg], pts: list[tuple[float, float]]) -> None:
    for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
        if abs(ay - by) < _AXIS:
            segs.append(_h(ax, bx, (ay + by) / 2))
        elif abs(ax - bx) < _AXIS:
            segs.append(_v((ax + bx) / 2, ay, by))


def _touch(a: Seg, b: Seg) -> bool:
    return (a.x0 - _TOUCH <= b.x1 and b.x0 - _TOUCH <= a.x1
            and a.top - _TOUCH <= b.bottom and b.top - _TOUCH <= a.bottom)


def _clusters(segs: list[Seg]) -> list[list[Seg]]:
    """Groups of segments connected by touching (one group per drawn table)."""
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(segs)), key=lambda i: segs[i].top)
    for k, i in enumerate(order):
        a = segs[i]
        for j in order[k + 1:]:
            b = segs[j]
            if b.top - _TOUCH > a.bottom:
                break
            if _touch(a, b):
                parent[find(i)] = find(j)
    groups: dict[int, list[Seg]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def _edge(s: Seg) -> dict[str, Any]:
    return {"object_type": "line_edge", "x0": s.x0, "x1": s.x1, "top": s.top, "bottom": s.bottom,
            "width": s.x1 - s.x0, "height": s.bottom - s.top, "orientation": "h" if s.horizontal else "v",
            "doctop": s.top}


def _boundaries(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    i = bisect_left(bounds, v - 1.5)
    return min(i, len(bounds) - 1)


def _distinct(segs: list[Seg]) -> list[Seg]:
    """The segments without repeats (a border drawn by both neighbouring cells, a path stroked twice)."""
    seen: dict[tuple[int, int, int, int], Seg] = {}
    for s in segs:
        seen.setdefault((round(s.x0 * 2), round(s.top * 2), round(s.x1 * 2), round(s.bottom * 2)), s)
    return list(seen.values())


def find_grids(segs: list[Seg]) -> list[Grid]:
    """Ruled tables of the page. Each group of touching rulings is closed by its bounding box (a table cut
    by a page break often lacks its outer top or bottom border), then cut into cells."""
    segs = _distinct(segs)
    if len(segs) > MAX_PAGE_RULINGS:  # the grouping and the intersections grow with the square
        raise UnreadableError(too_large("PDF 页面上的绘图线条", MAX_PAGE_RULINGS, " 条"))
    edges: list[dict[str, Any]] = []
    for group in _clusters(segs):
        hs = [s for s in group if s.horizontal]
        vs = [s for s in group if not s.horizontal]
        if len(hs) < 1 or len(vs) < 2 or (len(hs) < 2 and len(vs) < 3):
            continue
        x0, x1 = min(s.x0 for s in group), max(s.x1 for s in group)
        top, bottom = min(s.top for s in group), max(s.bottom for s in group)
        edges += [_edge(s) for s in group]
        edges += [_edge(_h(x0, x1, top)), _edge(_h(x0, x1, bottom)), _edge(_v(x0, top, bottom)),
                  _edge(_v(x1, top, bottom))]
    if not edges:
        return []
    merged = filter_edges(merge_edges(edges, _SNAP, _SNAP, _SNAP, _SNAP), min_length=_MIN_LEN)
    cells = intersections_to_cells(edges_to_intersections(merged, _SNAP, _SNAP))
    grids: list[Grid] = []
    for table in cells_to_tables(cells):
        boxes = [c for c in table if c[2] - c[0] > 1 and c[3] - c[1] > 1]
        if len(boxes) < 2:
            continue
        xs = _boundaries([b[0] for b in boxes] + [b[2] for b in boxes])
        ys = _boundaries([b[1] for b in boxes] + [b[3] for b in boxes])
        if len(xs) < 3:  # a single column: a framed paragraph, not a table
            continue
        found = []
        for bx0, btop, bx1, bbottom in boxes:
            c0, c1 = _index(xs, bx0), _index(xs, bx1)
            r0, r1 = _index(ys, btop), _index(ys, bbottom)
            found.append(GridCell(bx0, btop, bx1, bbottom, r0, c0, max(1, r1 - r0), max(1, c1 - c0)))
        found.sort(key=lambda c: (c.row, c.col))
        grids.append(Grid(xs[0], ys[0], xs[-1], ys[-1], tuple(found), len(ys) - 1, len(xs) - 1))
    grids.sort(key=lambda g: g.top)
    return grids
