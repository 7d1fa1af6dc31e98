"""`ogicheck check FILE... [--json] [--prev FILE] [--published DATE] [--level ...] [--deadline-profile FILE]
[--typos FILE]`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from core.api import load_report
from core.cli.batch import ProgressBar
from core.cli.check_args import add_check_arguments, options_from_args
from core.export.json_report import report_json
from core.findings import Severity
from core.model import Report
from core.readers import Hooks
from core.validate import validate


def add_parser(sub: Any) -> None:
    p = sub.add_parser("check", help="读取并核查报告")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--prev", metavar="FILE", help="上一年度的报告（启用跨年度核查）")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="发布日期（覆盖文档中读取的日期）")
    p.add_argument("--level", choices=["department", "government"], help="报告主体层级（决定公开期限）")
    add_check_arguments(p)
    p.set_defaults(run=run)


def _valid_date(text: str | None) -> str | None:
    if text is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise SystemExit(f"--published 日期格式应为 YYYY-MM-DD，收到：{text}") from None


def _load(path: str, prev: Report | None = None) -> Report:
    """Read one report; the pages of a scan being recognised (OCR) show as a progress line on a terminal.
    `prev` (last year's report) helps split the glued 表二 rows of a structure-less copy."""
    bar = ProgressBar(sys.stderr)

    def pages(done: int, total: int) -> None:
        bar(done, total, f"{path}（文字识别）")

    try:
        return load_report(path, Hooks(progress=pages), prev=prev)
    finally:
        bar.close()


def run(args: argparse.Namespace) -> int:
    published = _valid_date(args.published)
    prev = load_report(args.prev) if args.prev else None
    if prev is not None and prev.error:
        print(f"上一年度报告无法读取：{prev.error}", file=sys.stderr)
        prev = None
    opts = options_from_args(args, prev=prev, published=published, level=args.level)
    outputs: list[dict[str, Any]] = []
    status = 0
    for path in args.files:
        report = _load(str(path), prev)
        findings = validate(report, opts)
        if report.error:
            status = max(status, 2)
        elif any(f.severity == Severity.ERROR for f in findings):
            status = max(status, 1)
        obj = report_json(report, findings, file=path, prev=prev)
        if args.json:
            outputs.append(obj)
        else:
            from core.cli.check_summary import summary_text

            print(summary_text(report, findings, path))
    if args.json:
        data: Any = outputs[0] if len(outputs) == 1 else outputs
        print(json.dumps(data, ensure_ascii=False, indent=1))
    return status
