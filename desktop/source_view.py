"""The source pane: the original document text (or PDF page texts) with line numbers, scrolled to and
highlighting where the selected cell or finding came from; for a page read by OCR also the page image with the
cell's box outlined."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.model import Loc, Report

_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def cell_span(line: str, needle: str, after: int | None = None) -> tuple[int, int] | None:
    """Where a cell's printed text stands in its source line (start, end): a number is matched whole, never inside
    a longer one (the "0" of "10"); printed more than once, the occurrence with `after` numbers behind it (a row's
    cells end its line) is taken when that one is it, else the first."""
    needle = needle.strip()
    if not needle:
        return None
    if _NUMBER.fullmatch(needle):
        numbers = list(_NUMBER.finditer(line))
        if after is not None and after < len(numbers) and numbers[-1 - after].group() == needle:
            return numbers[-1 - after].span()
        whole = next((m for m in numbers if m.group() == needle), None)
        return whole.span() if whole is not None else None
    at = line.find(needle)
    return (at, at + len(needle)) if at >= 0 else None

log = logging.getLogger(__name__)
_LINE_BG = QColor("#FFF3BF")
_HIT_BG = QColor("#FFC857")
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight)


class _LineNumbers(QWidget):
    """The gutter. It fills all it paints with an opaque colour, so it says so (WA_OpaquePaintEvent): Qt then
    scrolls it by moving its pixels and paints only the lines scrolled in, with nothing under it (it was painted
    whole, and the text's frame under it, at every scroll: every move of the grid's cursor)."""

    def __init__(self, editor: SourceText) -> None:
        super().__init__(editor)
        self._editor = editor
        self._fill_opaque()

    def _fill_opaque(self) -> None:
        fill = self._editor.palette().alternateBase()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent,
                          fill.style() == Qt.BrushStyle.SolidPattern and fill.color().alpha() == 255)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._fill_opaque()

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
        bottom, labels = event.rect().bottom(), self.labels
        width, line = self._gutter.width() - 5, self.fontMetrics().height()  # the same for every line
        while block.isValid() and top <= bottom:
            height = round(self.blockBoundingRect(block).height())
            n = block.blockNumber()
            if block.isVisible() and n < len(labels):
                painter.drawText(0, top, width, line, _ALIGN_RIGHT, labels[n])
            block = block.next()
            top += height
        painter.end()


class _Title(QLabel):
    """The pane's title, naming the selected cell; whole in its tooltip when cut at the pane's edge."""

    def setText(self, text: str) -> None:  # type: ignore[override]  # noqa: N802
        super().setText(text)
        self.setToolTip(text)


class _TitleBar(QWidget):
    """Holds the title outside any layout: a new title (at every move of the grid's cursor) is only repainted.
    In the pane's layout its every change laid out the pane, the splitters and the window again (the grids'
    legend and headers measured anew): most of the cost of moving to another cell."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = _Title("原文", self)
        self.label.setObjectName("paneTitle")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.label.sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())


class SourceView(QWidget):
    """Title line plus the text. `show_loc` and `show_text` scroll to and highlight a place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_bar = _TitleBar(self)
        self.title = self.title_bar.label
        self.text = SourceText(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.image = PageImage(self)
        lay.addWidget(self.title_bar)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.image, 2)
        self._by_line: dict[int, int] = {}
        self._by_page: dict[int, int] = {}
        self._kind = "text"
        self.set_report(None)

    # ------------------------------------------------------------------ content
    def set_report(self, report: Report | None, message: str | None = None) -> None:
        self._by_line, self._by_page = {}, {}
        self.image.set_path(report.path if report is not None and not report.error else None)
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
    def show_loc(self, loc: Loc | None, needle: str | None = None, what: str = "", after: int | None = None) -> bool:
        """Highlight a cell's line and its printed text (`needle`; `after`: how many of its row's cells follow it,
        which tells apart the same number printed twice on the line)."""
        self.image.show_box(loc)
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
            span = cell_span(block.text(), needle, after)
            if span is not None:
                hit = QTextCursor(block)
                hit.setPosition(block.position() + span[0])
                hit.setPosition(block.position() + span[1], QTextCursor.MoveMode.KeepAnchor)
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
        QTimer.singleShot(0, self.text.centerCursor)  # again once a new title or pane size has been laid out

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


class PageImage(QScrollArea):
    """The image of a page read by OCR with the selected cell's box outlined; hidden for every other place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.label)
        self.setWidgetResizable(False)
        self.setToolTip("扫描页图像：框出的是所选单元格在原件中的位置")
        self._path: str | None = None
        self._pages: dict[int, tuple[QImage, float]] = {}
        self.hide()

    def set_path(self, path: str | None) -> None:
        self._path, self._pages = path, {}
        self.hide()

    def _page(self, page: int) -> tuple[QImage, float] | None:
        if page not in self._pages:
            try:
                from core.readers.scan_page import page_image

                grey, dpi = page_image(self._path or "", page)
            except Exception:  # no OCR extra, the file moved: the text alone is shown
                log.info("no page image for %s p.%d", self._path, page, exc_info=True)
                return None
            h, w = grey.shape
            img = QImage(grey.tobytes(), w, h, w, QImage.Format.Format_Grayscale8).copy()
            self._pages[page] = (img, dpi)
        return self._pages[page]

    def show_box(self, loc: Loc | None) -> bool:
        """Show the page of `loc` with its box outlined when the cell was read from an image."""
        got = self._page(loc.page) if loc is not None and loc.box and loc.page and self._path else None
        if got is None or loc is None or loc.box is None:
            self.hide()
            return False
        img, dpi = got
        k = dpi / 72.0
        x0, top, x1, bottom = (v * k for v in loc.box[:4])
        pix = QPixmap.fromImage(img.convertToFormat(QImage.Format.Format_RGB32))
        painter = QPainter(pix)
        painter.setPen(QPen(QColor(220, 30, 30), 3))
        painter.drawRect(QRectF(x0 - 3, top - 3, x1 - x0 + 6, bottom - top + 6))
        painter.end()
        self.label.setPixmap(pix)
        self.label.resize(pix.size())
        self.show()
        self.ensureVisible(int((x0 + x1) / 2), int((top + bottom) / 2), self.width() // 2, self.height() // 2)
        return True
