"""Document rules on constructed reports: title, sections, statistics period, template in force, hybrid table,
信息处理费 statement, publication deadline with the level guessed or given."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rules_factory import make_report

from core.deadlines import DEPARTMENT, GOVERNMENT, deadline, guess_level
from core.model import Section
from core.options import Options
from core.rules.deadline import check_deadline
from core.rules.document import check_document
from core.template import TEMPLATE_2019


def _doc(report, opts=None):
    return list(check_document(report, opts or Options()))


def _ids(report, opts=None):
    return sorted(f.rule for f in _doc(report, opts))


def test_clean_report_has_no_document_findings():
    assert _ids(make_report("2021")) == []
    assert _ids(make_report("2019")) == []


@pytest.mark.parametrize("title", [
    "鹤城区2020年政府信息公开工作年度报告",
    "沐阳县人民政府 2025 年 政府信息公开工作年度报告",
    "2024 年上海市科委政府信息公开工作年度报告",
    "某某市某某局2020年度政府信息公开工作年度报告",
    "某某市某某局政府信息公开工作年度报告（2020年）",
])
def test_title_forms_accepted(title):
    assert _ids(make_report("2021", title=title)) == []


@pytest.mark.parametrize("title,found", [
    ("海东市平安区政务服务中心 2019年政府信息公开工作制度报告", "政府信息公开工作制度报告"),
    ("沭阳县发展和改革局2023年政府信息公开年度报告", "政府信息公开年度报告"),
    ("某某局2020年政府信息公开工作的年度报告", "政府信息公开工作的年度报告"),
])
def test_title_format_fires(title, found):
    [f] = _doc(make_report("2021", title=title))
    assert f.rule == "DOC.TITLE_FORMAT" and f.severity.key == "warning"
    assert title in f.message and f"此处写作“{found}”" in f.hint


def test_title_without_year_and_missing_title():
    [f] = _doc(make_report("2021", title="某某局政府信息公开工作年度报告"))
    assert f.rule == "DOC.TITLE_FORMAT" and "年度" in f.hint
    assert _ids(make_report("2021", title=None)) == ["DOC.TITLE_MISSING"]


def test_sections_missing_misnumbered_and_out_of_order():
    r = make_report("2021")
    s = r.sections
    r.sections = [s[0], replace(s[1], numeral="一"), s[2], s[3], Section(5, s[4].heading, False), s[5]]
    fs = _doc(r)
    assert sorted(f.rule for f in fs) == ["DOC.SECTION_MISSING", "DOC.SECTION_ORDER"]
    msgs = {f.rule: f.message for f in fs}
    assert msgs["DOC.SECTION_MISSING"] == "缺少第五部分“五、存在的主要问题及改进情况”。"
    assert msgs["DOC.SECTION_ORDER"] == "第二部分“二、主动公开政府信息情况”的序号印作“一”，应为“二”。"
    assert [f.severity.key for f in fs if f.rule == "DOC.SECTION_MISSING"] == ["error"]
    r.sections = [s[0], s[1], replace(s[2], line=50), replace(s[3], line=40), s[4], s[5]]
    r.sections[4] = replace(s[4], line=60)
    r.sections[5] = replace(s[5], line=70)
    assert _ids(r) == ["DOC.SECTION_ORDER"]


@pytest.mark.parametrize("text,empty", [
    ("扫一扫在手机打开当前页\n相关文章:", True),
    ("", True),
    ("— 7 —\n某某市某某局\n2021年3月1日", True),
    ("无", False),
    ("本年度未收取信息处理费。", False),
])
def test_section_six_empty(text, empty):
    r = make_report("2019", section_texts={6: text})
    fs = [f for f in _doc(r) if f.rule == "DOC.SECTION_EMPTY"]
    assert bool(fs) == empty
    if fs and "扫一扫" in text:
        assert "扫一扫在手机打开当前页" in fs[0].message


@pytest.mark.parametrize("period,fires", [
    ("本报告所列数据的统计期限为2020年1月1日至2020年12月31日", False),
    ("统计期限从2020年1月1日至12月31日止", False),
    ("统计周期为2020 年 1 月 1 日至 12 月 31 日", False),
    ("统计期限自20201月1日至202012月31日", True),
    ("统计期限为2019年1月1日至2019年12月31日", True),
    ("统计期限为2020年1月1日至2020年6月30日", True),
])
def test_period(period, fires):
    r = make_report("2019", year=2020, period=period)
    fs = [f for f in _doc(r) if f.rule == "DOC.PERIOD"]
    assert bool(fs) == fires


def test_period_missing_or_found_in_prose():
    r = make_report("2019", year=2020, period="x")
    r.period = None
    [f] = [f for f in _doc(r) if f.rule == "DOC.PERIOD"]
    assert f.message == "未写明数据统计期限（应为2020年1月1日至2020年12月31日）。"
    r = make_report("2019", year=2020, prose=["本报告的统计数据时限为2020年1月1日至12月31日,通过门户网站对外公布。"])
    r.period = None
    assert [f for f in _doc(r) if f.rule == "DOC.PERIOD"] == []


def test_template_outdated_and_hybrid():
    r = make_report("2019", year=2021)
    assert "DOC.TEMPLATE_OUTDATED" in _ids(r)
    assert "DOC.TEMPLATE_OUTDATED" not in _ids(make_report("2019", year=2020))
    r = make_report("2021", hybrid=True)
    [f] = [f for f in _doc(r) if f.rule == "DOC.TEMPLATE_HYBRID"]
    assert f.severity.key == "warning" and {c.row for c in f.cells} == {"other"}


@pytest.mark.parametrize("six,fires", [
    ("本年度未收取信息处理费。", False),
    ("2023年度，县发展和改革局政府信息公开未发生收费情况。", False),
    ("本机关按规定收取费用 380 元。", False),
    ("本年度落实政务公开工作要点情况良好。", True),
    ("无", True),
])
def test_fee_statement_2021(six, fires):
    r = make_report("2021", section_texts={6: six})
    assert ("DOC.FEE_NOT_REPORTED" in _ids(r)) == fires
    r19 = make_report("2019", section_texts={6: six})
    assert "DOC.FEE_NOT_REPORTED" not in _ids(r19)


def test_fee_without_section_six_reads_text_after_the_tables():
    r = make_report("2021", section_texts={6: "无"})
    r.sections[5] = Section(6, r.sections[5].heading, False)
    assert "DOC.FEE_NOT_REPORTED" in _ids(r)
    r = make_report("2021", section_texts={5: "问题与改进。本年度未收取信息处理费。"})
    r.sections[5] = Section(6, r.sections[5].heading, False)
    assert "DOC.FEE_NOT_REPORTED" not in _ids(r)


# ---------------------------------------------------------------- deadline and level


@pytest.mark.parametrize("agency,level", [
    ("株洲市渌口区行政审批服务局", DEPARTMENT),
    ("鹤城区", GOVERNMENT),
    ("沐阳县人民政府", GOVERNMENT),
    ("淮安市洪泽区人民政府", GOVERNMENT),
    ("上海市人民政府办公厅", DEPARTMENT),
    ("上海市科委", DEPARTMENT),
    ("沭阳县发展和改革局", DEPARTMENT),
    (None, None),
])
def test_level_guess(agency, level):
    assert guess_level(agency) == level


def test_level_from_title_when_agency_unknown():
    assert guess_level(None, "鹤城区2020年政府信息公开工作年度报告") == GOVERNMENT


def test_deadlines():
    assert str(deadline(2020, DEPARTMENT)) == "2021-01-31"
    assert str(deadline(2020, GOVERNMENT)) == "2021-03-31"
    assert str(deadline(2017, DEPARTMENT)) == "2018-03-31"
    assert deadline(2020, None) is None


def _late(report, opts=None):
    return list(check_deadline(report, opts or Options()))


def test_department_late_and_overrides():
    r = make_report("2019", year=2020, agency="株洲市渌口区行政审批服务局", published="2021-03-22")
    [f] = _late(r)
    assert f.rule == "DOC.LATE" and f.severity.key == "error"
    assert f.message == "报告于 2021年3月22日 发布，晚于政府部门年度报告的法定期限 2021年1月31日（逾期 50 天）。"
    assert "核查设置" in f.hint and "--level" not in f.hint  # the window's wording; the CLI adds its own
    assert _late(r, Options(level=GOVERNMENT)) == []
    assert _late(r, Options(published="2021-01-30")) == []


def test_government_on_time_and_unknown_level():
    r = make_report("2021", year=2025, agency="沐阳县人民政府", published="2026-01-23")
    assert _late(r) == []
    r = make_report("2021", year=2022, agency=None, title=None, published="2023-02-15")
    assert _late(r) == []  # level unknown: only past 31 Mar is certainly late
    r = make_report("2021", year=2022, agency=None, title=None, published="2023-04-02")
    [f] = _late(r)
    assert f.rule == "DOC.LATE" and "2023年3月31日" in f.message


def test_published_unknown_is_info():
    r = make_report("2021", year=2022, agency="某某市某某局", published=None)
    [f] = _late(r)
    assert f.rule == "DOC.PUBLISHED_UNKNOWN" and f.severity.key == "info"
    assert "2023年1月31日" in f.message
    assert _late(r, Options(published="2023-01-05")) == []


def test_no_year_no_deadline_findings():
    r = make_report("2021")
    r.report_year = None
    assert _late(r) == []
    r.template = TEMPLATE_2019
    assert [f for f in _doc(r) if f.rule == "DOC.TEMPLATE_OUTDATED"] == []
