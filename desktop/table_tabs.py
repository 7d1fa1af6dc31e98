"""The tabs of a report's three tables. Their captions carry counts that change with the findings, and
QTabWidget lays itself out and repaints the whole pane (the grid's frame, headers, corner and scroll bars) when a
caption is set, and again when its tab bar asks to be laid out. Here a caption goes to the tab bar alone
(`set_caption`), and the pane is laid out again only when a size hint it depends on changed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTabWidget, QWidget


class TableTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hints: tuple[QSize, ...] | None = None  # what the last layout was made for

    def set_caption(self, index: int, text: str, icon: QIcon | None = None) -> None:
        """A tab's caption (and icon), repainting the tab bar only."""
        bar = self.tabBar()
        if bar.tabText(index) != text:
            bar.setTabText(index, text)
        if icon is not None:
            bar.setTabIcon(index, icon)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            bar = self.tabBar()
            hints = (bar.sizeHint(), bar.minimumSizeHint(), self.sizeHint(), self.minimumSizeHint())
            if hints == self._hints:  # the bar keeps its place and the pane its size: nothing to lay out
                return QWidget.event(self, event)
            self._hints = hints
        return super().event(event)
