"""`ogicheck batch DIR --out SUMMARY.xlsx [--prev-dir DIR]` (to be implemented)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("batch", help="批量核查文件夹中的全部报告")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--out", metavar="SUMMARY.xlsx", required=True)
    p.add_argument("--prev-dir", metavar="DIR")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("批量核查尚未实现。", file=sys.stderr)
    return 2
