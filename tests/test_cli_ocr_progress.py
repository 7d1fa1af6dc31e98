"""`ogicheck check` shows a progress line on a terminal while the pages of a scan are recognised (OCR)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import core.cli.check as check
from core.model import Report


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_for_recognised_pages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def fake_load(path, hooks, prev=None):  # type: ignore[no-untyped-def]
        for done in range(4):
            hooks.step(done, 3)
        return Report(path=str(path), format="pdf", template=None, tables={}, error="x")

    err = _Tty()
    monkeypatch.setattr(check, "load_report", fake_load)
    monkeypatch.setattr(check.sys, "stderr", err)
    check._load(str(tmp_path / "扫描件.pdf"))
    out = err.getvalue()
    assert "0/3" in out and "3/3" in out and "文字识别" in out and "扫描件.pdf" in out and out.endswith("\n")


def test_no_progress_line_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    err = io.StringIO()
    monkeypatch.setattr(check.sys, "stderr", err)
    monkeypatch.setattr(check, "load_report", lambda path, hooks, prev=None: (hooks.step(0, 2), Report(
        path=path, format="pdf", template=None, tables={}))[1])
    check._load(str(tmp_path / "a.pdf"))
    assert err.getvalue() == ""
