"""Printing the validation summary (offscreen): the PDF holds every finding in real Chinese text, pages carry the
report's identity and page numbers, the print preview paints; Qt's own dialogs speak Chinese after create_app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from desktop_support import seed, wait_loaded

pytest.importorskip("PySide6")
pdfium = pytest.importorskip("pypdfium2")

from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget  # noqa: E402

_MM = 72 / 25.4
# the printed body of an A4 page (desktop.printing: 15 mm margins, 10 mm header band, 9 mm footer band), PDF points
_BODY = {"left": 15 * _MM, "right": 195 * _MM, "top": (297 - 15 - 10) * _MM, "bottom": (15 + 9) * _MM}


def pdf_pages(path: Path, body_only: bool = False) -> list[str]:
    """Each page's text; body_only leaves out the header and footer bands and the clipped remains of the lines
    continued on the neighbouring page (clipping hides them on paper, the PDF still holds them)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = [pdf[i].get_textpage() for i in range(len(pdf))]
        return [p.get_text_bounded(**_BODY) if body_only else p.get_text_range() for p in pages]
    finally:
        pdf.close()


def squash(text: str) -> str:
    """Line breaks and spaces the layout inserted inside long messages are not part of the text."""
    return re.sub(r"\s+", "", text)


def printed(message: str, pages: list[str]) -> bool:
    """The message is on one page, or begins at the foot of one page and goes on at the top of the next."""
    m, flat = squash(message), [squash(p) for p in pages]
    if any(m in p for p in flat):
        return True
    return any(m[:k] in a and m[k:] in b for a, b in zip(flat, flat[1:], strict=False) for k in range(1, len(m)))


def cjk_fonts_embedded(path: Path) -> set[str]:
    """Fonts embedded in the PDF that have Simplified Chinese glyphs (a font without them would print boxes)."""
    from PySide6.QtGui import QFontDatabase

    cjk = {f.replace(" ", "").lower() for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)}
    names = set(re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9_-]+)", path.read_bytes()))
    return {n.decode() for n in names if n.decode().replace("-", "").lower() in cjk}


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_print_to_pdf_holds_every_finding_in_chinese(qapp, tmp_path, prefix) -> None:  # type: ignore[no-untyped-def]
    from core.api import load_and_check
    from desktop.printing import print_to_pdf

    report, findings = load_and_check(str(seed(prefix)))
    assert len(findings) >= 10 and report.agency
    out = tmp_path / "摘要.pdf"
    header = f"{report.agency} · {report.report_year}年度报告"
    pages = print_to_pdf(report, findings, out, header)
    texts = pdf_pages(out)
    assert pages == len(texts) >= 2
    whole = squash("".join(texts))
    # the Chinese really is text in the PDF (a missing font would give boxes without Unicode)
    assert "政府信息公开工作年度报告核查摘要" in whole and "问题清单" in whole
    assert squash(report.agency) in whole
    body = pdf_pages(out, body_only=True)
    missing = [f.message for f in findings if not printed(f.message, body)]
    assert not missing, missing[:3]
    assert cjk_fonts_embedded(out), "no font with Chinese glyphs in the PDF"
    for f in findings:  # the officer reads rule names; ids stay out of the printed summary (#12)
        assert squash(f.rule_name) in whole and f.rule not in whole
    for n, text in enumerate(texts, 1):  # every page: the report's identity on top, its number at the bottom
        assert squash(header) in squash(text)
        assert f"第{n}页，共{pages}页" in squash(text)
    assert not list(tmp_path.glob("*.tmp"))  # written atomically


