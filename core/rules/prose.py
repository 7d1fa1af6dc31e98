"""TEXT.MISMATCH for core.validate: counts stated in the prose compared with the cells of tables 三 and 四.

Recognised statements (Arabic or Chinese numerals, "N 件"): requests received (新收/收到/受理…申请 N 件),
carried over from last year (上年结转 N 件), closed (办结/答复 N 件, or N 件…办结), carried forward
(结转下年度 N 件), 行政复议 N 件 and 行政诉讼 N 件. A statement is only compared when it is plain:
clauses that break a count down (其中, 自然人, 信函…), talk about other business (来信, 信访, 12345,
案件…) or hold several counts are skipped, and 收到/受理 may mean 新收 or 新收+上年结转 (both accepted).
Ambiguous statements produce nothing rather than a false alarm.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from core import layout as L
from core import messages as M
from core.findings import CellRef, Finding, make
from core.model import Report
from core.numbers import chinese_to_int
from core.options import Options
from core.rules.reportcache import remember
from core.textnorm import squash

RULE_IDS = ("TEXT.MISMATCH",)

_NUM = r"(\d+|[零〇一二两三四五六七八九十百千]+)"
_COUNT = re.compile(r"(?<![\d.])" + _NUM + r"(?:件|起|宗)(?!事)")
_CLAUSE_SPLIT = re.compile(r"[，,；;：:（）()]")
_SENTENCE_END = "。！？!?"
_SENTENCE_SPLIT = re.compile(r"(?<=[。！？!?])")
_PART_SPLIT = re.compile(r"(?<=[；;])")

_OTHER_BUSINESS = ("来信", "信访", "咨询", "热线", "留言", "12345", "投诉", "建议", "提案", "舆情", "诉求", "工单",
                   "来电", "求助")
_BREAKDOWN = ("其中", "自然人", "法人", "企业", "组织", "信函", "当场", "网上", "网络", "邮件", "传真", "平台",
              "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "维持", "纠正", "审结", "率",
              "涉及", "占", "同意", "公开答复", "申请中", "答复中")

_NEW = re.compile(r"(新收|收到|受理|接收|接到|共收)")
_CARRIED = re.compile(r"(上年|上一年度?|上年度|去年|(\d{4})年度?)结转(?!下|至|到|入)")
_FORWARD = re.compile(r"(?:结转|顺延|转入|延至|转)(?:至|到|入)?(?:下一?个?年度?|下年度?|明年|次年|(\d{4})年)")
_CLOSED = re.compile(r"(办结|答复|办理完毕|处理完毕|办理)")


@dataclass(frozen=True)
class Statement:
    kind: str  # new | carried | closed | forward | review | suit
    stated: int
    sentence: str
    loose: bool = False  # 收到/受理/办理: several readings accepted


def check_prose(report: Report, options: Options) -> Iterator[Finding]:
    req = report.tables.get("requests")
    rev = report.tables.get("review")
    seen: set[tuple[str, int]] = set()
    for st in statements(report):
        if (st.kind, st.stated) in seen:
            continue
        if st.kind in ("review", "suit"):
            if rev is None or not rev.found:
                continue
            f = _compare_review(report, st)
        else:
            if req is None or not req.found:
                continue
            f = _compare_requests(report, st)
        if f is not None:
            seen.add((st.kind, st.stated))
            yield f


def _cell(report: Report, table: str, row: str, col: str) -> int | float | None:
    c = report.tables[table].get(row, col)
    return c.value if c.kind == "number" else None


def _compare_requests(report: Report, st: Statement) -> Finding | None:
    new = _cell(report, "requests", "new_received", "total")
    carried = _cell(report, "requests", "carried_over", "total")
    total = _cell(report, "requests", "total", "total")
    forward = _cell(report, "requests", "carried_forward", "total")
    spec = report.tables["requests"].spec
    if st.kind == "new":
        row, primary = "new_received", new
        accept = {new} | ({new + carried} if st.loose and new is not None and carried is not None else set())
    elif st.kind == "carried":
        row, primary, accept = "carried_over", carried, {carried}
    elif st.kind == "forward":
        row, primary, accept = "carried_forward", forward, {forward}
    else:
        row, primary, accept = "total", total, {total}
        if st.loose:
            accept |= {new} | ({new + carried} if new is not None and carried is not None else set())
    if primary is None or st.stated in accept:
        return None
    cell = L.cell_name(spec, row, "total")
    if st.kind == "new" and st.loose and carried:
        msg = M.TEXT_MISMATCH_EITHER.format(sentence=st.sentence, what=M.TEXT_WHAT[st.kind], stated=st.stated,
                                            cell=cell, actual=_fmt(primary), alt=_fmt(primary + carried))
    else:
        msg = M.TEXT_MISMATCH.format(sentence=st.sentence, what=M.TEXT_WHAT[st.kind], stated=st.stated, cell=cell,
                                     actual=_fmt(primary))
    return make("TEXT.MISMATCH", msg, cells=(CellRef("requests", row, "total"),), expected=primary,
                actual=st.stated, evidence=st.sentence)


def _compare_review(report: Report, st: Statement) -> Finding | None:
    spec = report.tables["review"].spec
    if st.kind == "review":
        cols = [c.id for c in spec.columns if c.group == "review" and c.is_total]
        label = L.cell_name(spec, spec.single_row, cols[0])
    else:
        cols = [c.id for c in spec.columns if c.group in ("suit_direct", "suit_after_review") and c.is_total]
        label = M.TEXT_SUIT_CELL
    values = [_cell(report, "review", spec.single_row, c) for c in cols]
    if any(v is None for v in values):
        return None
    actual = sum(v for v in values if v is not None)
    if st.stated == actual:
        return None
    msg = M.TEXT_MISMATCH.format(sentence=st.sentence, what=M.TEXT_WHAT[st.kind], stated=st.stated, cell=label,
                                 actual=_fmt(actual))
    return make("TEXT.MISMATCH", msg, cells=tuple(CellRef("review", spec.single_row, c) for c in cols), expected=actual,
                actual=st.stated, evidence=st.sentence)


def _fmt(v: int | float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


# ---------------------------------------------------------------- reading the prose


def sentences(report: Report) -> list[tuple[str, int | None]]:
    """Prose sentences (whitespace removed) with the number of the section they sit in."""
    starts = sorted((s.line, s.number) for s in report.sections if s.found and s.line is not None)
    out: list[tuple[str, int | None]] = []
    buf: list[str] = []
    buf_sec: int | None = None
    split = _SENTENCE_SPLIT.split

    def flush() -> None:
        if buf:
            text = "".join(buf)
            buf.clear()
            out.extend((part, buf_sec) for part in split(text) if part.strip())

    sec: int | None = None
    k = 0
    for i, ln in enumerate(report.lines):
        while k < len(starts) and starts[k][0] <= i:
            sec = starts[k][1]
            k += 1
        if ln.cells is not None:
            flush()
            continue
        q = squash(ln.text)
        if not q:
            flush()
            continue
        if sec != buf_sec:
            flush()
            buf_sec = sec
        buf.append(q)
        if q[-1] in _SENTENCE_END or len(q) < 20:
            flush()
    flush()
    return out


def _count_after(clause: str, start: int) -> int | None:
    counts = list(_COUNT.finditer(clause))
    if len(counts) != 1:
        return None
    m = counts[0]
    if m.start() < start:
        return None
    return chinese_to_int(m.group(1))


def _count_before(clause: str, end: int) -> int | None:
    counts = list(_COUNT.finditer(clause))
    if len(counts) != 1 or counts[0].end() > end:
        return None
    return chinese_to_int(counts[0].group(1))


def statements(report: Report) -> tuple[Statement, ...]:
    """The plain count statements of the prose, in order (remembered while the prose and the year stay)."""
    year = report.report_year
    return remember(report, ("prose.statements", year), lambda: tuple(_statements(report, year)))


def _statements(report: Report, year: int | None) -> Iterator[Statement]:
    for sentence, section in sentences(report):
        if not _COUNT.search(sentence):  # every statement is a count of a clause, and a clause's count is the sentence's
            continue
        about_requests = "申请" in sentence
        about_ogi = "信息公开" in sentence or "依申请" in sentence or section == 4
        for part in _PART_SPLIT.split(sentence):
            yield from _part_statements(part, about_requests, about_ogi, year)


def _part_statements(part: str, about_requests: bool, about_ogi: bool, year: int | None) -> Iterator[Statement]:
    quote = part.rstrip("；;")
    quote = quote if len(quote) <= 90 else quote[:88] + "…"
    for clause in _CLAUSE_SPLIT.split(part):
        if not _COUNT.search(clause) or any(w in clause for w in _OTHER_BUSINESS):
            continue
        has_review, has_suit = "复议" in clause, "诉讼" in clause or "起诉" in clause
        if has_review or has_suit:
            if not about_ogi or (has_review and has_suit) or any(w in clause for w in _BREAKDOWN):
                continue
            key = "复议" if has_review else ("诉讼" if "诉讼" in clause else "起诉")
            n = _count_after(clause, clause.find(key))
            if n is not None:
                yield Statement("review" if has_review else "suit", n, quote)
            continue
        if not about_requests or "案件" in clause or any(w in clause for w in _BREAKDOWN):
            continue
        st = _request_statement(clause, quote, year)
        if st is not None:
            yield st


def _request_statement(clause: str, quote: str, year: int | None) -> Statement | None:
    m = _FORWARD.search(clause)
    if m:
        if m.group(1) and year and int(m.group(1)) != year + 1:
            return None
        n = _count_after(clause, m.end()) if _count_after(clause, m.end()) is not None else _count_before(
            clause, m.start())
        return Statement("forward", n, quote) if n is not None else None
    m = _CARRIED.search(clause)
    if m:
        if m.group(2) and year and int(m.group(2)) != year - 1:
            return None
        n = _count_after(clause, m.end())
        return Statement("carried", n, quote) if n is not None else None
    if "结转" in clause:
        return None
    m = _NEW.search(clause)
    if m and "申请" in clause[m.end():]:
        n = _count_after(clause, m.end())
        if n is not None:
            return Statement("new", n, quote, loose=m.group(1) != "新收")
    m = _CLOSED.search(clause)
    if m:
        loose = m.group(1) == "办理"
        n = _count_after(clause, m.end())
        if n is None:
            n = _count_before(clause, m.start())
        if n is not None:
            return Statement("closed", n, quote, loose=loose)
    return None
