"""The rows of the findings list: a document's findings (already sorted by severity and rule), those the list's
filters let through, each cell's texts, icon, colour and tooltip.

The model filters itself (no proxy model between it and the list): the list reads each cell's roles in one call
(`multiData`) and asks nothing of a second model. After an edit only the rows that changed are removed and
inserted (`follow`), filtered or not."""

from __future__ import annotations

import html
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFontMetrics

from core.findings import Finding, Findings, FindingsChange, Severity
from core.layout import cell_text, report_cell_name, table_spec, value_text
from core.model import Report
from desktop.assets import icon
from desktop.document import ReportDocument

_ANY = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole + 10

SEV_ICON = {Severity.ERROR: "status-error", Severity.WARNING: "status-warning", Severity.INFO: "status-info"}
COLUMNS = ("级别", "规则", "位置", "说明")
_IGNORED = QColor("#9A9A9A")  # ignored findings are dimmed and not counted
_DISPLAY, _FOREGROUND = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole
_DECORATION, _TOOLTIP = Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole


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


def _kinds(doc: ReportDocument | None) -> dict[Finding, str]:
    return {f: d.kind for f, d in doc.decided.items()} if doc is not None and doc.decided else {}


def _fix_value(report: Report | None, table: str, col: str, value: int | float | None) -> str:
    spec = table_spec(report, table) if report is not None else None
    return cell_text(spec, col, value) if spec is not None else value_text(value)


@dataclass
class RowFilter:
    """What the list shows: these severities, this family (None: all) and rows whose texts contain `text`."""

    severities: set[Severity] = field(default_factory=lambda: set(Severity))
    family: str | None = None
    text: str = ""

    @property
    def passes_all(self) -> bool:
        return self.severities == set(Severity) and not self.family and not self.text


