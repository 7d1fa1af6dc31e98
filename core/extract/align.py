"""Assigns row records to template rows: labelled rows anchor, unlabelled value rows fill the gaps in order."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.extract.records import Record
from core.template import RowSpec


@dataclass
class Alignment:
    rows: dict[str, Record] = field(default_factory=dict)
    inferred: list[str] = field(default_factory=list)  # rows filled by an unlabelled record (template order)
    unplaced: list[Record] = field(default_factory=list)  # value rows that could not be placed
    duplicates: list[Record] = field(default_factory=list)


def _lis(seq: list[int]) -> set[int]:
    """Positions (in seq) of one longest strictly increasing subsequence."""
    import bisect

    tails: list[int] = []
    tails_pos: list[int] = []
    prev = [-1] * len(seq)
    for i, x in enumerate(seq):
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
            tails_pos.append(i)
        else:
            tails[k] = x
            tails_pos[k] = i
        prev[i] = tails_pos[k - 1] if k else -1
    out: set[int] = set()
    i = tails_pos[-1] if tails_pos else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


def align(records: list[Record], rows: tuple[RowSpec, ...], *, width: int, fill_gaps: bool) -> Alignment:
    """Map records onto `rows`. Orphans count only when they carry about a full row of cells.

    With fill_gaps (table 三) labelled rows must follow the template order and unlabelled rows fill
    the gaps between them; without it (table 二, whose blocks are often printed out of order) every
    labelled row stands on its own and unlabelled rows are not placed."""
    if not fill_gaps:
        return _align_labelled(records, rows)
    index = {r.id: i for i, r in enumerate(rows)}
    result = Alignment()
    seen: set[str] = set()
    items: list[Record] = []
    for rec in records:
        if rec.row is not None:
            if rec.row not in index:
                continue
            if rec.row in seen:
                result.duplicates.append(rec)
                continue
            seen.add(rec.row)
            items.append(rec)
        elif len(rec.values) >= width - 1 or (len(rec.filled) == 1 and len(rec.filled[0].text) >= width):
            items.append(rec)
    anchored = [k for k, rec in enumerate(items) if rec.row is not None]
    keep = _lis([index[items[k].row] for k in anchored])  # type: ignore[index]
    anchors = [anchored[i] for i in sorted(keep)]
    for i, k in enumerate(anchored):
        if i not in keep:
            result.unplaced.append(items[k])
    bounds = [-1, *anchors, len(items)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        lo = index[items[a].row] if a >= 0 else -1  # type: ignore[index]
        hi = index[items[b].row] if b < len(items) else len(rows)  # type: ignore[index]
        if b < len(items):
            result.rows[items[b].row] = items[b]  # type: ignore[index]
        orphans = [items[k] for k in range(a + 1, b) if items[k].row is None]
        if not orphans:
            continue
        slots = [rows[j].id for j in range(lo + 1, hi)]
        if fill_gaps and len(orphans) == len(slots):
            for rid, rec in zip(slots, orphans, strict=True):
                result.rows[rid] = rec
                result.inferred.append(rid)
        else:
            result.unplaced.extend(orphans)
    return result


def _align_labelled(records: list[Record], rows: tuple[RowSpec, ...]) -> Alignment:
    known = {r.id for r in rows}
    result = Alignment()
    for rec in records:
        if rec.row is None or rec.row not in known:
            continue
        if rec.row in result.rows:
            result.duplicates.append(rec)
        else:
            result.rows[rec.row] = rec
    return result
