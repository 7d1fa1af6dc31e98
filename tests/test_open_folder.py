"""打开文件夹 in the frozen Linux app starts xdg-open with this computer's environment, not the bundle's library
paths (the file manager would otherwise load the app's libraries); elsewhere Qt opens the folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from desktop import open_folder as module


def _frozen(monkeypatch: pytest.MonkeyPatch, bundle: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", str(bundle))
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/opt/vendor/lib")
    monkeypatch.setenv("QT_PLUGIN_PATH", str(bundle / "PySide6" / "Qt" / "plugins"))


def test_frozen_linux_app_starts_xdg_open_with_this_computers_paths(monkeypatch: pytest.MonkeyPatch,
                                                                     tmp_path: Path) -> None:
    _frozen(monkeypatch, tmp_path / "_MEI123")
    monkeypatch.setattr(module.sys, "platform", "linux")
    monkeypatch.setattr(module.shutil, "which", lambda name: "/usr/bin/xdg-open" if name == "xdg-open" else None)
    started: list[tuple[list[str], dict[str, Any]]] = []
    monkeypatch.setattr(module.subprocess, "Popen", lambda cmd, **kw: started.append((cmd, kw)))
    monkeypatch.setattr(module.QDesktopServices, "openUrl", lambda url: pytest.fail("Qt would pass the bundle's paths"))
    assert module.open_folder("/home/officer/汇总")
    ((cmd, kw),) = started
    assert cmd == ["/usr/bin/xdg-open", "/home/officer/汇总"]
    env = kw["env"]
    assert env["LD_LIBRARY_PATH"] == "/opt/vendor/lib" and "QT_PLUGIN_PATH" not in env
    assert not any(str(tmp_path) in value for value in env.values())
    assert kw["start_new_session"] is True


def test_from_source_or_without_xdg_open_qt_opens_the_folder(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    opened: list[str] = []
    monkeypatch.setattr(module.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    monkeypatch.setattr(module.subprocess, "Popen", lambda *a, **k: pytest.fail("no process of our own"))
    assert module.open_folder(str(tmp_path))  # running from source
    _frozen(monkeypatch, tmp_path / "_MEI9")
    monkeypatch.setattr(module.sys, "platform", "win32")  # Windows: the shell opens Explorer
    assert module.open_folder(str(tmp_path))
    monkeypatch.setattr(module.sys, "platform", "linux")
    monkeypatch.setattr(module.shutil, "which", lambda name: None)  # no xdg-open
    assert module.open_folder(str(tmp_path))
    assert opened == [str(tmp_path)] * 3
