"""The colour legend under the grids (the same entries, colours and labels as the Excel export). It takes one line,
so the grid keeps the height of a small laptop screen: every look of a grid cell is named there in a few words and
explained in full in its tooltip; the editing hint shows under it only when the window is tall enough."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from core.legend import CORRECTED_MARK, LEGEND, LOOKS

EDIT_HINT = "双击或直接输入可修改数字；Delete 清空；Ctrl+Z 撤销；Ctrl+= / Ctrl+- 缩放表格，Ctrl+0 还原"
HINT_MIN_HEIGHT = 760  # window height (logical pixels) from which the editing hint has a line of its own

_LOOK_STYLE = {
    "corner": f"color: #{CORRECTED_MARK}; font-weight: bold;",
    "italic": "font-style: italic;",
    "hatched": "background: #EFEFEF; color: #666;",
}


def _colours() -> list[str]:
    return [f"<span style='background: #{e.fill}; color: #{e.text};'>&nbsp;{escape(e.label)}&nbsp;</span>"
            for e in LEGEND]


def legend_html(short: bool = False) -> str:
    """The legend: the colours and every other look with its meaning (the tooltip; wraps where it must), or with
    `short` each meaning in a few words (the one line under the grids)."""
    parts = ["图例：", *_colours()]
    for look in LOOKS:
        parts.append(f"<span style='{_LOOK_STYLE[look.key]}'>&nbsp;{escape(look.label)}&nbsp;</span>"
                     f"<span style='color: #555;'>{escape(look.short if short else look.meaning)}</span>")
    return ("　" if short else "　 ").join(parts)


class LegendBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.setSpacing(1)
        self.legend = QLabel(legend_html(short=True), self)
        self.legend.setObjectName("legendText")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setToolTip(f"<p>{legend_html()}</p><p>{escape(EDIT_HINT)}</p>")
        self.hint = QLabel(EDIT_HINT, self)
        self.hint.setStyleSheet("color: #666;")
        for label in (self.legend, self.hint):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            lay.addWidget(label)
        self._watched: QWidget | None = None

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        top = self.window()
        if top is not self._watched:
            top.installEventFilter(self)
            self._watched = top
        self._fit(top.height())
        super().showEvent(event)  # type: ignore[arg-type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._watched and event.type() == QEvent.Type.Resize:
            self._fit(self._watched.height())
        return False

    def _fit(self, window_height: int) -> None:
        self.hint.setVisible(window_height >= HINT_MIN_HEIGHT)
