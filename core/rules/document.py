"""Document rules for core.validate: title, the six sections, statistics period, template in force, fee, hybrid.

DOC.LATE and DOC.PUBLISHED_UNKNOWN live in core.rules.deadline. All rules read the metadata the
extractor put on the Report (title, report_year, period, sections, template, hybrid, lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from core import messages as M
from core.findings import Finding, make
from core.model import Report, Section
from core.numbers import chinese_to_int
from core.options import Options
from core.rules.reportcache import remember
from core.textnorm import squash

RULE_IDS = ("DOC.TITLE_MISSING", "DOC.TITLE_FORMAT", "DOC.SECTION_MISSING", "DOC.SECTION_ORDER",
            "DOC.SECTION_EMPTY", "DOC.PERIOD", "DOC.TEMPLATE_OUTDATED", "DOC.TEMPLATE_HYBRID",
            "DOC.FEE_NOT_REPORTED")

NUMERALS = "一二三四五六"
TITLE_END = "政府信息公开工作年度报告"
_TRAILING_YEAR = re.compile(r"[(（]\s*(?:19|20)\d{2}\s*年?度?\s*[)）]$")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")


def check_document(report: Report, options: Options) -> Iterator[Finding]:
    yield from _title(report)
    yield from _sections(report)
    yield from _period(report)
    yield from _template(report)
    yield from remember(report, ("document.fee", report.template_version), lambda: tuple(_fee(report)))


# ---------------------------------------------------------------- title


def _title(report: Report) -> Iterator[Finding]:
    if not report.title:
        yield make("DOC.TITLE_MISSING", M.TITLE_MISSING)
        return
    s = squash(report.title).strip("《》\"")
    body = _TRAILING_YEAR.sub("", s)
    has_year = bool(_YEAR.search(s))
    if body.endswith(TITLE_END) and has_year:
        return
    if not body.endswith(TITLE_END):
        k = body.find("政府信息公开")
        found = body[k:] if k >= 0 else body[-12:]
        hint = M.TITLE_FORMAT_HINT_WORDING.format(found=found)
    else:
        hint = M.TITLE_FORMAT_HINT_YEAR
    yield make("DOC.TITLE_FORMAT", M.TITLE_FORMAT.format(title=report.title.strip()), hint=hint)


# ---------------------------------------------------------------- sections

_JUNK = ("扫一扫", "手机打开", "相关文章", "相关链接", "相关附件", "打印本页", "关闭窗口", "【打印】", "【关闭】",
         "分享到", "浏览次数", "字体", "字号", "上一篇", "下一篇", "责任编辑", "来源：", "来源:", "网站地图",
         "版权所有", "主办单位", "ICP备", "公网安备", "技术支持", "联系我们", "当前位置", "返回顶部", "我要纠错",
         "收藏", "【大】", "【中】", "【小】", "打印", "关闭", "发布时间", "阅读次数", "点击数")
_PAGE_NO = re.compile(r"^[—\-－\s第页/\d]*$")
_DATE_ONLY = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def _numeral_value(numeral: str | None) -> int | None:
    if not numeral:
        return None
    s = re.sub(r"[^0-9一二三四五六七八九十]", "", numeral)
    return chinese_to_int(s) if s else None


def _sections(report: Report) -> Iterator[Finding]:
    secs = report.sections
    if not secs:
        return
    for s in secs:
        if not s.found:
            yield make("DOC.SECTION_MISSING", M.SECTION_MISSING.format(numeral=NUMERALS[s.number - 1], heading=s.heading))
    found = [s for s in secs if s.found]
    for s in found:
        v = _numeral_value(s.numeral)
        if v is not None and v != s.number:
            yield make("DOC.SECTION_ORDER", M.SECTION_MISNUMBERED.format(
                numeral=NUMERALS[s.number - 1], heading=s.heading, printed=s.numeral))
    for a, b in zip(found, found[1:], strict=False):
        if a.line is not None and b.line is not None and b.line < a.line:
            yield make("DOC.SECTION_ORDER", M.SECTION_OUT_OF_ORDER.format(
                numeral=NUMERALS[b.number - 1], heading=b.heading, prev_numeral=NUMERALS[a.number - 1]))
    for s in found:
        if s.number in (5, 6):
            junk = _empty_content(report, s)
            if junk is not None:
                extra = M.SECTION_EMPTY_JUNK.format(junk=junk) if junk else ""
                yield make("DOC.SECTION_EMPTY", M.SECTION_EMPTY.format(
                    numeral=NUMERALS[s.number - 1], heading=s.heading, junk=extra))


def _empty_content(report: Report, s: Section) -> str | None:
    """None when the section has real content; otherwise the first junk line seen ('' if none)."""
    agency = squash(report.agency or "")
    first_junk = ""
    for line in s.text.splitlines():
        q = squash(line).strip("#*|")
        if not q or _PAGE_NO.match(q) or _DATE_ONLY.match(q) or (agency and q == agency):
            continue
        if len(q) <= 40 and any(j in q for j in _JUNK):
            first_junk = first_junk or line.strip()
            continue
        if not re.search(r"[\u4e00-\u9fff]", q):
            continue
        return None
    return first_junk


# ---------------------------------------------------------------- statistics period

_PERIOD = re.compile(
    r"(?:(?P<y1>\d{4})年)?(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日?(?:起)?(?:至|到|—|-|~|～|－)+"
    r"(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日")
_PERIOD_KEYS = ("统计期限", "统计期间", "统计时限", "统计周期", "统计时间", "统计区间", "统计范围", "统计数据时限",
                "数据时限", "数据统计", "统计数据", "所列数据")


def find_period_text(report: Report) -> str | None:
    """The period as the extractor read it, or a clause of the prose that names one."""
    if report.period:
        return report.period
    for ln in report.lines:
        if ln.cells is not None:
            continue
        q = squash(ln.text)
        for key in _PERIOD_KEYS:
            k = q.find(key)
            if k >= 0 and ("至" in q[k:k + 60] or "到" in q[k:k + 60]):
                end = min((x for x in (q.find("。", k), q.find("；", k), q.find(",", k + 30)) if x > 0), default=k + 60)
                return q[k:min(end, k + 80)]
        if "1月1日" in q and "12月31日" in q:
            k = q.find("1月1日")
            return q[max(0, k - 20):q.find("12月31日") + 6]
    return None


def _period(report: Report) -> Iterator[Finding]:
    year = report.report_year
    expect = f"{year}年1月1日至{year}年12月31日" if year else "报告年度的1月1日至12月31日"
    text = remember(report, ("document.period", report.period), partial(find_period_text, report))
    if text is None:
        msg = M.PERIOD_MISSING.format(year=year) if year else M.PERIOD_MISSING_NOYEAR
        yield make("DOC.PERIOD", msg)
        return
    q = squash(text)
    m = _PERIOD.search(q)
    shown = text.strip()
    if m is None or not (m.group("y1") or m.group("y2")):
        yield make("DOC.PERIOD", M.PERIOD_MALFORMED.format(text=shown, expect=expect))
        return
    y1 = int(m.group("y1") or m.group("y2"))
    y2 = int(m.group("y2") or y1)
    if year and (y1 != year or y2 != year):
        yield make("DOC.PERIOD", M.PERIOD_WRONG.format(text=shown, expect=expect), expected=year, actual=y1)
        return
    start = (int(m.group("m1")), int(m.group("d1")))
    end = (int(m.group("m2")), int(m.group("d2")))
    if start != (1, 1) or end != (12, 31) or y1 != y2:
        yield make("DOC.PERIOD", M.PERIOD_NOT_FULL_YEAR.format(text=shown, expect=expect))


# ---------------------------------------------------------------- template in force, hybrid table 三


def _template(report: Report) -> Iterator[Finding]:
    year = report.report_year
    if year is not None and year >= 2021 and report.template_version == "2019":
        yield make("DOC.TEMPLATE_OUTDATED", M.TEMPLATE_OUTDATED.format(year=year))
    if report.hybrid:
        from core.findings import CellRef

        cells = tuple(CellRef("requests", "other", c) for c in report.tables["requests"].spec.cols_for("other"))
        yield make("DOC.TEMPLATE_HYBRID", M.TEMPLATE_HYBRID, cells=cells)


# ---------------------------------------------------------------- 信息处理费 (2021 template)

_FEE = re.compile(r"信息处理费|处理费|收费|收取.{0,8}费|费用")
_TABLE_FEE_WORDS = ("行政事业性收费", "收费金额", "收费通知", "缴纳费用")


def mentions_fee(text: str) -> bool:
    q = squash(text)
    for w in _TABLE_FEE_WORDS:
        q = q.replace(w, "")
    return bool(_FEE.search(q))


def _fee(report: Report) -> Iterator[Finding]:
    if report.template_version != "2021":
        return
    six = next((s for s in report.sections if s.number == 6), None)
    if six is not None and six.found:
        if not mentions_fee(six.text):
            yield make("DOC.FEE_NOT_REPORTED", M.FEE_NOT_REPORTED)
        return
    last = _last_table_line(report)
    tail = [ln.text for i, ln in enumerate(report.lines) if ln.cells is None and i > last]
    if not mentions_fee("\n".join(tail)):
        yield make("DOC.FEE_NOT_REPORTED", M.FEE_NOT_REPORTED_NO_SIX)


def _last_table_line(report: Report) -> int:
    """Index into report.lines of the last line of table 四 (or of any table, or the 四 heading)."""
    four = next((s for s in report.sections if s.number == 4 and s.found and s.line is not None), None)
    last = four.line if four and four.line is not None else -1
    for i, ln in enumerate(report.lines):
        if ln.cells is not None:
            last = max(last, i)
    return last
