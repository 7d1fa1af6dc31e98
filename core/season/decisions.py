"""The officer's judgement on a finding (确认 or 忽略 with a reason, and a note) and how it finds its finding
again after a re-check: a stable key from the rule, the cells and the numbers the finding quotes.

The key leaves out where in the document the evidence stood (第12行, 第3页), so a re-check of an updated file
whose lines moved keeps the decision; when a number the finding is about changes, the decision no longer
applies and is listed as stale instead of being applied to a different problem.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from core.findings import Finding

CONFIRM = "confirm"  # 确认: a problem the agency must correct
IGNORE = "ignore"  # 忽略: a false alarm, or accepted
KINDS = {CONFIRM: "确认", IGNORE: "忽略"}
# why a finding is ignored (the officer's words; free text is allowed too)
IGNORE_REASONS = ("误报（工具判断有误）", "情况属实，予以接受")

_LOCATION = re.compile(r"第\s*\d+\s*[行页]|第\s*\d+\s*页第\s*\d+\s*行|\bline\s*\d+", re.I)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _numbers(text: str | None) -> list[str]:
    if not text:
        return []
    return _NUMBER.findall(_LOCATION.sub(" ", text))


def finding_key(f: Finding) -> str:
    """A stable key of a finding: rule, cells, expected/actual and the numbers of its message and evidence."""
    parts = [f.rule, sorted(f"{c.table}.{c.row}.{c.col}" for c in f.cells),
             None if f.expected is None else float(f.expected), None if f.actual is None else float(f.actual),
             _numbers(f.message), _numbers(f.evidence)]
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:20]


def _now() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Decision:
    """A decision on one finding of one report. `message` is the finding's text when decided (shown when the
    decision no longer matches any finding)."""

    key: str
    rule: str
    kind: str  # CONFIRM | IGNORE
    reason: str = ""  # for IGNORE: why (IGNORE_REASONS or her words)
    note: str = ""
    message: str = ""
    at: str = field(default_factory=_now)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown decision kind {self.kind!r}")

    @property
    def label(self) -> str:
        """确认 / 忽略 (the Chinese word for the window and exports)."""
        return KINDS[self.kind]

    @property
    def ignored(self) -> bool:
        return self.kind == IGNORE

    @classmethod
    def on(cls, finding: Finding, kind: str, reason: str = "", note: str = "") -> Decision:
        """A decision taken now on `finding`."""
        return cls(finding_key(finding), finding.rule, kind, reason, note, finding.message)

    def with_note(self, note: str) -> Decision:
        return replace(self, note=note, at=_now())


def match(findings: Iterable[Finding], decisions: Iterable[Decision]) -> tuple[dict[Finding, Decision], list[Decision]]:
    """Pair decisions with the findings of a (re-)check: (applied: finding → decision, stale: decisions that
    match no finding any more, in their order)."""
    by_key: dict[str, Decision] = {}
    for d in decisions:
        by_key[d.key] = d
    applied: dict[Finding, Decision] = {}
    used: set[str] = set()
    for f in findings:
        k = finding_key(f)
        hit = by_key.get(k)
        if hit is not None:
            applied[f] = hit
            used.add(k)
    stale = [d for k, d in by_key.items() if k not in used]
    return applied, stale


def active(findings: Iterable[Finding], decisions: Iterable[Decision]) -> tuple[list[Finding], list[Finding]]:
    """(findings still counted, findings ignored): ignored findings are counted apart."""
    items = list(findings)
    applied, _ = match(items, decisions)
    counted: list[Finding] = []
    ignored: list[Finding] = []
    for f in items:
        (ignored if (d := applied.get(f)) is not None and d.ignored else counted).append(f)
    return counted, ignored
