"""DOC.HEADING_STRUCTURE: numbering that restarts, promoted sub-topics, a shifted block, a missing or repeated
（n）, an enumeration 一是…三是…三是; and the real layouts that must stay silent."""

from __future__ import annotations

import pytest
from text_support import text_report

from core.options import Options
from core.rules.headings import check_headings

STANDARD = [
    "一、总体情况",
    "（一）主动公开情况。本机关全年主动公开政府信息120条。",
    "（二）依申请公开情况。全年收到申请5件。",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "一是培训不够；二是栏目更新不及时；三是解读形式单一。",
    "六、其他需要报告的事项",
    "本年度未收取信息处理费。",
]


def _h(lines, **kw):
    return list(check_headings(text_report(lines, **kw), Options()))


def test_standard_structure_is_silent():
    assert _h(STANDARD) == []


def test_sub_topics_of_the_overview_numbered_as_sections_and_the_restart():
    lines = ["一、总体情况", "本机关认真贯彻条例。", "", "二、工作机制保障", "设立协调小组。", "",
             "三、主动公开工作情况", "全年发布信息393件。", "",
             "一、主动公开政府信息情况", "二、收到和处理政府信息公开申请情况", "三、政府信息公开行政复议、行政诉讼情况",
             "四、存在的主要问题及改进情况", "五、其他需要报告的事项", "未收费。"]
    fs = _h(lines)
    assert [f.rule for f in fs] == ["DOC.HEADING_STRUCTURE"] * 2
    assert fs[0].message.startswith("“一、总体情况”的分项被编成了一级标题：“二、工作机制保障”、“三、主动公开工作情况”（第4行）")
    assert fs[1].message == ("一级标题的编号在“一、主动公开政府信息情况”（第10行）处重新从“一”开始"
                             "（前一个一级标题为“三、主动公开工作情况”（第7行））。")
    assert fs[0].severity.key == "warning"


def test_whole_block_shifted_by_one():
    lines = ["一、总体情况", "概述。", "三、主动公开政府信息情况", "四、收到和处理政府信息公开申请情况",
             "五、政府信息公开行政复议、行政诉讼情况", "六、存在的主要问题及改进情况", "七、其他需要报告的事项", "无。"]
    fs = _h(lines)
    assert [f.message for f in fs] == ["第二至第六部分的序号整体错位 1 位（印作三、四、五、六、七），应为二、三、四、五、六。"]


@pytest.mark.parametrize("subs,message", [
    (["（一）组织领导。加强领导。", "（三）平台建设。加强平台。"],
     "在“一、总体情况”下，小标题“（三）平台建设”（第3行）之前缺少（二）。"),
    (["（一）组织领导。加强领导。", "（二）平台建设。加强平台。", "（二）监督保障。加强监督。"],
     "在“一、总体情况”下，小标题“（二）监督保障”（第4行）的序号“（二）”重复或倒退。"),
    (["（二）平台建设。加强平台。"], "在“一、总体情况”下，小标题“（二）平台建设”（第2行）之前缺少（一）。"),
])
def test_missing_or_repeated_sub_heading(subs, message):
    lines = ["一、总体情况", *subs, *STANDARD[3:]]
    assert [f.message for f in _h(lines)] == [message]


def test_enumeration_with_a_repeated_number():
    lines = [*STANDARD[:7], "一是培训不够；二是栏目更新不及时；三是解读形式单一；三是互动不足。", *STANDARD[8:]]
    [f] = _h(lines)
    assert f.message == "列举“一是…二是…三是…三是”（第8行）的序号不连续：“三是”处应为“四是”。"


@pytest.mark.parametrize("line", [
    "一是培训不够；二是栏目更新不及时。下一步，一是加强培训；二是及时更新。",  # two lists
    "统一是前提，规范是基础。",  # 一是 inside a word
    "三是解读形式单一。",  # a single mark continuing a list of the previous paragraph
    "依据条例第二十条第（一）项、第（二）项公开。",
])
def test_legit_enumerations_are_silent(line):
    assert _h([*STANDARD[:7], line, *STANDARD[8:]]) == []


def test_wrapped_line_starting_with_a_numeral_is_not_a_heading():
    lines = [*STANDARD[:3], "依照《中华人民共和国政府信息公开条例》第二十条第",  # a long wrapped line, no sentence end
             "（三）项的规定公开有关信息，全年公开文件二十件。", *STANDARD[3:]]
    assert _h(lines) == []


def test_table_row_labels_printed_as_prose_are_not_sub_headings():
    lines = [*STANDARD[:5], "（一）予以公开", "（三）不予公开", *STANDARD[5:]]
    assert _h(lines) == []
