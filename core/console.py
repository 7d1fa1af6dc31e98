"""How the command line writes Chinese text: to a Windows console, to a file or pipe, on Linux.

- Linux / macOS: UTF-8.
- Windows, stream redirected to a file or a pipe (`ogicheck check a.pdf > 结果.txt`): UTF-8, so the file
  reads the same on every machine (Notepad opens UTF-8 without a BOM since Windows 10 1903), instead of the
  ANSI code page Python would otherwise pick.
- Windows, stream is a console: Python's own console writer (`_WindowsConsoleIO`, PEP 528) takes UTF-8 and
  hands the console UTF-16, so Chinese shows in any code page; the text layer stays UTF-8. Only where the
  console is written as bytes (PYTHONLEGACYWINDOWSSTDIO, some terminal emulators) is the console's own code
  page used (cp936 = GBK on a Chinese Windows).

Always with errors="replace": a file name with a character the code page cannot show (e.g. an emoji, or 𠮷 in
GBK) prints as "?" instead of ending the command with UnicodeEncodeError.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import TextIO

WINDOWS = os.name == "nt"


def choose_encoding(*, windows: bool, is_console: bool, console_io: bool, console_cp: int | None) -> str:
    """The encoding for one standard stream (pure decision, tested by simulation)."""
    if not windows or not is_console:
        return "utf-8"
    if console_io or not console_cp:
        return "utf-8"
    if console_cp == 65001:
        return "utf-8"
    return f"cp{console_cp}"


def _console_output_cp() -> int | None:
    if not WINDOWS:
        return None
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetConsoleOutputCP()) or None  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return None


def _is_console_io(stream: TextIO) -> bool:
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    return type(raw).__name__ == "_WindowsConsoleIO"


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def configure_stream(stream: TextIO | None, *, windows: bool = WINDOWS, console_cp: int | None = None) -> str | None:
    """Reconfigure one text stream in place; returns the encoding chosen (None when it cannot be changed)."""
    if stream is None or not isinstance(stream, io.TextIOWrapper):
        return None
    encoding = choose_encoding(windows=windows, is_console=_isatty(stream), console_io=_is_console_io(stream),
                               console_cp=console_cp if console_cp is not None else _console_output_cp())
    with contextlib.suppress(AttributeError, ValueError, LookupError):
        stream.reconfigure(encoding=encoding, errors="replace")
        return encoding
    return None


def configure_stdio() -> None:
    """stdout and stderr of the command line, as described above."""
    for stream in (sys.stdout, sys.stderr):
        configure_stream(stream)


def owns_console(process_count: int | None = None) -> bool:
    """Windows: True when this process is alone on its console, i.e. the console was opened for it because the
    exe was double-clicked in Explorer (started from cmd.exe or PowerShell, the shell is attached too)."""
    if process_count is None:
        if not WINDOWS:
            return False
        try:
            import ctypes

            buf = (ctypes.c_uint * 4)()
            process_count = int(ctypes.windll.kernel32.GetConsoleProcessList(buf, 4))  # type: ignore[attr-defined]
        except (AttributeError, OSError):
            return False
    return process_count == 1


def pause_if_own_console() -> None:
    """Keep a console opened by a double-click on screen until the officer presses Enter."""
    if owns_console():
        with contextlib.suppress(EOFError, OSError):
            input("按回车键关闭此窗口…")
