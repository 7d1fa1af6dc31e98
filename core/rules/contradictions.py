"""TEXT.CONTRADICTION for core.validate: the prose contradicts the tables in kind, or itself.

- "均已办结" / "全部按时办结" (every request closed) while 表三 四、结转下年度继续办理 (总计) is above 0; only in a
  sentence about 申请 that does not itself mention a carry-forward or other business (信访, 建议, 提案…);
- "未发生行政复议、行政诉讼" (and variants: 无…复议, 没有…诉讼) while 表四's 行政复议 or 行政诉讼 totals are above 0;
  a sentence naming another year, or speaking of 纠错/纠正/败诉, is skipped;
- "未收取信息处理费" in one place and a positive fee amount ("收取信息处理费3940元") in another.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from core import messages as M
from core.findings import CellRef, Finding, make
from core.model import Report
from core.options import Options
from core.rules.reportcache import remember
from core.rules.textscan import Sentence, full_sentences, where

RULE_IDS = ("TEXT.CONTRADICTION",)

_OTHER_BUSINESS = ("来信", "信访", "咨询", "热线", "留言", "12345", "投诉", "建议", "提案", "舆情", "诉求", "工单",
                   "来电", "求助", "案件", "事项")
_ALL_CLOSED = re.compile(r"(?:均|全部|全都|都)(?:已经?|已)?[^，,。；;：:]{0,10}?(?:办结|办理完毕|答复完毕|办理完结|办理完成)")
_FORWARD_WORDS = re.compile(r"结转(?:至|到|入)?下|转(?:至|到|入)?下一?个?年|顺延|延至|结转(?:至|到|入)?(?:次年|明年)|"
                            r"尚未办结|正在办理|仍在办理|继续办理")
_NONE = re.compile(r"(?:未(?:发生|出现|产生|收到|接到|涉及|有)|没有(?:发生|出现|收到)?|无)"
                   r"([^，,。；;：:]{0,20}?(?:行政复议|行政诉讼|复议|诉讼|起诉)[^，,。；;：:]{0,12})")
_NONE_SKIP = ("纠错", "纠正", "败诉", "被撤销", "被确认违法", "未经复议")
_CLAUSES = re.compile(r"(?<=[；;])")
_COUNTED = re.compile(r"\d+\s*[件起宗]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_NO_FEE = re.compile(r"(?:未|没有|不|无需|免于?)(?:收取|产生|发生|涉及|收)[^，,。；;]{0,12}?(?:信息处理费|处理费|收费)"
                     r"|(?:信息处理费|处理费)[^，,。；;\d]{0,6}?(?:为|是)?(?:0|零)(?:元|万元)?(?![\d.])")
_FEE_AMOUNT = re.compile(r"(?:信息处理费|处理费)[^，,。；;\d]{0,10}?(\d+(?:\.\d+)?)\s*(万元|元)")


def _total(report: Report, table: str, row: str, cols: list[str]) -> float | None:
    t = report.tables.get(table)
    if t is None or not t.found:
        return None
    values = [t.get(row, c).value if t.get(row, c).kind == "number" else None for c in cols]
    if all(v is None for v in values):
        return None
    return float(sum(v for v in values if v is not None))


def _quote(text: str) -> str:
    return text if len(text) <= 90 else text[:88] + "…"


def check_contradictions(report: Report, options: Options) -> Iterator[Finding]:
    yield from _all_closed(report)
    yield from _no_review(report)
    yield from remember(report, "contradictions.fees", lambda: tuple(_fees([st for st, _ in full_sentences(report)])))


def _all_closed(report: Report) -> Iterator[Finding]:
    """The paragraph that explains a carry-forward anywhere is not contradicted by its own 均已办结."""
    forward = _total(report, "requests", "carried_forward", ["total"])
    if not forward:
        return
    first = remember(report, "contradictions.all_closed", lambda: next(_all_closed_claims(report), None))
    if first is None:
        return
    st, clause = first
    yield make("TEXT.CONTRADICTION", M.CONTRA_ALL_CLOSED.format(
        sentence=_quote(clause.rstrip("；;")), where=where(st.loc), forward=_num(forward)),
        cells=(CellRef("requests", "carried_forward", "total"),), expected=0, actual=forward,
        evidence=st.text)


def _all_closed_claims(report: Report) -> Iterator[tuple[Sentence, str]]:
    """Sentences about 申请 saying every one was closed, in a paragraph that mentions no carry-forward, with the
    clause that says it."""
    for st, para in full_sentences(report):
        m = _ALL_CLOSED.search(st.text)
        if (m is None or "申请" not in st.text or _FORWARD_WORDS.search(para.text)
                or any(w in st.text for w in _OTHER_BUSINESS)):
            continue
        yield st, next(p for p in _CLAUSES.split(st.text) if m.group(0) in p)


def _no_review(report: Report) -> Iterator[Finding]:
    rev = report.tables.get("review")
    if rev is None or not rev.found:
        return
    spec = rev.spec
    review_cols = [c.id for c in spec.columns if c.group == "review" and c.is_total]
    suit_cols = [c.id for c in spec.columns if c.group in ("suit_direct", "suit_after_review") and c.is_total]
    review = _total(report, "review", spec.single_row, review_cols) or 0
    suit = _total(report, "review", spec.single_row, suit_cols) or 0
    said: set[str] = set()
    year = report.report_year
    for st, of_review, of_suit in remember(report, ("contradictions.none", year),
                                           lambda: tuple(_none_claims(report, year))):
        kinds = []
        if of_review and review > 0:
            kinds.append(("review", M.CONTRA_REVIEW_WHAT, review, review_cols))
        if of_suit and suit > 0:
            kinds.append(("suit", M.CONTRA_SUIT_WHAT, suit, suit_cols))
        for key, what, value, cols in kinds:
            if key in said:
                continue
            said.add(key)
            yield make("TEXT.CONTRADICTION", M.CONTRA_NO_REVIEW.format(
                sentence=_quote(st.text), where=where(st.loc), what=what, value=_num(value)),
                cells=tuple(CellRef("review", spec.single_row, c) for c in cols), expected=0, actual=value,
                evidence=st.text)


def _none_claims(report: Report, year: int | None) -> Iterator[tuple[Sentence, bool, bool]]:
    """Each statement that no 行政复议 / 行政诉讼 happened, in order: (sentence, of 复议?, of 诉讼?)."""
    for st, _ in full_sentences(report):
        years = {int(y) for y in _YEAR.findall(st.text)}
        if year and years - {year}:
            continue
        for m in _NONE.finditer(st.text):
            scope = m.group(1)
            if any(w in scope for w in _NONE_SKIP) or _COUNTED.search(scope):
                continue
            yield st, "复议" in scope, "诉讼" in scope or "起诉" in scope


def _fees(sents: list[Sentence]) -> Iterator[Finding]:
    none = next((st for st in sents if _NO_FEE.search(st.text)), None)
    if none is None:
        return
    for st in sents:
        for m in _FEE_AMOUNT.finditer(st.text):
            amount = float(m.group(1))
            if amount > 0 and not _NO_FEE.search(st.text):
                yield make("TEXT.CONTRADICTION", M.CONTRA_FEE.format(
                    none=_quote(none.text), none_where=where(none.loc), sentence=_quote(st.text),
                    where=where(st.loc)), evidence=st.text)
                return


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)
