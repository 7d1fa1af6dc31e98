"""`ogicheck export FILE (--xlsx OUT | --text OUT | --summary OUT.html) [--apply-fixes]` (to be implemented)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("export", help="导出更正后的工作簿、标准化文本报告或核查摘要")
    p.add_argument("file", metavar="FILE")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--xlsx", metavar="OUT")
    g.add_argument("--text", metavar="OUT")
    g.add_argument("--summary", metavar="OUT.html")
    p.add_argument("--apply-fixes", action="store_true", help="只应用标记为安全的修正")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("导出功能尚未实现。", file=sys.stderr)
    return 2
