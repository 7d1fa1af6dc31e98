"""The source pane: the original document text (or PDF page texts) with line numbers, scrolled to and
highlighting where the selected cell or finding came from."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from core.model import Loc, Report

_LINE_BG = QColor("#FFF3BF")
_HIT_BG = QColor("#FFC857")


class _LineNumbers(QWidget):
    def __init__(self, editor: SourceText) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self._editor.number_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._editor.paint_numbers(event)


class SourceText(QPlainTextEdit):
    """Read-only text with a gutter showing the document's own line (or page) numbers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.labels: list[str] = []  # gutter label of each block
        self._gutter = _LineNumbers(self)
        self.blockCountChanged.connect(lambda _: self.setViewportMargins(self.number_width(), 0, 0, 0))
        self.updateRequest.connect(self._update_gutter)
        self.setViewportMargins(self.number_width(), 0, 0, 0)

    def number_width(self) -> int:
        longest = max((len(s) for s in self.labels), default=2)
        return 10 + self.fontMetrics().horizontalAdvance("9") * max(longest, 2)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        cr = self.contentsRect()
        self._gutter.setGeometry(QRect(cr.left(), cr.top(), self.number_width(), cr.height()))

    def paint_numbers(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), self.palette().alternateBase())
        painter.setPen(self.palette().placeholderText().color())
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        while block.isValid() and top <= event.rect().bottom():
            height = round(self.blockBoundingRect(block).height())
            n = block.blockNumber()
            if block.isVisible() and n < len(self.labels):
                painter.drawText(0, top, self._gutter.width() - 5, self.fontMetrics().height(),
                                 int(Qt.AlignmentFlag.AlignRight), self.labels[n])
            block = block.next()
            top += height
        painter.end()


class SourceView(QWidget):
    """Title line plus the text. `show_loc` and `show_text` scroll to and highlight a place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("原文", self)
        self.title.setObjectName("paneTitle")
        self.text = SourceText(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title)
        lay.addWidget(self.text, 1)
        self._by_line: dict[int, int] = {}
        self._by_page: dict[int, int] = {}
        self._kind = "text"
        self.set_report(None)

    # ------------------------------------------------------------------ content
    def set_report(self, report: Report | None, message: str | None = None) -> None:
        self._by_line, self._by_page = {}, {}
        blocks: list[str] = []
        labels: list[str] = []
        if report is None or (not report.lines and not report.pages):
            self._kind = "none"
            blocks = [message or ("无法读取此文件。" if report is not None else "打开一份报告后，这里显示它的原文。")]
            labels = [""]
        elif report.pages:
            self._kind = "pages"
            for p, page in enumerate(report.pages, start=1):
                self._by_page[p] = len(blocks)
                blocks.append(f"—— 第 {p} 页 ——")
                labels.append(f"P{p}")
                for i, line in enumerate(page.split("\n"), start=1):
                    blocks.append(line)
                    labels.append(str(i))
        else:
            self._kind = "lines"
            for sl in report.lines:
                if sl.loc.line is not None:
                    self._by_line.setdefault(sl.loc.line, len(blocks))
                shown = sl.original if sl.original is not None else sl.text
                if not shown and sl.cells:
                    shown = " | ".join(c.text for c in sl.cells)
                blocks.append(shown)
                labels.append(str(sl.loc.line) if sl.loc.line is not None else "")
        self.text.labels = labels
        self.text.setPlainText("\n".join(blocks))
        self.text.setViewportMargins(self.text.number_width(), 0, 0, 0)
        self.text.resizeEvent(QResizeEvent(self.text.size(), self.text.size()))
        self.title.setText("原文" if report is None else f"原文 · {report.format.upper()}")

    def block_for(self, loc: Loc | None) -> int | None:
        """The text block where a location begins, or None when the document has no such place."""
        if loc is None:
            return None
        if self._kind == "pages" and loc.page is not None and loc.page in self._by_page:
            base = self._by_page[loc.page]
            return base + loc.line if loc.line else base
        if loc.line is not None and loc.line in self._by_line:
            return self._by_line[loc.line]
        return None

    # ------------------------------------------------------------------ highlighting
    def show_loc(self, loc: Loc | None, needle: str | None = None, what: str = "") -> bool:
        block_no = self.block_for(loc)
        if block_no is None:
            self.text.setExtraSelections([])
            if loc is not None and loc.sheet:
                self.title.setText(f"原文 · {loc.describe()}")
            return False
        block = self.text.document().findBlockByNumber(block_no)
        if self._kind == "pages" and not (loc and loc.line) and needle:
            found = self.text.document().find(needle, block.position())
            if not found.isNull():
                block = found.block()
        selections = [self._line_selection(block)]
        if needle:
            hit = self.text.document().find(needle, block.position())
            if not hit.isNull() and hit.block().blockNumber() == block.blockNumber():
                selections.append(self._hit_selection(hit))
        self._scroll_to(block.position())
        self.text.setExtraSelections(selections)
        if loc is not None:
            self.title.setText(f"原文 · {loc.describe()}" + (f" · {what}" if what else ""))
        return True

    def show_text(self, needle: str, what: str = "") -> bool:
        """Find a quoted sentence (a finding's evidence) and highlight it."""
        needle = needle.strip()
        if not needle:
            return False
        doc = self.text.document()
        hit = doc.find(needle)
        if hit.isNull() and len(needle) > 12:
            hit = doc.find(needle[:12])
        if hit.isNull():
            return False
        self._scroll_to(hit.position())
        self.text.setExtraSelections([self._line_selection(hit.block()), self._hit_selection(hit)])
        self.title.setText("原文 · 依据" + (f" · {what}" if what else ""))
        return True

    def _scroll_to(self, position: int) -> None:
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(position)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def _line_selection(self, block: object) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(_LINE_BG)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        sel.format = fmt
        cursor = QTextCursor(block)  # type: ignore[call-overload]
        sel.cursor = cursor
        return sel

    def _hit_selection(self, cursor: QTextCursor) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(_HIT_BG)
        sel.format = fmt
        sel.cursor = cursor
        return sel

    def highlighted_text(self) -> list[str]:
        """Texts currently highlighted (line, then hit), for tests and accessibility."""
        out = []
        for sel in self.text.extraSelections():
            c = QTextCursor(sel.cursor)
            out.append(c.selectedText() if c.hasSelection() else c.block().text())
        return out
