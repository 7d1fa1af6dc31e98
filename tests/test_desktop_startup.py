"""Started as a new user would: the README's run command (`python -m desktop.app SAMPLE`, what `tools/dev.py run`
starts) in a fresh process, offscreen, shows the bundled sample with its findings and exits 0; with no file on a
first start the sample opens by itself."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from desktop_support import ROOT, SAMPLES

pytest.importorskip("PySide6")


def start_gui(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OGICHECK_QUIT_AFTER_MS="0",
               OGICHECK_CONFIG_DIR=str(home / "config"), PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "desktop.app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def shown(stdout: str) -> dict[str, int | str]:
    opened = re.search(r"已打开：(.+?)｜(.+?)｜(\w+)｜错误 (\d+) 警告 (\d+) 提示 (\d+)", stdout)
    current = re.search(r"核查结果列表 (\d+) 条｜表格中有数的单元格 (\d+) 个", stdout)
    window = re.search(r"窗口：(.+)｜可见=(\w+)", stdout)
    assert opened and current and window, stdout
    return {"file": opened[1], "title": opened[2], "state": opened[3],
            "findings": int(opened[4]) + int(opened[5]) + int(opened[6]),
            "listed": int(current[1]), "filled": int(current[2]), "window": window[1], "visible": window[2]}


def test_readme_run_command_shows_the_sample_with_findings(tmp_path: Path) -> None:
    sample = sorted(SAMPLES.glob("示例*"))[0]  # the file tools/dev.py run opens
    done = start_gui([str(sample)], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    got = shown(done.stdout)
    assert got["file"] == sample.name and got["state"] == "ready" and got["visible"] == "True"
    assert got["findings"] > 0 and got["listed"] == got["findings"]
    assert got["filled"] > 20
    assert got["title"] in str(got["window"]) and "年报核查" in str(got["window"])
    assert "Traceback" not in done.stderr


def test_first_start_without_files_opens_the_sample(tmp_path: Path) -> None:
    done = start_gui([], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    got = shown(done.stdout)
    assert got["file"] == sorted(SAMPLES.glob("示例*"))[0].name and got["findings"] > 0
    assert (tmp_path / "config" / "ogicheck.ini").exists()
    again = start_gui([], tmp_path)  # not a first start any more: the sample is not added again, but the
    # default set it went into is resumed, so the same report (only that one) is back
    assert again.returncode == 0 and again.stdout.count("已打开") == 1 and "可见=True" in again.stdout


def test_qt_binding_keeps_reference_counts() -> None:
    """PySide6 6.12.0 released None and True once per call of a Qt method on Python < 3.12, so a session aborted
    ('deallocating None') after a few thousand calls; pyproject.toml keeps that release out."""
    from PySide6.QtCore import QObject

    obj = QObject()
    none, true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        obj.setObjectName("x")
        obj.signalsBlocked()
    assert sys.getrefcount(None) - none > -50 and sys.getrefcount(True) - true > -50
