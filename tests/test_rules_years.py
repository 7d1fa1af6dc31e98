"""TEXT.YEAR: a year stated for the report's own work or the report itself that is not the report's year; the
comparisons, history and plans that name other years stay silent."""

from __future__ import annotations

import pytest
from text_support import text_report

from core.options import Options
from core.rules.years import check_years
from core.textnorm import squash


def _y(line, year=2024):
    return list(check_years(text_report(["一、总体情况", line, "二、主动公开政府信息情况"], year=year), Options()))


@pytest.mark.parametrize("line,phrase,stated", [
    ("本单位2023年度政务公开工作在区委区政府的领导下扎实推进。", "本单位2023年度政务公开", 2023),
    ("根据条例要求，编制了2023年度政府信息公开工作年度报告。", "编制了2023年度政府信息公开工作年度报告", 2023),
    ("我局2025年政府信息公开工作取得新成效。", "我局2025年政府信息公开", 2025),
])
def test_own_work_or_own_report_in_another_year(line, phrase, stated):
    [f] = _y(line)
    assert f.rule == "TEXT.YEAR" and f.severity.key == "warning"
    assert f.message == f"正文“{squash(line)}”（第2行）中“{phrase}”写的是 {stated} 年，但本报告是 2024 年度的报告。"
    assert (f.expected, f.actual) == (2024, stated)


@pytest.mark.parametrize("line", [
    "本单位2024年度政务公开工作扎实推进。",
    "主动公开文件数量较2023年增长12%。",
    "我局2023年政务公开工作中存在的问题已全部整改。",
    "依据《某某市行政规范性文件管理办法》（2019年修订）开展清理。",
    "截至2024年12月31日，本机关现行有效规范性文件35件。",
    "2025年，我局将继续加强政务公开工作。",
    "我局2019年以来政府信息公开工作持续推进。",
])
def test_comparisons_history_and_plans_are_silent(line):
    assert _y(line) == []
