"""The 总览 page for the main window: a sortable, filterable table of every report of the current set (agency,
year, template, format, counts, ignored findings, her status, last change); double-click opens a report."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.layout import when_text as layout_when_text
from desktop.assets import icon
from desktop.document import VERDICTS, ReportDocument

_ANY = QModelIndex | QPersistentModelIndex
DOC_ROLE = Qt.ItemDataRole.UserRole + 30
SORT_ROLE = Qt.ItemDataRole.UserRole + 31
COLUMNS = ("机关", "年度", "模板", "格式", "错误", "警告", "提示", "已忽略", "核查状态", "最后修改")
COL_AGENCY, COL_YEAR, COL_TEMPLATE, COL_FORMAT, COL_ERROR, COL_WARNING, COL_INFO, COL_IGNORED, COL_VERDICT, \
    COL_CHANGED = range(len(COLUMNS))
_FORMAT_NAMES = {".txt": "文本", ".md": "文本", ".markdown": "文本", ".html": "网页", ".htm": "网页",
                 ".shtml": "网页", ".mht": "网页", ".docx": "Word", ".doc": "Word", ".wps": "WPS", ".pdf": "PDF",
                 ".xlsx": "Excel", ".xls": "Excel"}
_COUNT_COLOURS = {COL_ERROR: QColor("#B3261E"), COL_WARNING: QColor("#8A5E00"), COL_INFO: QColor("#1E5AA8")}


def format_name(path: str) -> str:
    from pathlib import Path

    return _FORMAT_NAMES.get(Path(path).suffix.lower(), Path(path).suffix.lstrip(".") or "文本")


def when_text(t: float) -> str:
    """The last change in Chinese form (14:05 today, else 1月20日 14:05)."""
    return layout_when_text(datetime.fromtimestamp(t)) if t else ""


def set_bar(bar: QProgressBar, value: int, total: int, text: str) -> None:
    """A progress bar's new value painted with the window's next paint, not at once (QProgressBar.setValue
    repaints synchronously when its text changes: tens of milliseconds of the UI thread per update)."""
    bar.setUpdatesEnabled(False)
    try:
        bar.setRange(0, total)
        bar.setValue(value)
        bar.setFormat(text)
    finally:
        bar.setUpdatesEnabled(True)  # schedules an update (asynchronous)


_DISPLAY, _EDIT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)
_DECORATION, _FOREGROUND = int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT, _TOOLTIP = int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.ToolTipRole)
_DOC, _SORT = int(DOC_ROLE), int(SORT_ROLE)
_ROLES = frozenset((_DISPLAY, _EDIT, _DECORATION, _FOREGROUND, _ALIGNMENT, _TOOLTIP, _DOC, _SORT))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FLAGS_EDITABLE = _FLAGS | Qt.ItemFlag.ItemIsEditable


class _Row:
    """What a view asks of one report's row, worked out once per change of the report (a view asks for every
    visible cell and role on every paint)."""

    __slots__ = ("texts", "sort_keys", "status", "counts")

    def __init__(self, model: OverviewModel, doc: ReportDocument) -> None:
        self.counts = {c: OverviewModel._count(doc, c) for c in _COUNT_COLOURS}
        self.texts = [model._text(doc, c) if c != COL_CHANGED else "" for c in range(len(COLUMNS))]
        self.sort_keys = [model._sort_key(doc, c) for c in range(len(COLUMNS))]
        self.status = doc.status()


class OverviewModel(QAbstractTableModel):
    """One row per report of the window's set, read from its ReportDocument (counts come from its Findings).

    Between `begin_batch()` and `end_batch()` (many reports added or checked in one turn of the event loop) new
    rows and changed rows are announced together at the end: one beginInsertRows and one dataChanged, not one
    per report."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._docs: list[ReportDocument] = []
        self._rows: dict[int, int] = {}  # id(doc) → its row (no scan per update)
        self._cache: dict[int, _Row] = {}  # id(doc) → its row's texts and keys (dropped when it changes)
        self._batch = 0
        self._pending: list[ReportDocument] = []  # added during a batch, not announced yet
        self._dirty: set[int] = set()  # rows changed during a batch

    def rowCount(self, parent: _ANY = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: _ANY = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def doc_at(self, row: int) -> ReportDocument:
        return self._docs[row]

    def docs(self) -> list[ReportDocument]:
        return list(self._docs)

    # ------------------------------------------------------------------ changes
    def begin_batch(self) -> None:
        self._batch += 1

    def end_batch(self) -> None:
        self._batch -= 1
        if self._batch:
            return
        pending, self._pending = self._pending, []
        if pending:
            n = len(self._docs)
            self.beginInsertRows(QModelIndex(), n, n + len(pending) - 1)
            for i, doc in enumerate(pending, start=n):
                self._docs.append(doc)
                self._rows[id(doc)] = i
            self.endInsertRows()
        dirty, self._dirty = sorted(self._dirty), set()
        runs: list[list[int]] = []  # consecutive changed rows: a sorting proxy re-places only the rows changed
        for r in dirty:
            if runs and r == runs[-1][1] + 1:
                runs[-1][1] = r
            else:
                runs.append([r, r])
        if len(runs) > 8:
            runs = [[dirty[0], dirty[-1]]]
        for first, last in runs:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def add(self, doc: ReportDocument) -> None:
        if self._batch:
            self._pending.append(doc)
            return
        n = len(self._docs)
        self.beginInsertRows(QModelIndex(), n, n)
        self._docs.append(doc)
        self._rows[id(doc)] = n
        self.endInsertRows()

    def remove(self, doc: ReportDocument) -> None:
        self._cache.pop(id(doc), None)
        if doc in self._pending:
            self._pending.remove(doc)
            return
        i = self._rows.get(id(doc))
        if i is not None:
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._docs[i]
            self._rows = {id(d): r for r, d in enumerate(self._docs)}
            self._dirty = {r - (r > i) for r in self._dirty if r != i}
            self.endRemoveRows()

    def update(self, doc: ReportDocument) -> None:
        self._cache.pop(id(doc), None)
        i = self._rows.get(id(doc))
        if i is None:
            return
        if self._batch:
            self._dirty.add(i)
        else:
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))

    def flags(self, index: _ANY) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS_EDITABLE if index.column() == COL_VERDICT else _FLAGS

    def setData(self, index: _ANY, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Only her status is editable here; the window applies it (and writes it to the set)."""
        if index.column() != COL_VERDICT or value not in VERDICTS:
            return False
        parent = self.parent()
        if isinstance(parent, OverviewPage):
            parent.verdictChanged.emit(self._docs[index.row()], str(value))
        return True

    def _row(self, doc: ReportDocument) -> _Row:
        row = self._cache.get(id(doc))
        if row is None:
            row = self._cache[id(doc)] = _Row(self, doc)
        return row

    def data(self, index: _ANY, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        doc, col = self._docs[index.row()], index.column()
        if role == _DOC:
            return doc
        if role in (_DISPLAY, _EDIT):
            return when_text(doc.last_change) if col == COL_CHANGED else self._row(doc).texts[col]
        if role == _SORT:
            return self._row(doc).sort_keys[col]
        if role == _DECORATION:
            return icon("status-" + self._row(doc).status) if col == COL_AGENCY else None
        if role == _FOREGROUND:
            return _COUNT_COLOURS[col] if col in _COUNT_COLOURS and self._row(doc).counts[col] else None
        if role == _ALIGNMENT:
            return _RIGHT if COL_ERROR <= col <= COL_IGNORED else None
        tip = [doc.path]  # _TOOLTIP
        if doc.error:
            tip.append(doc.error)
        if doc.changed_on_disk:
            tip.append("原文件在加入批次后被改动，已重新读取")
        return "\n".join(tip)

    @staticmethod
    def _count(doc: ReportDocument, col: int) -> int:
        if col == COL_IGNORED:
            return doc.ignored_count
        return doc.counts()[{COL_ERROR: "error", COL_WARNING: "warning", COL_INFO: "info"}[col]]

    def _text(self, doc: ReportDocument, col: int) -> str:
        m = doc.meta  # the report's tables may not be in memory (ReportDocument.unload)
        if col == COL_AGENCY:
            return doc.title() + (" ⚠" if doc.changed_on_disk else "")
        if col == COL_YEAR:
            return str(m.report_year) if m.report_year else ""
        if col == COL_TEMPLATE:
            return f"{m.template}版" if m.template else ""
        if col == COL_FORMAT:
            return format_name(doc.path)
        if COL_ERROR <= col <= COL_IGNORED:
            if doc.state == "loading":
                return "…"
            if doc.state == "error":
                return "无法读取" if col == COL_ERROR else ""
            return str(self._count(doc, col))
        if col == COL_VERDICT:
            return doc.verdict
        return when_text(doc.last_change)

    def _sort_key(self, doc: ReportDocument, col: int) -> Any:
        if COL_ERROR <= col <= COL_IGNORED:
            return self._count(doc, col) if doc.state == "ready" else (10**6 if doc.state == "error" else -1)
        if col == COL_VERDICT:
            return VERDICTS.index(doc.verdict)
        if col == COL_CHANGED:
            return doc.last_change
        return self._text(doc, col)


class OverviewFilter(QSortFilterProxyModel):
    """Text (agency, file name, path), her status, and 'only reports with errors'."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.verdict = ""
        self.only_errors = False
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str | None = None, verdict: str | None = None, only_errors: bool | None = None) -> None:
        self.text = self.text if text is None else text.strip().lower()
        self.verdict = self.verdict if verdict is None else verdict
        self.only_errors = self.only_errors if only_errors is None else only_errors
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _ANY) -> bool:
        model = self.sourceModel()
        assert isinstance(model, OverviewModel)
        doc = model.doc_at(source_row)
        if self.verdict and doc.verdict != self.verdict:
            return False
        if self.only_errors and not (doc.state == "error" or doc.counts()["error"]):
            return False
        if self.text:
            hay = f"{doc.title()}\n{doc.path}\n{model._text(doc, COL_YEAR)}".lower()
            return self.text in hay
        return True


