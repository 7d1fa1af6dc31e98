"""Qt table model over one of a report's three tables: values, legend colours, tooltips, typed and pasted edits."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from core.entry import read_entry
from core.findings import CellKey
from core.layout import cell_name, cell_text, column_path, row_path
from core.legend import legend_key
from core.model import Cell
from core.template import ColumnSpec, RowSpec, TableSpec
from desktop.cell_looks import NOT_APPLICABLE, CellLook, cell_font, legend_brush
from desktop.document import DocUpdate, ReportDocument
from desktop.undo_commands import CellChange

_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # made once: an enum's | is Python code
_EDITABLE = _SELECTABLE | Qt.ItemFlag.ItemIsEditable
HEADER_PATH_ROLE = Qt.ItemDataRole.UserRole + 1  # tuple of header labels, outermost first
CELL_KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # (table, row, col) of an applicable cell, else None
CORRECTED_ROLE = Qt.ItemDataRole.UserRole + 4  # True for a corrected cell (the grid draws the corner mark)
LEGEND_ROLE = Qt.ItemDataRole.UserRole + 3  # legend key (error | warning | info | missing | corrected) or None

# what a change of findings alone can alter in a cell (none of these changes its size)
_HIGHLIGHT_ROLES = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole,
                    CORRECTED_ROLE,
                    LEGEND_ROLE]
_NA_BRUSH = QBrush(QColor("#EFEFEF"), Qt.BrushStyle.BDiagPattern)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ANY = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """Rows and columns of the template's TableSpec; cells a row does not have are disabled and hatched."""

    invalidInput = Signal(str)  # a Chinese message for input that is not a number of the right kind

    def __init__(self, doc: ReportDocument, table_id: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.table_id = table_id
        self._spec: TableSpec | None = None
        self._pos_spec: TableSpec | None = None
        self._pos: tuple[dict[str, int], dict[str, int]] = ({}, {})
        self._keys: dict[tuple[int, int], CellKey] = {}  # (row, column) → key of each applicable cell (of _pos_spec)
        self._looks: dict[tuple[int, int], CellLook] = {}  # what each cell shows, until its value or findings change
        self._looks_of: DocUpdate = doc.last_update  # the document's update the looks are up to date with
        self._load_spec()
        self._shown = self._snapshot()
        doc.changed.connect(self.refresh)

    # ------------------------------------------------------------------ structure
    def _load_spec(self) -> None:
        report = self.doc.report
        table = report.tables.get(self.table_id) if report is not None else None
        self._spec = table.spec if table is not None else None

    @property
    def spec(self) -> TableSpec | None:
        return self._spec

    def refresh(self) -> None:
        """Values or findings changed: reset when the table's shape changed. After an edit (the document's
        last_update names the cells set and the findings' change) only the cells whose value or findings changed
        are announced: the cells set with every role, the others with the highlight roles. After a load every
        cell is compared with what was shown: those whose text or font changed are announced with every role,
        the whole table with the highlight roles only (so the views' headers, sized to their contents, are not
        measured again after each edit)."""
        old = self._spec
        report = self.doc.report
        table = report.tables.get(self.table_id) if report is not None else None
        new = table.spec if table is not None else None
        if new is not old:
            self.beginResetModel()
            self._spec = new
            self._looks.clear()
            self._looks_of = self.doc.last_update
            self._shown = self._snapshot()
            self.endResetModel()
            return
        self._follow_looks()
        if new is None or not self.rowCount() or not self.columnCount():
            return
        update = self.doc.last_update
        if update.findings is not None:
            self._refresh_cells(update.values, update.findings.cells)
            return
        shown = self._snapshot()
        changed = [rc for rc, text in shown.items() if self._shown.get(rc) != text]
        self._shown = shown
        for r, c in changed:
            self.dataChanged.emit(self.index(r, c), self.index(r, c))
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1),
                              _HIGHLIGHT_ROLES)

    def _follow_looks(self) -> None:
        """Forget the looks of the cells the document's last update changed (all after a load); done when asked
        for a cell as well, so a view never reads a look older than the document whatever order slots run in."""
        update = self.doc.last_update
        if update is self._looks_of:
            return
        self._looks_of = update
        if update.findings is None or self._spec is None:
            self._looks.clear()
            return
        rows, cols = self._positions()
        for table, row, col in update.values | update.findings.cells:
            if table == self.table_id and row in rows and col in cols:
                self._looks.pop((rows[row], cols[col]), None)

    def _look(self, index: _ANY) -> CellLook:
        """What the cell shows (NOT_APPLICABLE for one its row does not have)."""
        if self._looks_of is not self.doc.last_update:
            self._follow_looks()
        rc = (index.row(), index.column())
        look = self._looks.get(rc)
        if look is None:
            key = self._cell_keys().get(rc)
            look = self._looks[rc] = NOT_APPLICABLE if key is None else self._make_look(key)
        return look

    def _make_look(self, key: CellKey) -> CellLook:
        assert self.doc.report is not None and self._spec is not None
        cell = self._cell(key)
        return CellLook(key, cell_text(self._spec, key[2], cell.value), self._legend(key, cell),
                        self.doc.report.is_edited(*key), cell.uncertain)

    def _refresh_cells(self, values: frozenset[tuple[str, str, str]],
                       flagged: frozenset[tuple[str, str, str]]) -> None:
        """Announce the cells of this table whose value was set (every role) or whose findings changed."""
        for key in sorted(values | flagged):
            if key[0] != self.table_id:
                continue
            idx = self.index_of(key[1], key[2])
            if not idx.isValid():
                continue
            if key in values:
                self._shown[(idx.row(), idx.column())] = self._shown_of(key[1], key[2])
                self.dataChanged.emit(idx, idx)
            else:
                self.dataChanged.emit(idx, idx, _HIGHLIGHT_ROLES)

    def _shown_of(self, row: str, col: str) -> tuple[str, bool, bool]:
        assert self.doc.report is not None and self._spec is not None
        cell = self.doc.report.tables[self.table_id].get(row, col)
        return (cell_text(self._spec, col, cell.value), self.doc.report.is_edited(self.table_id, row, col),
                cell.uncertain)

    def _snapshot(self) -> dict[tuple[int, int], tuple[str, bool, bool]]:
        """What decides each applicable cell's size: its text and whether it is bold (edited) or italic."""
        report, spec = self.doc.report, self._spec
        if report is None or spec is None:
            return {}
        out: dict[tuple[int, int], tuple[str, bool, bool]] = {}
        col_pos = {c.id: i for i, c in enumerate(spec.columns)}
        for r, row in enumerate(spec.rows):
            for col in spec.cols_for(row.id):
                out[(r, col_pos[col])] = self._shown_of(row.id, col)
        return out

    def rowCount(self, parent: _ANY = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._spec is None:
            return 0
        return len(self._spec.rows)

    def columnCount(self, parent: _ANY = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._spec is None:
            return 0
        return len(self._spec.columns)

    def specs(self, index: _ANY) -> tuple[RowSpec, ColumnSpec] | None:
        if not index.isValid() or self._spec is None:
            return None
        return self._spec.rows[index.row()], self._spec.columns[index.column()]

    def applicable(self, index: _ANY) -> bool:
        return self.cell_key(index) is not None

    def cell_key(self, index: _ANY) -> tuple[str, str, str] | None:
        if not index.isValid() or self._spec is None:
            return None
        return self._cell_keys().get((index.row(), index.column()))

    def index_of(self, row_id: str, col_id: str) -> QModelIndex:
        if self._spec is None or row_id not in self._spec.row_index or col_id not in self._spec.col_index:
            return QModelIndex()
        rows, cols = self._positions()
        return self.index(rows[row_id], cols[col_id])

    def _positions(self) -> tuple[dict[str, int], dict[str, int]]:
        """Row and column positions by id, of the current spec."""
        spec = self._spec
        assert spec is not None
        if self._pos_spec is not spec:
            rows, cols = {r.id: i for i, r in enumerate(spec.rows)}, {c.id: i for i, c in enumerate(spec.columns)}
            self._pos = rows, cols
            self._keys = {(rows[r.id], cols[c]): (self.table_id, r.id, c) for r in spec.rows for c in spec.cols_for(r.id)}
            self._pos_spec = spec
        return self._pos

    def _cell_keys(self) -> dict[tuple[int, int], CellKey]:
        """(row, column) → (table, row id, column id) of every cell the rows have, of the current spec."""
        if self._pos_spec is not self._spec:
            self._positions()
        return self._keys

    def edited_positions(self) -> list[tuple[int, int]]:
        """(row, column) of each cell of this table the report has an edit of (corrected, or set back), once."""
        report = self.doc.report
        if report is None or self._spec is None or not report.edits:
            return []
        rows, cols = self._positions()
        out = {(rows[e.row], cols[e.col]) for e in report.edits
               if e.table == self.table_id and e.row in rows and e.col in cols}
        return sorted(out)

    def candidate_texts(self, index: _ANY) -> list[str]:
        """The readings the reader could not decide between for this cell (Report.candidates), most plausible
        first, as the editor offers them; a blank reading is "" ."""
        key = self.cell_key(index)
        report = self.doc.report
        if key is None or report is None or self._spec is None:
            return []
        out: list[str] = []
        for v in report.candidates.get(key, []):
            text = cell_text(self._spec, key[2], v)
            if text not in out:
                out.append(text)
        return out

    # ------------------------------------------------------------------ reading
    def _cell(self, key: tuple[str, str, str]) -> Cell:
        assert self.doc.report is not None
        return self.doc.report.tables[key[0]].get(key[1], key[2])

    def _legend(self, key: tuple[str, str, str], cell: Cell) -> str | None:
        assert self.doc.report is not None
        findings = self.doc.cell_findings(*key)
        lk = legend_key(findings, self.doc.report.is_edited(*key))
        if lk is None and cell.value is None:
            return "missing"  # blank and absent cells stay visibly distinct from 0
        return lk

    def data(self, index: _ANY, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._spec is None:
            return None
        return self._value(self._look(index), role)

    def multiData(self, index: _ANY, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:  # noqa: N803
        """Every role a view asks for one cell, in one call (as data() gives each): a grid cell's paint asked
        for eight roles one call into Python each."""
        held: Iterable[QModelRoleData] = (
            (roleDataSpan,) if isinstance(roleDataSpan, QModelRoleData) else roleDataSpan)  # type: ignore[assignment]
        if not index.isValid() or self._spec is None:
            for rd in held:
                rd.clearData()
            return
        look = self._look(index)
        for rd in held:
            value = self._value(look, rd.role())
            if value is None:
                rd.clearData()
            else:
                rd.setData(value)

    def _value(self, look: CellLook, role: int) -> Any:
        if look.key is None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return _NA_BRUSH
            if role == Qt.ItemDataRole.ToolTipRole:
                return "模板中此行没有这一栏。"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return look.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return None if look.legend is None else \
                legend_brush(look.legend, role == Qt.ItemDataRole.BackgroundRole)
        if role == LEGEND_ROLE:
            return look.legend
        if role == Qt.ItemDataRole.FontRole:
            return cell_font(look)
        if role == Qt.ItemDataRole.ToolTipRole:  # read when she hovers: not kept
            return self._tooltip(look.key, self._cell(look.key))
        if role == CELL_KEY_ROLE:
            return look.key
        if role == CORRECTED_ROLE:
            return look.edited
        return None

    def _tooltip(self, key: tuple[str, str, str], cell: Cell) -> str:
        assert self._spec is not None and self.doc.report is not None
        parts = [f"<b>{html.escape(cell_name(self._spec, key[1], key[2]))}</b>"]
        if cell.uncertain:
            parts.append("<i>读取存疑（斜体）：请对照原文核对这一格。</i>")
        if cell.raw:
            parts.append(f"原文：“{html.escape(cell.raw)}”")
        elif cell.kind == "absent":
            parts.append("原文中没有这一格。")
        if cell.loc is not None and cell.loc.describe():
            parts.append(f"位置：{html.escape(cell.loc.describe())}")
        if self.doc.report.is_edited(*key):
            old = self.doc.report.original_value(*key)
            parts.append(f"已更正（原值：{cell_text(self._spec, key[2], old) or '空白'}）")
        for f in self.doc.cell_findings(*key):
            parts.append(f"<br/><b>【{f.severity.label}】{html.escape(f.rule_name)}</b> {html.escape(f.message)}"
                         f" <span style='color:#777'>（{html.escape(f.rule)}）</span>")
            if f.hint:
                parts.append(f"<i>提示：{html.escape(f.hint)}</i>")
        return "<br/>".join(parts)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._spec is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._spec.columns):
                return None
            path = column_path(self._spec.columns[section])
        else:
            if not 0 <= section < len(self._spec.rows):
                return None
            path = row_path(self._spec, self._spec.rows[section])
        if role == Qt.ItemDataRole.DisplayRole:
            return path[-1]
        if role == HEADER_PATH_ROLE:
            return path
        if role == Qt.ItemDataRole.ToolTipRole:
            return " › ".join(p for p in path if p)
        return None

    def flags(self, index: _ANY) -> Qt.ItemFlag:
        if not self.applicable(index):
            return Qt.ItemFlag.NoItemFlags
        return _EDITABLE if self.doc.editable else _SELECTABLE

    # ------------------------------------------------------------------ editing
    def parse_input(self, index: _ANY, text: str) -> tuple[bool, int | float | None, str]:
        """(ok, value, reason): typed text read by core.entry for this cell's column."""
        key = self.cell_key(index)
        if key is None or self._spec is None:
            return False, None, "这一格不能编辑。"
        entry = read_entry(self._spec, key[1], key[2], text)
        return entry.ok, entry.value, entry.reason

    def setData(self, index: _ANY, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        key = self.cell_key(index)
        assert key is not None and self._spec is not None
        if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
            ok, parsed, message = True, value, ""
        else:
            ok, parsed, message = self.parse_input(index, str(value))
        if not ok:
            self.invalidInput.emit(message)
            return False
        text = f"修改{cell_name(self._spec, key[1], key[2])}为 {cell_text(self._spec, key[2], parsed) or '空白'}"
        self.doc.push_changes([CellChange(*key, parsed)], text)
        return True

    def clear_cells(self, indexes: list[QModelIndex]) -> bool:
        """Blank the given cells as one undoable command."""
        changes = [CellChange(*k, None) for i in indexes if (k := self.cell_key(i)) is not None]
        return self.doc.push_changes(changes, f"清空 {len(changes)} 个单元格" if len(changes) > 1 else
                                     f"清空{self._name(changes[0])}" if changes else "")

    def paste_block(self, top_left: QModelIndex, text: str) -> tuple[int, str]:
        """Paste tab/newline separated values (as copied from Excel) from top_left, skipping cells a row does not
        have. One undoable command; nothing is changed when any value is not a number. Returns (cells, error)."""
        if self._spec is None or not top_left.isValid():
            return 0, ""
        rows = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        changes: list[CellChange] = []
        for dr, line in enumerate(rows):
            r = top_left.row() + dr
            if r >= self.rowCount():
                break
            c = top_left.column()
            for raw in line.split("\t"):
                while c < self.columnCount() and not self.applicable(self.index(r, c)):
                    c += 1
                if c >= self.columnCount():
                    break
                idx = self.index(r, c)
                ok, value, message = self.parse_input(idx, raw)
                if not ok:
                    return 0, message
                key = self.cell_key(idx)
                assert key is not None
                changes.append(CellChange(*key, value))
                c += 1
        if not changes:
            return 0, ""
        self.doc.push_changes(changes, f"粘贴 {len(changes)} 个单元格")
        return len(changes), ""

    def copy_block(self, indexes: list[QModelIndex]) -> str:
        """The selected cells as tab/newline separated text (the rectangle that covers them)."""
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = []
        for r in range(rows[0], rows[-1] + 1):
            cells = [str(self.data(self.index(r, c)) or "") if (r, c) in chosen else ""
                     for c in range(cols[0], cols[-1] + 1)]
            lines.append("\t".join(cells))
        return "\n".join(lines)

    def _name(self, change: CellChange) -> str:
        assert self._spec is not None
        return cell_name(self._spec, change.row, change.col)
