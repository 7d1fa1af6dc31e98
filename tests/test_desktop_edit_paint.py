"""Issue #14, third round: what an edit paints, painted with less work, must look exactly as before.

The window's pixels after edits (the offscreen screen keeps what was painted, piece by piece) are compared with the
same window painted afresh, so a part left unpainted or painted stale shows; the grid's corrected marks with those
the cell delegate painted; the grid's roles given in one call with those read one by one; and the window painted
with Qt's fills kept on the UI thread with the window painted with them spread over threads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from desktop_support import (
    ROOT,
    SAMPLES,
    cell_numbers,
    enter,
    fresh_image,
    idle,
    screen_image,
    seed,
    shows_as_painted_afresh,
    wait_loaded,
)

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QModelIndex, QModelRoleData, QModelRoleDataSpan, QObject, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate  # noqa: E402

from core.template import TABLE_IDS  # noqa: E402
from desktop.cell_marks import paint_corrected_mark  # noqa: E402
from desktop.table_model import CELL_KEY_ROLE, CORRECTED_ROLE, LEGEND_ROLE  # noqa: E402
from desktop.undo_commands import CellChange  # noqa: E402

GRID_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.TextAlignmentRole,
              Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
              Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.CheckStateRole,
              LEGEND_ROLE, CELL_KEY_ROLE, CORRECTED_ROLE)


@pytest.mark.parametrize("name", ["001", "003", "004"])
def test_after_edits_undo_and_decisions_the_window_shows_what_a_fresh_paint_shows(qtbot, window, name) -> None:  # type: ignore[no-untyped-def]
    """Edits that add, change and remove findings (the list's rows, the tabs' captions, the counts, the grid's
    colours and marks, the source pane scrolled to the next cell), undone, with the list filtered and a finding
    ignored: after each, every pixel of the window is what painting it afresh gives."""
    from core.findings import Severity
    from core.season.decisions import IGNORE, Decision

    window.resize(1400, 860)
    window.open_paths([str(seed(name))])
    wait_loaded(qtbot, window)
    doc = window.current
    numbers = cell_numbers(doc, "requests")
    assert len(numbers) >= 3
    shows_as_painted_afresh(qtbot, window)
    for row, col, value in numbers[:2]:
        enter(qtbot, window, "requests", row, col, str(value + 7))
        shows_as_painted_afresh(qtbot, window)
    doc.undo_stack.undo()
    shows_as_painted_afresh(qtbot, window)
    window.findings.set_filter({Severity.ERROR, Severity.WARNING})
    row, col, value = numbers[2]
    enter(qtbot, window, "requests", row, col, str(value + 1))
    shows_as_painted_afresh(qtbot, window)
    doc.decisions = [Decision.on(doc.findings[0], IGNORE, "误报")]
    doc.revalidate()
    shows_as_painted_afresh(qtbot, window)
    window.findings.set_filter()
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    shows_as_painted_afresh(qtbot, window)


def test_the_closed_editor_leaves_nothing_to_paint_when_it_is_deleted(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The edited cell is painted once after Enter (its deleted editor repainted it a second time)."""
    from PySide6.QtTest import QTest

    window.open_paths([str(seed("001"))])
    wait_loaded(qtbot, window)
    row, col, value = cell_numbers(window.current, "requests")[0]
    grid = window.grids["requests"]
    painted: list[int] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(1)
            elif event.type() == QEvent.Type.DeferredDelete and painted:
                painted.append(0)  # deleted after the edit's paint
            return False

    spy = Paints()
    for n in range(2):
        enter(qtbot, window, "requests", row, col, str(value + 1 - n), press=False)
        editor = next(e for e in grid.viewport().findChildren(QLineEdit) if e.isVisible())
        grid.viewport().installEventFilter(spy)
        editor.installEventFilter(spy)
        painted.clear()
        QTest.keyClick(editor, Qt.Key.Key_Return)
        idle(qtbot)
        grid.viewport().removeEventFilter(spy)
        assert painted[:1] == [1] and 0 in painted, painted  # painted, then the editor deleted
        assert painted.count(1) == 1, "the grid was painted again for the deleted editor"
        assert window.current.report.tables["requests"].value(row, col) == value + 1 - n
        assert not [e for e in grid.viewport().findChildren(QLineEdit) if e.isVisible()]
    shows_as_painted_afresh(qtbot, window)


