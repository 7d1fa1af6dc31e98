"""Runs every rule family over a Report and returns the findings, sorted; a crashing rule becomes a finding."""

from __future__ import annotations

from core import rules
from core.findings import Finding, make, sort_key
from core.model import Report
from core.options import Options
from core.rules.reportcache import one_validation

__all__ = ["validate"]


def validate(report: Report, options: Options | None = None) -> list[Finding]:
    opts = options or Options()
    findings: list[Finding] = list(report.parse_findings)
    if report.error is None:
        with one_validation():  # the rules do not change the report: its prose and tables are fingerprinted once
            for name, rule in rules.RULES:
                try:
                    findings.extend(rule(report, opts))
                except Exception as exc:  # a crashing rule is reported, the others still run
                    findings.append(make("PARSE.RULE_FAILED",
                                         f"检查规则“{name}”运行出错（{type(exc).__name__}: {exc}），其结果未列出。"))
    if opts.severities:
        from dataclasses import replace

        findings = [replace(f, severity=opts.severities.get(f.rule, f.severity)) for f in findings]
    return sorted(findings, key=sort_key)
