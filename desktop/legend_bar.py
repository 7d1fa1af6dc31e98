"""The colour legend under the grids (the same entries, colours and labels as the Excel export)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from core.legend import LEGEND


class LegendBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.setSpacing(10)
        lay.addWidget(QLabel("图例：", self))
        self.swatches: dict[str, QLabel] = {}
        for entry in LEGEND:
            sw = QLabel(entry.label, self)
            sw.setObjectName("legendSwatch")
            sw.setStyleSheet(f"QLabel {{ background: #{entry.fill}; color: #{entry.text}; "
                             "border: 1px solid #B0B0B0; padding: 1px 8px; }")
            lay.addWidget(sw)
            self.swatches[entry.key] = sw
        na = QLabel("斜线：模板中无此栏", self)
        na.setStyleSheet("color: #666;")
        lay.addWidget(na)
        lay.addStretch(1)
        hint = QLabel("双击或直接输入可修改数字；Delete 清空；Ctrl+Z 撤销", self)
        hint.setStyleSheet("color: #666;")
        lay.addWidget(hint)
