"""`ogicheck export`: refusals with exit 2 and Chinese messages, the input untouched, atomic outputs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, SEEDS

from core.atomic import atomic_write_text, same_path
from core.cli.main import main

SEED = SEEDS / "000_a32a2e86f64ff8e8.txt"


def test_output_equal_to_input_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "报告.txt"
    shutil.copy(SEED, src)
    before = src.read_bytes()
    assert main(["export", str(src), "--text", str(tmp_path / "." / "报告.txt")]) == 2
    assert "输出文件不能与输入文件相同" in capsys.readouterr().err
    assert src.read_bytes() == before


def test_unreadable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "无此文件.txt"), "--xlsx", str(tmp_path / "o.xlsx")]) == 2
    assert "无法读取报告：找不到文件" in capsys.readouterr().err
    assert not (tmp_path / "o.xlsx").exists()


def test_output_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SEED), "--summary", str(tmp_path)]) == 2
    assert "文件夹" in capsys.readouterr().err


def test_unwritable_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SEED), "--text", str(tmp_path / "没有这个文件夹" / "o.txt")]) == 2
    assert "无法写入输出文件" in capsys.readouterr().err


def test_each_kind_written_and_input_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "seed.txt"
    shutil.copy(SEED, src)
    before = src.read_bytes()
    for kind, name in (("xlsx", "o.xlsx"), ("text", "o.txt"), ("summary", "o.html")):
        assert main(["export", str(src), f"--{kind}", str(tmp_path / name)]) == 0
    assert src.read_bytes() == before
    assert openpyxl.load_workbook(tmp_path / "o.xlsx").sheetnames[:3] == ["表二", "表三", "表四"]
    assert (tmp_path / "o.txt").read_text(encoding="utf-8").startswith("株洲市渌口区行政审批服务局")
    assert "<html>" in (tmp_path / "o.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.html", "o.txt", "o.xlsx", "seed.txt"]
    out = capsys.readouterr().out
    assert "已导出更正后的工作簿" in out and "已导出标准化文本报告" in out and "已导出核查摘要" in out


def test_overwrite_replaces_whole_file(tmp_path: Path) -> None:
    out = tmp_path / "o.txt"
    out.write_text("旧内容" * 1000, encoding="utf-8")
    atomic_write_text(out, "新")
    assert out.read_text(encoding="utf-8") == "新"
    assert same_path(out, tmp_path / "." / "o.txt") and not same_path(out, tmp_path / "p.txt")


def test_console_script_exit_code(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "core.cli", "export", str(SEED), "--text", str(SEED)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2
    assert "输出文件不能与输入文件相同" in proc.stderr and "Traceback" not in proc.stderr
