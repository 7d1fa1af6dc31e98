"""`ogicheck` command line: the parser and the entry point; each subcommand lives in its own module here."""

from __future__ import annotations

import argparse
import sys

from core import __version__


def _configure_stdio() -> None:
    from core.console import configure_stdio  # UTF-8, or a Windows console's code page (core/console.py)

    configure_stdio()


def build_parser() -> argparse.ArgumentParser:
    from core.cli import batch as batch_cmd
    from core.cli import check as check_cmd
    from core.cli import export as export_cmd

    parser = argparse.ArgumentParser(prog="ogicheck", description="政府信息公开工作年度报告核查工具")
    parser.add_argument("--version", action="version", version=f"ogicheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd.add_parser(sub)
    export_cmd.add_parser(sub)
    batch_cmd.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    _configure_stdio()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
