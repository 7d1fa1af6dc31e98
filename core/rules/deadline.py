"""Publication deadline rules DOC.LATE and DOC.PUBLISHED_UNKNOWN for core.validate (level from core.deadlines)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from core import messages as M
from core.deadlines import deadline, guess_level, latest_deadline
from core.findings import Finding, make
from core.model import Report
from core.options import Options
from core.severity import Severity

RULE_IDS = ("DOC.LATE", "DOC.PUBLISHED_UNKNOWN")


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _file_date(report: Report) -> date | None:
    try:
        return date.fromisoformat(report.file_created) if report.file_created else None
    except ValueError:
        return None


def _late_by_file(made: date, year: int, due: date | None, level: str | None) -> Iterator[Finding]:
    """A file made after the deadline: a warning (not an error), since a file date is not a publication date."""
    limit = due or latest_deadline(year)
    if made <= limit:
        return
    level_name = ("各行政机关" if year <= 2018 else "政府部门和本级人民政府" if due is None
                  else M.LEVEL_NAMES[level or "department"])
    f = make("DOC.LATE", M.LATE_BY_FILE.format(made=_cn_date(made), level_name=level_name,
                                               deadline=_cn_date(limit), days=(made - limit).days),
             hint=M.PUBLISHED_HINT)
    yield replace(f, severity=Severity.WARNING)


def check_deadline(report: Report, options: Options) -> Iterator[Finding]:
    year = report.report_year
    if year is None:
        return
    given = options.level is not None
    level = options.level or guess_level(report.agency, report.title)
    due = deadline(year, level)
    published = options.published or report.published
    if not published:
        if due is not None:
            msg = M.PUBLISHED_UNKNOWN.format(level_name=M.LEVEL_NAMES[level or "department"], deadline=_cn_date(due))
        else:
            msg = M.PUBLISHED_UNKNOWN_NOLEVEL
        made = _file_date(report)
        if made is not None:
            source = "PDF 文件属性" if report.format == "pdf" else "Word 文件属性"
            msg += M.PUBLISHED_FILE_DATE.format(made=_cn_date(made), source=source)
        yield make("DOC.PUBLISHED_UNKNOWN", msg, hint=M.PUBLISHED_HINT)
        if made is not None:
            yield from _late_by_file(made, year, due, level)
        return
    try:
        when = date.fromisoformat(published)
    except ValueError:
        yield make("DOC.PUBLISHED_UNKNOWN", M.PUBLISHED_UNKNOWN_NOLEVEL, hint=M.PUBLISHED_HINT)
        return
    limit = due or latest_deadline(year)
    if when <= limit:
        return
    if year <= 2018:
        level_name = "各行政机关"
    elif due is None:
        level_name = "政府部门和本级人民政府"
    else:
        level_name = M.LEVEL_NAMES[level or "department"]
    if given:
        hint = M.LATE_HINT_GIVEN.format(level_name=level_name)
    elif due is not None and year > 2018:
        hint = M.LATE_HINT.format(agency=report.agency or report.title or "", level_name=level_name)
    else:
        hint = None
    yield make("DOC.LATE", M.LATE.format(published=published, level_name=level_name, deadline=_cn_date(limit),
                                         days=(when - limit).days), hint=hint)
