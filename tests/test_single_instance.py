"""Issue #11 item 7, one window: a second start hands its files to the running window over a local socket and
exits 0; the running window opens them. A socket file left by a killed process does not block the next start."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from desktop_support import ROOT, SAMPLES

pytest.importorskip("PySide6")


def _env(home: Path, quit_ms: int) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", OGICHECK_QUIT_AFTER_MS=str(quit_ms),
                OGICHECK_CONFIG_DIR=str(home / "config"), PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")


def _wait_listening(home: Path, first: subprocess.Popen[str], timeout: float = 60) -> None:
    log = home / "config" / "logs" / "ogicheck.log"
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if log.exists() and "single instance: " in log.read_text(encoding="utf-8") and "listening" in \
                log.read_text(encoding="utf-8"):
            return
        assert first.poll() is None, first.communicate()
        time.sleep(0.1)
    raise AssertionError("the first window never listened")


def test_second_start_hands_its_file_to_the_running_window(tmp_path: Path) -> None:
    first_file, second_file = sorted(SAMPLES.glob("示例*"))[:2]
    env = _env(tmp_path, 15000)
    first = subprocess.Popen([sys.executable, "-m", "desktop.app", str(first_file)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        _wait_listening(tmp_path, first)
        second = subprocess.run([sys.executable, "-m", "desktop.app", str(second_file)], cwd=ROOT, env=env,
                                capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert second.returncode == 0, second.stderr[-2000:]
        assert "已交给正在运行的窗口：1 个文件" in second.stdout
        assert "已打开" not in second.stdout  # it opened no window of its own
        out, err = first.communicate(timeout=90)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, err[-2000:]
    assert f"已打开：{first_file.name}" in out and f"已打开：{second_file.name}" in out, out
    assert f"当前：{second_file.name}" in out  # the handed file is the one shown


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_stale_socket_file_is_replaced(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDir

    from desktop.single_instance import InstanceServer, hand_over

    name = f"ogicheck-test-{os.getpid()}"
    path = Path(QDir.tempPath()) / name
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))  # bound and closed without unlink: what a killed process leaves
    stale.close()
    try:
        assert path.exists()
        assert not hand_over(["x"], name)  # nobody answers
        server = InstanceServer(name)
        assert server.listen()
        server.close()
    finally:
        path.unlink(missing_ok=True)


def test_starts_at_once_open_one_window(tmp_path: Path) -> None:
    """Reports opened together from Explorer start the app once per file, at the same moment: one start opens the
    window, the other hands its file over (without the start lock both opened a window on the same set)."""
    first_file, second_file = sorted(SAMPLES.glob("示例*"))[:2]
    env = _env(tmp_path, 8000)
    starts = [subprocess.Popen([sys.executable, "-m", "desktop.app", str(f)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
              for f in (first_file, second_file)]
    try:
        outs = [p.communicate(timeout=120) for p in starts]
    finally:
        for p in starts:
            if p.poll() is None:
                p.kill()
    assert [p.returncode for p in starts] == [0, 0], [err[-2000:] for _, err in outs]
    handed = [out for out, _ in outs if "已交给正在运行的窗口：1 个文件" in out]
    windows = [out for out, _ in outs if "可见=True" in out]
    assert len(handed) == 1 and len(windows) == 1, outs
    assert f"已打开：{first_file.name}" in windows[0] and f"已打开：{second_file.name}" in windows[0]
    assert not list((tmp_path / "config").glob("*.lock"))  # released