def _summary_text(total: int, shown: int, errors: int) -> str:
    return f"共 {total} 份报告，显示 {shown} 份，{errors} 份有错误"


class OverviewPage(QWidget):
    """The table with its filter bar and a progress bar while files load."""

    openRequested = Signal(object)  # ReportDocument
    verdictChanged = Signal(object, str)  # ReportDocument, status

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OverviewModel(self)
        self.proxy = OverviewFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("筛选：机关、文件名、年度…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self._refilter(text=t))
        self.verdict = QComboBox(self)
        self.verdict.addItem("全部状态", "")
        for s in VERDICTS:
            self.verdict.addItem(s, s)
        self.verdict.currentIndexChanged.connect(lambda _i: self._refilter(verdict=self.verdict.currentData()))
        self.only_errors = QCheckBox("只看有错误的报告", self)
        self.only_errors.toggled.connect(lambda on: self._refilter(only_errors=on))
        self.summary = QLabel(self)
        # a fixed size: its text changes with every report that arrives, and a label whose size hint changes makes
        # the whole window lay itself out again (tens of milliseconds of the UI thread)
        longest = self.summary.fontMetrics().horizontalAdvance(_summary_text(88888, 88888, 88888))
        self.summary.setFixedSize(longest + 8, self.summary.sizeHint().height())
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for wdg in (self.search, self.verdict, self.only_errors):
            bar.addWidget(wdg)
        bar.addStretch(1)
        bar.addWidget(self.progress)
        bar.addWidget(self.summary)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(COL_AGENCY, 260)
        for col in range(COL_YEAR, COL_VERDICT + 1):
            self.view.setColumnWidth(col, 64)
        self.view.setColumnWidth(COL_VERDICT, 80)
        self.view.doubleClicked.connect(self._open)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        for sig in (self.model.rowsInserted, self.model.rowsRemoved, self.model.dataChanged):
            sig.connect(self._count)
        self._count()

    def _refilter(self, **kw: Any) -> None:
        self.proxy.set_filter(**kw)
        self._count()

    def _count(self, *_a: Any) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        errors = sum(1 for d in self.model.docs() if d.state == "ready" and d.counts()["error"])
        self.summary.setText(_summary_text(total, shown, errors))

    def doc_at(self, proxy_row: int) -> ReportDocument:
        return self.model.doc_at(self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row())

    def selected_docs(self) -> list[ReportDocument]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        return [self.model.doc_at(r) for r in sorted(rows)]

    def set_progress(self, finished: int, total: int) -> None:
        if finished >= total:
            self.progress.hide()
            return
        set_bar(self.progress, finished, total, f"正在读取 {finished}/{total}")
        self.progress.show()

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(self.doc_at(index.row()))

    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        docs = self.selected_docs() or [self.doc_at(index.row())]
        menu = QMenu(self)
        menu.addAction("打开报告", lambda: self.openRequested.emit(self.doc_at(index.row())))
        status_menu = menu.addMenu("核查状态")
        for status in VERDICTS:
            status_menu.addAction(status, lambda s=status: [self.verdictChanged.emit(d, s) for d in docs])
        menu.exec(self.view.viewport().mapToGlobal(pos))
