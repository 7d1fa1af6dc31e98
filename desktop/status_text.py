"""A status-bar text in coloured or bold parts, painted directly.

The counts (● 错误 1　● 警告 29　● 提示 0) and the edit state (修改 3 处（已存入核查批次，尚未导出）) change with
almost every edit. As rich-text QLabels each new text built a QTextDocument and asked the whole window to lay
itself out again (QLabel.setText always does): about 0.8 ms of an edit. This widget paints its parts with the
widget's font, repaints only itself when the text changes, and asks for a new layout only when the text no longer
fits the width it was given (a text that gets shorter keeps its place, so the labels beside it do not move).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 0  # px left and right of the text (a QLabel has none)


@dataclass(frozen=True)
class Part:
    """A run of the text: its colour (None: the palette's text colour) and weight."""

    text: str
    color: str | None = None
    bold: bool = False


class StatusText(QWidget):
    """Parts of text side by side, vertically centred."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parts: tuple[Part, ...] = ()
        self._advances: list[int] = []
        self._hint = 0  # the widest the parts have been since the window was laid out (what sizeHint says)
        self._bold: QFont | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    # ------------------------------------------------------------------ content
    def set_parts(self, *parts: Part) -> None:
        if parts == self._parts:
            return
        self._parts = parts
        self._measure()
        self.setAccessibleName(self.text())
        width = sum(self._advances)
        if width + 2 * MARGIN > self.width() or not self.isVisible():
            self._hint = width
            self.updateGeometry()
        self.update()

    def _measure(self) -> None:
        self._advances = [QFontMetrics(self._font(p)).horizontalAdvance(p.text) for p in self._parts]

    def text(self) -> str:
        """The text as she reads it (all parts joined)."""
        return "".join(p.text for p in self._parts)

    def parts(self) -> tuple[Part, ...]:
        return self._parts

    # ------------------------------------------------------------------ geometry
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self._hint + 2 * MARGIN if self._parts else 0, self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """The text now (a window made narrow may take back the room a longer text had), as a QLabel's."""
        return QSize(sum(self._advances) + 2 * MARGIN if self._parts else 0, self.fontMetrics().height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._bold = None
            self._measure()
            self._hint = sum(self._advances)
            self.updateGeometry()

    # ------------------------------------------------------------------ painting
    def _font(self, part: Part) -> QFont:
        if not part.bold:
            return self.font()
        if self._bold is None:
            self._bold = QFont(self.font())
            self._bold.setBold(True)
        return self._bold

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if not self._parts:
            return
        painter = QPainter(self)
        metrics = self.fontMetrics()
        baseline = (self.height() - metrics.height()) // 2 + metrics.ascent()
        x = MARGIN
        text_color = self.palette().color(self.foregroundRole())
        for part, advance in zip(self._parts, self._advances, strict=True):
            painter.setFont(self._font(part))
            painter.setPen(QColor(part.color) if part.color else text_color)
            painter.drawText(x, baseline, part.text)
            x += advance
        painter.end()


def counts_parts(error: int, warning: int, info: int) -> tuple[Part, ...]:
    """The status bar's counts, each in its severity's colour."""
    return (Part(f"● 错误 {error}", "#B3261E"), Part(" "), Part(f"● 警告 {warning}", "#8A5E00"), Part(" "),
            Part(f"● 提示 {info}", "#1E5AA8"))
