"""The tabs of a report's three tables. Their captions carry counts that change with the findings, and
QTabWidget lays itself out and repaints the whole pane (the grid's frame, headers, corner and scroll bars) when a
caption is set, and again when its tab bar asks to be laid out. Here a caption goes to the tab bar alone
(`set_caption`); when a caption's new width changes only the tab bar's place, the bar alone is moved (the pane
keeps its place and is not repainted); the pane is laid out again only when its own place changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStackedWidget, QStyle, QStyleOptionTabWidgetFrame, QTabWidget, QWidget


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
            before, self._hints = self._hints, hints
            if before is not None and self._place_bar_only():
                if before[2:] != hints[2:]:
                    self.updateGeometry()  # as QTabWidget's own layout does: its parent may give it another size
                return QWidget.event(self, event)
        return super().event(event)

    def _place_bar_only(self) -> bool:
        """Move the tab bar where QTabWidget's layout would put it, when that layout would leave the pane where it
        is (QTabWidget would also repaint the whole pane); False (nothing done) otherwise."""
        pane = self.findChild(QStackedWidget, "qt_tabwidget_stackedwidget")
        corners = (self.cornerWidget(Qt.Corner.TopLeftCorner), self.cornerWidget(Qt.Corner.TopRightCorner))
        if not self.isVisible() or pane is None or any(c is not None for c in corners):
            return False
        option = QStyleOptionTabWidgetFrame()
        self.initStyleOption(option)
        style = self.style()
        if style.subElementRect(QStyle.SubElement.SE_TabWidgetTabContents, option, self) != pane.geometry():
            return False
        self.tabBar().setGeometry(style.subElementRect(QStyle.SubElement.SE_TabWidgetTabBar, option, self))
        return True
