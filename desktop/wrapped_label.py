"""A word-wrapped label that measures its height for a width once: QLabel lays its text out anew every time a
layout asks (and repaints itself for it), and a layout asks often (over a hundred times when a change anywhere in
the window re-lays out the splitters around the grids). The grids' rich-text legend alone cost most of an edit."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel


class WrappedLabel(QLabel):
    """QLabel with word wrap whose heightForWidth is remembered per width until its text, format, font or style
    changes (set through these methods, as all of the window's code does)."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[call-overload]
        self.setWordWrap(True)
        self._heights: dict[int, int] = {}

    def setText(self, text: str) -> None:  # type: ignore[override]  # noqa: N802
        if text != self.text():
            self._heights.clear()
            super().setText(text)

    def setTextFormat(self, fmt: Qt.TextFormat) -> None:  # noqa: N802
        self._heights.clear()
        super().setTextFormat(fmt)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange, QEvent.Type.ContentsRectChange):
            self._heights.clear()
        super().changeEvent(event)

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height
