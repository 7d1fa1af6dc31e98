"""`ogicheck` command line: the parser and the entry point; each subcommand lives in its own module here."""

from __future__ import annotations

import argparse
import contextlib
import os
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
        status = int(args.run(args))
        sys.stdout.flush()  # a reader that went away shows up here, not at interpreter exit
        return status
    except KeyboardInterrupt:
        _ignore_further_interrupts()
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `ogicheck check … | head`: the reader has what it wanted
        _silence_stdout()
        return 141  # 128 + SIGPIPE, what a shell reports for a command ended by a closed pipe


def _ignore_further_interrupts() -> None:
    """Ctrl+C reaches a one-file exe twice (its bootloader forwards the terminal's signal to the Python process,
    which got it already): a second KeyboardInterrupt while the process pool shuts down would print a traceback
    after 已中断. The command is ending anyway."""
    import signal

    with contextlib.suppress(ValueError):  # not the main thread (a test calling main() from a thread)
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _silence_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's final flush of what is still buffered does not
    raise BrokenPipeError a second time (and print a traceback) at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test's captured stream)
        pass


if __name__ == "__main__":
    sys.exit(main())
