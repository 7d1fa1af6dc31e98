"""The JSON object of one checked report, exactly as contract.md §2 describes it."""

from __future__ import annotations

from typing import Any

from core.findings import Finding, Findings
from core.model import Report
from core.ratios import ratios, year_on_year
from core.template import SECTION_HEADINGS

SCHEMA = "ogicheck/1"


def report_json(report: Report, findings: list[Finding], file: str | None = None,
                prev: Report | None = None) -> dict[str, Any]:
    sections = [
        {"number": s.number, "heading": s.heading, "found": s.found} for s in report.sections
    ] or [{"number": i + 1, "heading": h, "found": False} for i, h in enumerate(SECTION_HEADINGS)]
    ok_prev = prev is not None and prev.error is None and report.error is None
    tables: dict[str, Any] = {tid: t.to_json() for tid, t in report.tables.items()} if report.error is None else {}
    return {
        "schema": SCHEMA,
        "file": file if file is not None else report.path,
        "format": report.format,
        "error": report.error,
        "template": report.template_version,
        "report_year": report.report_year,
        "agency": report.agency,
        "title": report.title,
        "published": report.published,
        "script": report.script,
        "sections": sections,
        "tables": tables,
        "findings": [f.to_json() for f in findings],
        "summary": Findings(findings).summary(),
        # added for issue #15 (new key, the contract's keys unchanged): the figures of core.ratios
        "ratios": ratios(report) if report.error is None else None,
        # added (issue #15): with last year's report (--prev), its figures and the change (shares in points)
        "ratios_prev": ratios(prev) if ok_prev and prev is not None else None,
        "ratios_change": year_on_year(report, prev) if ok_prev and prev is not None else None,
    }