class _MarkingDelegate(QStyledItemDelegate):
    """How the cell delegate drew a corrected cell's mark before: at the end of the cell's own paint."""

    def paint(self, painter, option, index) -> None:  # type: ignore[no-untyped-def]
        super().paint(painter, option, index)
        if index.data(CORRECTED_ROLE):
            paint_corrected_mark(painter, option.rect)


def test_corrected_marks_drawn_by_the_grid_equal_those_the_cells_drew(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("004"))])
    wait_loaded(qtbot, window)
    doc = window.current
    numbers = cell_numbers(doc, "requests")
    changes = [CellChange("requests", r, c, v + 2) for r, c, v in numbers[:4]]
    assert doc.push_changes(changes, "四格")
    assert doc.push_changes([CellChange("requests", *numbers[1][:2], numbers[1][2])], "改回一格")  # still edited
    window.tabs.setCurrentIndex(TABLE_IDS.index("requests"))
    grid = window.grids["requests"]
    grid.setCurrentIndex(grid.table_model().index_of(*numbers[5][:2]))
    idle(qtbot)
    ours = grid.viewport().grab().toImage()
    marked = [grid.visualRect(grid.table_model().index_of(r, c)) for r, c, _ in numbers[:4]]
    delegate = grid.itemDelegate()
    grid.paint_marks = lambda _event: None  # type: ignore[method-assign]
    bare = grid.viewport().grab().toImage()
    old = _MarkingDelegate(grid)
    grid.setItemDelegate(old)
    try:
        before = grid.viewport().grab().toImage()
    finally:
        grid.setItemDelegate(delegate)
        del grid.paint_marks
    assert ours == before
    assert ours != bare and all(r.isValid() for r in marked)
    corner = marked[0].topRight()
    assert ours.pixel(corner.x() - 1, corner.y() + 1) != bare.pixel(corner.x() - 1, corner.y() + 1)



@pytest.mark.parametrize("name", ["000", "001", "004"])
def test_grid_cells_roles_in_one_call_equal_those_read_one_by_one(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed(name))])
    wait_loaded(qtbot, window)
    doc = window.current
    edited = next(tid for tid in ("requests", "active", "review") if cell_numbers(doc, tid))
    row, col, value = cell_numbers(doc, edited)[0]
    assert doc.push_changes([CellChange(edited, row, col, value + 5)], "edit")  # a corrected cell, findings
    for tid in TABLE_IDS:
        model = window.models_for(doc)[tid]
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                idx = model.index(r, c)
                for role in GRID_ROLES:
                    held = QModelRoleData(int(role))
                    model.multiData(idx, QModelRoleDataSpan(held))
                    assert held.data() == model.data(idx, role), (tid, r, c, role)
                held = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))
                model.multiData(idx, held)  # a single role, not in a span
                assert held.data() == model.data(idx)
        invalid = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))
        model.multiData(QModelIndex(), QModelRoleDataSpan(invalid))
        assert invalid.data() is None
    model = window.models_for(doc)[edited]
    assert model.data(model.index_of(row, col), CORRECTED_ROLE) is True


_PAINT_SCRIPT = r"""
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from desktop.app import create_app
from desktop.main_window import MainWindow
app = create_app()
w = MainWindow()
w.resize(1200, 800)
w.show()
w.open_paths([{path!r}])
while w.runner.pending or w.current is None or w.current.state == "loading":
    QApplication.processEvents()
for _ in range(5):
    QApplication.processEvents()
doc = w.current
grid = w.grids["requests"]
from core.template import TABLE_IDS
w.tabs.setCurrentIndex(TABLE_IDS.index("requests"))
for _ in range(5):
    QApplication.processEvents()
t = doc.report.tables["requests"]
row, col = next((r.id, c) for r in t.spec.rows for c in t.spec.cols_for(r.id) if isinstance(t.value(r.id, c), int))
idx = grid.table_model().index_of(row, col)
grid.setCurrentIndex(idx)
grid.edit(idx)
for _ in range(5):
    QApplication.processEvents()
editor = next(e for e in grid.viewport().findChildren(QLineEdit) if e.isVisible())
editor.setText(str(int(t.value(row, col)) + 9))
QTest.keyClick(editor, Qt.Key.Key_Return)
for _ in range(5):
    QApplication.processEvents()
w.screen().grabWindow(w.winId()).toImage().convertToFormat(QImage.Format.Format_RGB32).save({out!r})
doc.mark_saved()
w.close()
"""


