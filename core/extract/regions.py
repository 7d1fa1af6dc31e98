"""Locates the three tables (二, 三, 四) in a tokenised document as line ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.extract.tokens import LineToks

_HEADING = re.compile(r"^[一二三四五六七八九十]{1,2}[、.]")
_T2_START = ("第二十条第",)
_T2_ROWS = ("规章", "规范性文件", "行政规范性文件", "行政许可", "行政处罚")
_T3_START = ("本列数据的勾稽关系", "申请人情况", "本年新收政府信息公开申请", "本年新收")
_T4_START = ("行政复议",)
_AFTER_T4 = ("存在的主要问题", "存在问题", "其他需要报告", "主要问题", "改进情况")


@dataclass(frozen=True)
class Region:
    table: str
    start: int  # index into lines (inclusive)
    end: int  # exclusive


def _norm_first(lt: LineToks) -> str:
    return "".join(t.norm for t in lt.toks)


def _is_heading(norm: str) -> bool:
    return bool(_HEADING.match(norm)) and len(norm) <= 40


def find_regions(lines: list[LineToks]) -> dict[str, Region]:
    """Table regions by their anchors: 第二十条 captions, the table-三 header or first row, 行政复议."""
    norms = [_norm_first(lt) for lt in lines]
    n = len(lines)

    def first(keys: tuple[str, ...], start: int, stop: int = n, short: int = 80) -> int | None:
        for i in range(start, stop):
            s = norms[i]
            if s and len(s) <= short and any(k in s for k in keys):
                return i
        return None

    t2 = first(_T2_START, 0)
    if t2 is None:
        t2 = next((i for i, s in enumerate(norms) if s in _T2_ROWS or s.rstrip("|") in _T2_ROWS), None)
    t3 = first(_T3_START, t2 or 0, short=200)
    out: dict[str, Region] = {}
    if t3 is None:
        t3_end = None
    else:
        # table 三 ends at its last row (结转下年度) or at the table-四 heading, whichever comes first
        fwd = first(("结转下年度",), t3, short=200)
        t4 = first(_T4_START, (fwd if fwd is not None else t3) + 1, short=60)
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
        t4 = first(_T4_START, out["active"].end if "active" in out else 0, short=60)
        if t4 is not None and (t3_end is None or t4 >= t3_end):
            out["review"] = Region("review", t4, _review_end(lines, norms, t4))
    return out


def _review_end(lines: list[LineToks], norms: list[str], start: int) -> int:
    """Table 四 runs until the next section heading, an (一) sub-heading or prose after its values."""
    seen_values = 0
    for i in range(start + 1, len(lines)):
        s = norms[i]
        if not s:
            continue
        lt = lines[i]
        if lt.values:
            seen_values += len(lt.values)
            continue
        if _is_heading(s) and not any(k in s for k in ("行政复议", "行政诉讼")):
            return i
        if any(k in s for k in _AFTER_T4) and len(s) <= 40:
            return i
        if s.startswith("(一)") or (len(s) > 60 and lt.layout == "plain"):
            return i
        if seen_values >= 15 and lt.layout == "plain" and len(s) > 30:
            return i
    return len(lines)
