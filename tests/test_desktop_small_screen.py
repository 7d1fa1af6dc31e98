"""On her laptop (1366×768 at 125 %, less a task bar and the title bar: 1093×552 logical pixels) the grid keeps the
larger part of the height on a first start: 表三 shows several rows, the legend takes one line, the findings list
still shows rows; the panes keep her proportions on another screen until she drags a splitter."""

from __future__ import annotations

import pytest
from desktop_support import SAMPLES, wait_loaded

pytest.importorskip("PySide6")


def _open_sample(window, qtbot, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    window.resize(*size)
    window.open_paths([str(sorted(SAMPLES.glob("*.txt"))[0])])
    wait_loaded(qtbot, window)
    window.tabs.setCurrentIndex(1)  # 表三, the tallest table
    qtbot.wait(50)


def _visible_rows(view) -> int:  # type: ignore[no-untyped-def]
    h = view.viewport().height()
    return sum(1 for r in range(view.model().rowCount())
               if view.rowViewportPosition(r) >= 0 and view.rowViewportPosition(r) + view.rowHeight(r) <= h)


def test_grid_gets_the_height_of_a_small_laptop(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _open_sample(window, qtbot, (1093, 552))
    grid = window.grids["requests"]
    assert _visible_rows(grid) >= 3  # under its three header rows (was one)
    shown = [c for c in range(grid.model().columnCount())
             if grid.columnViewportPosition(c) >= 0
             and grid.columnViewportPosition(c) + grid.columnWidth(c) <= grid.viewport().width()]
    assert len(shown) >= 3  # the row labels wrap before they take the numbers' room (was one column)
    window.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    assert _visible_rows(window.grids["active"]) >= 5
    view = window.findings.view  # a tree view: its rows by their rectangles
    first = view.visualRect(view.model().index(0, 0))
    assert first.height() > 0 and view.viewport().height() >= 2 * first.height()
    legend = window.legend.legend
    assert legend.height() < 2 * legend.fontMetrics().height()  # one line
    assert not window.legend.hint.isVisible()  # the editing hint is in the legend's tooltip here
    assert "双击" in legend.toolTip() and "模板中没有这一栏" in legend.toolTip()
    work = window.split_work.sizes()
    assert work[0] > work[1]


def test_tall_window_shows_the_editing_hint(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _open_sample(window, qtbot, (1400, 860))
    assert window.legend.hint.isVisible()
    assert _visible_rows(window.grids["requests"]) >= 8


def test_proportions_are_kept_until_she_drags(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _open_sample(window, qtbot, (1400, 860))
    window.resize(1093, 552)
    qtbot.wait(50)
    top, bottom = window.split_work.sizes()
    assert top / (top + bottom) == pytest.approx(0.64, abs=0.03)
    window.split_work.setSizes([150, top + bottom - 150])
    window.split_work.splitterMoved.emit(150, 1)  # as her drag does
    window.resize(1200, 620)
    qtbot.wait(50)
    top, bottom = window.split_work.sizes()
    assert top / (top + bottom) < 0.5  # her choice stays; the proportions are no longer imposed


def test_file_dialogs_do_not_start_in_the_samples(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """QA: after the sample, 打开文件夹 and 新建核查批次 started in the program's own resources/samples folder."""
    from pathlib import Path

    _open_sample(window, qtbot, (1280, 720))
    assert window.last_folder() == str(Path.home())
    window.settings.set("files/last_folder", str(tmp_path))
    assert window.last_folder() == str(tmp_path)
