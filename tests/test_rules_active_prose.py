"""TEXT.MISMATCH of core.rules.active_prose: the prose's counts of 规章 / 规范性文件, 行政许可 / 处罚 / 强制 decisions
and 行政事业性收费 amounts against 表二, on sentences of real reports (where the check must fire when the table
disagrees, and must stay silent when it agrees or the sentence is ambiguous)."""

from __future__ import annotations

import pytest
from conftest import CORPUS, SEEDS
from rules_factory import make_report, num, set_cell

from core.api import load_report
from core.options import Options
from core.rules.active_prose import check_active_prose

# real report sentences (淮安市 2024, 上海市政府办公厅 2025, 市科委 2024)
HUAIAN = ("2024年,市政府网站主动公开各类政府信息5500余条,全年新增公开市政府规章1件、市政府及市政府办政策性文件11件,"
          "通过文字、图片等形式制作政策解读21个,制作《淮安市人民政府公报》6期。")
SHANGHAI = "全年主动公开市政府规章22件、市政府及市政府办公厅行政规范性文件34件、人事任免文件196件、其他文件84件；"
KEWEI = "截至2024年12月31日,市科委通过部门网站当年发布政府信息393件,其中包括:行政规范性文件13件；"


def _report(cells: dict[tuple[str, str], float], *prose: str, version: str = "2021", year: int = 2024):
    r = make_report(version, year=year, prose=list(prose))
    for (row, col), v in cells.items():
        set_cell(r, "active", row, col, num(v))
    return r


def _run(r):
    return [f.message for f in check_active_prose(r, Options())]


def test_real_sentences_agree():
    assert _run(_report({("regulations", "issued"): 1, ("regulations", "in_force"): 11}, HUAIAN)) == []
    assert _run(_report({("regulations", "issued"): 22, ("normative_docs", "issued"): 34}, SHANGHAI, year=2025)) == []
    assert _run(_report({("normative_docs", "issued"): 13}, KEWEI)) == []


def test_real_sentence_disagrees():
    r = _report({("regulations", "issued"): 2, ("regulations", "in_force"): 11}, HUAIAN)
    [m] = _run(r)
    assert m.startswith("正文“2024年,市政府网站主动公开各类政府信息5500余条,全年新增公开市政府规章1件、市政府及市政府办政策性文件11件,"
                        "通过文字、图片等形式制作…”（第3行）")
    assert "（第3行）称公开规章 1 件，但表二“规章”行“本年制发件数”列为 2，表二“规章”行“现行有效件数”列为 11。" in m
    r = _report({("regulations", "issued"): 22, ("normative_docs", "issued"): 30, ("normative_docs", "in_force"): 189},
                SHANGHAI, year=2025)
    [m] = _run(r)
    assert "称公开规范性文件 34 件，但表二“行政规范性文件”行“本年制发件数”列为 30" in m


@pytest.mark.parametrize("sentence, row, col, value, what", [
    ("2024年，本机关共制发行政规范性文件5件。", "normative_docs", "issued", 3, "制发规范性文件 5 件"),
    ("全年废止规范性文件4件。", "normative_docs", "repealed", 0, "废止规范性文件 4 件"),
    ("截至年底，现行有效规范性文件共32件。", "normative_docs", "in_force", 30, "现行有效规范性文件 32 件"),
    ("全年作出行政处罚决定120件，公开率100%。", "penalty", "decisions", 100, "行政处罚决定 120 件"),
    ("办理行政许可事项447228件。", "licensing", "decisions", 447000, "行政许可决定 447228 件"),
    ("实施行政强制二十件。", "enforcement", "decisions", 19, "行政强制决定 20 件"),
])
def test_fires_on_a_plain_statement(sentence, row, col, value, what):
    [m] = _run(_report({(row, col): value}, sentence))
    assert what in m and f"为 {value}" in m


