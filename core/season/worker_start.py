"""What a process-pool worker does first (the batch's pool and the window's): ignore Ctrl+C, take a lower
priority if asked, and end when the process that made the pool has ended.

ProcessPoolExecutor's workers do not notice their owner's death: they hold both ends of the queue they wait on,
and with the fork server (Linux) they also keep the fork server alive, which in turn keeps the resource tracker
alive. A batch stopped from outside (`timeout`, SIGTERM from a script, a killed window) left its workers, the fork
server and the tracker running for ever, holding the output pipe open; in the one-file exe they outlived its
deleted temporary folder. Each worker now watches its owner and exits once it is gone (within half a second):
the fork server and the tracker then see their pipes close and end too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time

POLL_S = 0.5  # how often a worker on POSIX looks whether its owner still runs


def start_worker(owner: int, nice: int = 0) -> None:
    """A pool's initializer (initargs: the owner's pid, a niceness to add)."""
    # Ctrl+C reaches every process of the terminal's group; the owner stops the pool itself, so a worker ignores
    # it rather than print a traceback of the queue it was waiting on
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if nice:
        with contextlib.suppress(AttributeError, OSError):
            os.nice(nice)  # the window's thread is never kept waiting for a core by its own workers
    watch_owner(owner)


def owner_alive(pid: int) -> bool:
    """POSIX: whether the process still exists (signal 0 only asks)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists (under another user)
        return True
    return True


def _wait_windows(pid: int) -> None:
    """Windows: block until the process ends (os.kill there would terminate it, not ask)."""
    import ctypes

    synchronize, infinite = 0x00100000, 0xFFFFFFFF
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(synchronize, False, pid)
    if not handle:
        return  # already gone
    try:
        kernel32.WaitForSingleObject(handle, infinite)
    finally:
        kernel32.CloseHandle(handle)


def watch_owner(owner: int, interval: float = POLL_S) -> threading.Thread:
    """A daemon thread that ends this process (os._exit) once `owner` has ended."""

    def run() -> None:
        if sys.platform == "win32":
            _wait_windows(owner)
        else:
            while owner_alive(owner):
                time.sleep(interval)
        os._exit(0)

    thread = threading.Thread(target=run, name="owner-watch", daemon=True)
    thread.start()
    return thread
