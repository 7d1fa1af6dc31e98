"""The side list of open reports: agency, year and template, a status icon, and a mark for unsaved edits."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMenu, QVBoxLayout, QWidget

from desktop.assets import icon
from desktop.document import ReportDocument

DOC_ROLE = Qt.ItemDataRole.UserRole + 20
_STATUS_TIP = {"loading": "正在读取", "unreadable": "无法读取", "error": "有错误", "warning": "有警告",
               "info": "仅有提示", "ok": "未发现问题"}


class ReportList(QWidget):
    currentChanged = Signal(object)  # ReportDocument | None
    closeRequested = Signal(object)  # ReportDocument

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("已打开的报告", self)
        title.setObjectName("paneTitle")
        self.list = QListWidget(self)
        self.list.setAcceptDrops(False)
        self.list.viewport().setAcceptDrops(False)
        self.list.setWordWrap(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.currentItemChanged.connect(lambda cur, _prev: self.currentChanged.emit(self._doc(cur)))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(title)
        lay.addWidget(self.list, 1)

    @staticmethod
    def _doc(item: QListWidgetItem | None) -> ReportDocument | None:
        return item.data(DOC_ROLE) if item is not None else None

    def item_for(self, doc: ReportDocument) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(DOC_ROLE) is doc:
                return self.list.item(i)
        return None

    def add(self, doc: ReportDocument) -> None:
        item = QListWidgetItem()
        item.setData(DOC_ROLE, doc)
        self.list.addItem(item)
        self.update_doc(doc)

    def remove(self, doc: ReportDocument) -> None:
        item = self.item_for(doc)
        if item is not None:
            self.list.takeItem(self.list.row(item))

    def select(self, doc: ReportDocument) -> None:
        item = self.item_for(doc)
        if item is not None:
            self.list.setCurrentItem(item)

    def current(self) -> ReportDocument | None:
        return self._doc(self.list.currentItem())

    def update_doc(self, doc: ReportDocument) -> None:
        item = self.item_for(doc)
        if item is None:
            return
        status = doc.status()
        mark = " *" if doc.modified else ""
        item.setText(f"{doc.title()}{mark}\n{doc.subtitle()}")
        item.setIcon(icon("status-" + status))
        c = doc.counts()
        tip = [doc.path, _STATUS_TIP[status]]
        if doc.state == "ready":
            tip.append(f"错误 {c['error']} · 警告 {c['warning']} · 提示 {c['info']}")
        if doc.error:
            tip.append(doc.error)
        if doc.modified:
            tip.append("有未导出的修改")
        item.setToolTip("\n".join(tip))

    def _menu(self, pos: QPoint) -> None:
        doc = self._doc(self.list.itemAt(pos))
        if doc is None:
            return
        menu = QMenu(self)
        menu.addAction("关闭此报告", lambda: self.closeRequested.emit(doc))
        menu.exec(self.list.viewport().mapToGlobal(pos))
