"""The standardized text report: fixed layout, every cell present, summary last, reads back, golden seed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SEEDS
from export_support import TEMPLATE_2019, build_report, findings_for

from core.api import check, load_report
from core.export.text_report import SUMMARY_MARKER, export_text, render_text
from core.model import Cell, Loc

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_SEED = "001_741307592853c9cf.txt"


def test_layout_of_a_built_report() -> None:
    report = build_report()
    text = render_text(report, findings_for(report))
    lines = text.split("\n")
    assert lines[0] == "某某县发展和改革局2023年政府信息公开工作年度报告"
    assert lines[2:6] == ["发布机关：某某县发展和改革局", "报告年度：2023年", "发布日期：2024-01-20",
                          "模板：2021年格式（国办公开办函〔2021〕30号）"]
    assert "| 一、本年新收政府信息公开申请数量 | 16 | 0 | 0 | 0 | 2 | 0 | 18 |" in lines
    assert "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |" in lines
    assert "| 第二十条第（八）项 |" in lines
    assert "| 信息内容 | 本年收费金额（单位：万元） |" in lines
    assert "| 行政事业性收费 | 340.065276 |" in lines
    assert "| 行政强制 | |" in lines  # a blank cell is an empty cell
    assert "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in lines
    headings = [ln for ln in lines if ln[:2] in ("一、", "二、", "三、", "四、", "五、", "六、") and "|" not in ln]
    assert headings == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    # every template row of table 三 is present with 7 cells
    req = report.tables["requests"].spec
    for row in req.rows:
        matching = [ln for ln in lines if ln.startswith(f"| {row.label} |")]
        assert len(matching) == 1 and matching[0].count("|") == 9, row.id
    assert text.endswith("\n") and "\r" not in text


def test_summary_after_section_six_grouped_by_severity() -> None:
    report = build_report()
    text = render_text(report, findings_for(report))
    assert text.index("六、其他需要报告的事项") < text.index(SUMMARY_MARKER)
    tail = text[text.index(SUMMARY_MARKER):]
    assert "错误 2 项，警告 1 项，提示 2 项" in tail
    assert tail.index("【错误】") < tail.index("〔表三申请人合计〕") < tail.index("【警告】") < tail.index("〔空白单元格〕") \
        < tail.index("【提示】") < tail.index("〔发布日期不明〕")
    assert "[" not in tail and "T3.ROW_SUM" not in tail  # the officer reads rule names, not ids
    assert "提示：可能是“自然人”列多计了 1 件。" in tail
    assert "|" not in tail.split("\n", 1)[1].replace("｜", "")


def test_deterministic() -> None:
    a, b = build_report(), build_report()
    assert render_text(a, findings_for(a)) == render_text(b, findings_for(b))


def test_title_built_when_missing_and_edits_listed() -> None:
    report = build_report(TEMPLATE_2019)
    report.title = None
    report.set_value("active", "enforcement", "prev_items", 0, source="safe_fix", rule="CELL.MISSING")
    text = render_text(report, [])
    assert text.startswith("某某县发展和改革局2020年政府信息公开工作年度报告\n")
    assert "| 行政强制 | 0 | 0 | 0 |" in text
    assert "- 表二“行政强制”行“上一年项目数量”列：空白 → 0（安全修正，空白单元格）" in text
    assert "未发现问题。" in text


def test_text_cell_kept_and_pipes_escaped() -> None:
    report = build_report()
    report.tables["requests"].cells[("granted", "social")] = Cell(None, "若干|件", Loc(line=5), "text")
    text = render_text(report, [])
    assert "| （一）予以公开 | 9 | 0 | 0 | 若干｜件 | 1 | 0 | 10 |" in text


def test_export_writes_utf8_and_reads_back(tmp_path: Path) -> None:
    report = build_report()
    out = tmp_path / "标准化.txt"
    export_text(report, findings_for(report), out)
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8") == render_text(report, findings_for(report))
    back = load_report(out)
    assert back.error is None and back.template_version == "2021"
    for tid, table in report.tables.items():
        for row, col in table.spec.cells():
            assert back.tables[tid].value(row, col) == pytest.approx(table.value(row, col)) \
                if table.value(row, col) is not None else back.tables[tid].value(row, col) is None, (tid, row, col)
    assert back.agency == report.agency and back.report_year == 2023 and back.published == "2024-01-20"


def _golden_body(text: str) -> str:
    return text[:text.index(SUMMARY_MARKER)]


def test_golden_text_of_seed() -> None:
    """The report part of seed 001's text export is pinned; the summary part must list exactly the findings."""
    report = load_report(SEEDS / GOLDEN_SEED)
    findings = check(report)
    text = render_text(report, findings)
    golden = GOLDEN / (Path(GOLDEN_SEED).stem + ".standard.txt")
    if os.environ.get("OGICHECK_REGEN_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(_golden_body(text), encoding="utf-8")
    assert _golden_body(text) == golden.read_text(encoding="utf-8")
    tail = text[text.index(SUMMARY_MARKER):]
    for f in findings:
        assert f"〔{f.rule_name}〕" + " ".join(f.message.split()) in tail
