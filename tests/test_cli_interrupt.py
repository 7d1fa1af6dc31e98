"""Ctrl+C in a terminal reaches a one-file exe's Python process twice (from the terminal and forwarded by the
bootloader): after the first, the command says 已中断 and ignores the second, which would otherwise interrupt the
process pool's shutdown and print a traceback."""

from __future__ import annotations

import argparse
import signal
import sys

import core.cli.main  # noqa: F401 - the module, not the function core.cli re-exports

cli_main = sys.modules["core.cli.main"]


def test_interrupted_command_ignores_a_second_interrupt(monkeypatch, capsys):
    def interrupted(_args: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    parser = argparse.ArgumentParser()
    parser.set_defaults(run=interrupted)
    monkeypatch.setattr(cli_main, "build_parser", lambda: parser)
    before = signal.getsignal(signal.SIGINT)
    try:
        assert cli_main.main([]) == 130
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
    assert "已中断" in capsys.readouterr().err


def test_pool_workers_leave_ctrl_c_to_the_parent():
    """The terminal's Ctrl+C reaches the batch's workers too: they ignore it (the parent stops the pool), instead
    of each printing a traceback."""
    from core.season import checking

    pool = checking._new_pool(1)
    try:
        assert pool.submit(signal.getsignal, signal.SIGINT).result(timeout=120) == signal.SIG_IGN
    finally:
        pool.shutdown()
