"""Legacy formats (.doc, .wps, .xls, .odt, .ods) → .docx/.xlsx bytes through a local LibreOffice, for office.py.

Runs `soffice --headless --convert-to` in a private temporary directory with its own user profile
(so an open LibreOffice window does not block it) and a time limit. No network is involved.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from core.readers.errors import UnreadableError
from core.readers.limits import MAX_FILE_BYTES

TIMEOUT_S = 120
_WINDOWS_PATHS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                  r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")


def find_soffice() -> str | None:
    """Path of LibreOffice's soffice, if installed (PATH first, then the usual Windows folders)."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        for candidate in _WINDOWS_PATHS:
            if os.path.exists(candidate):
                return candidate
    return None


def _inside(path: str, root: str) -> bool:
    """Whether an absolute path is the folder `root` or lies under it (case as the file system compares it)."""
    path = os.path.normcase(os.path.abspath(path))
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def external_env(environ: dict[str, str] | None = None) -> dict[str, str] | None:
    """The environment for a program of this computer (LibreOffice) started from the app: None (this process's own)
    when running from source; in a PyInstaller build, this process's without what the bootloader and the runtime
    hooks pointed into the bundle, so the program loads its own libraries, not the app's (LD_LIBRARY_PATH: back to
    the value it had before the app started, which the bootloader keeps in LD_LIBRARY_PATH_ORIG; QT_PLUGIN_PATH and
    other variables naming the bundle's folder: dropped; PATH: without the bundle's folders)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or not bundle:
        return None
    env = dict(os.environ if environ is None else environ)
    for name in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
        original = env.pop(f"{name}_ORIG", None)
        env.pop(name, None)
        if original:
            env[name] = original
    root = os.path.normcase(os.path.abspath(bundle))
    for name, value in list(env.items()):
        parts = value.split(os.pathsep)
        if not any(os.path.isabs(part) and _inside(part, root) for part in parts):
            continue
        if name.upper() == "PATH":  # keep this computer's folders
            env[name] = os.pathsep.join(p for p in parts if not (os.path.isabs(p) and _inside(p, root)))
        else:
            del env[name]
    return env


def run_external(cmd: list[str], timeout: float) -> None:
    """Run a program of this computer to its end (output discarded), killed after `timeout` seconds
    (subprocess.TimeoutExpired). In a build for Windows the bootloader's DLL folder (SetDllDirectory: the bundle),
    which a child process inherits, is lifted while the program starts, so it loads its own DLLs, not the app's."""
    bundle = getattr(sys, "_MEIPASS", None)
    lift = sys.platform == "win32" and getattr(sys, "frozen", False) and bundle
    kernel32 = None
    if lift:
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
        kernel32.SetDllDirectoryW(None)
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=external_env())
    finally:
        if kernel32 is not None:
            kernel32.SetDllDirectoryW(bundle)  # the app's own later loads (a library group unpacked on first use)
    with proc:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise


def convert_with_libreoffice(soffice: str, data: bytes, source_suffix: str, target: str) -> bytes:
    """Convert the bytes of a .{source_suffix} file to .{target}; raises UnreadableError when it fails."""
    with tempfile.TemporaryDirectory(prefix="ogicheck-convert-") as tmp:
        src = Path(tmp) / f"input.{source_suffix}"
        src.write_bytes(data)
        out_dir = Path(tmp) / "out"
        out_dir.mkdir()
        profile = (Path(tmp) / "profile").as_uri()
        cmd = [soffice, "--headless", "--norestore", "--nologo", "--nolockcheck",
               f"-env:UserInstallation={profile}", "--convert-to", target, "--outdir", str(out_dir), str(src)]
        try:
            run_external(cmd, TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise UnreadableError(f"用 LibreOffice 转换 .{source_suffix} 文件超时（{TIMEOUT_S} 秒），已放弃。"
                                  f"请另存为 .{target} 或 PDF 后再打开。") from exc
        except OSError as exc:
            raise UnreadableError(f"无法启动 LibreOffice 转换 .{source_suffix} 文件（{exc}）。"
                                  f"请另存为 .{target} 或 PDF 后再打开。") from exc
        result = out_dir / f"input.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            raise UnreadableError(f"LibreOffice 未能转换这个 .{source_suffix} 文件（可能设置了密码或已损坏）。"
                                  f"请报送单位另存为 .{target} 或 PDF 后重新发送。")
        if result.stat().st_size > MAX_FILE_BYTES:
            raise UnreadableError("转换后的文件过大，不像一份年度报告，已停止读取。")
        return result.read_bytes()
