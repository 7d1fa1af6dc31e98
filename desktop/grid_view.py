"""The grid widget for one table: merged headers, spreadsheet keys (Enter/Tab, Delete, Ctrl+C/V) and a number editor."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.cell_marks import RefusalNote, paint_corrected_mark
from desktop.header_view import MergedHeaderView
from desktop.table_model import CORRECTED_ROLE, ReportTableModel

_ANY = QModelIndex | QPersistentModelIndex


BLANK_CHOICE = "（空白）"


class NumberDelegate(QStyledItemDelegate):
    """Line editor for one number; text that is not a number is refused with the model's Chinese message and kept
    (`refused`) so the grid can reopen the editor with it. A cell with several possible readings
    (Report.candidates) gets an editable drop-down of them instead. (Corrected cells' corner marks are drawn by
    the grid over the cells it painted: see GridView.paint_marks.)"""

    refused: tuple[QPersistentModelIndex, str] | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _ANY) -> QWidget:
        choices = getattr(index.model(), "candidate_texts", lambda _i: [])(index)
        if choices:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems([c or BLANK_CHOICE for c in choices])
            combo.setToolTip("读取存疑：从识别出的几种读法中选一种，或直接输入")
            return combo
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setPlaceholderText("空白")
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: _ANY) -> None:
        if isinstance(editor, QComboBox):
            current = str(index.data(Qt.ItemDataRole.EditRole) or "") or BLANK_CHOICE
            at = editor.findText(current)
            editor.setCurrentIndex(at) if at >= 0 else editor.setEditText(current)
            return
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def destroyEditor(self, editor: QWidget, index: _ANY) -> None:  # noqa: N802
        """The closed editor (hidden) is deleted later; a widget once shown repaints its place in its parent when
        deleted, hidden or not: the edited cell was painted again in a second pass after the edit's. Moved out
        of the grid first, it leaves nothing to repaint there."""
        editor.move(-editor.width() - 1, -editor.height() - 1)
        super().destroyEditor(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _ANY) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentText().strip()
            model.setData(index, "" if text == BLANK_CHOICE else text, Qt.ItemDataRole.EditRole)
            return
        assert isinstance(editor, QLineEdit)
        if not model.setData(index, editor.text(), Qt.ItemDataRole.EditRole) and editor.text().strip():
            self.refused = (QPersistentModelIndex(index), editor.text())


class GridView(QTableView):
    """A table of the report. Typing starts an edit; Enter commits and moves down, Tab moves right."""

    inputRejected = Signal(str)
    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(MergedHeaderView(Qt.Orientation.Horizontal, self))
        self.setVerticalHeader(MergedHeaderView(Qt.Orientation.Vertical, self))
        # row heights follow the row labels only (cells are one line): measured when a table is shown, not after
        # every edit as ResizeToContents would (it measures every cell of the table again)
        self.verticalHeader().setSectionResizeMode(MergedHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setSectionResizeMode(MergedHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setMinimumSectionSize(48)
        self.number_delegate = NumberDelegate(self)
        self.setItemDelegate(self.number_delegate)
        self.refusal = RefusalNote(self)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(True)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self._hooked: set[ReportTableModel] = set()
        self._fit_pending = False
        self._closing_editor = False

    def table_model(self) -> ReportTableModel | None:
        m = self.model()
        return m if isinstance(m, ReportTableModel) else None

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.refusal.hide()
        if isinstance(model, ReportTableModel):
            if model not in self._hooked:  # each document's model is connected once, for its lifetime
                self._hooked.add(model)
                model.invalidInput.connect(self._forward_invalid)
                model.modelReset.connect(self._after_reset)
                model.destroyed.connect(lambda *_: self._hooked.discard(model))
            self.verticalHeader().setVisible(model.table_id != "review")
        self.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self.fit_columns()

    def _forward_invalid(self, message: str) -> None:
        if self.model() is self.sender():
            self.refusal.show_at(self.currentIndex(), message)
            self.inputRejected.emit(message)

    def _after_reset(self) -> None:
        if self.model() is self.sender():
            self.fit_columns()

    def fit_columns(self) -> None:
        if not self.isVisible():  # another tab, or the 总览 in front: fitted when shown (a report shown while a
            self._fit_pending = True  # folder loads costs no measuring of three hidden tables on the UI thread)
            return
        self._fit_pending = False
        self.resizeColumnsToContents()
        self.resizeRowsToContents()
        self.verticalHeader().updateGeometry()
        self.horizontalHeader().updateGeometry()

    def viewportEvent(self, event: QEvent) -> bool:
        """The viewport asks to be laid out when a child of it is shown or hidden: a cell's editor opening or
        closing (on every Enter). QAbstractScrollArea then lays out its scroll bars and repaints them with the
        grid's frame, though nothing that places them changed (their ranges, policies, margins and the grid's size
        lay them out directly): that request is dropped. A paint is followed by the corrected cells' marks."""
        kind = event.type()
        if kind == QEvent.Type.LayoutRequest:
            return True
        done = super().viewportEvent(event)
        if kind == QEvent.Type.Paint:
            self.paint_marks(event)  # type: ignore[arg-type]
        return done

    def paint_marks(self, event: QPaintEvent) -> None:
        """The corner mark of each corrected cell in the part just painted, over its cell as the delegate drew it
        in the cell's own paint (the mark lies within the cell's rectangle, which nothing else paints over): the
        cells are painted without a call into Python each besides their roles (a Python paint of every cell cost
        three). Only the edited cells among the rows and columns painted are looked at."""
        model = self.table_model()
        edited = model.edited_positions() if model is not None else []
        if model is None or not edited:
            return
        region = event.region()
        bounds = region.boundingRect()
        rows = self._span(self.rowAt(bounds.top()), self.rowAt(bounds.bottom()), model.rowCount(),
                          self.verticalHeader().sectionsMoved())
        cols = self._span(self.columnAt(bounds.left()), self.columnAt(bounds.right()), model.columnCount(),
                          self.horizontalHeader().sectionsMoved() or self.isRightToLeft())
        shift = 1 if self.showGrid() and self.isRightToLeft() else 0  # where QTableView puts a cell's rectangle
        painter: QPainter | None = None
        for r, c in edited:
            if not (rows[0] <= r <= rows[1] and cols[0] <= c <= cols[1]):
                continue
            index = model.index(r, c)
            rect = self.visualRect(index).translated(shift, 0)
            if rect.isEmpty() or not region.intersects(rect) or not model.data(index, CORRECTED_ROLE):
                continue
            if painter is None:
                painter = QPainter(self.viewport())
            paint_corrected_mark(painter, rect)
        if painter is not None:
            painter.end()

    @staticmethod
    def _span(first: int, last: int, count: int, anywhere: bool) -> tuple[int, int]:
        """The logical sections from `first` to `last` as rowAt/columnAt gave them (-1: past the last section);
        all of them when sections were moved (their logical order is not the visual one) or the header runs
        right to left."""
        if anywhere or first < 0:
            return (0, count - 1) if anywhere else (count, count - 1)
        return first, last if last >= 0 else count - 1

    # ------------------------------------------------------------------ focus
    # Qt repaints the whole grid whenever it gains or loses the focus. Between the grid and a cell's own editor
    # only the current cell (its focus frame) and the selected cells (their colour) can look different: those are
    # repainted, not every cell and header (which was a good part of each edit's cost).
    def focusInEvent(self, event: QFocusEvent) -> None:
        if not self._closing_editor:
            super().focusInEvent(event)
            return
        current = self.currentIndex()  # the rest of what QAbstractItemView does: the editor's cell is current
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled,
                          current.isValid() and bool(current.flags() & Qt.ItemFlag.ItemIsEditable))
        self._update_focus_look()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        taker = QApplication.focusWidget()
        if taker is None or taker is self or not self.isAncestorOf(taker):
            super().focusOutEvent(event)
            return
        self._update_focus_look()  # to the editor of one of its cells

    def _update_focus_look(self) -> None:
        current, selection = self.currentIndex(), self.selectionModel()
        if current.isValid():
            self.viewport().update(self.visualRect(current))
        if selection is not None and selection.hasSelection():
            self.viewport().update(self.visualRegionForSelection(selection.selection()))

    # ------------------------------------------------------------------ editing keys
    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        refused, self.number_delegate.refused = self.number_delegate.refused, None
        if refused is None:
            self.refusal.hide()
        self._closing_editor = True  # the focus comes back from the editor (focusInEvent)
        try:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint
                                if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache or refused else hint)
        finally:
            self._closing_editor = False
        if refused is not None:  # the typed text goes back into the editor, its reason stays next to the cell
            QTimer.singleShot(0, lambda: self.reopen_refused(*refused))
        elif hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.move_down()
        # what the edit resized or moved (labels whose text changed, the findings list's header) is laid out now,
        # before the window repaints: else it repaints once for the edit and again for the layouts that follow
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)

    def reopen_refused(self, index: QPersistentModelIndex, text: str) -> None:
        if not index.isValid() or index.model() is not self.model():
            return
        idx = self.model().index(index.row(), index.column())
        self.setCurrentIndex(idx)
        self.edit(idx)
        editor = self.indexWidget(idx) or self.focusWidget()
        if isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.selectAll()
        self.refusal.raise_()

    def move_down(self) -> None:
        cur = self.currentIndex()
        model = self.model()
        if not cur.isValid() or model is None:
            return
        for r in range(cur.row() + 1, model.rowCount()):
            idx = model.index(r, cur.column())
            if idx.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.setCurrentIndex(idx)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.table_model()
        if model is not None and self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_down()
                return
        super().keyPressEvent(event)

    def selected_cells(self) -> list[QModelIndex]:
        return [i for i in self.selectionModel().selectedIndexes() if i.flags() & Qt.ItemFlag.ItemIsEnabled] \
            if self.selectionModel() else []

    def copy_selection(self) -> None:
        model = self.table_model()
        if model is not None:
            QGuiApplication.clipboard().setText(model.copy_block(self.selected_cells() or [self.currentIndex()]))

    def paste(self, text: str | None = None) -> None:
        model = self.table_model()
        if model is None:
            return
        text = QGuiApplication.clipboard().text() if text is None else text
        if not text.strip():
            return
        sel = self.selected_cells()
        top_left = min(sel, key=lambda i: (i.row(), i.column())) if sel else self.currentIndex()
        count, error = model.paste_block(top_left, text)
        if error:
            self.refusal.show_at(top_left, "未粘贴：" + error)
            self.inputRejected.emit("未粘贴：" + error)
        elif count:
            self.statusMessage.emit(f"已粘贴 {count} 个单元格。")

    def clear_selection(self) -> None:
        model = self.table_model()
        if model is not None:
            cells = self.selected_cells() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
            model.clear_cells(cells)
