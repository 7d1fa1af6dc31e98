"""`ogicheck check`: exit codes, Chinese summary, JSON for several files, unreadable files without traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli.main import main
from tests.conftest import ROOT, SEEDS


def test_unreadable_file_exit_2_chinese_message_no_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "空文件.txt"
    empty.write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "core.cli", "check", str(empty)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "文件是空的" in proc.stdout


def test_missing_file_json_has_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(tmp_path / "nope.txt"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2
    assert data["error"].startswith("找不到文件") and data["tables"] == {}
    assert data["findings"][0]["rule"] == "PARSE.UNREADABLE"


def test_several_files_give_a_json_array(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(SEEDS / "001_741307592853c9cf.txt"), str(SEEDS / "002_5dfec4ccc80cd26b.txt")]
    main(["check", *paths, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and [d["file"] for d in data] == paths
    for d in data:
        assert set(d) >= {"schema", "file", "format", "error", "template", "report_year", "agency", "title",
                          "published", "script", "sections", "tables", "findings", "summary"}
        assert len(d["sections"]) == 6 and set(d["tables"]) == {"active", "requests", "review"}


def test_readable_summary_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(SEEDS / "004_d283978da91e14c9.txt")])
    out = capsys.readouterr().out
    assert "海东市平安区政务服务中心" in out and "报告年度：2019" in out


def test_closed_pipe_ends_quietly() -> None:
    """`ogicheck check … | head -1`: the reader closes the pipe early; no BrokenPipeError traceback."""
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))] * 4
    proc = subprocess.Popen([sys.executable, "-m", "core.cli", "check", *seeds], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `head -1` exiting
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert proc.returncode in (0, 1, 141)
