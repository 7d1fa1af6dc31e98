"""Who publishes the report (a government department or a 本级人民政府) and its legal deadline, for DOC.LATE.

条例（2019）第四十九条: departments of governments at county level and above publish by 31 January of
the next year; a local government's own report is published by 31 March. Reports on 2018 and earlier
fell under the 2007 条例 (31 March for every agency). The level is guessed from the agency name and can
be overridden (Options.level, `--level`).
"""

from __future__ import annotations

import re
from datetime import date

from core.textnorm import squash

DEPARTMENT = "department"
GOVERNMENT = "government"

# a bare place name: 鹤城区, 沭阳县, 淮安市, 某某自治县, 某某旗 (the report of that government itself)
_PLACE_ONLY = re.compile(r"^[\u4e00-\u9fff]{1,14}?(省|自治区|市|区|县|自治县|旗|自治旗|自治州|州|盟|特区|林区)$")
_GOVERNMENT_SUFFIX = ("人民政府", "市政府", "区政府", "县政府", "省政府")
# words that make a place-like name a department after all (a 市 or 区 followed by an office)
_DEPARTMENT_WORDS = ("局", "委", "办", "厅", "署", "院", "中心", "部", "处", "所", "站", "队", "会", "公司", "馆",
                     "室", "管委", "办公室")


def guess_level(agency: str | None, title: str | None = None) -> str | None:
    """department | government | None (cannot tell) from the agency name (or, failing that, the title)."""
    for text in (agency, _title_agency(title)):
        if not text:
            continue
        name = squash(text).strip("《》\"“”")
        if name.endswith(_GOVERNMENT_SUFFIX):
            return GOVERNMENT
        if _PLACE_ONLY.match(name) and not any(name.endswith(w) for w in _DEPARTMENT_WORDS):
            return GOVERNMENT
        return DEPARTMENT
    return None


def _title_agency(title: str | None) -> str | None:
    if not title:
        return None
    s = squash(title)
    m = re.match(r"^(.*?)(\d{4})年度?", s)
    if m and m.group(1):
        return m.group(1)
    m = re.match(r"^\d{4}年度?(.*?)政府信息公开", s)
    return m.group(1) if m and m.group(1) else None


def deadline(report_year: int, level: str | None) -> date | None:
    """The last lawful publication day, or None when the level decides it and is unknown."""
    if report_year <= 2018:
        return date(report_year + 1, 3, 31)
    if level == DEPARTMENT:
        return date(report_year + 1, 1, 31)
    if level == GOVERNMENT:
        return date(report_year + 1, 3, 31)
    return None


def latest_deadline(report_year: int) -> date:
    """The deadline whatever the level: 31 March of the next year."""
    return date(report_year + 1, 3, 31)
