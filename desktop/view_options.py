"""The 视图 menu's pane switches (原文, 问题列表) and grid zoom for the main window, remembered in the settings, and the
first window's size taken from the screen it opens on."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QSize
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QStatusBar, QWidget

from desktop.grid_view import GridView
from desktop.settings import Settings


class _Window(Protocol):
    """What ViewOptions needs of the main window (no import of it: the window imports this module)."""

    grids: dict[str, GridView]
    source: QWidget
    findings: QWidget
    settings: Settings

    def statusBar(self) -> QStatusBar: ...

ZOOM_STEP = 0.1  # one Ctrl+= step: 10 % of the normal size
ZOOM_RANGE = (-4, 10)  # 60 % … 200 %
PREFERRED = QSize(1400, 860)


def first_window_size(widget: QWidget) -> QSize:
    """The first window: the preferred size, but never more than 92 % × 90 % of the screen's available area."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return PREFERRED
    area = screen.availableGeometry()
    return QSize(min(PREFERRED.width(), int(area.width() * 0.92)), min(PREFERRED.height(), int(area.height() * 0.9)))


def preview_size(widget: QWidget) -> QSize:
    """The print preview: an A4 page fits it, but never more than 90 % of the screen's available area."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(900, 1000)
    area = screen.availableGeometry()
    return QSize(min(900, int(area.width() * 0.9)), min(1000, int(area.height() * 0.9)))


class ViewOptions(QObject):
    """Show or hide the source and findings panes, zoom the grids; all remembered."""

    def __init__(self, window: _Window) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        self.w = window
        self.zoom = 0
        self._base_points = window.grids[next(iter(window.grids))].font().pointSizeF()
        self.source_action = self._toggle("显示原文窗格(&S)", "F9", window.source)
        self.findings_action = self._toggle("显示问题列表(&P)", "F10", window.findings)
        self.zoom_in = self._action("放大表格(&I)", [QKeySequence("Ctrl+="), QKeySequence("Ctrl++"),
                                                  QKeySequence(QKeySequence.StandardKey.ZoomIn)], 1)
        self.zoom_out = self._action("缩小表格(&O)", [QKeySequence("Ctrl+-"),
                                                   QKeySequence(QKeySequence.StandardKey.ZoomOut)], -1)
        self.zoom_reset = self._action("表格原始大小(&R)", [QKeySequence("Ctrl+0")], None)

    def _toggle(self, text: str, key: str, pane: QWidget) -> QAction:
        a = QAction(text, self)
        a.setCheckable(True)
        a.setChecked(True)
        a.setShortcut(QKeySequence(key))
        a.toggled.connect(pane.setVisible)
        return a

    def _action(self, text: str, keys: list[QKeySequence], step: int | None) -> QAction:
        a = QAction(text, self)
        a.setShortcuts([k for k in keys if not k.isEmpty()])
        a.triggered.connect(lambda: self.set_zoom(0 if step is None else self.zoom + step))
        return a

    def install(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addActions([self.source_action, self.findings_action])
        menu.addSeparator()
        menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])

    def set_zoom(self, steps: int) -> None:
        self.zoom = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], steps))
        points = self._base_points * (1 + ZOOM_STEP * self.zoom)
        for grid in self.w.grids.values():
            font = grid.font()
            font.setPointSizeF(points)
            grid.setFont(font)
            grid.fit_columns()
        self.w.statusBar().showMessage(f"表格缩放 {round(100 * (1 + ZOOM_STEP * self.zoom))}%", 2000)

    def restore(self) -> None:
        s = self.w.settings
        self.source_action.setChecked(bool(s.get("window/source_visible")))
        self.findings_action.setChecked(bool(s.get("window/findings_visible")))
        if s.get("view/grid_zoom"):
            self.set_zoom(int(s.get("view/grid_zoom")))

    def save(self) -> None:
        s = self.w.settings
        s.set("window/source_visible", self.source_action.isChecked())
        s.set("window/findings_visible", self.findings_action.isChecked())
        s.set("view/grid_zoom", self.zoom)
