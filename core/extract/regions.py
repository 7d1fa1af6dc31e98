"""Locates the three tables (二, 三, 四) in a tokenised document as line ranges."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from core.extract.tokens import LineToks
from core.template import TEMPLATE_2021

_HEADING = re.compile(r"^[一二三四五六七八九十]{1,2}[、.]")
# the anchors are the same in both templates: regions are found before the version is known
_ACTIVE = TEMPLATE_2021.table("active")
_REQUESTS = TEMPLATE_2021.table("requests")
_REVIEW = TEMPLATE_2021.table("review")
_T3_LAST = tuple(k for r in _REQUESTS.rows if r.role == "forward" for k in r.keys)  # its last row: 结转下年度


@dataclass(frozen=True)
class Region:
    table: str
    start: int  # index into lines (inclusive)
    end: int  # exclusive


@lru_cache(maxsize=64)
def _any_of(keys: tuple[str, ...]) -> Callable[[str], object]:
    """Does a text hold any of the keys? (one pattern for the anchor keys, built once per key tuple)"""
    if not keys:
        return lambda _s: False
    return re.compile("|".join(map(re.escape, keys))).search


def _is_heading(norm: str) -> bool:
    return bool(_HEADING.match(norm)) and len(norm) <= 40


def find_regions(lines: list[LineToks]) -> dict[str, Region]:
    """Table regions by their anchors: 第二十条 captions, the table-三 header or first row, 行政复议."""
    norms = [lt.norm for lt in lines]
    n = len(lines)

    def first(keys: tuple[str, ...], start: int, stop: int = n, short: int = 80) -> int | None:
        has_key = _any_of(keys)
        for i in range(start, stop):
            s = norms[i]
            if s and len(s) <= short and has_key(s):
                return i
        return None

    t2_rows = _ACTIVE.anchors.start_rows
    t2 = first(_ACTIVE.anchors.start, 0)
    if t2 is None:
        t2 = next((i for i, s in enumerate(norms) if s in t2_rows or s.rstrip("|") in t2_rows), None)
    t3 = first(_REQUESTS.anchors.start, t2 or 0, short=200)
    out: dict[str, Region] = {}
    if t3 is None:
        t3_end = None
    else:
        # table 三 ends at its last row (结转下年度) or at the table-四 heading, whichever comes first
        fwd = first(_T3_LAST, t3, short=200)
        t4 = first(_REVIEW.anchors.start, (fwd if fwd is not None else t3) + 1, short=60)
        t3_end = t4 if t4 is not None else ((fwd + 12) if fwd is not None else n)
        t3_end = min(t3_end, n)
        out["requests"] = Region("requests", t3, t3_end)
        if t4 is not None:
            out["review"] = Region("review", t4, _review_end(lines, norms, t4))
    if t2 is not None:
        end = t3 if t3 is not None and t3 > t2 else min(n, t2 + 200)
        out["active"] = Region("active", t2, end)
    if "review" not in out:
        # no table 三 found: look for table 四 on its own after table 二
        t4 = first(_REVIEW.anchors.start, out["active"].end if "active" in out else 0, short=60)
        if t4 is not None and (t3_end is None or t4 >= t3_end):
            out["review"] = Region("review", t4, _review_end(lines, norms, t4))
    return out


def _review_end(lines: list[LineToks], norms: list[str], start: int) -> int:
    """Table 四 runs until the next section heading, an (一) sub-heading or prose after its values."""
    anchors = _REVIEW.anchors
    width = len(_REVIEW.columns)
    seen_values = 0
    for i in range(start + 1, len(lines)):
        s = norms[i]
        if not s:
            continue
        lt = lines[i]
        if lt.values:
            seen_values += len(lt.values)
            continue
        if _is_heading(s) and not any(k in s for k in anchors.inside):
            return i
        if any(k in s for k in anchors.end) and len(s) <= 40:
            return i
        if s.startswith("(一)") or (len(s) > 60 and lt.layout == "plain"):
            return i
        if seen_values >= width and lt.layout == "plain" and len(s) > 30:
            return i
    return len(lines)
