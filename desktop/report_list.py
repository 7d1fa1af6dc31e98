"""The side list of open reports: agency (or file name), year and template, the counts of errors, warnings and
notes with her status in the row, a status icon and a mark for unsaved edits; sortable and filterable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from desktop.assets import icon
from desktop.document import VERDICTS, ReportDocument

DOC_ROLE = Qt.ItemDataRole.UserRole + 20
_STATUS_TIP = {"loading": "正在读取", "unreadable": "无法读取", "error": "有错误", "warning": "有警告",
               "info": "仅有提示", "ok": "未发现问题"}
_SEVERITY_RANK = {"unreadable": 0, "error": 1, "warning": 2, "info": 3, "ok": 4, "loading": 5}


def _by_name(d: ReportDocument) -> Any:
    return (d.title(), d.file_name)


def _by_problems(d: ReportDocument) -> Any:
    c = d.counts()
    return (_SEVERITY_RANK[d.status()], -c["error"], -c["warning"], -c["info"], d.title())


def _by_review(d: ReportDocument) -> Any:
    return (VERDICTS.index(d.verdict), d.title())


SORTS: dict[str, Callable[[ReportDocument], Any] | None] = {
    "按打开顺序": None, "按名称": _by_name, "按问题多少": _by_problems, "按核查状态": _by_review}


def row_text(doc: ReportDocument) -> str:
    """Three lines: name (and the unsaved mark), year and template, counts and her status."""
    mark = " *" if doc.modified else ""
    lines = [f"{doc.title()}{mark}", doc.subtitle()]
    if doc.state == "ready":
        c = doc.counts()
        ignored = f" · 已忽略 {doc.ignored_count}" if doc.ignored_count else ""
        lines.append(f"错误 {c['error']} · 警告 {c['warning']} · 提示 {c['info']}{ignored} · {doc.verdict}")
    elif doc.state == "error":
        lines.append(f"无法读取 · {doc.verdict}")
    if doc.changed_on_disk:
        lines.append("⚠ 原文件已改动，已重新读取")
    return "\n".join(lines)


class _Item(QListWidgetItem):
    """A row that sorts by the list's current key (insertion order when none)."""

    def __init__(self, doc: ReportDocument, order: int, key: Callable[[], Callable[[ReportDocument], Any] | None]):
        super().__init__()
        self.setData(DOC_ROLE, doc)
        self.order = order
        self._key = key
        self.status: str | None = None  # the status its icon shows

    def __lt__(self, other: QListWidgetItem) -> bool:
        fn = self._key()
        if fn is None or not isinstance(other, _Item):
            return self.order < getattr(other, "order", 0)
        return bool((fn(self.data(DOC_ROLE)), self.order) < (fn(other.data(DOC_ROLE)), other.order))


class _Rows(QListWidget):
    """The list itself. QListView lays out and repaints every row when one row's data changes; while `quiet` (a
    row's look changed, not its size) only that row is repainted."""

    quiet = False

    def dataChanged(self, topLeft: QModelIndex | QPersistentModelIndex,  # noqa: N802, N803
                    bottomRight: QModelIndex | QPersistentModelIndex, roles: Sequence[int] = ()) -> None:  # noqa: N803
        if self.quiet:
            QAbstractItemView.dataChanged(self, topLeft, bottomRight, list(roles))
        else:
            super().dataChanged(topLeft, bottomRight, list(roles))


