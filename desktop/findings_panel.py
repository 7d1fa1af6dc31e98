"""The findings list under the grids: severity and family filters, text search, fix buttons, details of the selection."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics
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
from core.findings import Finding, FindingsChange, Severity
from core.layout import value_text
from desktop.assets import icon
from desktop.document import ReportDocument
from desktop.findings_model import FINDING_ROLE, SEV_ICON, FindingsModel, describe_fix
from desktop.wrapped_label import WrappedLabel


class FindingsPanel(QWidget):
    findingSelected = Signal(object)  # Finding: select its cells
    evidenceRequested = Signal(object)  # Finding: show its evidence in the source pane
    applyFixRequested = Signal(object)  # Finding
    applySafeFixesRequested = Signal()
    currentFindingChanged = Signal()  # besides the list's current row changing: its finding filtered out

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc: ReportDocument | None = None
        self.model = FindingsModel(self)  # filters itself: the list reads it directly

        self.sev_buttons: dict[Severity, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>核查结果</b>")
        bar.addWidget(title)
        for sev in sorted(Severity, reverse=True):
            b = QToolButton(self)
            b.setCheckable(True)
            b.setChecked(True)
            b.setIcon(icon(SEV_ICON[sev]))
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
        self.view.setModel(self.model)
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
        self.view.header().sectionResized.connect(self._fit_texts)

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
        shown = change is None and keep_selection and self.model.shows(self._doc)
        if change is not None:
            self._follow_change(change)
        elif shown:  # nothing new to list (asked again: the edit state changed, or her status)
            pass
        else:
            current = self.current_finding() if keep_selection else None
            self.model.set_document(self._doc)
            self._keep_severity_width()
        counts = self._doc.counts() if self._doc is not None else {"error": 0, "warning": 0, "info": 0}
        for sev, b in self.sev_buttons.items():
            b.setText(f"{sev.label} {counts[sev.key]}")
        safe = self.safe_fix_count()
        self.safe_button.setText(f"应用全部安全修正（{safe}）" if safe else "应用全部安全修正")
        self.safe_button.setEnabled(safe > 0 and self._doc is not None and self._doc.editable)
        if change is None and not shown and (current is None or not self.select_finding(current)):
            if not keep_selection:
                self.view.setCurrentIndex(QModelIndex())
            self._current_changed(self.view.currentIndex())

    def _follow_change(self, change: FindingsChange) -> None:
        """Apply an edit's change of findings row by row (cost proportional to the change, not to the list)."""
        current = self.view.currentIndex()
        position = self.model.position(current.row()) if current.isValid() else -1
        gone = current.isValid() and any(i1 <= position < i2 for i1, i2, _, _ in change.runs)
        finding = self.model.finding(current.row()) if gone else None
        kept = self.model.finding(current.row()) if current.isValid() and not gone else None
        if gone:
            self.view.selectionModel().clear()
        self.model.follow(self._doc)
        self._keep_severity_width()
        if kept is not None and self.current_finding() is not kept:  # filtered out (her decision, searched for)
            self.view.selectionModel().clear()
        if finding is not None:  # the same finding may come back within the change (moved among equals)
            for _, _, j1, j2 in change.runs:
                if finding in change.after[j1:j2]:
                    row = self.model.row_of(j1 + change.after[j1:j2].index(finding))
                    if row >= 0:
                        self.view.setCurrentIndex(self.model.index(row, 0))
                    break
        self._current_changed(self.view.currentIndex())

    def _keep_severity_width(self) -> None:
        """The severity column is as wide as its widest cell, and every severity is two characters beside an icon
        of one size: once the list has rows its width is measured and kept. Left to ResizeToContents it was measured
        again after every edit that added or removed a row, and the header painted once more for it."""
        header = self.view.header()
        if header.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed or not self.model.rowCount():
            return
        width = max(self.view.sizeHintForColumn(0), header.sectionSizeHint(0))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, width)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # measured anew with the rows
            self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            self._fit_texts()

    def _fit_texts(self, *_: object) -> None:
        """The rule, place and message columns' texts are cut to their widths before the list paints them
        (FindingsModel.fit_texts)."""
        metrics = QFontMetrics(self.view.font())
        header = self.view.header()
        self.model.fit_texts({col: (metrics, header.sectionSize(col)) for col in (1, 2, 3)})

    def safe_fix_count(self) -> int:
        if self._doc is None:
            return 0
        return self._doc.tally.safe_fix_cells

    def visible_findings(self) -> list[Finding]:
        return [self.model.finding(r) for r in range(self.model.rowCount())]

    def current_finding(self) -> Finding | None:
        idx = self.view.currentIndex()
        return idx.data(FINDING_ROLE) if idx.isValid() else None

    def select_finding(self, f: Finding) -> bool:
        for r in range(self.model.rowCount()):
            if self.model.finding(r) == f:
                self.view.setCurrentIndex(self.model.index(r, 0))
                return True
        return False

    # ------------------------------------------------------------------ filters and signals
    def _filters_changed(self, *_: object) -> None:
        before = self.current_finding()
        self.model.set_filter({s for s, b in self.sev_buttons.items() if b.isChecked()},
                              self.family_box.currentData(), self.search.text().strip())
        if self.current_finding() is not before:  # the selected finding was filtered out
            self._current_changed(self.view.currentIndex())
            self.currentFindingChanged.emit()

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
