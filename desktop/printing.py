"""Printing the validation summary: QTextDocument from the summary HTML, A4 pages with the report's identity in
the header and page numbers in the footer, to a printer, the print preview, or a PDF file."""

from __future__ import annotations

import logging
import os
import re
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QPageLayout,
    QPageSize,
    QPainter,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter

from core.export.review import NO_REVIEW, Review
from core.findings import Finding
from core.layout import date_text
from core.model import Report
from desktop.assets import print_font

log = logging.getLogger(__name__)
_HEADER_MM = 10.0
_FOOTER_MM = 9.0


def summary_html(report: Report, findings: list[Finding], prev: Report | None = None,
                 review: Review = NO_REVIEW) -> str:
    """The printable summary (core.export.summary_html, shared with `ogicheck export --summary`)."""
    from core.export.summary_html import render_summary_html

    return render_summary_html(report, findings, prev, review)


def build_document(report: Report, findings: list[Finding], prev: Report | None = None,
                   review: Review = NO_REVIEW) -> QTextDocument:
    doc = QTextDocument()
    font = print_font(10)
    doc.setDefaultFont(font)
    doc.setHtml(summary_html(report, findings, prev, review))
    _use_families(doc, font.families())
    _fit_findings_table(doc)
    return doc


def _use_families(doc: QTextDocument, families: list[str]) -> None:
    """Every character in the print font families, whatever font-family the summary's HTML names (sizes and
    weights stay): a system font named there may map glyphs back to the wrong characters in the PDF."""
    cursor = QTextCursor(doc)
    cursor.select(QTextCursor.SelectionType.Document)
    fmt = QTextCharFormat()
    fmt.setFontFamilies(families)
    cursor.mergeCharFormat(fmt)


# share of the page width for 序号, 严重程度, 规则, 位置, 说明: the message gets the room, not the rule id
_FINDINGS_COLUMNS = (6, 10, 18, 27, 39)


def _fit_findings_table(doc: QTextDocument) -> None:
    """Qt sizes HTML table columns by their longest word, which left the messages a narrow strip; give the
    findings table fixed shares of the page instead."""
    for frame in doc.rootFrame().childFrames():
        if not isinstance(frame, QTextTable) or frame.columns() != len(_FINDINGS_COLUMNS):
            continue
        if frame.cellAt(0, 0).firstCursorPosition().block().text().strip() != "序号":
            continue
        fmt = frame.format()
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, p) for p in _FINDINGS_COLUMNS])
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        frame.setFormat(fmt)


_CAPTION = re.compile(r"^表[一二三四五六七八九十]+[ 　]")


def _is_caption(block: QTextBlock) -> bool:
    """A table's caption paragraph (表二　二、主动公开…), not a cell of the findings table that names a table."""
    return bool(_CAPTION.match(block.text())) and block.length() < 80 and QTextCursor(block).currentTable() is None


def _first_table_after(tables: list[QTextTable], pos: int) -> QTextTable | None:
    return next((t for t in tables if t.firstPosition() > pos), None)


