"""Issue #16 item 8: SIGTERM (logout, shutdown) goes through the window's normal close path (the unsaved-changes
prompt) instead of ending the process at once."""

from __future__ import annotations

import os
import signal
import sys

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM delivery to itself on Windows")


def test_sigterm_runs_the_close_request(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import install_sigterm

    closed: list[bool] = []
    previous = signal.getsignal(signal.SIGTERM)
    try:
        timer = install_sigterm(window)
        assert timer is not None
        window.close = lambda: closed.append(True)  # the real close asks about unsaved edits
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: bool(closed), timeout=3000)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert closed == [True]
