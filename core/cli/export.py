"""`ogicheck export FILE (--xlsx OUT | --text OUT | --summary OUT.html) [--apply-fixes] [--prev FILE]
[--deadline-profile FILE] [--typos FILE]`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from core.atomic import OutputPathError, check_output_path
from core.cli.check_args import add_check_arguments, options_from_args
from core.findings import Finding
from core.model import Edit, Report


def add_parser(sub: Any) -> None:
    p = sub.add_parser("export", help="导出更正后的工作簿、标准化文本报告或核查摘要",
                       description="导出更正后的工作簿（--xlsx）、标准化文本报告（--text）或可打印的核查摘要（--summary）。"
                                   "输入文件不会被修改；输出文件先写入临时文件再整体替换。")
    p.add_argument("file", metavar="FILE")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--xlsx", metavar="OUT", help="更正后的 Excel 工作簿")
    g.add_argument("--text", metavar="OUT", help="标准化文本报告（UTF-8）")
    g.add_argument("--summary", metavar="OUT.html", help="可打印的核查摘要（HTML）")
    p.add_argument("--apply-fixes", action="store_true", help="只应用标记为安全的修正")
    p.add_argument("--prev", metavar="FILE", help="上一年度的报告（跨年度核查，主要比例与上年比较）")
    add_check_arguments(p)
    p.set_defaults(run=run)


def apply_fixes(report: Report, findings: list[Finding]) -> list[Edit]:
    """Apply only the safe fixes (core.fixes, the rules' own helper)."""
    from core.fixes import apply_safe_fixes

    return list(apply_safe_fixes(report, findings))


def export_report(report: Report, findings: list[Finding], kind: str, out: str, prev: Report | None = None) -> None:
    """Write one export of a checked report: kind is xlsx | text | summary (prev: last year's, for the ratios)."""
    if kind == "xlsx":
        from core.export.workbook import export_workbook

        export_workbook(report, findings, out, prev)
    elif kind == "text":
        from core.export.text_report import export_text

        export_text(report, findings, out)
    else:
        from core.export.summary_html import export_summary

        export_summary(report, findings, out, prev)


def run(args: argparse.Namespace) -> int:
    from core.api import check, load_report

    kind, out = next((k, v) for k, v in (("xlsx", args.xlsx), ("text", args.text), ("summary", args.summary)) if v)
    try:
        check_output_path(out, args.file)
    except OutputPathError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    prev = load_report(args.prev) if args.prev else None
    if prev is not None and prev.error:
        print(f"上一年度报告无法读取：{prev.error}", file=sys.stderr)
        prev = None
    report = load_report(args.file, prev=prev)
    if report.error:
        print(f"无法读取报告：{report.error}", file=sys.stderr)
        return 2
    options = options_from_args(args, prev=prev)
    findings = check(report, options)
    edits: list[Edit] = []
    if args.apply_fixes:
        edits = apply_fixes(report, findings)
        findings = check(report, options)
    try:
        export_report(report, findings, kind, out, prev)
    except OutputPathError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"无法写入输出文件：{out}（{exc.strerror or exc}）", file=sys.stderr)
        return 2
    what = {"xlsx": "更正后的工作簿", "text": "标准化文本报告", "summary": "核查摘要"}[kind]
    note = f"，已应用 {len(edits)} 处安全修正" if args.apply_fixes else ""
    print(f"已导出{what}：{out}{note}。")
    return 0
