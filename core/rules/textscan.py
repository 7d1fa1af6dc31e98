"""The prose of a report for the text rules: lines outside the table regions, paragraphs joined across wrapped
lines, and sentences that remember the line they start on (for the location quoted in a message).

Each is worked out once per report and remembered while its prose stays the same (core.rules.reportcache): the
results are shared tuples of frozen records."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from core.model import Loc, Report
from core.rules.reportcache import remember
from core.textnorm import squash

SENTENCE_END = "。！？!?；;"
_SPLIT_ALL = re.compile(r"(?<=[。！？!?；;])")
_SPLIT_FULL = re.compile(r"(?<=[。！？!?])")
_HEADING = re.compile(r"^[#*\s]*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])")


@dataclass(frozen=True)
class ProseLine:
    index: int  # into report.lines
    text: str  # squashed (width folded, no white space), markdown marks kept
    loc: Loc
    section: int | None  # number of the standard section the line sits in


@dataclass(frozen=True)
class Sentence:
    text: str
    index: int  # line it starts on
    loc: Loc
    section: int | None


def in_tables(report: Report) -> frozenset[int]:
    """Indices of the lines inside the table regions (the heading lines of the sections excepted)."""
    return remember(report, "textscan.in_tables", lambda: _in_tables(report))


def _in_tables(report: Report) -> frozenset[int]:
    heads = {s.line for s in report.sections if s.found and s.line is not None}
    n = len(report.lines)
    out: set[int] = set()
    for start, end in report.regions.values():
        out.update(i for i in range(max(start, 0), min(end, n)) if i not in heads)
    out.update(i for i, ln in enumerate(report.lines) if ln.cells is not None)
    return frozenset(out)


def prose_lines(report: Report) -> tuple[ProseLine, ...]:
    """Every line outside the tables, in order, including the blank ones (text '')."""
    return remember(report, "textscan.prose_lines", lambda: _prose_lines(report))


def _prose_lines(report: Report) -> tuple[ProseLine, ...]:
    skip = in_tables(report)
    starts = sorted((s.line, s.number) for s in report.sections if s.found and s.line is not None)
    out: list[ProseLine] = []
    sec: int | None = None
    k = 0
    for i, ln in enumerate(report.lines):
        while k < len(starts) and starts[k][0] <= i:
            sec = starts[k][1]
            k += 1
        if i in skip:
            continue
        out.append(ProseLine(i, squash(ln.text), ln.loc, sec))
    return tuple(out)


def any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of the words: `any_of(ws).search(text)` is `any(w in text for w in ws)`."""
    return re.compile("|".join(re.escape(w) for w in words))


def where(loc: Loc | None) -> str:
    """“（第12行）” or '' when the origin is unknown."""
    text = loc.describe() if loc is not None else ""
    return f"（{text}）" if text else ""


@dataclass(frozen=True)
class Paragraph:
    text: str
    starts: tuple[tuple[int, ProseLine], ...]  # (offset in text, line starting there)

    @property
    def loc(self) -> Loc:
        return self.starts[0][1].loc

    @property
    def section(self) -> int | None:
        return self.starts[0][1].section

    def line_at(self, offset: int) -> ProseLine:
        return next(pl for off, pl in reversed(self.starts) if off <= offset)


def paragraphs(report: Report) -> tuple[Paragraph, ...]:
    """The prose joined across wrapped lines; a blank line, a heading, a table or a change of section ends a
    paragraph."""
    return remember(report, "textscan.paragraphs", lambda: tuple(_paragraphs(report)))


def _paragraphs(report: Report) -> Iterator[Paragraph]:
    buf: list[tuple[int, ProseLine]] = []
    text = ""
    prev: ProseLine | None = None
    for pl in prose_lines(report):
        if buf and (not pl.text or _HEADING.match(pl.text) or prev is None or pl.index != prev.index + 1
                    or pl.section != prev.section or (len(prev.text) <= 30 and _HEADING.match(prev.text))):
            yield Paragraph(text, tuple(buf))
            buf, text = [], ""
        if pl.text:
            buf.append((len(text), pl))
            text += pl.text.lstrip("#*")
        prev = pl
    if buf:
        yield Paragraph(text, tuple(buf))


def sentences(report: Report) -> tuple[Sentence, ...]:
    """Sentences of the paragraphs (ending at 。！？!?；;), each with the line it starts on."""
    return remember(report, "textscan.sentences", lambda: tuple(st for _, sts in _split(report) for _, st in sts))


def full_sentences(report: Report) -> tuple[tuple[Sentence, Paragraph], ...]:
    """Sentences ending only at 。！？!? (a ； keeps the clauses of one statement together), each with its
    paragraph."""
    return remember(report, "textscan.full_sentences", lambda: tuple(_full_sentences(report)))


def _split(report: Report) -> tuple[tuple[Paragraph, tuple[tuple[int, Sentence], ...]], ...]:
    """Each paragraph with its sentences (ending at 。！？!?；;) and their offsets in the paragraph's text."""
    return remember(report, "textscan.split", lambda: tuple((para, tuple(_sentences_of(para, _SPLIT_ALL)))
                                                            for para in paragraphs(report)))


def _sentences_of(para: Paragraph, split: re.Pattern[str]) -> Iterator[tuple[int, Sentence]]:
    starts = para.starts
    k = 0  # the line the sentence at `pos` starts on: the last one starting at or before it (para.line_at)
    pos = 0
    for part in split.split(para.text):
        if part.strip():
            while k + 1 < len(starts) and starts[k + 1][0] <= pos:
                k += 1
            line = starts[k][1]
            yield pos, Sentence(part, line.index, line.loc, line.section)
        pos += len(part)


def _full_sentences(report: Report) -> Iterator[tuple[Sentence, Paragraph]]:
    for para, split in _split(report):
        if "；" in para.text or ";" in para.text:
            for _, st in _sentences_of(para, _SPLIT_FULL):
                yield st, para
        else:  # without a ； both splits cut at the same places
            for _, st in split:
                yield st, para