@pytest.mark.parametrize("sentence, value", [
    ("全年行政事业性收费金额为7730.28万元。", 7730.28),
    ("全年行政事业性收费7730万元。", 7730.28),  # printed to the 万元
    ("本年度行政事业性收费共计77302800元。", 7730.28),
    ("全年行政事业性收费0.77亿元。", 7730.28),
])
def test_fee_amount_agrees_to_printed_precision(sentence, value):
    assert _run(_report({("fees", "amount_wan"): value}, sentence)) == []


def test_fee_amount_disagrees():
    [m] = _run(_report({("fees", "amount_wan"): 7545.0}, "全年行政事业性收费金额为7730.28万元。"))
    assert m.endswith("称行政事业性收费金额为 7730.28万元，但表二“行政事业性收费”行“本年收费金额（单位：万元）”列为 7545.00 万元。")


@pytest.mark.parametrize("sentence", [
    "2023年制发规范性文件5件。",  # another year
    "全年制发规范性文件5件，较上年增加2件。",  # comparison
    "对5件规范性文件进行合法性审查。",
    "全年报送规范性文件备案5件。",
    "制发规范性文件5件，其中以区政府名义制发规范性文件3件。",  # the same kind twice: a breakdown
    "制发规章和规范性文件共5件。",  # two kinds
    "公开行政处罚信息56件。",
    "受理行政许可申请120件。",
    "行政复议案件中涉及行政处罚3件。",
    "收取政府信息公开信息处理费50元。",
    "发布规范性文件解读3件。",
    "下一步将制发规范性文件5件。",
    "约120件行政处罚。",
    "全年行政处罚1200余件。",
    "在规范性文件专栏公开文件15件。",
])
def test_ambiguous_sentences_are_skipped(sentence):
    r = _report({("normative_docs", "issued"): 9, ("normative_docs", "repealed"): 9, ("normative_docs", "in_force"): 9,
                 ("regulations", "issued"): 9, ("penalty", "decisions"): 9, ("licensing", "decisions"): 9}, sentence)
    assert _run(r) == []


def test_2019_template_columns():
    r = _report({("normative_docs", "new_made"): 5, ("normative_docs", "new_published"): 4,
                 ("normative_docs", "total_published"): 30}, "本年度制定规范性文件4件。", version="2019", year=2020)
    assert _run(r) == []  # 新制作 or 新公开
    r = _report({("normative_docs", "new_made"): 5, ("normative_docs", "new_published"): 5,
                 ("normative_docs", "total_published"): 30}, "规范性文件对外公开总数量为31件。", version="2019", year=2020)
    [m] = _run(r)
    assert "“对外公开总数量”列为 30" in m
    r = _report({("normative_docs", "new_made"): 23, ("normative_docs", "new_published"): 23,
                 ("normative_docs", "total_published"): 35}, "主动公开规范性文件35件。", version="2019", year=2020)
    assert _run(r) == []  # 公开 alone may be the 对外公开总数量
    r = _report({}, "全年废止规范性文件4件。", version="2019", year=2020)
    assert _run(r) == []  # no such column in 2019


REAL = sorted(p for p in [*SEEDS.glob("*.txt"), *CORPUS.glob("0*")] if p.is_file())


@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_no_finding_on_the_seeds_and_the_corpus(path):
    """Every statement about 表二 in the real reports (淮安 规章1件, 上海 规章22件 / 规范性文件34件) agrees with 表二."""
    assert _run(load_report(path)) == []


def test_real_reports_are_read():
    if not REAL:
        pytest.skip("no real reports")
    from core.rules.active_prose import _claims
    from core.rules.textscan import sentences

    said = {}
    for path in REAL:
        r = load_report(path)
        said[path.name] = [(c.row, int(c.stated)) for s in sentences(r) for c in _claims(s.text, "2021", s.loc)]
    assert said.get("001_huaian_2024.pdf") == [("regulations", 1)]
    assert said.get("013_shanghai_bgt_2025.md") == [("regulations", 22), ("normative_docs", 34)]
