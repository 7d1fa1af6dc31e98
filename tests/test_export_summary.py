"""The printable summary HTML: identity, counts, every finding with its place, table pictures in legend colours."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest
from conftest import SEEDS
from export_support import build_report, findings_for

from core.api import check, load_report
from core.cli.main import main
from core.export.summary_html import export_summary, render_summary_html
from core.legend import BY_KEY


def test_names_every_finding_with_place() -> None:
    report = build_report()
    findings = findings_for(report)
    html = render_summary_html(report, findings)
    for f in findings:
        assert escape(f.message) in html
        assert f">{f.rule_name}<" in html and f.rule not in html
    assert "表三<br/>一、本年新收政府信息公开申请数量<br/>总计、自然人<br/>原文第" in html
    assert "表四<br/>行政复议 · 总计<br/>原文第90行" in html
    assert "提示：可能是“自然人”列多计了 1 件。" in html
    assert "发布值 19；应为 18" in html


def test_identity_and_counts() -> None:
    report = build_report()
    html = render_summary_html(report, findings_for(report))
    assert "某某县发展和改革局2023年政府信息公开工作年度报告" in html
    for text in ("某某县发展和改革局", "2023年", "2021年格式", "2024-01-20", "示例报告.txt", "ab" * 32):
        assert text in html
    assert "错误 <b>2</b> 项" in html and "警告 <b>1</b> 项" in html and "提示 <b>2</b> 项" in html


def test_table_pictures_mark_failing_cells() -> None:
    report = build_report()
    report.set_value("requests", "carried_forward", "natural", 3, source="safe_fix")
    html = render_summary_html(report, findings_for(report))
    err = BY_KEY["error"].fill
    assert re.search(rf'bgcolor="#{err}"[^>]*>18</td>', html)  # new_received total
    assert re.search(rf'bgcolor="#{err}"[^>]*>16</td>', html)
    assert re.search(rf'bgcolor="#{BY_KEY["missing"].fill}"[^>]*></td>', html)  # 行政强制 blank
    assert re.search(rf'bgcolor="#{BY_KEY["corrected"].fill}"[^>]*>3 <span[^>]*>\(原2\)</span></td>', html)
    assert ">340.065276</td>" in html  # 3400652.76元 in 万元, every decimal kept (core.layout.value_text)
    assert "行政诉讼（复议后起诉）" in html and "三、收到和处理政府信息公开申请情况" in html
    for entry in BY_KEY.values():
        assert f">{entry.label}</td>" in html  # legend row


def test_no_scripts_or_external_resources() -> None:
    report = build_report()
    report.agency = "<script>alert(1)</script>"
    html = render_summary_html(report, findings_for(report))
    assert "<script" not in html.lower()
    assert not re.search(r'(src|href)\s*=\s*"(https?:|//|file:)', html)
    assert "<link" not in html and "@import" not in html


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_summary_names_every_finding(seed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = load_report(SEEDS / seed)
    findings = check(report)
    out = tmp_path / "summary.html"
    assert main(["export", str(SEEDS / seed), "--summary", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    for f in findings:
        assert escape(f.message) in html, f.rule
    n = html.count("</tr>")
    assert n >= len(findings)


def test_export_summary_refuses_input(tmp_path: Path) -> None:
    from core.atomic import OutputPathError

    src = tmp_path / "r.html"
    src.write_text("x", encoding="utf-8")
    report = build_report(path=str(src))
    with pytest.raises(OutputPathError):
        export_summary(report, [], src)
    assert src.read_text(encoding="utf-8") == "x"
