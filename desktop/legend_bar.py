"""The colour legend under the grids (the same entries, colours and labels as the Excel export), with every other look
of a grid cell explained; it wraps to a second line instead of widening the window."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from core.legend import CORRECTED_MARK, LEGEND, LOOKS
from desktop.wrapped_label import WrappedLabel

EDIT_HINT = "双击或直接输入可修改数字；Delete 清空；Ctrl+Z 撤销；Ctrl+= / Ctrl+- 缩放表格，Ctrl+0 还原"

_LOOK_STYLE = {
    "corner": f"color: #{CORRECTED_MARK}; font-weight: bold;",
    "italic": "font-style: italic;",
    "hatched": "background: #EFEFEF; color: #666;",
}


def legend_html() -> str:
    """The legend as one line of rich text that a QLabel may wrap between its entries."""
    parts = ["图例："]
    for entry in LEGEND:
        parts.append(f"<span style='background: #{entry.fill}; color: #{entry.text};'>&nbsp;{escape(entry.label)}"
                     "&nbsp;</span>")
    for look in LOOKS:
        parts.append(f"<span style='{_LOOK_STYLE[look.key]}'>&nbsp;{escape(look.label)}&nbsp;</span>"
                     f"<span style='color: #555;'>{escape(look.meaning)}</span>")
    return "　 ".join(parts)


class LegendBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.setSpacing(1)
        self.legend = WrappedLabel(legend_html(), self)
        self.legend.setObjectName("legendText")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.hint = WrappedLabel(EDIT_HINT, self)
        self.hint.setStyleSheet("color: #666;")
        for label in (self.legend, self.hint):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            lay.addWidget(label)
