"""Helpers for the desktop tests: a main window with its settings in a temporary folder, waiting for loads."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

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


def idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Run the event loop until it has nothing left to do (posted events, repaints, zero timers)."""
    from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop

    dispatcher = QAbstractEventDispatcher.instance()
    quiet = 0
    while quiet < 2:
        quiet = 0 if dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents) else quiet + 1


def enter(qtbot, window, tid: str, row: str, col: str, text: str, press: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Type `text` into a cell's editor and press Enter, as she does."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    from core.template import TABLE_IDS

    window.tabs.setCurrentIndex(TABLE_IDS.index(tid))
    grid = window.grids[tid]
    idx = grid.table_model().index_of(row, col)
    grid.scrollTo(idx)
    grid.setCurrentIndex(idx)
    grid.edit(idx)
    idle(qtbot)
    editor = next(e for e in grid.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.setText(text)
    if press:
        QTest.keyClick(editor, Qt.Key.Key_Return)


def cell_numbers(doc, tid: str) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    t = doc.report.tables[tid]
    return [(r.id, c, int(t.value(r.id, c))) for r in t.spec.rows for c in t.spec.cols_for(r.id)
            if isinstance(t.value(r.id, c), int) and (tid, r.id, c) not in doc.report.candidates]


def screen_image(window) -> QImage:  # type: ignore[no-untyped-def]
    """What the window shows: the offscreen platform gives back the pixels painted so far."""
    from PySide6.QtGui import QImage

    return window.screen().grabWindow(window.winId()).toImage().convertToFormat(QImage.Format.Format_RGB32)


def fresh_image(window) -> QImage:  # type: ignore[no-untyped-def]
    """The window painted whole, now."""
    from PySide6.QtGui import QImage

    return window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def shows_as_painted_afresh(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    idle(qtbot)
    shown, fresh = screen_image(window), fresh_image(window)
    assert shown.size() == fresh.size()
    if shown != fresh:
        xs, ys = zip(*[(x, y) for y in range(shown.height()) for x in range(shown.width())
                       if shown.pixel(x, y) != fresh.pixel(x, y)], strict=True)
        widget = window.childAt(min(xs), min(ys))
        widget = widget.parentWidget() if type(widget).__name__ == "QWidget" else widget
        raise AssertionError(f"the window shows something a fresh paint does not: x {min(xs)}–{max(xs)}, "
                             f"y {min(ys)}–{max(ys)} ({len(xs)} pixels; {type(widget).__name__} there)")
