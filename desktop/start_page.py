"""The start page the main window shows when no report is open: recent reports and sets as links, and the three ways
to begin (打开报告…, 打开文件夹…, 打开示例)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.assets import icon, is_sample_report
from desktop.settings import Settings

SHOWN = 8  # recent reports / sets listed


def _link(text: str, tip: str) -> QPushButton:
    """A flat button that looks and behaves like a link (keyboard focus and Enter work, unlike a QLabel link)."""
    b = QPushButton(text)
    b.setFlat(True)
    b.setObjectName("startLink")
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    b.setToolTip(tip)
    b.setStyleSheet("QPushButton#startLink { color: #1E5AA8; text-align: left; padding: 2px 4px; border: none; }"
                    "QPushButton#startLink:hover { text-decoration: underline; }")
    b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return b


class StartPage(QWidget):
    """Emits what she chose; the window opens it. `refresh` re-reads the recent lists (call before showing)."""

    openDialogRequested = Signal()
    openFolderRequested = Signal()
    sampleRequested = Signal()
    reportRequested = Signal(str)
    setRequested = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("startPage")
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(32, 24, 32, 24)
        title = QLabel("<span style='font-size:16pt; font-weight:600'>开始核查</span>", body)
        lay.addWidget(title)
        hint = QLabel("打开年度报告，或把报告文件（或文件夹）拖到窗口中。支持 txt、html、docx、pdf、xlsx 和 markdown 格式。",
                      body)
        hint.setWordWrap(True)
        lay.addWidget(hint)

        buttons = QHBoxLayout()
        self.open_button = self._button("打开报告…", "open", self.openDialogRequested.emit)
        self.folder_button = self._button("打开文件夹…", "folder", self.openFolderRequested.emit)
        self.sample_button = self._button("打开示例", "about", self.sampleRequested.emit)
        self.sample_button.setToolTip("打开随软件提供的示例报告，先熟悉一下核查的样子")
        for b in (self.open_button, self.folder_button, self.sample_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)

        lists = QGridLayout()
        lists.setHorizontalSpacing(40)
        lists.addWidget(QLabel("<b>最近打开的报告</b>", body), 0, 0)
        lists.addWidget(QLabel("<b>最近使用的核查批次</b>", body), 0, 1)
        self.reports_box = QVBoxLayout()
        self.sets_box = QVBoxLayout()
        lists.addLayout(self.reports_box, 1, 0, Qt.AlignmentFlag.AlignTop)
        lists.addLayout(self.sets_box, 1, 1, Qt.AlignmentFlag.AlignTop)
        lists.setColumnStretch(0, 3)
        lists.setColumnStretch(1, 2)
        lay.addSpacing(16)
        lay.addLayout(lists)
        lay.addStretch(1)
        self.report_links: list[QPushButton] = []
        self.set_links: list[QPushButton] = []
        self.refresh()

    def _button(self, text: str, icon_name: str, slot: object) -> QPushButton:
        b = QPushButton(icon(icon_name), text, self)
        b.setIconSize(QSize(20, 20))
        b.setMinimumHeight(34)
        b.clicked.connect(slot)
        return b

    def refresh(self) -> None:
        """Rebuild the two link lists from the settings (files that no longer exist are left out)."""
        reports = [p for p in self.settings.recent_files() if Path(p).exists()][:SHOWN]
        sets = [p for p in self.settings.recent_sets() if Path(p).exists()][:SHOWN]
        self.report_links = self._fill(self.reports_box, reports, self.reportRequested, "还没有打开过报告。")
        self.set_links = self._fill(self.sets_box, sets, self.setRequested, "还没有使用过其他核查批次。")

    def _fill(self, box: QVBoxLayout, paths: list[str], signal: object, empty: str) -> list[QPushButton]:
        while box.count():
            item = box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not paths:
            note = QLabel(empty, self)
            note.setStyleSheet("color: #666")
            box.addWidget(note)
            return []
        links = []
        for path in paths:
            p = Path(path)
            name = p.stem if not is_sample_report(p) or p.stem.startswith("示例") else f"示例：{p.stem}"
            link = _link(name, f"{p.name}\n位置：{p.parent}")
            link.clicked.connect(lambda _=False, s=signal, x=path: s.emit(x))  # type: ignore[attr-defined]
            box.addWidget(link)
            links.append(link)
        return links
