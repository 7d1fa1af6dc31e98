"""Helpers for the desktop tests: a main window with its settings in a temporary folder, waiting for loads."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"


def wait_loaded(qtbot, window, timeout: int = 30000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.runner.pending == 0 and all(d.state != "loading" for d in window.docs),
                    timeout=timeout)


def grid_text(window, table: str, row: str, col: str) -> str:  # type: ignore[no-untyped-def]
    model = window.grids[table].model()
    idx = model.index_of(row, col)
    assert idx.isValid(), (table, row, col)
    return str(model.data(idx) or "")


def seed(name_prefix: str) -> Path:
    from conftest import SEEDS

    found = sorted(SEEDS.glob(name_prefix + "*.txt"))
    if not found:
        pytest.skip(f"seed {name_prefix} not present")
    return found[0]
