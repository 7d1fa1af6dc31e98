"""Splits each SourceLine into classified cells (label, value, empty) for the table extractors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.model import Loc, SourceLine
from core.numbers import parse_cell
from core.textnorm import norm_label

LABEL, VALUE, EMPTY = "label", "value", "empty"

_MD_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_PAGE_FOOTER = re.compile(r"^\s*[—\-–－]+\s*\d{1,3}\s*[—\-–－]+\s*$|^\s*第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?\s*$")
_LABEL_THEN_NUMBERS = re.compile(r"^(?P<label>.*?[^\d\s.,+\-])\s+(?P<nums>[+\-]?\d[\d,]*(?:\.\d+)?(?:\s+[+\-]?\d[\d,]*(?:\.\d+)?)*)$")
_NUMBERS_ONLY = re.compile(r"^[+\-]?\d[\d,]*(?:\.\d+)?(?:\s+[+\-]?\d[\d,]*(?:\.\d+)?)+$")
_HEADING_HASHES = re.compile(r"^\s*#{1,6}\s*")
_FOOTER_FIRST = "—-–－第"  # the first character of a stripped _PAGE_FOOTER line


@dataclass(slots=True)
class Tok:
    """One cell of a line: its text, kind, location and (when the reader knew it) grid column. Never changed
    once made (not frozen only because a frozen dataclass costs three times as much to build, once a line)."""

    text: str
    kind: str  # label | value | empty
    loc: Loc | None
    col: int | None = None
    span: int = 1

    @property
    def norm(self) -> str:
        return norm_label(self.text)


@dataclass(slots=True)
class LineToks:
    """A line as cells; never changed once made (see Tok)."""

    index: int  # index into the document's lines
    toks: tuple[Tok, ...]
    layout: str  # grid | pipe | tab | plain | blank | filler | emptyrow | junk
    norm: str  # the cells' norms joined: what the region anchors are looked for in
    raw_blank: bool = False  # the line was truly empty (not even spaces): meaningful in double-spaced copies
    loc: Loc | None = None

    @property
    def values(self) -> list[Tok]:
        return [t for t in self.toks if t.kind == VALUE]

    @property
    def labels(self) -> list[Tok]:
        return [t for t in self.toks if t.kind == LABEL]

    @property
    def multi(self) -> bool:
        return len(self.toks) > 1


MAX_GLUED_DIGITS = 20
_DIGITS = re.compile(r"^\d+$")


def classify(text: str) -> str:
    s = text.strip()
    if not s:
        return EMPTY
    return _kind(s) if len(s) <= _REMEMBERED else _kind_of(s)


_REMEMBERED = 64  # cell texts up to this length are classified once (as core.numbers remembers its parses)


@lru_cache(maxsize=8192)
def _kind(s: str) -> str:
    return _kind_of(s)


def _kind_of(s: str) -> str:
    # a run of digits is a value token even when too long for one number: it may be a row whose digits ran
    # together (core.extract.glued, up to MAX_GLUED_DIGITS); as a single cell it reads as text (CELL.NOT_NUMBER)
    return VALUE if parse_cell(s).kind != "text" or _DIGITS.match(s) else LABEL


def _split_cells(text: str, sep: str) -> list[str]:
    parts = text.split(sep)
    if sep == "|":
        # the edges of "| a | b |" are not cells; a lone trailing pipe ("0 |") ends the cell
        if parts and not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
    return parts


def tokenize(index: int, line: SourceLine) -> LineToks:
    if line.cells is not None:
        toks = tuple(Tok(c.text.strip(), classify(c.text), c.loc, c.col, c.span) for c in line.cells)
        return LineToks(index, toks, "grid", "".join([norm_label(t.text) for t in toks]), loc=line.loc)
    raw = line.text
    if raw == "":
        return LineToks(index, (), "blank", "", True, line.loc)
    layout, cells, located, norm = _shape(raw) if len(raw) <= _SHAPED else shape_of(raw)
    loc = line.loc
    if len(cells) == 1:
        text, kind = cells[0]
        return LineToks(index, (Tok(text, kind, loc),), layout, norm)
    return LineToks(index, tuple([Tok(text, kind, loc) for text, kind in cells]), layout, norm, False,
                    loc if located else None)


Shape = tuple[str, tuple[tuple[str, str], ...], bool, str]  # layout, cells as (text, kind), loc kept, norm
_SHAPED = 256  # lines up to this length are cut into cells once and remembered: table lines recur in every report


def shape_of(raw: str) -> Shape:
    """How a non-empty line of text is cut into cells: its layout, its cells' texts and kinds, and its norm."""
    layout, cells, located = _cut(raw)
    return layout, cells, located, "".join([norm_label(text) for text, _kind in cells])


def _cut(raw: str) -> tuple[str, tuple[tuple[str, str], ...], bool]:
    # the cheap tests in front of each pattern (a '#', '--', the first or last character) only skip patterns
    # that cannot match: the text is stripped, so it starts and ends with a character that is not white space
    text = (_HEADING_HASHES.sub("", raw) if "#" in raw else raw).strip().replace("｜", "|")
    if not text:
        return "junk", (), False  # a line of spaces: a paragraph break, not a cell
    if ("--" in text and _MD_SEP.match(text)) or (text[0] in _FOOTER_FIRST and _PAGE_FOOTER.match(text)):
        return "filler", (), False
    sep = "|" if "|" in text else "\t" if "\t" in text else None
    if sep is not None:
        parts = [p.strip() for p in _split_cells(text, sep)]  # classify(p) is the kind of p.strip()
        if not any(parts):
            if len(parts) >= 3 and all(_split_cells(text, sep)):  # "| | | |": a row of empty cells
                return "emptyrow", tuple(("", EMPTY) for p in parts), True
            return "filler", (), False
        return "pipe" if sep == "|" else "tab", tuple([(p, classify(p)) for p in parts]), False
    if text[-1].isdecimal():  # both patterns end in a digit (\d: a decimal character)
        m = _LABEL_THEN_NUMBERS.match(text)
        if m and classify(m.group("label")) == LABEL and len(norm_label(m.group("label"))) <= 40:
            nums = m.group("nums").split()
            return "plain", ((m.group("label").strip(), LABEL), *((n, VALUE) for n in nums)), False
        if _NUMBERS_ONLY.match(text):
            return "plain", tuple((n, VALUE) for n in text.split()), False
    return "plain", ((text, classify(text)),), False


_shape = lru_cache(maxsize=4096)(shape_of)  # some 500 lines a report; its table lines recur in every report
