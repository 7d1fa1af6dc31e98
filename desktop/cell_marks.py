"""What the grid draws on and beside its cells: the corrected corner mark and the note that explains a refused entry."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPolygon
from PySide6.QtWidgets import QAbstractItemView, QLabel

from core.legend import CORRECTED_MARK


def paint_corrected_mark(painter: QPainter, rect: QRect) -> None:
    """A green triangle in the cell's top-right corner: the cell was corrected (its colour is its worst finding's)."""
    size = max(6, min(rect.height() // 2, 10))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#" + CORRECTED_MARK))
    right, top = rect.right(), rect.top()
    painter.drawPolygon(QPolygon([QPoint(right - size, top), QPoint(right, top), QPoint(right, top + size)]))
    painter.restore()


class RefusalNote(QLabel):
    """A note under a cell that says why what was typed there was refused; it stays until the entry is fixed,
    abandoned (Esc) or the grid changes table."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view.viewport())
        self._view = view
        self.setObjectName("refusalNote")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#refusalNote { background: #FFF4F4; color: #7A0000; border: 1px solid #B3261E;"
                           " padding: 3px 6px; }")
        self.hide()

    def show_at(self, index: QModelIndex, message: str) -> None:
        view = self._view
        rect = view.visualRect(index)
        width = min(max(260, rect.width() * 3), max(view.viewport().width() - 4, 120))
        self.setText(message)
        self.setFixedWidth(width)
        self.adjustSize()
        x = min(max(rect.left(), 2), max(view.viewport().width() - width - 2, 0))
        y = rect.bottom() + 2
        if y + self.height() > view.viewport().height():
            y = max(rect.top() - self.height() - 2, 0)
        self.move(x, y)
        self.show()
        self.raise_()
