"""The checks of issue #15 on every seed and corpus report: exactly the findings listed here, each one read by
hand and true (the reason is given beside it); a file not listed must get none of them."""

from __future__ import annotations

import pytest
from conftest import CORPUS, SEEDS

from core.api import load_report
from core.validate import validate

NEW_RULES = ("DOC.HEADING_STRUCTURE", "TEXT.CONTRADICTION", "TEXT.YEAR", "TEXT.TYPO")

# file → [(rule, a phrase of the message)], in the validator's order
EXPECTED: dict[str, list[tuple[str, str]]] = {
    # true: the prose says all 31 were closed, 表三 has 30 closed and 1 carried forward (seeds-expected notes)
    "003_9e8d5b29d69cafef.txt": [
        ("TEXT.CONTRADICTION", "正文“从办理情况看,31件均已按时按程序办结。”（第10行）称申请均已办结，但表三“四、结转下年度继续办理”行“总计”列为 1。"),
    ],
    # true: six narrative sections 一…六 (工作机制保障, 主动公开工作情况… are sub-topics of 总体情况), then the
    # numbering restarts 一、主动公开政府信息情况 (the manifest's "NON-STANDARD STRUCTURE")
    "012_shanghai_kewei_2024.md": [
        ("DOC.HEADING_STRUCTURE", "“一、总体情况”的分项被编成了一级标题：“二、工作机制保障”"),
        ("DOC.HEADING_STRUCTURE", "一级标题的编号在“一、主动公开政府信息情况”（第73行）处重新从“一”开始"),
        # true: "2023 年上海市科技计划资金资金分配结果信息"
        ("TEXT.TYPO", "中“资金资金”重复，应为“资金”。"),
    ],
}

FILES = sorted(p for p in [*SEEDS.glob("*.txt"), *CORPUS.glob("0*")] if p.is_file())


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_new_checks_on_real_reports(path):
    findings = [f for f in validate(load_report(path)) if f.rule in NEW_RULES]
    want = EXPECTED.get(path.name, [])
    got = [(f.rule, f.message) for f in findings]
    assert len(got) == len(want), "\n".join(m for _, m in got)
    for (rule, msg), (want_rule, phrase) in zip(got, want, strict=True):
        assert rule == want_rule and phrase in msg, msg
