"""The ratios of core.ratios shown to the officer: one percent format (core.layout), the summary's 主要比例 table,
the workbook's 报告信息 sheet and, with last year's report, the JSON keys ratios_prev / ratios_change."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from test_ratios import _report

from core.export.json_report import report_json
from core.export.summary_html import render_summary_html
from core.export.workbook import workbook_bytes
from core.layout import change_text, percent_text
from core.ratios import ratio_lines


def test_percent_and_change_text():
    assert percent_text(89.5) == "89.5%" and percent_text(0.0) == "0.0%" and percent_text(None) == ""
    assert percent_text(100) == "100.0%"
    assert change_text(10.6, share=True) == "+10.6个百分点" and change_text(-10.0, share=True) == "-10.0个百分点"
    assert change_text(0.0, share=True) == "0.0个百分点"
    assert change_text(5) == "+5" and change_text(-3) == "-3" and change_text(None) == ""


def test_lines_without_and_with_prev():
    this, last = _report(), _report(granted=130, forward=30)
    lines = ratio_lines(this)
    assert lines[0] == ("依申请总数（本年新收+上年结转）", "200", "", "")
    assert ("结转下年度占比", "5.0%", "", "") in lines
    lines = ratio_lines(this, last)
    assert ("予以公开及部分公开占比", "89.5%", "78.9%", "+10.6个百分点") in lines
    assert ("结转下年度占比", "5.0%", "15.0%", "-10.0个百分点") in lines


def test_json_keys():
    this, last = _report(), _report(granted=130, forward=30)
    plain = report_json(this, [])
    assert plain["ratios_prev"] is None and plain["ratios_change"] is None
    obj = report_json(this, [], prev=last)
    assert obj["ratios_prev"]["carried_forward_share"] == 15.0
    assert obj["ratios_change"]["granted_partial_share"] == 10.6 and obj["ratios"]["requests_total"] == 200


def test_summary_table():
    this, last = _report(), _report(granted=130, forward=30)
    html = render_summary_html(this, [])
    assert "<h3>主要比例</h3>" in html and "89.5%" in html and "较上年" not in html
    html = render_summary_html(this, [], last)
    assert "较上年" in html and "78.9%" in html and "+10.6个百分点" in html


def test_workbook_info_sheet():
    this, last = _report(), _report(granted=130, forward=30)
    ws = load_workbook(io.BytesIO(workbook_bytes(this, [], last)))["报告信息"]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    head = rows.index(("主要比例", "本年", "上年", "较上年"))
    assert ("予以公开及部分公开占比", "89.5%", "78.9%", "+10.6个百分点") in rows[head:]
    ws = load_workbook(io.BytesIO(workbook_bytes(this, [])))["报告信息"]
    assert ("依申请总数（本年新收+上年结转）", "200") in [tuple(c.value for c in row)[:2] for row in ws.iter_rows()]
