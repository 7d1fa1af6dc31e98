"""Reports built from plain lines for the text rules (headings, contradictions, years, typos)."""

from __future__ import annotations

import re

from rules_factory import make_report

from core.model import Loc, Report, Section, SourceLine
from core.numbers import chinese_to_int
from core.template import SECTION_HEADINGS

_KEYS = ("总体情况", "主动公开政府信息", "收到和处理", "行政复议、行政诉讼", "存在的主要问题", "其他需要报告")


def text_report(lines: list[str], version: str = "2021", year: int = 2024, seed: int = 1,
                title: str | None = None) -> Report:
    """A report with consistent tables whose prose is exactly `lines`; a line naming a standard section's key
    phrase and starting with a numeral is taken as that section's heading."""
    r = make_report(version, seed=seed, year=year,
                    title=title if title is not None else f"某某市某某局{year}年政府信息公开工作年度报告")
    r.lines = [SourceLine(t, Loc(line=i + 1)) for i, t in enumerate(lines)]
    sections = []
    for number, heading in enumerate(SECTION_HEADINGS, start=1):
        hit = next((i for i, t in enumerate(lines)
                    if _KEYS[number - 1] in t and re.match(r"^[一二三四五六七八九十]+、", t.strip())), None)
        if hit is None:
            sections.append(Section(number, heading, False))
            continue
        numeral = re.match(r"^([一二三四五六七八九十]+)", lines[hit].strip()).group(1)
        assert chinese_to_int(numeral)
        sections.append(Section(number, heading, True, printed=lines[hit], line=hit, numeral=numeral))
    r.sections = sections
    r.regions = {}
    return r
