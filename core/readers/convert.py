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
            subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_S, check=False)
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
