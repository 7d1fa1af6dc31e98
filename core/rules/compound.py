"""TEXT.MISMATCH for statements of outcomes that core.rules.prose skips: outcome counts and shares compared with
the sums of their 表三 rows.

Read exactly, clause by clause, in sentences about 申请: "予以公开及部分公开258件" (予以公开 + 部分公开),
"同意公开答复9件" / "予以公开…件" (予以公开), "部分公开…件", "不予公开…件" (the eight 不予公开 rows), "无法提供265件"
(the three 无法提供 rows), "不予处理…件" (the five rows), each with an optional share "占33.9%" or "（17.46%）"
compared with the count over 办理结果总计, 本年新收 or 新收 + 上年结转 (any of them accepted, to the printed
precision). A clause that breaks a count down by applicant, compares with another year or names no single
count is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from core import messages as M
from core.findings import CellRef, Finding, make
from core.model import Loc, Report
from core.options import Options
from core.rules.reportcache import remember
from core.rules.textscan import paragraphs, where

RULE_IDS = ("TEXT.MISMATCH",)

_N = r"(\d+)\s*件"
_PCT = r"(?:[(（]|，|,)?(?:占(?:比)?(?:为)?)?(\d+(?:\.\d+)?)%"
# (key, pattern); order matters: the compound key is tried before its parts
_OUTCOMES = (
    ("granted_partial", r"(?:予以公开|同意公开)(?:及|和|与|、|加)部分公开(?:答复)?(?:的)?(?:申请)?(?:共|合计|共计)?"),
    ("granted", r"(?:予以公开|同意公开|全部公开)(?:答复)?(?:的)?(?:申请)?(?:共|合计|共计)?"),
    ("partial", r"部分公开(?:答复)?(?:的)?(?:申请)?(?:共|合计|共计)?"),
    ("denied", r"不予公开(?:答复)?(?:的)?(?:申请)?(?:共|合计|共计)?"),
    ("unable", r"无法提供(?:答复)?(?:的)?(?:申请)?(?:共|合计|共计)?"),
    ("not_processed", r"不予处理(?:答复)?(?:的)?(?:申请)?(?:共|合计|共计)?"),
)
_RX = [(k, re.compile(rf"(?<!不)(?<!部分){p}{_N}(?:{_PCT})?")) for k, p in _OUTCOMES]
_ANY_COUNT = re.compile(_N)  # every outcome names a count: a sentence without one is skipped at once
_SENTENCES = re.compile(r"(?<=[。！？!?])")
_CLAUSE_SPLIT = re.compile(r"[，,；;。](?![^（(]*[)）])")
_YEARS = re.compile(r"((?:19|20)\d{2})年")
_SKIP = ("自然人", "法人", "企业", "组织", "较", "同比", "上年", "去年", "比", "增", "减", "以上", "以下")
_ROWS_OF = {
    "granted_partial": ("granted", "partial"),
    "granted": ("granted",),
    "partial": ("partial",),
    "denied": ("denied_",),
    "unable": ("unable_",),
    "not_processed": ("not_processed_",),
}


def _rows(report: Report, key: str) -> list[str]:
    spec = report.tables["requests"].spec
    return [r.id for r in spec.rows if any(r.id == p or (p.endswith("_") and r.id.startswith(p))
                                           for p in _ROWS_OF[key])]


def _sum(report: Report, rows: list[str]) -> int | float | None:
    t = report.tables["requests"]
    vals = []
    for r in rows:
        c = t.get(r, "total")
        if c.kind == "absent":
            continue
        if c.kind != "number" or c.value is None:
            return None
        vals.append(c.value)
    return sum(vals) if vals else None


def check_compound(report: Report, options: Options) -> Iterator[Finding]:
    req = report.tables.get("requests")
    if req is None or not req.found:
        return
    year = str(report.report_year or "")
    said: set[tuple[str, int]] = set()
    for key, stated, pct, clause, loc in remember(report, ("compound.statements", year),
                                                  lambda: tuple(_statements(report, year))):
        f = _compare(report, key, stated, pct, clause, loc)
        if f is not None and (key, stated) not in said:
            said.add((key, stated))
            yield f


def _statements(report: Report, year: str) -> Iterator[tuple[str, int, str | None, str, Loc]]:
    """(outcome key, count, share as printed, clause, where) of each plain outcome statement, in order."""
    for para in paragraphs(report):
        for sentence in _SENTENCES.split(para.text):
            if ("申请" not in sentence and para.section != 3) or not _ANY_COUNT.search(sentence):
                continue
            for clause in _clauses(sentence):
                if any(w in clause for w in _SKIP) or any(y != year for y in _YEARS.findall(clause)):
                    continue
                for key, rx in _RX:
                    m = rx.search(clause)
                    if m is None:
                        continue
                    loc = para.line_at(para.text.find(clause)).loc if clause in para.text else para.loc
                    yield key, int(m.group(1)), m.group(2), clause, loc
                    break


def _clauses(sentence: str) -> list[str]:
    """Clauses split at ，；。 outside brackets; a clause "占33.9%" stays with the count before it."""
    out: list[str] = []
    for part in _CLAUSE_SPLIT.split(sentence):
        if out and part.startswith("占"):
            out[-1] += "," + part
        else:
            out.append(part)
    return out


def _compare(report: Report, key: str, stated: int, pct: str | None, clause: str, loc: Loc) -> Finding | None:
    rows = _rows(report, key)
    actual = _sum(report, rows)
    if actual is None:
        return None
    what = M.COMPOUND_WHAT[key]
    cells = tuple(CellRef("requests", r, "total") for r in rows)
    if stated != actual:
        return make("TEXT.MISMATCH", M.COMPOUND_COUNT.format(sentence=clause, where=where(loc), what=what,
                                                             stated=stated, actual=_fmt(actual)),
                    cells=cells, expected=actual, actual=stated, evidence=clause)
    if pct is None:
        return None
    shares = _shares(report, actual)
    if not shares:
        return None
    places = len(pct.split(".")[1]) if "." in pct else 0
    stated_pct = Decimal(pct)
    tol = Decimal(1).scaleb(-places) / 2 + Decimal("0.0001")
    if any(abs(Decimal(str(s)) - stated_pct) <= tol for s in shares):
        return None
    best = round(shares[0], max(places, 1))
    return make("TEXT.MISMATCH", M.COMPOUND_SHARE.format(sentence=clause, where=where(loc), what=what, pct=pct,
                                                         count=_fmt(actual), share=best),
                cells=cells, evidence=clause)


def _shares(report: Report, count: int | float) -> list[float]:
    t = report.tables["requests"]
    bases = []
    for rows in (("total",), ("new_received",), ("new_received", "carried_over")):
        v = [t.get(r, "total").value for r in rows]
        if all(isinstance(x, int | float) for x in v):
            b = sum(x for x in v if x is not None)
            if b:
                bases.append(count * 100 / b)
    return bases


def _fmt(v: int | float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)