class ReportList(QWidget):
    currentChanged = Signal(object)  # ReportDocument | None
    closeRequested = Signal(object)  # ReportDocument
    verdictChanged = Signal(object, str)  # ReportDocument, one of VERDICTS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("已打开的报告", self)
        title.setObjectName("paneTitle")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("筛选：机关、文件名…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.sort = QComboBox(self)
        self.sort.addItems(list(SORTS))
        self.sort.setToolTip("列表的排列顺序")
        self.sort.currentTextChanged.connect(lambda _t: self._resort())
        self._counter = 0
        self._items: dict[int, QListWidgetItem] = {}  # id(doc) → its row (no scan of the list per update)
        self._batch = 0
        self._dirty: dict[int, ReportDocument] = {}  # id(doc) → report changed during a batch
        self._resort_timer = QTimer(self)  # many updates in one turn of the event loop: one sort
        self._resort_timer.setSingleShot(True)
        self._resort_timer.setInterval(0)
        self._resort_timer.timeout.connect(self._resort)
        self.list = _Rows(self)
        self.list.setAcceptDrops(False)
        self.list.viewport().setAcceptDrops(False)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.currentItemChanged.connect(lambda cur, _prev: self.currentChanged.emit(self._doc(cur)))
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.filter, 1)
        tools.addWidget(self.sort)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(title)
        lay.addLayout(tools)
        lay.addWidget(self.list, 1)

    @staticmethod
    def _doc(item: QListWidgetItem | None) -> ReportDocument | None:
        return item.data(DOC_ROLE) if item is not None else None

    def item_for(self, doc: ReportDocument) -> QListWidgetItem | None:
        return self._items.get(id(doc))

    def docs_in_order(self) -> list[ReportDocument]:
        """The documents as the list shows them (sorted, hidden rows included)."""
        return [self.list.item(i).data(DOC_ROLE) for i in range(self.list.count())]

    def visible_docs(self) -> list[ReportDocument]:
        return [self.list.item(i).data(DOC_ROLE) for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def begin_batch(self) -> None:
        """Until `end_batch`, rows are redrawn once at the end however often their reports change (many reports
        added or checked in one turn of the event loop)."""
        self._batch += 1

    def end_batch(self) -> None:
        self._batch -= 1
        if self._batch:
            return
        dirty, self._dirty = self._dirty, {}
        for doc in dirty.values():
            self.update_doc(doc)

    def add(self, doc: ReportDocument) -> None:
        self._counter += 1
        item = _Item(doc, self._counter, self._sort_key)
        self._items[id(doc)] = item
        self.list.addItem(item)
        self.update_doc(doc)

    def _sort_key(self) -> Callable[[ReportDocument], Any] | None:
        return SORTS[self.sort.currentText()]

    def remove(self, doc: ReportDocument) -> None:
        item = self._items.pop(id(doc), None)
        self._dirty.pop(id(doc), None)
        if item is not None:
            self.list.takeItem(self.list.row(item))

    def select(self, doc: ReportDocument) -> None:
        item = self.item_for(doc)
        if item is not None:
            item.setHidden(False)
            self.list.setCurrentItem(item)

    def current(self) -> ReportDocument | None:
        return self._doc(self.list.currentItem())

    def update_doc(self, doc: ReportDocument) -> None:
        item = self.item_for(doc)
        if item is None:
            return
        if self._batch:
            self._dirty[id(doc)] = doc
            return
        # each of text, icon, tooltip and hidden state is set only when it changed: every setter tells the view
        # its row changed, and setting a row's hidden state (even unchanged) lays out and repaints the whole list
        status = doc.status()
        text = row_text(doc)
        tip = [doc.path, _STATUS_TIP[status], f"核查状态：{doc.verdict}"]
        if doc.error:
            tip.append(doc.error)
        if doc.modified:
            tip.append("有尚未导出的修改")
        tip_text = "\n".join(tip)
        self.list.quiet = item.text().count("\n") == text.count("\n")  # as many lines: the same size
        try:
            if item.text() != text:
                item.setText(text)
            if isinstance(item, _Item) and item.status != status:
                item.status = status
                item.setIcon(icon("status-" + status))
            if item.toolTip() != tip_text:
                item.setToolTip(tip_text)
        finally:
            self.list.quiet = False
        self._match(item)
        if SORTS[self.sort.currentText()] is not None and not self._resort_timer.isActive():
            self._resort_timer.start()

    # ------------------------------------------------------------------ sort and filter
    def _resort(self) -> None:
        current = self.list.currentItem()
        self.list.sortItems(Qt.SortOrder.AscendingOrder)
        if current is not None:
            self.list.setCurrentItem(current)

    def _match(self, item: QListWidgetItem) -> None:
        needle = self.filter.text().strip().lower()
        doc = self._doc(item)
        hay = f"{item.text()}\n{doc.path if doc else ''}".lower()
        hidden = bool(needle) and needle not in hay
        if item.isHidden() != hidden:
            item.setHidden(hidden)

    def _apply_filter(self, _text: str = "") -> None:
        for i in range(self.list.count()):
            self._match(self.list.item(i))

    # ------------------------------------------------------------------ context menu
    def _menu(self, pos: QPoint) -> None:
        doc = self._doc(self.list.itemAt(pos))
        if doc is None:
            return
        menu = QMenu(self)
        status_menu = menu.addMenu("核查状态")
        for status in VERDICTS:
            a = status_menu.addAction(status, lambda s=status: self.verdictChanged.emit(doc, s))
            a.setCheckable(True)
            a.setChecked(doc.verdict == status)
        menu.addSeparator()
        menu.addAction("关闭此报告", lambda: self.closeRequested.emit(doc))
        menu.exec(self.list.viewport().mapToGlobal(pos))