def test_print_to_pdf_never_overwrites_the_source(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from core.api import load_and_check
    from desktop.printing import print_to_pdf

    src = tmp_path / "报告.txt"
    src.write_bytes(seed("002").read_bytes())
    report, findings = load_and_check(str(src))
    with pytest.raises(ValueError, match="不能覆盖原始报告文件"):
        print_to_pdf(report, findings, src, "x")
    assert src.read_bytes() == seed("002").read_bytes()


def test_print_to_pdf_on_a_full_disk_keeps_the_previous_pdf(qapp, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue #16 item 7: Qt's PDF writer does not report a failed write; the temporary file is verified
    before it replaces the previous PDF, and the new PDF gets normal permissions."""
    import os
    import stat

    import desktop.printing as printing
    from core.api import load_and_check

    report, findings = load_and_check(seed("002"))
    out = tmp_path / "摘要.pdf"
    assert printing.print_to_pdf(report, findings, out, "x") >= 1
    good = out.read_bytes()
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask

    real = printing.paint_document

    def full_disk(doc, printer, header):  # type: ignore[no-untyped-def]
        pages = real(doc, printer, header)
        name = printer.outputFileName()
        del printer
        with open(name, "r+b") as fh:  # what a full disk leaves: the first 8 KB
            fh.truncate(8192)
        return pages

    monkeypatch.setattr(printing, "paint_document", full_disk)
    with pytest.raises(OSError, match="没有完整写入"):
        printing.print_to_pdf(report, findings, out, "x")
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["摘要.pdf"]  # no temporary file left


def test_window_pdf_action_writes_the_summary(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    window.open_paths([str(seed("000"))])
    wait_loaded(qtbot, window)
    doc = window.current
    out = tmp_path / "核查摘要.pdf"
    asked: list[str] = []

    def save_name(_parent, title, start, _filter="", *a, **k):  # type: ignore[no-untyped-def]
        asked.append(title)
        assert Path(start).parent == Path(doc.path).parent and start.endswith(".pdf")
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    assert window.actions_.pdf.isEnabled()
    window.actions_.pdf.trigger()
    assert asked == ["导出核查摘要 PDF"]
    texts = pdf_pages(out)
    body = pdf_pages(out, body_only=True)
    assert all(printed(f.message, body) for f in doc.findings)
    assert cjk_fonts_embedded(out)
    assert squash(doc.identity()) in squash(texts[0]) and doc.report.agency in doc.identity()
    assert f"（{len(texts)} 页）" in window.statusBar().currentMessage()


def test_print_preview_paints_pages_with_the_reports_identity(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import desktop.report_actions as ops

    window.open_paths([str(seed("004"))])
    wait_loaded(qtbot, window)
    doc = window.current
    painted: list[tuple[str, int]] = []
    real_paint = ops.paint_document

    def paint(text_doc, printer, header):  # type: ignore[no-untyped-def]
        pages = real_paint(text_doc, printer, header)
        painted.append((header, pages))
        return pages

    monkeypatch.setattr(ops, "paint_document", paint)
    previews: list[tuple[str, int]] = []

    def exec_(dialog):  # type: ignore[no-untyped-def]
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()  # what showing the dialog does: paintRequested on the preview printer
        previews.append((dialog.windowTitle(), widget.pageCount()))
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    window.actions_.print_preview.trigger()
    assert len(previews) == 1
    title, page_count = previews[0]
    assert title.startswith("打印预览") and doc.title() in title
    assert page_count >= 1
    assert painted == [(doc.identity(), page_count)]
    header = painted[0][0]
    assert doc.report.agency in header and str(doc.report.report_year) in header and Path(doc.path).name in header


def test_qt_dialogs_speak_chinese_after_create_app(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not (folder / "qtbase_zh_CN.qm").exists() and not (folder / "qt_zh_CN.qm").exists():
        pytest.skip(f"this PySide6 wheel carries no qtbase_zh_CN.qm in {folder}")
    from desktop.app import create_app

    font, sheet = qapp.font(), qapp.styleSheet()
    app = create_app()
    assert app is qapp
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Ok)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        assert box.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", "").startswith("确定")
        msg = QMessageBox()
        msg.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard)
        assert msg.button(QMessageBox.StandardButton.Save).text().replace("&", "").startswith("保存")
        assert qapp.applicationName() == "年报核查"
    finally:  # the rest of the session runs with Qt's defaults, as before
        for tr in qapp.findChildren(QTranslator):
            qapp.removeTranslator(tr)
            tr.deleteLater()
        qapp.setStyleSheet(sheet)
        qapp.setFont(font)


def test_table_overview_heading_never_ends_a_page(qapp, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """#12: whatever comes before it, the page that holds 表格概览 also holds the start of the first table."""
    import desktop.printing as printing
    from core.api import load_and_check

    report, findings = load_and_check(str(seed("000")))
    original = printing.summary_html

    def padded(lines: int):  # type: ignore[no-untyped-def]
        filler = "".join(f"<p>段落{i}</p>" for i in range(lines))
        return lambda *a, **k: original(*a, **k).replace("<h3>表格概览</h3>", filler + "<h3>表格概览</h3>")

    first = printing.build_document(report, findings)
    tables = [f for f in first.rootFrame().childFrames() if isinstance(f, printing.QTextTable)]
    caption = next(b for b in _blocks(first) if printing._is_caption(b))
    grid = next(t for t in tables if t.firstPosition() > caption.position())
    first_line = squash(grid.cellAt(1, 0).firstCursorPosition().block().text())
    assert first_line

    def heading_page_holds_table(lines: int) -> bool:
        monkeypatch.setattr(printing, "summary_html", padded(lines))
        out = tmp_path / f"摘要{lines}.pdf"
        printing.print_to_pdf(report, findings, out, "页眉")
        pages = [squash(p) for p in pdf_pages(out, body_only=True)]
        page = next(p for p in pages if "表格概览" in p)
        return first_line in page.split("表格概览", 1)[1]

    keep = printing.keep_headings_with_tables
    monkeypatch.setattr(printing, "keep_headings_with_tables", lambda doc: 0)
    alone = [n for n in range(0, 60, 3) if not heading_page_holds_table(n)]
    assert alone, "no padding put the heading at the foot of a page: the test proves nothing"
    monkeypatch.setattr(printing, "keep_headings_with_tables", keep)
    assert [n for n in alone if not heading_page_holds_table(n)] == []


def _blocks(doc):  # type: ignore[no-untyped-def]
    b = doc.begin()
    while b.isValid():
        yield b
        b = b.next()