class FindingsModel(QAbstractTableModel):
    """The findings of a document that the filter lets through, one row each."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._doc: ReportDocument | None = None
        self._shown: Findings | None = None  # the document's collection the rows show
        self._rows: list[tuple[Finding, str]] = []  # every finding with where it points, filtered or not
        self._visible: list[int] | None = None  # the rows let through, in order (None: all)
        self._kinds: dict[Finding, str] = {}  # her decision's kind of each decided finding, as the rows show it
        self._update: object = None  # the document's last_update the rows show
        self.filter = RowFilter()
        # painting: column → (font metrics, the column's width); the long texts of those columns are handed to the
        # list already cut to the column (see fit_texts), each cut made once
        self._fit: dict[int, tuple[QFontMetrics, int]] = {}
        self._cut: dict[tuple[str, int, int], str] = {}

    # ------------------------------------------------------------------ content
    def set_document(self, doc: ReportDocument | None) -> None:
        self.beginResetModel()
        self._doc = doc
        self._shown = doc.findings if doc is not None else None
        self._rows = [(f, describe_cells(doc, f)) for f in doc.findings] if doc is not None else []
        self._visible = self._let_through(range(len(self._rows)))
        self._kinds = _kinds(doc)
        self._update = doc.last_update if doc is not None else None
        self.endResetModel()

    def set_filter(self, severities: set[Severity], family: str | None, text: str) -> None:
        """Show the rows these filters let through; the list's selection and current row follow their findings
        (lost when filtered out), as they follow a layout change."""
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        positions = [self.position(i.row()) for i in kept]
        self.filter = RowFilter(set(severities), family or None, text)
        self._visible = self._let_through(range(len(self._rows)))
        rows = [self.row_of(p) for p in positions]
        self.changePersistentIndexList(kept, [self.index(r, i.column()) if r >= 0 else QModelIndex()
                                              for r, i in zip(rows, kept, strict=True)])
        self.layoutChanged.emit()

    def pending_change(self, doc: ReportDocument | None) -> FindingsChange | None:
        """The document's last change of findings when it starts from what the rows show (then `follow` moves
        only the rows that changed); None when the rows must be rebuilt."""
        change = doc.last_update.findings if doc is not None else None
        if doc is not self._doc or change is None or change.before is not self._shown:
            return None
        return change

    def shows(self, doc: ReportDocument | None) -> bool:
        """Whether the rows show this document's last check already (its findings, decisions and cells' names)."""
        return doc is not None and doc is self._doc and doc.last_update is self._update and \
            doc.findings is self._shown

    def follow(self, doc: ReportDocument | None) -> None:
        """Show the document's current findings: an edit's change removes and inserts only the rows that
        changed (views keep their scroll position, selection and filter state); anything else rebuilds."""
        if doc is not None and doc is self._doc and doc.findings is self._shown:
            return
        change = self.pending_change(doc)
        if change is None or doc is None:
            self.set_document(doc)
            return
        for i1, i2, j1, j2 in reversed(change.runs):
            self._replace(i1, i2, [(f, describe_cells(doc, f)) for f in change.after[j1:j2]])
        self._shown = doc.findings
        self._update = doc.last_update
        self._follow_decisions(doc)

    def _follow_decisions(self, doc: ReportDocument) -> None:
        """Rows whose finding she has decided on since, or no longer, or otherwise (the mark before the text,
        the grey of an ignored one) are told to the list; with a search text they are let through again (the
        mark is searched too). Her decisions change without the findings changing: no run covers them."""
        kinds, before = _kinds(doc), self._kinds
        self._kinds = kinds
        if kinds == before:
            return
        changed = {f for f in kinds.keys() | before.keys() if kinds.get(f) != before.get(f)}
        root = QModelIndex()
        for position in [i for i, (f, _) in enumerate(self._rows) if f in changed]:
            row = self.row_of(position)
            passes = self.filter.passes_all or bool(self._let_through_rows(self._rows[position:position + 1]))
            if row >= 0 and passes:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            elif row >= 0:  # filtered out by the text now
                assert self._visible is not None
                self.beginRemoveRows(root, row, row)
                del self._visible[row]
                self.endRemoveRows()
            elif passes:  # let through by the text now
                assert self._visible is not None
                at = bisect_left(self._visible, position)
                self.beginInsertRows(root, at, at)
                self._visible.insert(at, position)
                self.endInsertRows()

    def _replace(self, i1: int, i2: int, new: list[tuple[Finding, str]]) -> None:
        """Rows i1..i2 (of all) become `new`; the list is told of the rows it shows that went and came."""
        root = QModelIndex()
        visible = self._visible
        if visible is None:
            if i2 > i1:
                self.beginRemoveRows(root, i1, i2 - 1)
                del self._rows[i1:i2]
                self.endRemoveRows()
            if new:
                self.beginInsertRows(root, i1, i1 + len(new) - 1)
                self._rows[i1:i1] = new
                self.endInsertRows()
            return
        a, b = bisect_left(visible, i1), bisect_left(visible, i2)
        if b > a:
            self.beginRemoveRows(root, a, b - 1)
            del visible[a:b]
            self.endRemoveRows()
        came = [i1 + k for k in self._let_through_rows(new)]
        if came:
            self.beginInsertRows(root, a, a + len(came) - 1)
        self._rows[i1:i2] = new
        shift = len(new) - (i2 - i1)
        if shift:
            visible[a:] = [i + shift for i in visible[a:]]
        visible[a:a] = came
        if came:
            self.endInsertRows()

    def _let_through(self, rows: range) -> list[int] | None:
        if self.filter.passes_all:
            return None
        return [rows.start + k for k in self._let_through_rows(self._rows[rows.start:rows.stop])]

    def _let_through_rows(self, rows: list[tuple[Finding, str]]) -> list[int]:
        """Positions in `rows` of those the filter lets through."""
        flt = self.filter
        out = []
        needle = flt.text.lower()
        for k, (f, where) in enumerate(rows):
            if f.severity not in flt.severities or (flt.family and f.family != flt.family):
                continue
            if needle:
                hay = " ".join(str(self._value(f, where, c, _DISPLAY) or "") for c in range(4)) + (f.hint or "")
                if needle not in hay.lower():
                    continue
            out.append(k)
        return out

    # ------------------------------------------------------------------ reading
    def rowCount(self, parent: _ANY = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._rows) if self._visible is None else len(self._visible)

    def columnCount(self, parent: _ANY = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def index(self, row: int, column: int, parent: _ANY = QModelIndex()) -> QModelIndex:  # noqa: B008
        """As QAbstractTableModel's, without asking rowCount and columnCount (two calls into Python for every cell
        the list paints)."""
        if parent.isValid() or not (0 <= row < self.rowCount() and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def _row(self, row: int) -> tuple[Finding, str]:
        return self._rows[row if self._visible is None else self._visible[row]]

    def finding(self, row: int) -> Finding:
        return self._row(row)[0]

    def row_of(self, position: int) -> int:
        """The row showing the finding at `position` among all the document's findings (-1: filtered out)."""
        visible = self._visible
        if visible is None:
            return position if 0 <= position < len(self._rows) else -1
        at = bisect_left(visible, position)
        return at if at < len(visible) and visible[at] == position else -1

    def position(self, row: int) -> int:
        """The position among all the document's findings of the finding on `row`."""
        return row if self._visible is None else self._visible[row]

    def data(self, index: _ANY, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f, where = self._row(index.row())
        return self._value(f, where, index.column(), role)

    def multiData(self, index: _ANY, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:  # noqa: N803
        """Every role the list asks for one cell, in one call (as data() gives each)."""
        held: Iterable[QModelRoleData] = (
            (roleDataSpan,) if isinstance(roleDataSpan, QModelRoleData) else roleDataSpan)  # type: ignore[assignment]
        if not index.isValid():
            for rd in held:
                rd.clearData()
            return
        f, where = self._row(index.row())
        col = index.column()
        fit = self._fit.get(col)
        for rd in held:
            value = self._value(f, where, col, rd.role())
            if fit is not None and rd.role() == _DISPLAY:
                value = self._fitted(value, col, fit)
            if value is None:
                rd.clearData()
            else:
                rd.setData(value)

    def fit_texts(self, columns: dict[int, tuple[QFontMetrics, int]]) -> None:
        """Cut the texts the list paints in these columns to their widths, ending in "…" as the list would.

        The list lays out a cell's whole text to find where to cut it, on every paint; the places and messages
        run to a hundred characters and more in a column that shows twenty, and the list repaints whole whenever
        an edit adds or removes a finding (about 0.5 ms of an edit). The width given is the column's, at least
        the room the list leaves for the text, so the list cuts a text cut here once more where it has less room,
        at the same place as it would cut the whole text: what it shows is the same, pixel for pixel. Only
        painting sees the cut texts (multiData); data() gives the whole text (search, accessibility, copying).
        """
        if columns != self._fit:
            self._fit = dict(columns)
            self._cut.clear()

    def _fitted(self, text: str, col: int, fit: tuple[QFontMetrics, int]) -> str:
        key = (text, col, fit[1])
        cut = self._cut.get(key)
        if cut is None:
            if len(self._cut) > 20000:  # texts of reports closed long ago
                self._cut.clear()
            cut = self._cut[key] = fit[0].elidedText(text, Qt.TextElideMode.ElideRight, fit[1])
        return cut

    def _value(self, f: Finding, where: str, col: int, role: int) -> Any:
        if role == _DISPLAY:
            d = self._doc.decision(f) if self._doc is not None else None
            mark = f"［已{d.label}］" if d is not None and col == 3 else ""
            return mark + (f.severity.label, f.rule_name, where, f.message)[col]
        if role == _FOREGROUND and self._doc is not None and self._doc.is_ignored(f):
            return _IGNORED
        if role == _DECORATION and col == 0:
            return icon(SEV_ICON[f.severity])
        if role == _TOOLTIP:
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
