"""Cells recognised by OCR without confidence → uncertain cells and one PARSE.UNCERTAIN finding a row, for
core.extract (the reader marks the source cells; this finds them again in the tables by their location)."""

from __future__ import annotations

from dataclasses import replace

from core.findings import CellRef, Finding, make
from core.layout import cell_short
from core.model import Loc, SourceDoc, Table


def flag_doubtful(doc: SourceDoc, tables: dict[str, Table]) -> list[Finding]:
    doubtful: set[Loc] = {c.loc for ln in doc.lines if ln.cells for c in ln.cells if c.uncertain}
    if not doubtful:
        return []
    where = {cell.loc: (t.spec.id, row) for t in tables.values() for (row, _c), cell in t.cells.items()
             if cell.loc is not None}
    # a doubtful source cell that reached no table cell (read as text, dropped): its row's cells without a value
    lost_rows: set[tuple[str, str]] = set()
    for ln in doc.lines:
        cells = ln.cells or ()
        if any(c.uncertain and c.loc not in where for c in cells):
            lost_rows |= {where[c.loc] for c in cells if c.loc in where}
    out: list[Finding] = []
    for t in tables.values():
        rows: dict[str, list[str]] = {}
        for (row, col), cell in t.cells.items():
            lost = (t.spec.id, row) in lost_rows and cell.value is None and cell.kind != "absent"
            if cell.loc in doubtful or lost:
                t.cells[(row, col)] = replace(cell, uncertain=True)
                rows.setdefault(row, []).append(col)
        for row, cols in rows.items():
            cols.sort(key=t.spec.cols_for(row).index)
            names = "、".join(cell_short(t.spec, row, c) for c in cols)
            out.append(make(
                "PARSE.UNCERTAIN",
                f"{t.spec.short_name}{names}是从扫描图像中识别的，识别把握不大，请对照原件核对。",
                cells=tuple(CellRef(t.spec.id, row, c) for c in cols)))
    return out
