"""The code base is ruff clean (rules in pyproject.toml); ruff comes with the dev extra."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _ruff() -> list[str]:
    local = Path(sys.executable).parent / ("ruff.exe" if sys.platform == "win32" else "ruff")
    if local.exists():
        return [str(local)]
    found = shutil.which("ruff")
    if found is None:
        pytest.skip("ruff is not installed (pip install -e .[dev])")
    return [found]


def test_ruff_clean() -> None:
    result = subprocess.run([*_ruff(), "check", "--no-cache", "core", "desktop", "tests", "tools", "build"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
