"""TEXT.TYPO: doubled words and common misspellings, the officer's own list; legitimate reduplications stay silent."""

from __future__ import annotations

import pytest
from text_support import text_report

from core.options import Options
from core.rules.typos import check_typos, read_typo_file


def _t(line, typos=()):
    return list(check_typos(text_report(["一、总体情况", line, "二、主动公开政府信息情况"]), Options(typos=typos)))


@pytest.mark.parametrize("line,found", [
    ("公开2023年上海市科技计划资金资金分配结果信息。", "资金资金"),
    ("加强政府信息公开的的规范化建设。", "的的"),
    ("统筹做好工作按排。", "按排"),
])
def test_doubled_words_and_misspellings(line, found):
    [f] = _t(line)
    assert f.rule == "TEXT.TYPO" and f.severity.key == "info"
    assert f"中“{found}”" in f.message and "（第2行）" in f.message


@pytest.mark.parametrize("line", [
    "做到人人知晓、常常提醒、天天更新，谢谢群众监督。",
    "全年公开信息1111条，22件申请全部办结。",
    "研究研究再决定。",
    "政府信息公开工作稳步推进。",
])
def test_legit_reduplications_are_silent(line):
    assert _t(line) == []


def test_the_officers_own_list(tmp_path):
    path = tmp_path / "typos.txt"
    path.write_text("# 本地常见错字\n沐阳 沭阳\n政务公开网→政务公开专栏\n", encoding="utf-8")
    pairs = read_typo_file(path)
    assert pairs == (("沐阳", "沭阳"), ("政务公开网", "政务公开专栏"))
    [f] = _t("沐阳县政府信息公开工作。", typos=pairs)
    assert "中“沐阳”疑为错别字，应为“沭阳”。" in f.message
    assert read_typo_file(tmp_path / "missing.txt") == ()
