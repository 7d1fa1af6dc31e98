"""TEXT.YEAR for core.validate: a year stated for the report's own work or for the report itself that cannot
be the report's year ("本单位2023年度政务公开工作…" or "编制了2023年度政府信息公开工作年度报告" in a 2024 report).

Only two plain shapes are read: an own-agency subject directly followed by the year and 政务公开/政府信息公开
(本机关2023年度政务公开工作), and the report naming itself (编制/发布…2023年度…年度报告). Sentences that compare
or look back or ahead (较、同比、上年、以来、截至、整改、将、计划…) are skipped, so "较2023年增长" and the 2019
year of a regulation are never findings. The statistics period's year is DOC.PERIOD's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from core import messages as M
from core.findings import Finding, make
from core.model import Report
from core.options import Options
from core.rules.reportcache import remember
from core.rules.textscan import any_of, sentences, where

RULE_IDS = ("TEXT.YEAR",)

_SUBJECT = (r"(?:本机关|本单位|本部门|本局|本委|本办|本厅|本院|本中心|我局|我委|我办|我厅|我院|我中心|我区|我县|我市|"
            r"我镇|我乡|我街道|我单位|我部门|我机关)")
_OWN_WORK = re.compile(_SUBJECT + r"((?:19|20)\d{2})年度?(?:的|全年)?(?:政务公开|政府信息公开|信息公开)")
_OWN_REPORT = re.compile(r"(?:编制|发布|形成|公布|制作)了?(?:本机关|本单位|本部门|我局|我委|我办|我区|我县|我市)?"
                         r"((?:19|20)\d{2})年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告")
_LOOKS_ELSEWHERE = ("较", "比", "同比", "相比", "对比", "上年", "上一年", "去年", "以来", "截至", "截止", "至今", "整改",
                    "改进", "存在", "将", "计划", "拟", "明年", "下一步", "今年", "延续", "历年", "近年")

_ELSEWHERE = any_of(_LOOKS_ELSEWHERE)
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}年")  # both shapes name a year: a sentence without one is skipped at once


def check_years(report: Report, options: Options) -> Iterator[Finding]:
    year = report.report_year
    if year is None:
        return
    yield from remember(report, ("years", year), lambda: tuple(_years(report, year)))


def _years(report: Report, year: int) -> Iterator[Finding]:
    seen: set[str] = set()
    for st in sentences(report):
        if not _ANY_YEAR.search(st.text) or _ELSEWHERE.search(st.text):
            continue
        for rx in (_OWN_REPORT, _OWN_WORK):
            for m in rx.finditer(st.text):
                stated = int(m.group(1))
                if stated == year or m.group(0) in seen:
                    continue
                seen.add(m.group(0))
                quote = st.text if len(st.text) <= 90 else st.text[:88] + "…"
                yield make("TEXT.YEAR", M.TEXT_YEAR.format(phrase=m.group(0), sentence=quote, where=where(st.loc),
                                                           stated=stated, year=year),
                           expected=year, actual=stated, evidence=st.text)
