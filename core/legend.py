"""One colour legend for findings, shared by the desktop grids, the Excel export and the printed summary."""

from __future__ import annotations

from dataclasses import dataclass

from core.findings import Finding, Severity


@dataclass(frozen=True)
class LegendEntry:
    key: str  # error | warning | info | missing | corrected
    label: str  # Chinese label shown to the officer
    fill: str  # background, hex RGB without '#'
    text: str  # foreground, hex RGB without '#'


LEGEND: tuple[LegendEntry, ...] = (
    LegendEntry("error", "错误", "F8CBCB", "7A0000"),
    LegendEntry("warning", "警告", "FFE9A8", "5C4300"),
    LegendEntry("info", "提示", "D6E6FA", "123A66"),
    LegendEntry("missing", "空白单元格", "E6E6E6", "444444"),
    LegendEntry("corrected", "已更正", "CDEFD2", "0B4F19"),
)
BY_KEY = {e.key: e for e in LEGEND}


def legend_key(findings: list[Finding], corrected: bool = False) -> str | None:
    """The legend entry of a cell from the findings that name it: corrected wins, then the worst severity;
    a cell whose only findings are CELL.MISSING is shown as missing."""
    if corrected:
        return "corrected"
    if not findings:
        return None
    if all(f.rule == "CELL.MISSING" for f in findings):
        return "missing"
    worst = max(f.severity for f in findings if f.rule != "CELL.MISSING")
    return {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}[worst]
