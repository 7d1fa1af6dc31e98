"""Chinese numeric cell text → number: full-width digits, signs, separators, 元/万元 and count units, blanks.

Used by every reader and by the desktop editor, so a cell typed by the officer and a cell read from
a document follow the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from core.readers.limits import MAX_NUMBER_DIGITS
from core.textnorm import fold_width

BLANK_MARKS = frozenset({"", "/", "-", "—", "——", "－", "–", "无", "空", "—-", "--", "\\", "／"})
COUNT_UNITS = ("个", "件", "项", "次", "条", "人次", "人", "宗", "份", "家", "起")

_NUMBER_START = re.compile(r"[+-]?\d")
_NUM = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_MONEY_UNIT = re.compile(r"^(.*?)[(（]?\s*(万元|元|亿元)\s*[)）]?$")
_COUNT_UNIT = re.compile(r"^(.*?)[(（]?\s*(" + "|".join(COUNT_UNITS) + r")\s*[)）]?$")
# zero-width spaces and joiners, direction marks and isolates, word joiner, BOM: invisible inside a number
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_MAX_FRACTION_DIGITS = 20
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


@dataclass(frozen=True)
class Parsed:
    """What a cell's text says. kind: number | blank | text."""

    kind: str
    value: int | float | None = None
    unit: str | None = None  # the unit that was read and converted or dropped (元, 万元, 个, 件 …)
    note: str | None = None

    @property
    def is_number(self) -> bool:
        return self.kind == "number"


def _to_number(d: Decimal) -> int | float:
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def parse_decimal(text: str) -> Decimal | None:
    """A plain number with optional sign, thousands separators and decimals; None otherwise."""
    m = _NUM.match(text)
    if not m:
        return None
    sign, whole, frac = m.groups()
    # no report holds more than MAX_NUMBER_DIGITS digits before the point; longer runs stay text (and are
    # never converted: int/Decimal of a long digit run is slow, and str() of one over 4,300 digits raises)
    if len(whole) - whole.count(",") > MAX_NUMBER_DIGITS or len(frac or "") > _MAX_FRACTION_DIGITS:
        return None
    try:
        d = Decimal(whole.replace(",", "") + ("." + frac if frac else ""))
    except InvalidOperation:  # pragma: no cover - regex guarantees digits
        return None
    return -d if sign == "-" else d


def parse_cell(text: str | None, *, money: bool = False) -> Parsed:
    """Parse one table cell. `money` cells are returned in 万元 (元 are divided by 10 000). Remembered for short
    texts (Parsed is frozen): readers, extractors and rules parse the same cell texts several times per report."""
    if text is not None and len(text) > 64:
        return _parse_cell(text, money)
    return _parse_cell_remembered(text, money)


@lru_cache(maxsize=8192)
def _parse_cell_remembered(text: str | None, money: bool) -> Parsed:
    return _parse_cell(text, money)


def _parse_cell(text: str | None, money: bool) -> Parsed:
    if text is None:
        return Parsed("blank")
    s = _INVISIBLE.sub("", fold_width(text)).strip().replace(" ", "").replace("\u3000", "")
    s = s.replace("−", "-").replace("﹣", "-")
    if s in BLANK_MARKS or not s.strip("-—/"):
        return Parsed("blank")
    if not _NUMBER_START.match(s):  # every reading below starts with a number: prose is text at once
        return Parsed("text", note=s)
    d = parse_decimal(s)
    if d is not None:
        return Parsed("number", _to_number(d))
    m = _MONEY_UNIT.match(s)
    if m and (d := parse_decimal(m.group(1))) is not None:
        unit = m.group(2)
        if unit == "元":
            d = d / Decimal(10000) if money else d
        elif unit == "亿元":
            d = d * Decimal(10000) if money else d
        return Parsed("number", _to_number(d), unit=unit)
    m = _COUNT_UNIT.match(s)
    if m and (d := parse_decimal(m.group(1))) is not None:
        return Parsed("number", _to_number(d), unit=m.group(2))
    return Parsed("text", note=s)


def chinese_to_int(text: str) -> int | None:
    """二十三 → 23, 一百零五 → 105, 3 → 3; None when the text is not a number."""
    s = _INVISIBLE.sub("", fold_width(text)).strip()
    if s.isdigit():
        return int(s) if len(s) <= MAX_NUMBER_DIGITS else None
    if len(s) > 4 * MAX_NUMBER_DIGITS:
        return None
    if not s or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in s):
        return None
    total, section, digit = 0, 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                section = (section + digit) * unit
                total += section
                section = 0
            else:
                section += (digit or (1 if unit == 10 else 0)) * unit
            digit = 0
    return total + section + digit
