"""Maps a printed label to a template row or column id, using the keys declared in core.template."""

from __future__ import annotations

from dataclasses import dataclass

from core.template import ColumnSpec, RowSpec


@dataclass(frozen=True)
class Match:
    row: str | None
    ambiguous: bool = False


_MEMO_SIZE = 4096  # labels remembered per row set (the same template labels recur in every report)
_MEMOS: dict[int, tuple[tuple[RowSpec, ...], dict[str, Match]]] = {}


def match_row(norm: str, rows: tuple[RowSpec, ...] | list[RowSpec]) -> Match:
    """The row whose key is the longest substring of the normalised label (or whose exact text it is).
    Remembered per row tuple (frozen specs: the answer for a label never changes); lists are not remembered."""
    if not isinstance(rows, tuple):
        return _match_row(norm, rows)
    hit = _MEMOS.get(id(rows))
    if hit is None or hit[0] is not rows:
        hit = (rows, {})
        if len(_MEMOS) >= 64:
            _MEMOS.clear()
        _MEMOS[id(rows)] = hit
    memo = hit[1]
    found = memo.get(norm)
    if found is None:
        found = _match_row(norm, rows)
        if len(memo) < _MEMO_SIZE:
            memo[norm] = found
    return found


def _match_row(norm: str, rows: tuple[RowSpec, ...] | list[RowSpec]) -> Match:
    if not norm:
        return Match(None)
    best: dict[str, int] = {}
    bare = norm.rstrip(":")
    for r in rows:
        score = 0
        if bare in r.exact:
            score = 100 + len(bare)
        else:
            for key in r.keys:
                if key in bare:
                    score = max(score, len(key))
        if score:
            best[r.id] = score
    if not best:
        return Match(None)
    top = max(best.values())
    winners = [rid for rid, sc in best.items() if sc == top]
    if len(winners) > 1:
        return Match(None, ambiguous=True)
    return Match(winners[0])


def match_column(norm: str, columns: tuple[ColumnSpec, ...] | list[ColumnSpec]) -> str | None:
    """The column whose header key matches the normalised header text (longest key wins)."""
    best, best_len = None, 0
    for c in columns:
        for key in c.keys:
            if key and key in norm and len(key) > best_len:
                best, best_len = c.id, len(key)
    return best
