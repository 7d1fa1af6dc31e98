"""The findings list under the grids: severity and family filters, text search, fix buttons, details of the selection."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.catalogue import FAMILIES, RULES
from core.findings import Finding, Findings, FindingsChange, Severity
from core.layout import cell_text, report_cell_name, table_spec, value_text
from core.model import Report
from desktop.assets import icon
from desktop.document import ReportDocument
from desktop.wrapped_label import WrappedLabel

_ANY = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole + 10

_SEV_ICON = {Severity.ERROR: "status-error", Severity.WARNING: "status-warning", Severity.INFO: "status-info"}
COLUMNS = ("级别", "规则", "位置", "说明")


def describe_cells(doc: ReportDocument, f: Finding) -> str:
    if doc.report is None or not f.cells:
        return ""
    names = [report_cell_name(doc.report, c.table, c.row, c.col) for c in f.cells[:3]]
    more = f" 等 {len(f.cells)} 格" if len(f.cells) > 3 else ""
    return "；".join(names) + more


def describe_fix(f: Finding, doc: ReportDocument | None = None) -> str:
    """The proposed change in the template's words, e.g. 安全修正：表三“（一）予以公开”行“自然人”列 → 0."""
    if not f.fix:
        return ""
    kind = "安全修正" if f.fix_safe else "建议修正"
    report = doc.report if doc is not None else None
    items = "，".join(f"{report_cell_name(report, x.table, x.row, x.col) if report else x.table + '.' + x.row}"
                     f" → {_fix_value(report, x.table, x.col, x.value) or '空白'}" for x in f.fix[:4])
    return f"{kind}：{items}" + (f" 等 {len(f.fix)} 格" if len(f.fix) > 4 else "")


def _fix_value(report: Report | None, table: str, col: str, value: int | float | None) -> str:
    spec = table_spec(report, table) if report is not None else None
    return cell_text(spec, col, value) if spec is not None else value_text(value)


