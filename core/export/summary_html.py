"""The printable validation summary (HTML for Qt's QTextDocument) for the desktop print preview and the CLI.

Simple tables and inline styles only: no scripts, no style sheets, no external resources.
"""

from __future__ import annotations

import os
from datetime import datetime
from html import escape
from pathlib import Path

from core import __version__
from core.atomic import atomic_write_text
from core.export.review import NO_REVIEW, Review
from core.findings import Finding, Findings, Severity
from core.layout import cell_text, place, printed_rows, published_number, report_title, row_label, value_text
from core.legend import BY_KEY, LEGEND, legend_key
from core.model import Report, Table
from core.ratios import ratio_lines
from core.template import BLOCKS, SINGLE_ROW

ByCell = dict[tuple[str, str, str], list[Finding]]

_TABLE = 'border="1" cellspacing="0" cellpadding="3" style="border-collapse: collapse; border-color: #999999;"'
_HEAD = 'style="background-color: #F2F2F2; font-weight: bold;"'
_SMALL = 'style="font-size: 8pt;"'


def _td(text: str, attrs: str = "") -> str:
    return f"<td{' ' + attrs if attrs else ''}>{text}</td>"


def _legend_attrs(key: str | None, align: str = "right") -> str:
    if key is None:
        return f'align="{align}"'
    e = BY_KEY[key]
    return f'align="{align}" bgcolor="#{e.fill}" style="color: #{e.text};"'


def _identity(report: Report, review: Review) -> str:
    rows = [
        ("发布机关", report.agency or "未识别"),
        ("报告年度", f"{report.report_year}年" if report.report_year else "未识别"),
        ("模板", report.template.name if report.template else "未识别"),
        ("发布日期", review.published_text(report, "未识别")),
        ("源文件", Path(report.path).name if report.path else ""),
        ("SHA-256", report.sha256 or ""),
        ("核查工具", f"年报核查 {__version__}，{datetime.now().strftime('%Y-%m-%d %H:%M')}"),
    ]
    body = "".join(f"<tr>{_td(escape(k), _HEAD)}{_td(escape(v))}</tr>" for k, v in rows)
    return f"<table {_TABLE}>{body}</table>"


def _counts(findings: Findings, ignored: int) -> str:
    n = findings.counts()
    cells = "".join(_td(f"{sev.label} <b>{n[sev]}</b> 项", _legend_attrs(sev.key, "center"))
                    for sev in sorted(Severity, reverse=True))
    if ignored:
        cells += _td(f"已忽略 <b>{ignored}</b> 项", 'align="center"')
    return f"<table {_TABLE}><tr>{cells}</tr></table>"


def _location(report: Report, f: Finding) -> str:
    w = place(report, f)
    parts = [p for p in (w.table, w.rows, w.cols) if p]
    if w.first is not None and w.first.table in report.tables:
        loc = report.tables[w.first.table].get(w.first.row, w.first.col).loc
        if loc is not None and loc.describe():
            parts.append(f"原文{loc.describe()}")
    return "<br/>".join(escape(p) for p in parts) or "全文"


def _findings(report: Report, findings: Findings, review: Review) -> str:
    if not findings:
        return "<p>未发现问题。</p>"
    head = "".join(_td(h, _HEAD) for h in ("序号", "严重程度", "规则", "位置", "说明"))
    rows = []
    for i, f in enumerate([*review.counted(findings), *review.ignored(findings)], start=1):
        text = escape(f.message)
        numbers = []
        value = published_number(report, f)
        if value is not None:
            numbers.append(f"发布值 {value_text(value)}")
        if f.expected is not None:
            numbers.append(f"应为 {value_text(f.expected)}")
        if numbers:
            text += f"<br/><span {_SMALL}>{escape('；'.join(numbers))}</span>"
        if f.hint:
            text += f"<br/><span {_SMALL}>提示：{escape(f.hint)}</span>"
        if verdict := review.verdict(f):
            text += f"<br/><b>核查判断：{escape(verdict)}</b>"
        if note := review.note(f):
            text += f"<br/>备注：{escape(note)}"
        look = 'align="center"' if review.is_ignored(f) else _legend_attrs(f.severity.key, "center")
        rows.append("<tr>" + _td(str(i), 'align="right"') + _td(escape(f.severity.label), look) + _td(escape(f.rule_name)) + _td(_location(report, f))
                    + _td(text) + "</tr>")
    return f'<table {_TABLE} width="100%"><tr>{head}</tr>{"".join(rows)}</table>'


def _value_cell(report: Report, table: Table, row: str, col: str, by_cell: ByCell) -> str:
    cell = table.get(row, col)
    if cell.value is None:
        text = cell.raw if cell.kind == "text" else ""
    else:
        text = cell_text(table.spec, col, cell.value)
    corrected = report.is_edited(table.spec.id, row, col)
    key = legend_key(by_cell.get((table.spec.id, row, col), []), corrected)
    if corrected:
        orig = cell_text(table.spec, col, report.original_value(table.spec.id, row, col)) or "空白"
        return _td(escape(text) + f" <span {_SMALL}>(原{escape(orig)})</span>", _legend_attrs(key))
    return _td(escape(text), _legend_attrs(key))


