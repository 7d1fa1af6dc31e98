"""Her decisions and her publication date reach every export of a report (issue #11 item 3: "exports carry
decisions and notes"; ignored findings are counted apart as in the window): the corrected workbook, the
standardized text, the printable summary, and 全部导出."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from export_support import build_report, findings_for
from openpyxl.utils import get_column_letter

from core.export.review import Review
from core.export.summary_html import render_summary_html
from core.export.text_report import render_text
from core.export.workbook import export_workbook
from core.findings import Findings, Severity
from core.season.decisions import CONFIRM, IGNORE, Decision


def _fill(cell) -> str | None:  # type: ignore[no-untyped-def]
    return cell.fill.fgColor.rgb[-6:] if cell.fill is not None and cell.fill.fill_type == "solid" else None


def _decided():  # type: ignore[no-untyped-def]
    report = build_report()
    findings = findings_for(report)
    ordered = list(Findings(findings))
    error = next(f for f in ordered if f.severity == Severity.ERROR)
    warning = next(f for f in ordered if f.severity == Severity.WARNING and f.cells)
    decisions = [Decision.on(error, CONFIRM, note="已电话告知"), Decision.on(warning, IGNORE, "情况属实，予以接受", "书面说明")]
    return report, findings, error, warning, Review.of(findings, decisions, "2099-03-01")


def test_workbook_counts_ignored_apart_and_carries_decisions(tmp_path: Path) -> None:
    report, findings, error, warning, review = _decided()
    out = tmp_path / "out.xlsx"
    export_workbook(report, findings, out, review=review)
    wb = openpyxl.load_workbook(out)
    info = {r[0].value: r[1].value for r in wb["报告信息"].iter_rows() if r[0].value}
    n = Findings(findings).counts()
    assert info["警告数"] == n[Severity.WARNING] - 1 and info["错误数"] == n[Severity.ERROR]
    assert info["已忽略数"] == 1 and info["发布日期"] == "2099-03-01（核查人员设定）"
    ws = wb["核查结果"]
    header = [c.value for c in ws[1]]
    j_verdict, j_note = header.index("核查判断") + 1, header.index("备注") + 1
    rows = list(ws.iter_rows(min_row=2))
    last = rows[-1]
    assert last[j_verdict - 1].value == "已忽略：情况属实，予以接受" and last[j_note - 1].value == "书面说明"
    assert last[7].value == warning.message and _fill(last[0]) is None  # listed last, not painted
    confirmed = next(r for r in rows if r[7].value == error.message)
    assert confirmed[j_verdict - 1].value == "已确认" and confirmed[j_note - 1].value == "已电话告知"
    assert ws.auto_filter.ref.endswith(get_column_letter(len(header)) + str(len(rows) + 1))
    # the ignored warning's cell is not coloured for it
    cell = warning.cells[0]
    plain = tmp_path / "plain.xlsx"
    export_workbook(report, findings, plain)
    sheet = {"active": "表二", "requests": "表三", "review": "表四"}[cell.table]
    coloured = [c.coordinate for r in openpyxl.load_workbook(plain)[sheet].iter_rows() for c in r if _fill(c)]
    now = [c.coordinate for r in wb[sheet].iter_rows() for c in r if _fill(c)]
    assert len(now) < len(coloured)


def test_text_and_summary_say_what_she_decided() -> None:
    report, findings, error, warning, review = _decided()
    text = render_text(report, findings, review)
    assert "另有 1 项经核查人员忽略" in text and "【已忽略】" in text and "〔已确认〕" in text
    assert "备注：书面说明" in text and "发布日期：2099-03-01（核查人员设定）" in text
    assert text.index(warning.message.split()[0][:12]) > text.index("【已忽略】")
    html = render_summary_html(report, findings, None, review)
    assert "已忽略 <b>1</b> 项" in html and "核查判断：已确认" in html and "备注：已电话告知" in html
    assert "2099-03-01（核查人员设定）" in html
    assert render_text(report, findings) == render_text(report, findings, Review())  # no decisions: as before


def test_window_exports_carry_her_decisions(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop_support import SAMPLES, wait_loaded

    window.open_paths([str(sorted(SAMPLES.glob("*.txt"))[0])])
    wait_loaded(qtbot, window)
    doc = window.current
    target = next(f for f in doc.findings if f.severity == Severity.WARNING)
    window.season.decide(doc, Decision.on(target, IGNORE, "误报（工具判断有误）", "与机关核实"))
    window.output.apply_choices(doc, "2099-03-01", None, None)
    out = tmp_path / "导出.xlsx"
    window.output.start_export(doc, "xlsx", str(out))
    qtbot.waitUntil(out.exists, timeout=20000)
    info = {r[0].value: r[1].value for r in openpyxl.load_workbook(out)["报告信息"].iter_rows() if r[0].value}
    assert info["已忽略数"] == 1 and info["发布日期"] == "2099-03-01（核查人员设定）"
    assert info["警告数"] == sum(1 for f in doc.findings if f.severity == Severity.WARNING) - 1
