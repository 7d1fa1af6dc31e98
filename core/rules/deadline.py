"""Publication deadline rules DOC.LATE and DOC.PUBLISHED_UNKNOWN for core.validate (level from core.deadlines)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from core import messages as M
from core.deadline_profiles import DeadlineProfile
from core.deadlines import DEPARTMENT, GOVERNMENT, deadline, guess_level, latest_deadline
from core.findings import Finding, make
from core.layout import date_text
from core.model import Report
from core.options import Options
from core.severity import Severity

RULE_IDS = ("DOC.LATE", "DOC.PUBLISHED_UNKNOWN")


def _file_date(report: Report) -> date | None:
    try:
        return date.fromisoformat(report.file_created) if report.file_created else None
    except ValueError:
        return None


def _late_by_file(made: date, year: int, due: date | None, level: str | None,
                  profile: DeadlineProfile | None) -> Iterator[Finding]:
    """A file made after the deadline: a warning (not an error), since a file date is not a publication date."""
    limit = due if due is not None else _latest(year, profile)[0]
    if made <= limit:
        return
    level_name = ("各行政机关" if year <= 2018 else "政府部门和本级人民政府" if due is None
                  else M.LEVEL_NAMES[level or "department"])
    f = make("DOC.LATE", M.LATE_BY_FILE.format(made=date_text(made), level_name=level_name,
                                               deadline=date_text(limit), days=(made - limit).days),
             hint=M.PUBLISHED_HINT)
    yield replace(f, severity=Severity.WARNING)


def check_deadline(report: Report, options: Options) -> Iterator[Finding]:
    year = report.report_year
    if year is None:
        return
    given = options.level is not None
    level = options.level or guess_level(report.agency, report.title)
    profile = options.deadline_profile
    due, by_profile = _due(year, level, profile)
    published = options.published or report.published
    if not published:
        if due is not None and by_profile and profile is not None:
            msg = M.PUBLISHED_UNKNOWN_PROFILE.format(profile=profile.name, deadline=date_text(due),
                                                     level_name=M.LEVEL_NAMES[level or "department"])
        elif due is not None:
            msg = M.PUBLISHED_UNKNOWN.format(level_name=M.LEVEL_NAMES[level or "department"], deadline=date_text(due))
        else:
            msg = M.PUBLISHED_UNKNOWN_NOLEVEL
        made = _file_date(report)
        if made is not None:
            source = "PDF 文件属性" if (report.text_format or report.format) == "pdf" else "Word 文件属性"
            msg += M.PUBLISHED_FILE_DATE.format(made=date_text(made), source=source)
        yield make("DOC.PUBLISHED_UNKNOWN", msg, hint=M.PUBLISHED_HINT)
        if made is not None:
            yield from _late_by_file(made, year, due, level, profile)
        return
    try:
        when = date.fromisoformat(published)
    except ValueError:
        yield make("DOC.PUBLISHED_UNKNOWN", M.PUBLISHED_UNKNOWN_NOLEVEL, hint=M.PUBLISHED_HINT)
        return
    if due is None:
        limit, by_profile = _latest(year, profile)
    else:
        limit = due
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
    if by_profile and profile is not None:
        yield make("DOC.LATE", M.LATE_PROFILE.format(profile=profile.name, published=date_text(published), level_name=level_name,
                                                     deadline=date_text(limit), days=(when - limit).days), hint=hint)
        return
    yield make("DOC.LATE", M.LATE.format(published=date_text(published), level_name=level_name, deadline=date_text(limit),
                                         days=(when - limit).days), hint=hint)


def _due(year: int, level: str | None, profile: DeadlineProfile | None) -> tuple[date | None, bool]:
    """The deadline for the level (None when the level decides it and is unknown) and whether the profile set it."""
    own = profile.deadline(year, level) if profile is not None else None
    return (own, True) if own is not None else (deadline(year, level), False)


def _latest(year: int, profile: DeadlineProfile | None) -> tuple[date, bool]:
    """The latest deadline over both levels (the level is unknown) and whether the profile set it."""
    options = [_due(year, level, profile) for level in (DEPARTMENT, GOVERNMENT)]
    dated = [(d, p) for d, p in options if d is not None] or [(latest_deadline(year), False)]
    return max(dated, key=lambda x: (x[0], not x[1]))
