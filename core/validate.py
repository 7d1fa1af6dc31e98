"""Runs every rule family over a Report and returns the findings, sorted; a crashing rule becomes a finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from core.findings import Finding, Severity, make, sort_key
from core.model import Report


@dataclass(frozen=True)
class Options:
    """What the caller knows beyond the document: last year's report, overrides, severity settings."""

    prev: Report | None = None
    published: str | None = None  # YYYY-MM-DD, overrides the date read from the document
    level: str | None = None  # department | government; None: guessed from the agency name
    severities: dict[str, Severity] = field(default_factory=dict)  # user overrides by rule id
    typos: tuple[tuple[str, str], ...] = ()  # the officer's own misspellings (wrong, right) for TEXT.TYPO


Rule = Callable[[Report, Options], Iterable[Finding]]


def _rules() -> list[tuple[str, Rule]]:
    """The explicit list of rule families, in the order they run."""
    from core.rules import RULES

    return RULES


def validate(report: Report, options: Options | None = None) -> list[Finding]:
    opts = options or Options()
    findings: list[Finding] = list(report.parse_findings)
    if report.error is None:
        for name, rule in _rules():
            try:
                findings.extend(rule(report, opts))
            except Exception as exc:  # a crashing rule is reported, the others still run
                findings.append(make("PARSE.RULE_FAILED", f"检查规则“{name}”运行出错（{type(exc).__name__}: {exc}），其结果未列出。"))
    if opts.severities:
        from dataclasses import replace

        findings = [replace(f, severity=opts.severities.get(f.rule, f.severity)) for f in findings]
    return sorted(findings, key=sort_key)
