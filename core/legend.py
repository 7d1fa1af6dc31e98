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

# the corner mark every corrected cell carries, whatever its colour (a corrected cell that still breaks a sum is red)
CORRECTED_MARK = "1E8E3E"


@dataclass(frozen=True)
class Look:
    """A look of a grid cell that is not a colour, and what it means (shown beside the colours)."""

    key: str  # corner | italic | hatched
    label: str  # short Chinese label
    meaning: str  # one Chinese sentence
    short: str = ""  # a few characters, for the one-line legend under the grids


LOOKS: tuple[Look, ...] = (
    Look("corner", "◤绿角", "已更正的单元格：右上角绿色三角；仍有问题时底色仍按问题显示", "已更正"),
    Look("italic", "斜体", "数字的读取存疑（位置是推断的或有几种拆法），请对照原文核对", "读取存疑"),
    Look("hatched", "斜线格", "模板中没有这一栏（与空白单元格不同，无需填写）", "模板无此栏"),
)


def legend_key(findings: list[Finding], corrected: bool = False) -> str | None:
    """The legend entry of a cell: the worst of its open findings; a cell whose only findings are CELL.MISSING
    is shown as missing; a corrected cell with no open finding is shown as corrected (a corrected cell that still
    breaks a sum keeps the colour of that finding and carries the corrected mark, see `CORRECTED_MARK`)."""
    if not findings:
        return "corrected" if corrected else None
    if all(f.rule == "CELL.MISSING" for f in findings):
        return "missing"
    worst = max(f.severity for f in findings if f.rule != "CELL.MISSING")
    return {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}[worst]
