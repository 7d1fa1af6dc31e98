"""Screenshots of the main window with a report loaded, for the README: `python tools/screenshots.py [OUT_DIR]`.

Runs the real window (on the offscreen platform unless a display is set, e.g. under xvfb-run), opens a seed
or the bundled sample, and saves PNGs of the whole window on each table tab plus the print preview page.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("OGICHECK_CONFIG_DIR", tempfile.mkdtemp(prefix="ogicheck-shots-"))

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QImage, QPainter

    from desktop.app import create_app
    from desktop.assets import sample_reports
    from desktop.main_window import MainWindow
    from desktop.printing import build_document, make_printer, paint_document

    app = create_app()
    files = argv[1:] or [str(sample_reports()[0])]
    window = MainWindow()
    window.resize(1500, 920)
    window.show()
    window.open_paths(files)

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    while window.runner.pending:
        settle(100)
    window.split_main.setSizes([230, 1270])
    window.split_work.setSizes([610, 250])
    window.split_grid.setSizes([880, 390])
    settle()
    names = ["main-table2.png", "main-table3.png", "main-table4.png"]
    for i, name in enumerate(names):
        window.tabs.setCurrentIndex(i)
        grid = window.current_grid()
        model = grid.model()
        if model is not None and model.rowCount():
            target = next((model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                           if model.findings_at(model.index(r, c))), model.index(0, 0))
            grid.setCurrentIndex(target)
        settle()
        window.grab().save(str(out / name))
        print(out / name)
    doc = window.current
    if doc is not None and doc.report is not None:
        printer = make_printer()
        printer.setResolution(110)
        text_doc = build_document(doc.report, list(doc.findings))
        from PySide6.QtPrintSupport import QPrinter

        pdf = out / "summary-preview.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        paint_document(text_doc, printer, doc.identity())
        try:
            import pypdfium2 as pdfium

            page = pdfium.PdfDocument(str(pdf))[0]
            page.render(scale=1.3).to_pil().save(str(out / "summary-page1.png"))
            print(out / "summary-page1.png")
        except ImportError:
            image = QImage(900, 1270, QImage.Format.Format_RGB32)
            image.fill(0xFFFFFF)
            painter = QPainter(image)
            text_doc.drawContents(painter)
            painter.end()
            image.save(str(out / "summary-page1.png"))
        pdf.unlink(missing_ok=True)
    window.close()
    app.quit()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