class FindingsModel(QAbstractTableModel):
    """Flat list of a document's findings (already sorted by severity and rule)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._doc: ReportDocument | None = None
        self._shown: Findings | None = None  # the document's collection the rows show
        self._rows: list[tuple[Finding, str]] = []

    def set_document(self, doc: ReportDocument | None) -> None:
        self.beginResetModel()
        self._doc = doc
        self._shown = doc.findings if doc is not None else None
        self._rows = [(f, describe_cells(doc, f)) for f in doc.findings] if doc is not None else []
        self.endResetModel()

    def pending_change(self, doc: ReportDocument | None) -> FindingsChange | None:
        """The document's last change of findings when it starts from what the rows show (then `follow` moves
        only the rows that changed); None when the rows must be rebuilt."""
        change = doc.last_update.findings if doc is not None else None
        if doc is not self._doc or change is None or change.before is not self._shown:
            return None
        return change

    def follow(self, doc: ReportDocument | None) -> None:
        """Show the document's current findings: an edit's change removes and inserts only the rows that
        changed (views keep their scroll position, selection and filter state); anything else rebuilds."""
        if doc is not None and doc is self._doc and doc.findings is self._shown:
            return
        change = self.pending_change(doc)
        if change is None or doc is None:
            self.set_document(doc)
            return
        root = QModelIndex()
        for i1, i2, j1, j2 in reversed(change.runs):
            if i2 > i1:
                self.beginRemoveRows(root, i1, i2 - 1)
                del self._rows[i1:i2]
                self.endRemoveRows()
            if j2 > j1:
                self.beginInsertRows(root, i1, i1 + j2 - j1 - 1)
                self._rows[i1:i1] = [(f, describe_cells(doc, f)) for f in change.after[j1:j2]]
                self.endInsertRows()
        self._shown = doc.findings

    def rowCount(self, parent: _ANY = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ANY = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def index(self, row: int, column: int, parent: _ANY = QModelIndex()) -> QModelIndex:  # noqa: B008
        """As QAbstractTableModel's, without asking rowCount and columnCount (two calls into Python for every cell
        the filter maps, and for every role the list reads of it while painting)."""
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def finding(self, row: int) -> Finding:
        return self._rows[row][0]

    def data(self, index: _ANY, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f, where = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            d = self._doc.decision(f) if self._doc is not None else None
            mark = f"［已{d.label}］" if d is not None and col == 3 else ""
            return mark + (f.severity.label, f.rule_name, where, f.message)[col]
        if role == Qt.ItemDataRole.ForegroundRole and self._doc is not None and self._doc.is_ignored(f):
            return QColor("#9A9A9A")  # ignored findings are dimmed and not counted
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return icon(_SEV_ICON[f.severity])
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"<b>【{f.severity.label}】{html.escape(f.rule_name)}</b>"
                     f"<span style='color:#888'>（{html.escape(f.rule)}）</span>", html.escape(f.message)]
            if f.hint:
                lines.append("提示：" + html.escape(f.hint))
            if f.evidence:
                lines.append("原文：" + html.escape(f.evidence))
            if f.fix:
                lines.append(html.escape(describe_fix(f, self._doc)))
            return "<br/>".join(lines)  # rich text: the rule's id in grey after its Chinese name
        if role == FINDING_ROLE:
            return f
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return COLUMNS[section]
        return None


class FindingsFilter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.severities: set[Severity] = set(Severity)
        self.family: str | None = None
        self.text = ""

    def update(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _ANY) -> bool:
        model = self.sourceModel()
        assert isinstance(model, FindingsModel)
        f = model.finding(source_row)
        if f.severity not in self.severities or (self.family and f.family != self.family):
            return False
        if self.text:
            hay = " ".join(str(model.index(source_row, c).data() or "") for c in range(4)) + (f.hint or "")
            return self.text.lower() in hay.lower()
        return True


class FindingsPanel(QWidget):
    findingSelected = Signal(object)  # Finding: select its cells
    evidenceRequested = Signal(object)  # Finding: show its evidence in the source pane
    applyFixRequested = Signal(object)  # Finding
    applySafeFixesRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc: ReportDocument | None = None
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.sev_buttons: dict[Severity, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>核查结果</b>")
        bar.addWidget(title)
        for sev in sorted(Severity, reverse=True):
            b = QToolButton(self)
            b.setCheckable(True)
            b.setChecked(True)
            b.setIcon(icon(_SEV_ICON[sev]))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setToolTip(f"显示或隐藏“{sev.label}”级别的问题")
            b.toggled.connect(self._filters_changed)
            self.sev_buttons[sev] = b
            bar.addWidget(b)
        self.family_box = QComboBox(self)
        self.family_box.addItem("全部类别", None)
        for key, label in FAMILIES:
            self.family_box.addItem(label, key)
        self.family_box.currentIndexChanged.connect(self._filters_changed)
        bar.addWidget(self.family_box)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("搜索问题、规则或单元格…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filters_changed)
        bar.addWidget(self.search, 1)
        self.fix_button = QPushButton(icon("fix"), "应用此修正", self)
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self._apply_current_fix)
        self.safe_button = QPushButton(icon("fix-all"), "应用全部安全修正", self)
        self.safe_button.clicked.connect(self.applySafeFixesRequested.emit)
        bar.addWidget(self.fix_button)
        bar.addWidget(self.safe_button)

        self.view = QTreeView(self)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setModel(self.proxy)
        self.view.header().setStretchLastSection(True)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # sized from the rows in view (every severity label is two characters), not by reading all rows again
        # whenever rows are inserted: with thousands of findings that read was most of an edit's cost
        self.view.header().setResizeContentsPrecision(0)
        widest_rule = max((r.name for r in RULES), key=len)  # rule names are never cut short
        self.view.setColumnWidth(1, self.view.fontMetrics().horizontalAdvance(widest_rule) + 16)
        self.view.setColumnWidth(2, 260)
        self.view.clicked.connect(lambda idx: self._emit(idx, self.findingSelected))
        self.view.activated.connect(lambda idx: self._emit(idx, self.findingSelected))
        self.view.doubleClicked.connect(lambda idx: self._emit(idx, self.evidenceRequested))
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        self.details = WrappedLabel(self)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setObjectName("findingDetails")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.details)
        self.set_document(None)

    # ------------------------------------------------------------------ content
    def set_document(self, doc: ReportDocument | None) -> None:
        other = doc is not self._doc
        self._doc = doc
        self.refresh(keep_selection=not other)

    def refresh(self, keep_selection: bool = True) -> None:
        """Follow the document's findings. After an edit only the rows that changed are removed and inserted, and
        the selected finding stays selected unless it went away; otherwise the list is rebuilt and the selected
        finding (when `keep_selection` and still there) selected again."""
        change = self.model.pending_change(self._doc) if keep_selection else None
        current = None
        if change is not None:
            self._follow_change(change)
        else:
            current = self.current_finding() if keep_selection else None
            self.model.set_document(self._doc)
        counts = self._doc.counts() if self._doc is not None else {"error": 0, "warning": 0, "info": 0}
        for sev, b in self.sev_buttons.items():
            b.setText(f"{sev.label} {counts[sev.key]}")
        safe = self.safe_fix_count()
        self.safe_button.setText(f"应用全部安全修正（{safe}）" if safe else "应用全部安全修正")
        self.safe_button.setEnabled(safe > 0 and self._doc is not None and self._doc.editable)
        if change is None and (current is None or not self.select_finding(current)):
            if not keep_selection:
                self.view.setCurrentIndex(QModelIndex())
            self._current_changed(self.view.currentIndex())

    def _follow_change(self, change: FindingsChange) -> None:
        """Apply an edit's change of findings row by row (cost proportional to the change, not to the list)."""
        current = self.proxy.mapToSource(self.view.currentIndex())
        row = current.row() if current.isValid() else -1
        gone = current.isValid() and any(i1 <= row < i2 for i1, i2, _, _ in change.runs)
        finding = self.model.finding(row) if gone else None
        if gone:
            self.view.selectionModel().clear()
        self.model.follow(self._doc)
        if finding is not None:  # the same finding may come back within the change (moved among equals)
            for _, _, j1, j2 in change.runs:
                if finding in change.after[j1:j2]:
                    idx = self.proxy.mapFromSource(self.model.index(j1 + change.after[j1:j2].index(finding), 0))
                    if idx.isValid():
                        self.view.setCurrentIndex(idx)
                    break
        self._current_changed(self.view.currentIndex())

    def safe_fix_count(self) -> int:
        if self._doc is None:
            return 0
        return self._doc.tally.safe_fix_cells

    def visible_findings(self) -> list[Finding]:
        return [self.proxy.index(r, 0).data(FINDING_ROLE) for r in range(self.proxy.rowCount())]

    def current_finding(self) -> Finding | None:
        idx = self.view.currentIndex()
        return idx.data(FINDING_ROLE) if idx.isValid() else None

    def select_finding(self, f: Finding) -> bool:
        for r in range(self.proxy.rowCount()):
            idx = self.proxy.index(r, 0)
            if idx.data(FINDING_ROLE) == f:
                self.view.setCurrentIndex(idx)
                return True
        return False

    # ------------------------------------------------------------------ filters and signals
    def _filters_changed(self, *_: object) -> None:
        self.proxy.severities = {s for s, b in self.sev_buttons.items() if b.isChecked()}
        self.proxy.family = self.family_box.currentData()
        self.proxy.text = self.search.text().strip()
        self.proxy.update()

    def set_filter(self, severities: set[Severity] | None = None, family: str | None = None, text: str = "") -> None:
        for s, b in self.sev_buttons.items():
            b.setChecked(severities is None or s in severities)
        i = self.family_box.findData(family) if family else 0
        self.family_box.setCurrentIndex(max(i, 0))
        self.search.setText(text)
        self._filters_changed()

    def _emit(self, idx: QModelIndex, signal: Any) -> None:
        f = idx.siblingAtColumn(0).data(FINDING_ROLE) if idx.isValid() else None
        if f is not None:
            signal.emit(f)

    def _current_changed(self, idx: QModelIndex, *_: object) -> None:
        f = idx.siblingAtColumn(0).data(FINDING_ROLE) if idx.isValid() else None
        editable = self._doc is not None and self._doc.editable
        self.fix_button.setEnabled(bool(f is not None and f.fix and editable))
        if f is None:
            if self._doc is not None and self._doc.state == "ready" and not self._doc.findings:
                self.details.setText("未发现问题。")
            else:
                self.details.setText("选择一条问题查看详情；单击选中相关单元格，双击查看原文依据。")
            return
        parts = [f"<b>【{f.severity.label}】{html.escape(f.rule_name)}</b>　{html.escape(f.message)}"]
        if f.hint:
            parts.append(f"<i>提示：{html.escape(f.hint)}</i>")
        if f.expected is not None or f.actual is not None:
            parts.append(f"应为 {value_text(f.expected) or '空白'}，实为 {value_text(f.actual) or '空白'}")
        if f.fix:
            parts.append(html.escape(describe_fix(f, self._doc)))
        self.details.setText("<br/>".join(parts))

    def _apply_current_fix(self) -> None:
        f = self.current_finding()
        if f is not None and f.fix:
            self.applyFixRequested.emit(f)
