"""Atomic file writes for every export: temp file in the target folder, fsync, os.replace; never onto the input."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class OutputPathError(ValueError):
    """The output path cannot be used (it is the input file, or a folder). `message` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


IN_USE_MESSAGE = "文件正被其他程序打开（例如 Excel），请关闭后重试"
WINDOWS = os.name == "nt"


class FileInUseError(PermissionError):
    """Windows refused to replace the output because another program (Excel, WPS) holds it open.

    strerror and `message` are Chinese; the previous file is left as it was."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(errno.EACCES, IN_USE_MESSAGE, os.fspath(path))
        self.message = f"{IN_USE_MESSAGE}：{os.fspath(path)}"


def same_path(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when both paths name the same file (resolved, case-folded on Windows, or the same inode)."""
    pa, pb = Path(a), Path(b)
    try:
        if pa.exists() and pb.exists():
            return os.path.samefile(pa, pb)
    except OSError:
        pass
    ra, rb = os.path.normcase(str(pa.resolve())), os.path.normcase(str(pb.resolve()))
    return ra == rb


def check_output_path(out: str | os.PathLike[str], source: str | os.PathLike[str] | None = None) -> Path:
    """The output path, or OutputPathError when it is the source file or an existing folder."""
    p = Path(out)
    if source is not None and same_path(p, source):
        raise OutputPathError(f"输出文件不能与输入文件相同：{p}")
    if p.is_dir():
        raise OutputPathError(f"输出路径是一个文件夹，请给出文件名：{p}")
    return p


def atomic_write(out: str | os.PathLike[str], write: Callable[[BinaryIO], None],
                 source: str | os.PathLike[str] | None = None) -> None:
    """Call `write` on a temporary file next to `out`, flush it to disk, then replace `out` in one step.

    If anything fails the temporary file is removed and `out` is left as it was.
    """
    from core.winpath import extended

    shown = check_output_path(out, source)
    p = Path(extended(shown))  # Windows: also over 260 characters and on UNC shares
    folder = p.parent if str(p.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix="." + p.name + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            if p.exists():
                os.chmod(tmp, p.stat().st_mode & 0o777)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
        try:
            os.replace(tmp, p)
        except PermissionError as exc:
            # Windows: a workbook open in Excel or WPS cannot be replaced (WinError 5 or 32)
            if WINDOWS and p.exists():
                raise FileInUseError(shown) from exc
            raise
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_bytes(out: str | os.PathLike[str], data: bytes,
                       source: str | os.PathLike[str] | None = None) -> None:
    atomic_write(out, lambda fh: fh.write(data), source)  # type: ignore[arg-type, return-value]


def atomic_write_text(out: str | os.PathLike[str], text: str,
                      source: str | os.PathLike[str] | None = None, encoding: str = "utf-8") -> None:
    """Write text with "\\n" line ends (the same bytes on every platform)."""
    atomic_write_bytes(out, text.encode(encoding), source)
