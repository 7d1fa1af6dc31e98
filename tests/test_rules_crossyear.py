"""Cross-year rules with Options.prev: carry-over per column, 现行有效 roll-forward (2021), item counts (2019),
near-duplicate prose."""

from __future__ import annotations

from rules_factory import blank, make_report, num, set_cell

from core.options import Options
from core.rules.crossyear import check_crossyear, similarity

PROSE_A = ("本机关坚持以公开为常态、不公开为例外，围绕中心工作，持续深化重点领域信息公开，不断完善依申请公开办理机制，"
           "严格按照法定时限答复申请人，加强政策解读和回应关切，及时准确发布权威信息，推进政务公开平台规范化建设，"
           "优化政府门户网站栏目设置，加强信息发布审核把关，切实保障人民群众的知情权、参与权、表达权和监督权。"
           "同时加强工作人员业务培训，提升依法公开意识和能力，健全监督考核机制，把政务公开纳入年度绩效考核内容。")
PROSE_B = ("今年我们重点推进了基层政务公开标准化规范化工作，编制了二十六个领域的公开事项目录，在乡镇便民服务中心设立查阅点，"
           "组织开展政府开放日活动四次，邀请群众代表走进机关参与决策讨论，并针对营商环境、乡村振兴等主题发布图解和视频解读，"
           "全年网站访问量明显增长。下一步将探索运用大数据手段分析公众关注热点，提高主动公开的针对性和实效性，完善意见征集反馈机制。")


def _pair(version="2021"):
    prev = make_report(version, seed=21, year=2021 if version == "2021" else 2019)
    this = make_report(version, seed=22, year=2022 if version == "2021" else 2020)
    rq_prev, rq_this = prev.tables["requests"], this.tables["requests"]
    for c in rq_this.spec.cols_for("carried_over"):
        rq_this.cells[("carried_over", c)] = num(rq_prev.value("carried_forward", c) or 0)
    return prev, this


def _x(this, prev):
    return list(check_crossyear(this, Options(prev=prev)))


def test_nothing_without_prev():
    _, this = _pair()
    assert list(check_crossyear(this, Options())) == []


def test_carry_per_column():
    prev, this = _pair()
    set_cell(prev, "requests", "carried_forward", "natural", num(3))
    set_cell(this, "requests", "carried_over", "natural", num(2))
    set_cell(this, "requests", "carried_over", "legal", blank())
    fs = [f for f in _x(this, prev) if f.rule == "XYEAR.CARRY"]
    assert [(f.cells[0].col, f.expected, f.actual) for f in fs] == [("natural", 3, 2)]
    assert fs[0].message == "表三“二、上年结转”行“自然人”列为 2，但上一年度报告“四、结转下年度继续办理”为 3。"


def test_in_force_roll_forward():
    prev, this = _pair("2021")
    for r, v in {"issued": 3, "repealed": 1, "in_force": 9}.items():
        set_cell(this, "active", "normative_docs", r, num(v))
    set_cell(prev, "active", "normative_docs", "in_force", num(7))
    for r, v in {"issued": 0, "repealed": 0, "in_force": 4}.items():
        set_cell(this, "active", "regulations", r, num(v))
    set_cell(prev, "active", "regulations", "in_force", num(4))
    fs = [f for f in _x(this, prev) if f.rule == "XYEAR.IN_FORCE"]
    assert fs == []
    set_cell(this, "active", "normative_docs", "in_force", num(12))
    [f] = [f for f in _x(this, prev) if f.rule == "XYEAR.IN_FORCE"]
    assert (f.cells[0].row, f.expected, f.actual) == ("normative_docs", 9, 12)
    assert "7 加本年制发 3 减本年废止 1 应为 9" in f.message


def test_items_2019_is_info():
    prev, this = _pair("2019")
    for row in ("licensing", "other_services", "penalty", "enforcement", "fees"):
        before = prev.tables["active"].value(row, "prev_items") or 0
        change = prev.tables["active"].value(row, "change") or 0
        set_cell(this, "active", row, "prev_items", num(before + change))
    assert [f for f in _x(this, prev) if f.rule == "XYEAR.ITEMS"] == []
    set_cell(this, "active", "fees", "prev_items", num(999))
    [f] = [f for f in _x(this, prev) if f.rule == "XYEAR.ITEMS"]
    assert f.severity.key == "info" and f.cells[0].row == "fees"


def test_template_change_skips_stock_rules():
    prev = make_report("2019", seed=3, year=2020)
    this = make_report("2021", seed=4, year=2021)
    assert {f.rule for f in _x(this, prev)} <= {"XYEAR.CARRY", "XYEAR.COPY"}


def test_copy_detects_near_identical_prose_only():
    prev = make_report("2021", seed=5, year=2021, prose=[PROSE_A])
    same = make_report("2021", seed=6, year=2022, prose=[PROSE_A.replace("2021", "2022")])
    fresh = make_report("2021", seed=6, year=2022, prose=[PROSE_B])
    [f] = [f for f in _x(same, prev) if f.rule == "XYEAR.COPY"]
    assert f.severity.key == "warning" and "相同" in f.message and f.hint
    assert [f for f in _x(fresh, prev) if f.rule == "XYEAR.COPY"] == []
    assert similarity(PROSE_A, PROSE_A) == 1.0 and similarity(PROSE_B, PROSE_A) < 0.2


def test_year_gap_is_mentioned():
    prev, this = _pair()
    prev.report_year = 2019
    set_cell(prev, "requests", "carried_forward", "natural", num(50))
    fs = [f for f in _x(this, prev) if f.rule == "XYEAR.CARRY"]
    assert fs and "2019" in fs[0].hint
