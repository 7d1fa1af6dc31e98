"""Ruling edges → cells → tables, for pdf_grid: the table-finding steps of pdfplumber 0.11 (MIT licence, by Jeremy
Singer-Vine), carried over step for step (same order, same float arithmetic, same results) so that a PDF read with
PDFium does not import pdfplumber and pdfminer at all; they load only when the pdfminer fallback runs.

An edge is a dict with x0, x1, top, bottom, width, height, doctop and orientation ("h" or "v"), as pdfplumber's.
tests/test_pdf_cells.py compares every step with pdfplumber's own on random and real rulings.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

Edge = dict[str, Any]
Point = tuple[float, float]
Box = tuple[float, float, float, float]

_BBOX = itemgetter("x0", "top", "x1", "bottom")


def _cluster_list(xs: list[float], tolerance: float) -> list[list[float]]:
    if tolerance == 0 or len(xs) < 2:
        return [[x] for x in sorted(xs)]
    groups = []
    xs = sorted(xs)
    current = [xs[0]]
    last = xs[0]
    for x in xs[1:]:
        if x <= last + tolerance:
            current.append(x)
        else:
            groups.append(current)
            current = [x]
        last = x
    groups.append(current)
    return groups


def _cluster_objects(objs: list[Edge], attr: str, tolerance: float) -> list[list[Edge]]:
    clusters = _cluster_list(list({o[attr] for o in objs}), tolerance)
    cluster_of = {v: i for i, values in enumerate(clusters) for v in values}
    tagged = sorted(((o, cluster_of.get(o[attr])) for o in objs), key=itemgetter(1))
    return [[o for o, _ in group] for _, group in itertools.groupby(tagged, key=itemgetter(1))]


def _move(obj: Edge, axis: str, value: float) -> Edge:
    if axis == "h":
        new = [("x0", obj["x0"] + value), ("x1", obj["x1"] + value)]
    else:
        new = [("top", obj["top"] + value), ("bottom", obj["bottom"] + value)]
        if "doctop" in obj:
            new.append(("doctop", obj["doctop"] + value))
        if "y0" in obj:
            new += [("y0", obj["y0"] - value), ("y1", obj["y1"] - value)]
    return dict(tuple(obj.items()) + tuple(new))


def _snap(objs: list[Edge], attr: str, tolerance: float) -> list[Edge]:
    axis = "h" if attr in ("x0", "x1") else "v"
    clusters = _cluster_objects(objs, attr, tolerance)
    avgs = [sum(o[attr] for o in cluster) / len(cluster) for cluster in clusters]
    return [_move(o, axis, avg - o[attr]) for cluster, avg in zip(clusters, avgs, strict=True) for o in cluster]


def _resize(obj: Edge, key: str, value: float) -> Edge:
    diff = value - obj[key]
    new: list[tuple[str, float]] = [(key, value)]
    if key == "x1":
        new.append(("width", value - obj["x0"]))
    elif key == "bottom":
        new.append(("height", obj["height"] + diff))
        if "y0" in obj:
            new.append(("y0", obj["y0"] - diff))
    else:  # pragma: no cover - only the far ends are extended
        raise ValueError(key)
    return dict(tuple(obj.items()) + tuple(new))


def _join(edges: Iterable[Edge], orientation: str, tolerance: float) -> list[Edge]:
    lo, hi = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(edges, key=itemgetter(lo))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + tolerance:
            if e[hi] > last[hi]:
                joined[-1] = _resize(last, hi, e[hi])
        else:
            joined.append(e)
    return joined


def merge_edges(edges: list[Edge], snap_x: float, snap_y: float, join_x: float, join_y: float) -> list[Edge]:
    """Snap edges within the tolerance to their average line, then join the pieces of each line."""
    def group(e: Edge) -> tuple[str, float]:
        return ("h", e["top"]) if e["orientation"] == "h" else ("v", e["x0"])

    if snap_x > 0 or snap_y > 0:
        edges = (_snap([e for e in edges if e["orientation"] == "v"], "x0", snap_x)
                 + _snap([e for e in edges if e["orientation"] == "h"], "top", snap_y))
    return [e for key, items in itertools.groupby(sorted(edges, key=group), key=group)
            for e in _join(items, key[0], join_x if key[0] == "h" else join_y)]


def filter_edges(edges: Iterable[Edge], min_length: float) -> list[Edge]:
    return [e for e in edges if e["height" if e["orientation"] == "v" else "width"] >= min_length]


def edges_to_intersections(edges: list[Edge], x_tol: float, y_tol: float) -> dict[Point, dict[str, list[Edge]]]:
    out: dict[Point, dict[str, list[Edge]]] = {}
    vs = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    hs = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    for v in vs:
        for h in hs:
            if (v["top"] <= h["top"] + y_tol and v["bottom"] >= h["top"] - y_tol
                    and v["x0"] >= h["x0"] - x_tol and v["x0"] <= h["x1"] + x_tol):
                vertex = (v["x0"], h["top"])
                if vertex not in out:
                    out[vertex] = {"v": [], "h": []}
                out[vertex]["v"].append(v)
                out[vertex]["h"].append(h)
    return out


def intersections_to_cells(intersections: dict[Point, dict[str, list[Edge]]]) -> list[Box]:
    """pdfplumber's smallest cells, with the points below and to the right of each point and the edge boxes
    through each point looked up once instead of rescanned for every pair (same cells, same order)."""
    vboxes = {p: {_BBOX(e) for e in edges["v"]} for p, edges in intersections.items()}
    hboxes = {p: {_BBOX(e) for e in edges["h"]} for p, edges in intersections.items()}

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not vboxes[p1].isdisjoint(vboxes[p2]):
            return True
        return p1[1] == p2[1] and not hboxes[p1].isdisjoint(hboxes[p2])

    points = sorted(intersections)
    # points sorted by (x, y): those after a point with the same x lie below it, those with the same y to its right
    column: dict[float, list[Point]] = {}
    row: dict[float, list[Point]] = {}
    for pt in points:
        column.setdefault(pt[0], []).append(pt)
        row.setdefault(pt[1], []).append(pt)
    place_in_column = {pt: i for pts in column.values() for i, pt in enumerate(pts)}
    place_in_row = {pt: i for pts in row.values() for i, pt in enumerate(pts)}

    def smallest_cell(pt: Point) -> Box | None:
        below = column[pt[0]][place_in_column[pt] + 1:]
        right = row[pt[1]][place_in_row[pt] + 1:]
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    return (pt[0], pt[1], corner[0], corner[1])
        return None

    return [c for c in (smallest_cell(pt) for pt in points[:-1]) if c]


def cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    """Cells grouped into tables of cells that share corners, top-to-bottom then left-to-right (pdfplumber's
    passes over the remaining cells, with each cell's corners computed once and the cells kept in a new list
    instead of removed one by one)."""
    def corners(b: Box) -> tuple[Point, Point, Point, Point]:
        x0, top, x1, bottom = b
        return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))

    remaining = [(cell, corners(cell)) for cell in cells]
    current_corners: set[Point] = set()
    current: list[Box] = []
    tables = []
    while remaining:
        before = len(current)
        kept = []
        for cell, cc in remaining:
            if not current or any(c in current_corners for c in cc):
                current_corners.update(cc)
                current.append(cell)
            else:
                kept.append((cell, cc))
        remaining = kept
        if len(current) == before:
            tables.append(list(current))
            current_corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    return [t for t in sorted(tables, key=lambda t: min((c[1], c[0]) for c in t)) if len(t) > 1]
