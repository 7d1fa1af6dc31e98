"""What a batch gives its summary workbook and the window: one BatchResult per file, and the summary sheet's name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.findings import Finding, Severity
from core.model import Report

SUMMARY_SHEET = "批量核查汇总"  # the first sheet of the batch workbook; also how a batch recognises its own output


@dataclass
class BatchResult:
    """One file of a batch: its report (None only if reading crashed), findings, and last year's match."""

    path: Path
    report: Report | None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    prev_path: Path | None = None

    @property
    def counts(self) -> dict[Severity, int]:
        out = {s: 0 for s in Severity}
        for f in self.findings:
            out[f.severity] += 1
        return out
