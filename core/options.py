"""What a check knows beyond the document (last year's report, overrides), for core.validate and every rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from core.deadline_profiles import DeadlineProfile
from core.findings import Finding, Severity
from core.model import Report


@dataclass(frozen=True)
class Options:
    """What the caller knows beyond the document: last year's report, overrides, severity settings."""

    prev: Report | None = None
    published: str | None = None  # YYYY-MM-DD, overrides the date read from the document
    level: str | None = None  # department | government; None: guessed from the agency name
    severities: dict[str, Severity] = field(default_factory=dict)  # user overrides by rule id
    typos: tuple[tuple[str, str], ...] = ()  # the officer's own misspellings (wrong, right) for TEXT.TYPO
    deadline_profile: DeadlineProfile | None = None  # a region's own deadlines for DOC.LATE; None: statutory


Rule = Callable[[Report, Options], Iterable[Finding]]
