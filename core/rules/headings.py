"""DOC.HEADING_STRUCTURE for core.validate: the numbering of the report's headings and enumerations.

Read from the prose lines outside the tables (core.rules.textscan): top-level headings 一、二、…, sub-headings
（一）（二）… and the enumerations 一是、二是…. Reported, one finding each:
- sub-topics of 一、总体情况 numbered as top-level headings before 二、主动公开政府信息情况;
- top-level numbering that restarts at 一 (or goes back) in the middle of the document;
- the block 二…六 shifted by one (三、主动公开… up to 七、其他…), stated once rather than per section;
- a （n） missing or repeated within a section;
- an enumeration 一是…三是…三是 with a number repeated or skipped.
In wrapped text (txt, md, pdf) a heading is only taken where a line starts after a break (blank line, sentence
end, short line), so a wrapped sentence that happens to start with “（一）项” is not a heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from core import messages as M
from core.findings import Finding, make
from core.model import Loc, Report
from core.numbers import chinese_to_int
from core.options import Options
from core.rules.reportcache import remember
from core.rules.textscan import ProseLine, paragraphs, prose_lines, where

RULE_IDS = ("DOC.HEADING_STRUCTURE",)

_CN = "一二三四五六七八九十"
_TOP = re.compile(rf"^[#*]*([{_CN}]{{1,3}})[、.．](.*)")
_SUB = re.compile(rf"^[#*]*[(（]([{_CN}]{{1,3}})[)）](?![项款条目])(.*)")
_ENUM = re.compile(rf"(?:^|(?<=[。；;，,：:！!？?）)]))([{_CN}]{{1,3}})是(?![否非])")
_BREAK_END = "。！？!?：:；;）)"
# labels of table rows that some copies print as prose lines
_TABLE_LABELS = ("本年新收", "上年结转", "本年度办理结果", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理",
                 "其他处理", "总计", "结转下年度", "其他")


@dataclass(frozen=True)
class Heading:
    value: int
    numeral: str
    text: str  # heading as printed (squashed), up to its first sentence end
    index: int
    loc: Loc
    section: int | None  # the standard section it is the heading of, if any


def _title(rest: str) -> str:
    k = min((rest.find(c) for c in "。：:" if rest.find(c) >= 0), default=-1)
    return rest[:k] if k >= 0 else rest


def _headings(report: Report) -> tuple[list[Heading], list[Heading]]:
    """Top-level headings and sub-headings, in document order."""
    section_at = {s.line: s.number for s in report.sections if s.found and s.line is not None}
    tops: list[Heading] = []
    subs: list[Heading] = []
    prev: ProseLine | None = None
    paragraph_lines = (report.text_format or report.format) in ("html", "docx", "xlsx")  # one line per paragraph: nothing is wrapped
    for pl in prose_lines(report):
        after_break = (paragraph_lines or prev is None or not prev.text or pl.index != prev.index + 1 or prev.text[-1] in _BREAK_END
                       or len(prev.text) < 22 or bool(_TOP.match(prev.text) or _SUB.match(prev.text)))
        prev = pl
        if not pl.text or not after_break:
            continue
        m = _TOP.match(pl.text)
        if m:
            title = _title(m.group(2))
            value = chinese_to_int(m.group(1))
            if value and title and (len(title) <= 30 or pl.index in section_at):
                tops.append(Heading(value, m.group(1), f"{m.group(1)}、{title}", pl.index, pl.loc,
                                    section_at.get(pl.index)))
            continue
        m = _SUB.match(pl.text)
        if m:
            title = _title(m.group(2))
            value = chinese_to_int(m.group(1))
            if value and title and not any(title.startswith(x) for x in _TABLE_LABELS):
                subs.append(Heading(value, m.group(1), f"（{m.group(1)}）{title}", pl.index, pl.loc, None))
    return tops, subs


def check_headings(report: Report, options: Options) -> Iterator[Finding]:
    shape = report.text_format or report.format
    yield from remember(report, ("headings", shape), lambda: tuple(_check(report)))


def _check(report: Report) -> Iterator[Finding]:
    tops, subs = _headings(report)
    yield from _promoted(report, tops)
    restarts = list(_restarts(tops))
    yield from restarts
    if not restarts:  # a restart already explains numbers that are off by one
        yield from _shifted(report)
    yield from _sub_sequence(tops, subs)
    yield from _enumerations(report)


def _promoted(report: Report, tops: list[Heading]) -> Iterator[Finding]:
    """Top-level headings between 一、总体情况 and the next standard section that are not standard sections."""
    first = next((h for h in tops if h.section == 1), None)
    if first is None:
        return
    later = [h for h in tops if h.index > first.index]
    nxt = next((h for h in later if h.section is not None), None)
    promoted = [h for h in later if h.section is None and (nxt is None or h.index < nxt.index)]
    if nxt is None or not promoted:
        return
    names = "、".join(f"“{h.text}”" for h in promoted[:4]) + ("等" if len(promoted) > 4 else "")
    yield make("DOC.HEADING_STRUCTURE", M.HEADING_PROMOTED.format(
        headings=names, where=where(promoted[0].loc), count=len(promoted)), evidence=promoted[0].text)


def _restarts(tops: list[Heading]) -> Iterator[Finding]:
    for a, b in zip(tops, tops[1:], strict=False):
        if b.value <= a.value:
            tmpl = M.HEADING_RESTART if b.value == 1 else M.HEADING_BACKWARDS
            yield make("DOC.HEADING_STRUCTURE", tmpl.format(
                heading=b.text, where=where(b.loc), prev=a.text, prev_where=where(a.loc)), evidence=b.text)


def _shifted(report: Report) -> Iterator[Finding]:
    """Sections 二…六 all printed with their number + k (the same k ≠ 0)."""
    shifts: list[tuple[int, str]] = []
    for s in report.sections:
        if s.number < 2 or not s.found or not s.numeral:
            continue
        v = chinese_to_int(re.sub(rf"[^{_CN}0-9]", "", s.numeral) or "x")
        if v is not None:
            shifts.append((v - s.number, s.numeral))
    ks = {k for k, _ in shifts}
    if len(shifts) >= 3 and len(ks) == 1 and 0 not in ks:
        yield make("DOC.HEADING_STRUCTURE", M.HEADING_SHIFTED.format(
            printed="、".join(n for _, n in shifts), k=abs(next(iter(ks))),
            direction="后" if next(iter(ks)) > 0 else "前"))


def _sub_sequence(tops: list[Heading], subs: list[Heading]) -> Iterator[Finding]:
    """Within each top-level block, （一）（二）… must run without a gap or a repeat."""
    bounds = [h.index for h in tops] + [10**9]
    blocks: dict[int, list[Heading]] = {}
    for s in subs:
        k = max((i for i, b in enumerate(bounds) if b <= s.index), default=-1)
        blocks.setdefault(k, []).append(s)
    for k, items in blocks.items():
        parent = tops[k].text if 0 <= k < len(tops) else None
        in_sec = M.HEADING_IN.format(heading=parent) if parent else ""
        expect = 1
        for h in items:
            if h.value == expect:
                expect += 1
                continue
            if h.value < expect:
                yield make("DOC.HEADING_STRUCTURE", M.HEADING_SUB_REPEATED.format(
                    heading=h.text, where=where(h.loc), section=in_sec, numeral=h.numeral), evidence=h.text)
            else:
                missing = "".join(f"（{_CN[i - 1] if i <= 10 else i}）" for i in range(expect, h.value))
                yield make("DOC.HEADING_STRUCTURE", M.HEADING_SUB_SKIPPED.format(
                    heading=h.text, where=where(h.loc), section=in_sec, missing=missing), evidence=h.text)
            expect = h.value + 1


def _enumerations(report: Report) -> Iterator[Finding]:
    """一是、二是、三是… within a paragraph run: a repeat or a gap is reported once per list."""
    for para in paragraphs(report):
        text, loc = para.text, para.loc
        if "是" not in text:
            continue
        marks = [(chinese_to_int(m.group(1)) or 0, m.group(1)) for m in _ENUM.finditer(text)]
        if len(marks) < 2 or marks[0][0] != 1:
            continue
        expect = 1
        for v, numeral in marks:
            if v == 1 and expect > 1:
                expect = 1  # a new list
            if v != expect:
                seq = "…".join(f"{n}是" for _, n in marks)
                yield make("DOC.HEADING_STRUCTURE", M.HEADING_ENUM.format(
                    seq=seq, where=where(loc), numeral=numeral, expect=_CN[expect - 1] if expect <= 10 else expect),
                    evidence=seq)
                break
            expect += 1