def _grid(report: Report, table: Table, by_cell: ByCell) -> str:
    """A small picture of one table: labels and values, failing cells in their legend colour."""
    spec = table.spec
    rows: list[str] = []
    if spec.layout == SINGLE_ROW:
        row_id = spec.rows[0].id
        outcomes = [c for c in spec.columns if c.group == spec.groups[0][0]]
        rows.append("<tr>" + _td("", _HEAD) + "".join(_td(escape(c.label), _HEAD) for c in outcomes) + "</tr>")
        for group, label in spec.groups:
            group_cols = [c.id for c in spec.columns if c.group == group]
            rows.append("<tr>" + _td(escape(label), _HEAD)
                        + "".join(_value_cell(report, table, row_id, c, by_cell) for c in group_cols) + "</tr>")
    elif spec.layout == BLOCKS:
        width = max(len(spec.cols_for(r.id)) for r in spec.rows)
        for caption, block in spec.blocks():
            cols = spec.cols_for(block[0].id)
            rows.append("<tr>" + _td(escape(caption or spec.corner), _HEAD)
                        + "".join(_td(escape(spec.col(c).label), _HEAD) for c in cols)
                        + (_td("", f'colspan="{width - len(cols)}"') if width > len(cols) else "") + "</tr>")
            for r in block:
                rc = spec.cols_for(r.id)
                rows.append("<tr>" + _td(escape(r.label))
                            + "".join(_value_cell(report, table, r.id, c, by_cell) for c in rc)
                            + (_td("", f'colspan="{width - len(rc)}"') if width > len(rc) else "") + "</tr>")
    else:
        rows.append("<tr>" + _td("", _HEAD) + "".join(_td(escape(c.label), _HEAD) for c in spec.columns) + "</tr>")
        for r in printed_rows(table):
            rows.append("<tr>" + _td(escape(row_label(spec, r.id)), _SMALL)
                        + "".join(_value_cell(report, table, r.id, c, by_cell) for c in spec.cols_for(r.id))
                        + "</tr>")
    return f"<table {_TABLE}>{''.join(rows)}</table>"


def _legend() -> str:
    cells = "".join(_td(escape(e.label), _legend_attrs(e.key, "center")) for e in LEGEND)
    note = "“(原…)”：已更正，括号内为原值；更正后仍有问题的单元格保持问题的颜色"
    return f"<table {_TABLE}><tr>{_td('图例', _HEAD)}{cells}{_td(escape(note), _SMALL)}</tr></table>"


def _ratios(report: Report, prev: Report | None) -> str:
    """The 主要比例 table (core.ratios), with last year's figures and the change when prev is known."""
    heads = ("项目", "本年", "上年", "较上年") if prev is not None else ("项目", "本年")
    body = "".join("<tr>" + _td(escape(line[0])) + "".join(_td(escape(t), 'align="right"')
                                                          for t in line[1:len(heads)]) + "</tr>"
                   for line in ratio_lines(report, prev))
    return f"<table {_TABLE}><tr>{''.join(_td(h, _HEAD) for h in heads)}</tr>{body}</table>"


def render_summary_html(report: Report, findings: list[Finding], prev: Report | None = None,
                        review: Review = NO_REVIEW) -> str:
    """The whole summary as an HTML document (UTF-8); prev (last year's report) adds the ratios' change; review:
    her decisions (ignored findings counted apart, listed last) and the publication date she set."""
    title = escape(report_title(report))
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8"/><meta name="generator" content="ogicheck"/>',
        f"<title>核查摘要：{title}</title></head>",
        '<body style="font-family: \'Microsoft YaHei\', \'Noto Sans CJK SC\', sans-serif; font-size: 10pt;">',
        f"<h2>政府信息公开工作年度报告核查摘要</h2><p><b>{title}</b></p>",
    ]
    if report.error:
        parts.append(f"<p>报告无法读取：{escape(report.error)}</p>")
    ordered = Findings(findings)
    counted = Findings(review.counted(ordered))
    parts += [_identity(report, review), "<h3>核查结论</h3>", _counts(counted, len(ordered) - len(counted)),
              "<h3>问题清单</h3>", _findings(report, ordered, review)]
    if report.tables and not report.error:
        by_cell = counted.by_cell
        usable_prev = prev if prev is not None and not prev.error else None
        parts += ["<h3>主要比例</h3>", _ratios(report, usable_prev), "<h3>表格概览</h3>", _legend()]
        for table in report.tables.values():
            parts += [f"<p><b>{escape(table.spec.short_name)}　{escape(table.spec.title)}</b></p>",
                      _grid(report, table, by_cell)]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def export_summary(report: Report, findings: list[Finding], out_path: str | os.PathLike[str],
                   prev: Report | None = None, review: Review = NO_REVIEW) -> None:
    """Write the summary HTML atomically; refuses to overwrite the input."""
    atomic_write_text(out_path, render_summary_html(report, findings, prev, review), source=report.path or None)
