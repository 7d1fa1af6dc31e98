"""Fits the value cells of one row record to the template's columns: by alignment, not by position alone.

Trailing and leading empty cells beyond the column count are surplus separators; extra values are
dropped only where the row's own sum shows which one is extra; short rows keep their first values in
order and their last value in the last column (the 总计 of table 三), and say they were inferred;
digits that ran together are split by the template's sums.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from core.extract.glued import split_tokens
from core.extract.tokens import EMPTY, MAX_GLUED_DIGITS, VALUE, Tok
from core.numbers import parse_cell

Check = Callable[[list[int]], bool]


@dataclass
class Fitted:
    cells: list[Tok | None]  # one per column; None: not printed (absent)
    uncertain: bool = False
    extra: list[Tok] = field(default_factory=list)
    glued: str | None = None  # the run-together text that was split
    recovered: bool = False  # glued digits split uniquely by the sums
    candidates: list[list[int]] = field(default_factory=list)  # several splits fit: undecided


def _ints(toks: list[Tok]) -> list[int] | None:
    out = []
    for t in toks:
        p = parse_cell(t.text)
        if p.kind == "blank":
            out.append(0)
        elif p.kind == "number" and isinstance(p.value, int):
            out.append(p.value)
        else:
            return None
    return out


def fit(values: list[Tok], n: int, *, last_is_total: bool, check: Check | None) -> Fitted:
    v = list(values)
    while len(v) > n and v[-1].kind == EMPTY:
        v.pop()
    while len(v) > n and v[0].kind == EMPTY:
        v.pop(0)
    if len(v) == n:
        return Fitted(list(v))
    if len(v) > n:
        return _drop_extra(v, n, check)
    filled = [t for t in v if t.kind == VALUE]
    if not filled or v[-1].kind == EMPTY:
        # trailing blank cells lost in the copy (the usual artefact): the missing cells are the last ones
        return Fitted(list(v) + [None] * (n - len(v)))
    glued = _split_glued(v, n, check)
    if glued is not None:
        return glued
    cells: list[Tok | None] = [None] * n
    if last_is_total or len(v) > 1:
        for i, t in enumerate(v[:-1]):
            cells[i] = t
        cells[n - 1] = v[-1]
    else:
        cells[0] = v[0]
    return Fitted(cells, uncertain=True)


def _drop_extra(v: list[Tok], n: int, check: Check | None) -> Fitted:
    if check is not None:
        fits: dict[tuple[int, ...], int] = {}
        for i in range(len(v)):
            if len(v) - 1 != n:
                break
            rest = v[:i] + v[i + 1:]
            ints = _ints(rest)
            if ints is not None and check(ints):
                fits.setdefault(tuple(ints), i)
        if len(fits) == 1:
            i = next(iter(fits.values()))
            return Fitted(list[Tok | None](v[:i] + v[i + 1:]), extra=[v[i]])
    return Fitted(list[Tok | None](v[:n]), uncertain=True, extra=v[n:])


def _split_glued(v: list[Tok], n: int, check: Check | None) -> Fitted | None:
    if check is None or any(t.kind != VALUE for t in v):
        return None
    texts = [t.text.replace(",", "") for t in v]
    if not all(t.isdigit() for t in texts) or max(len(t) for t in texts) < 2 or \
            sum(len(t) for t in texts) > MAX_GLUED_DIGITS:  # the number of ways to cut grows too fast beyond
        return None
    cands = split_tokens(texts, n, check)
    if not cands:
        return None
    joined = " ".join(t.text for t in v)
    loc = v[0].loc
    if len(cands) == 1:
        cells: list[Tok | None] = [Tok(str(x), VALUE, loc) for x in cands[0]]
        return Fitted(cells, uncertain=True, glued=joined, recovered=True)
    return Fitted([None] * n, uncertain=True, glued=joined, candidates=cands)