def test_fills_kept_on_the_ui_thread_paint_the_same_pixels(tmp_path: Path) -> None:
    """The window after an edit, painted with Qt's fills spread over its threads (as before) and kept on the UI
    thread (QT_NO_GUI_THREADPOOL, which create_app sets): the same pixels."""
    sample = sorted(SAMPLES.glob("示例1*"))[0]
    images = []
    for threads in (True, False):
        out = tmp_path / f"window-{threads}.png"
        env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
        env.update(QT_QPA_PLATFORM="offscreen", OGICHECK_CONFIG_DIR=str(tmp_path / f"config-{threads}"))
        script = _PAINT_SCRIPT.format(root=str(ROOT), path=str(sample), out=str(out))
        if threads:  # as before: the fills spread over Qt's threads
            script = script.replace("app = create_app()", "import desktop.app\n"
                                    "desktop.app.fills_on_ui_thread = lambda: None\napp = create_app()")
        check = "assert ('QT_NO_GUI_THREADPOOL' in __import__('os').environ) == " + str(not threads)
        script = script.replace("w = MainWindow()", check + "\nw = MainWindow()")
        done = subprocess.run([sys.executable, "-c", script], env=env, cwd=str(ROOT), capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        images.append(QImage(str(out)))
    assert not images[0].isNull() and images[0].size() == images[1].size()
    assert images[0] == images[1]


def test_the_source_gutter_scrolled_shows_what_painting_it_whole_shows(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The line numbers are scrolled by moving their pixels (the gutter paints all it covers, opaquely)."""
    window.resize(1200, 800)
    window.open_paths([str(seed("001"))])
    wait_loaded(qtbot, window)
    gutter = window.source.text._gutter
    assert gutter.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    doc = window.current
    cells = [doc.report.tables[t].get(r.id, c) for t in ("requests", "review")
             for r in doc.report.tables[t].spec.rows for c in doc.report.tables[t].spec.cols_for(r.id)]
    located = [cell for cell in cells if cell.loc is not None][::7]
    assert len(located) >= 3
    for cell in located[:6] + located[:2]:
        window.source.show_loc(cell.loc, cell.raw or None, "格")
        shows_as_painted_afresh(qtbot, window)
    image = QImage(8, 8, QImage.Format.Format_RGB32)  # the gutter's fill leaves nothing of what was under it
    painter = QPainter(image)
    painter.fillRect(image.rect(), window.source.text.palette().alternateBase())
    painter.end()
    assert image.pixelColor(4, 4).alpha() == 255


def _as_the_cells_drew_marks(qtbot, window, grid) -> None:  # type: ignore[no-untyped-def]
    """The window shows what a fresh paint shows with the marks drawn by the cells, as before."""
    idle(qtbot)
    shown = screen_image(window)
    delegate = grid.itemDelegate()
    grid.paint_marks = lambda _event: None  # type: ignore[method-assign]
    grid.setItemDelegate(_MarkingDelegate(grid))
    try:
        fresh = fresh_image(window)
    finally:
        grid.setItemDelegate(delegate)
        del grid.paint_marks
    assert shown == fresh


def test_many_corrected_marks_follow_partial_repaints_of_a_scrolled_grid(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The grid marks only the edited cells among the rows and columns a paint covers: with many corrected cells,
    the grid scrolled and the cursor moving (each move repaints a few cells), the window shows what a fresh paint
    with the marks drawn by the cells shows."""
    window.resize(900, 600)
    window.open_paths([str(seed("001"))])
    wait_loaded(qtbot, window)
    doc = window.current
    numbers = cell_numbers(doc, "requests")
    window.tabs.setCurrentIndex(TABLE_IDS.index("requests"))
    idle(qtbot)
    assert doc.push_changes([CellChange("requests", r, c, v + 1) for r, c, v in numbers], "全部加一")
    grid = window.grids["requests"]
    model = grid.table_model()
    assert len(model.edited_positions()) == len(numbers) > 20
    _as_the_cells_drew_marks(qtbot, window, grid)
    for bar in (grid.verticalScrollBar(), grid.horizontalScrollBar()):
        bar.setValue(bar.maximum() // 2)
    _as_the_cells_drew_marks(qtbot, window, grid)
    for r, c, v in numbers[::5]:
        grid.setCurrentIndex(model.index_of(r, c))
        _as_the_cells_drew_marks(qtbot, window, grid)
        assert doc.push_changes([CellChange("requests", r, c, v + 2)], "再改")
        _as_the_cells_drew_marks(qtbot, window, grid)
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    _as_the_cells_drew_marks(qtbot, window, grid)
    assert not model.edited_positions()
