"""What a batch gives its summary workbook and the window: one BatchResult per file, and the summary sheet's name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.findings import Finding, Severity
from core.model import Report
from core.season.decisions import Decision

SUMMARY_SHEET = "批量核查汇总"  # the first sheet of the batch workbook; also how a batch recognises its own output


@dataclass
class BatchResult:
    """One file of a batch or a set: its report (the cells and metadata only; None when unreadable), findings,
    last year's match, and in a set the officer's status and decisions."""

    path: Path
    report: Report | None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    prev_path: Path | None = None
    status: str | None = None  # 未核查 | 有问题 | 已核实 | 已退回 (sets only)
    decisions: list[Decision] = field(default_factory=list)

    @property
    def counts(self) -> dict[Severity, int]:
        out = {s: 0 for s in Severity}
        for f in self.findings:
            out[f.severity] += 1
        return out
