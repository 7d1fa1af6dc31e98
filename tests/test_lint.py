"""The code base is ruff clean and core/ is mypy clean (settings in pyproject.toml); both come with the dev extra."""

from __future__ import annotations

import os
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


def _mypy() -> list[str]:
    local = Path(sys.executable).parent / ("mypy.exe" if sys.platform == "win32" else "mypy")
    if local.exists():
        return [str(local)]
    found = shutil.which("mypy")
    if found is None:
        pytest.skip("mypy is not installed (pip install -e .[dev])")
    return [found]


def test_mypy_core_clean() -> None:
    """core/ type-checks (settings in pyproject.toml [tool.mypy]); the cache goes to a temporary folder."""
    result = subprocess.run([*_mypy(), "--cache-dir", os.devnull if sys.platform != "win32" else "nul", "core"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