def keep_headings_with_tables(doc: QTextDocument) -> int:
    """No heading (表格概览) or table caption (表一 …) sits alone at the foot of a page: when the header and first line
    of the table it introduces would start on the next page, the heading starts that page. Qt's HTML has no
    page-break-after: avoid, so this runs on the laid-out document (after setPageSize). Returns the breaks set."""
    height = doc.pageSize().height()
    if height <= 0:
        return 0
    lay = doc.documentLayout()
    tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    moved = 0
    block = doc.begin()
    while block.isValid():
        heading = block.blockFormat().headingLevel() > 0
        if (heading or _is_caption(block)) and not block.textList():
            table = _first_table_after(tables, block.position())
            if heading:  # a heading with captioned tables under it (a legend may come first): up to the first one
                cap = block.next()
                while cap.isValid() and not _is_caption(cap) and cap.blockFormat().headingLevel() == 0 \
                        and (not cap.text().strip() or QTextCursor(cap).currentTable() is not None):
                    cap = cap.next()
                if cap.isValid() and _is_caption(cap):
                    table = _first_table_after(tables, cap.position())
            if table is not None and table.rows():
                top = lay.blockBoundingRect(block).top()
                row = min(1, table.rows() - 1)  # its header and first line
                first_row = lay.blockBoundingRect(table.cellAt(row, 0).firstCursorPosition().block()).bottom()
                if int(first_row // height) != int(top // height) and top % height > height * 0.05:
                    fmt = QTextBlockFormat()
                    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(block).mergeBlockFormat(fmt)
                    moved += 1
        block = block.next()
    return moved


def make_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    """An A4 portrait printer with 15 mm margins (the preview and the PDF use the same)."""
    printer = QPrinter(mode)
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                         QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    printer.setPageLayout(layout)
    printer.setDocName("年报核查摘要")
    printer.setCreator("年报核查")
    return printer


def paint_document(source: QTextDocument, printer: QPrinter, header: str) -> int:
    """Lay the document out on the printer's pages and paint each with header and footer; returns page count."""
    doc = source.clone()  # PySide deletes the copy with its original: `source` stays referenced until the end
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("无法开始打印（打印机或输出文件不可用）。")
    try:
        res = printer.resolution()
        page = printer.pageLayout().paintRectPixels(res)
        mm = res / 25.4
        head_h, foot_h = _HEADER_MM * mm, _FOOTER_MM * mm
        body = QRectF(0, head_h, page.width(), page.height() - head_h - foot_h)
        doc.documentLayout().setPaintDevice(printer)
        doc.setPageSize(QSizeF(body.width(), body.height()))
        keep_headings_with_tables(doc)
        pages = max(1, doc.pageCount())
        small = print_font(8)
        printed = date_text(date.today())
        for n in range(pages):
            if n:
                printer.newPage()
            painter.save()
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.darkGray)
            top = QRectF(0, 0, page.width(), head_h * 0.8)
            painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), header)
            painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                             f"年报核查 · {printed}")
            painter.drawLine(0, round(head_h * 0.9), page.width(), round(head_h * 0.9))
            bottom = QRectF(0, page.height() - foot_h * 0.8, page.width(), foot_h * 0.8)
            painter.drawText(bottom, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                             f"第 {n + 1} 页，共 {pages} 页")
            painter.restore()
            painter.save()
            painter.translate(body.left(), body.top() - n * body.height())
            clip = QRectF(0, n * body.height(), body.width(), body.height())
            painter.setClipRect(clip)
            doc.drawContents(painter, clip)
            painter.restore()
    finally:
        painter.end()
    return pages


def print_to_pdf(report: Report, findings: list[Finding], path: str | os.PathLike[str], header: str,
                 prev: Report | None = None, review: Review = NO_REVIEW) -> int:
    """Render the summary to a PDF (written next to the target, then moved into place). Returns pages."""
    target = Path(path)
    from desktop.exports import same_file

    if same_file(target, report.path):
        raise ValueError(f"不能覆盖原始报告文件：{target}")
    fd, tmp = tempfile.mkstemp(prefix="." + target.name + ".", suffix=".tmp", dir=target.parent or ".")
    os.close(fd)
    try:
        printer = make_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(tmp)
        pages = paint_document(build_document(report, findings, prev, review), printer, header)
        del printer  # closes the file
        verify_pdf(tmp, pages)  # Qt's PDF writer does not report a failed write (a full disk)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp made it private; the PDF gets a file's normal permissions
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return pages


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def verify_pdf(path: str | os.PathLike[str], pages: int) -> None:
    """Raise OSError unless the file is a complete PDF with `pages` pages (checked before it replaces anything)."""
    failed = OSError("PDF 文件没有完整写入（磁盘可能已满或不可写），原有文件未被替换。")
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 1024))
            tail = fh.read()
    except OSError as exc:
        raise failed from exc
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise failed
    try:
        import pypdfium2

        doc = pypdfium2.PdfDocument(os.fspath(path))
        try:
            if len(doc) != pages:
                raise failed
        finally:
            doc.close()
    except OSError:
        raise
    except Exception as exc:  # pypdfium2 cannot open it: damaged
        raise failed from exc
