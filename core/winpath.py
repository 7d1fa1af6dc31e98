"""Windows path forms the app meets on officers' machines, handled without a Windows machine to hand:
drive letters (D:\\年报\\…), UNC shares (\\\\server\\share\\年报\\…) and paths longer than MAX_PATH (260).

Windows refuses paths of 260 characters or more unless the machine has LongPathsEnabled set; the extended
form (\\\\?\\D:\\… , \\\\?\\UNC\\server\\share\\…) works everywhere, so file I/O of the readers and of every
export goes through `extended()`. Messages keep showing the path as the officer gave it.
Pure string work with ntpath, so the tests run the Windows cases on Linux (windows=True).
"""

from __future__ import annotations

import ntpath
import os

WINDOWS = os.name == "nt"
# CreateFile's limit is 260 (MAX_PATH) with the terminating NUL; a folder must leave room for an 8.3 name (248).
LONG_PATH = 248
_EXTENDED = "\\\\?\\"


def is_unc(path: str) -> bool:
    """\\\\server\\share\\… (also written with forward slashes), not an extended or device path."""
    p = path.replace("/", "\\")
    return p.startswith("\\\\") and not p.startswith((_EXTENDED, "\\\\.\\"))


def extended(path: str | os.PathLike[str], *, windows: bool = WINDOWS) -> str:
    """The path as Windows can open it whatever its length: unchanged when short, on other systems, or already
    extended; otherwise the absolute path in extended form (UNC shares as \\\\?\\UNC\\server\\share\\…)."""
    text = os.fspath(path)
    if not windows or text.startswith((_EXTENDED, "\\\\.\\")):
        return text
    if not ntpath.isabs(text) or ntpath.splitdrive(text)[0] == "":
        if not WINDOWS:
            return text  # a relative path can only be made absolute on Windows itself
        text = os.path.abspath(text)
    full = ntpath.normpath(text)
    if len(full) < LONG_PATH:
        return text
    if is_unc(full):
        return _EXTENDED + "UNC\\" + full[2:]
    return _EXTENDED + full
