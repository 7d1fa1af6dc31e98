"""What the officer decided about one report, for its exports: her decisions matched to its findings (确认; 忽略
with a reason; a note) and the publication date she set in 核查设置. The window shows an ignored finding dimmed
and counts it apart from 错误 / 警告 / 提示; every export does the same and carries her decisions and notes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from core.findings import Finding
from core.model import Report
from core.season.decisions import CONFIRM, Decision, match

SET_BY_OFFICER = "（核查人员设定）"


@dataclass(frozen=True)
class Review:
    decided: Mapping[Finding, Decision] = field(default_factory=dict)
    published: str | None = None  # YYYY-MM-DD she set; None: the date read from the report stands

    @classmethod
    def of(cls, findings: Iterable[Finding], decisions: Iterable[Decision], published: str | None = None) -> Review:
        """Her decisions matched to these findings (a decision whose finding is gone is left out)."""
        decisions = list(decisions)
        return cls(match(list(findings), decisions)[0] if decisions else {}, published)

    def is_ignored(self, f: Finding) -> bool:
        d = self.decided.get(f)
        return d is not None and d.ignored

    def counted(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings that count (not ignored), in their order."""
        return [f for f in findings if not self.is_ignored(f)]

    def ignored(self, findings: Iterable[Finding]) -> list[Finding]:
        return [f for f in findings if self.is_ignored(f)]

    def verdict(self, f: Finding) -> str:
        """确认 / 忽略：reason / "" (no decision)."""
        d = self.decided.get(f)
        if d is None:
            return ""
        if d.kind == CONFIRM:
            return "已确认"
        return f"已忽略：{d.reason}" if d.reason else "已忽略"

    def note(self, f: Finding) -> str:
        d = self.decided.get(f)
        return d.note if d is not None else ""

    def published_text(self, report: Report, unknown: str = "") -> str:
        """The publication date shown in an export: hers (marked as set by her), else the one read."""
        if self.published:
            return self.published + SET_BY_OFFICER
        return report.published or unknown


NO_REVIEW = Review()
