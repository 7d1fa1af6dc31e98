"""Screenshots of the main window with reports loaded, for the README: `python tools/screenshots.py [OUT_DIR]`.

Runs the real window (on the offscreen platform unless a display is set, e.g. under xvfb-run) and saves, in
docs/screenshots/ by default:
- main-window.png: the bundled sample on table 三 with a finding selected in the findings panel, its cells
  selected in the grid and its origin highlighted in the source pane;
- main-errors.png: a report whose sums do not add up (the corpus PDF when present, else a seed), an error
  selected on its table;
- overview.png: the 总览 of a season folder (seeds, corpus, samples) at 1280×720;
- print-preview.png: 文件 ▸ 打印预览 of the sample's validation summary (A4, header with the report's identity).
PNGs are reduced to a 256-colour palette so each stays well under 300 KB.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
WIDTH, HEIGHT = 1600, 940


def save_png(image: object, path: Path) -> None:
    """Save a QImage/QPixmap or PIL image as a palette PNG (small, and exact for flat UI colours)."""
    try:
        from PIL import Image
    except ImportError:
        image.save(str(path))  # type: ignore[attr-defined]
        return
    if not isinstance(image, Image.Image):
        from PySide6.QtCore import QBuffer, QIODevice

        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")  # type: ignore[attr-defined]
        import io

        image = Image.open(io.BytesIO(bytes(buf.data())))
    image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE) \
        .save(str(path), optimize=True)
    print(f"{path}  {path.stat().st_size // 1024} KB")


def main(argv: list[str]) -> int:
    """`screenshots.py [OUT_DIR] [--screen WxH]`: with --screen the window takes the available area of a screen of
    that size (run it under `xvfb-run -s "-screen 0 WxHx24"`, with QT_SCALE_FACTOR=1.25 for a 125 % laptop) and one
    extra picture per table tab shows that every pane fits (fit-WxH-N.png)."""
    global WIDTH, HEIGHT
    screen_arg = None
    if "--screen" in argv:
        i = argv.index("--screen")
        screen_arg = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("OGICHECK_CONFIG_DIR", tempfile.mkdtemp(prefix="ogicheck-shots-"))

    from PySide6.QtCore import QEventLoop, QTimer

    from core.findings import Finding, Severity
    from core.template import TABLE_IDS
    from desktop.app import create_app
    from desktop.assets import sample_reports
    from desktop.main_window import MainWindow

    app = create_app()
    if screen_arg:
        from PySide6.QtGui import QGuiApplication

        area = QGuiApplication.primaryScreen().availableGeometry()
        WIDTH, HEIGHT = area.width(), area.height() - 40  # less the title bar and a task bar

    def settle(ms: int = 250) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shoot(path: Path, pick: object, name: str) -> MainWindow | None:
        """Open one report, select the finding `pick` chooses, lay the panes out so the table fits, save;
        returns the window (still open) or None when the report or such a finding is not there."""
        window = MainWindow()
        window.resize(WIDTH, HEIGHT)
        window.show()
        window.open_paths([str(path)])
        while window.runner.pending:
            settle(50)
        doc = window.current
        if doc is None or doc.state != "ready":
            window.close()
            return None
        f: Finding | None = pick(doc.findings)  # type: ignore[operator]
        if f is None:
            doc.mark_saved()
            window.close()
            return None
        tid = next(c.table for c in f.cells if c.table in TABLE_IDS)
        grid = window.grids[tid]
        window.tabs.setCurrentIndex(TABLE_IDS.index(tid))
        settle()
        need = grid.verticalHeader().width() + grid.horizontalHeader().length() + grid.verticalScrollBar() \
            .sizeHint().width() + 2 * grid.frameWidth() + 4
        side = 200 if WIDTH > 1300 else 150
        source = max(300 if WIDTH > 1300 else 220, WIDTH - side - need - 30)
        window.split_main.setSizes([side, WIDTH - side])
        window.split_grid.setSizes([WIDTH - side - source, source])
        window.split_work.setSizes([HEIGHT - 330, 230])
        for splitter in (window.split_main, window.split_grid, window.split_work):
            splitter.splitterMoved.emit(0, 1)  # as if dragged: the window stops keeping its first proportions
        window.findings.select_finding(f)
        window.select_finding_cells(f)
        window.navigation.show_evidence(f)
        settle(400)
        save_png(window.grab().toImage(), out / name)
        if screen_arg and name == "main-window.png":
            for i in range(window.tabs.count()):
                window.tabs.setCurrentIndex(i)
                settle()
                save_png(window.grab().toImage(), out / f"fit-{screen_arg}-{i + 1}.png")
            window.tabs.setCurrentIndex(TABLE_IDS.index(tid))
        return window

    def worst_with_cells(findings: list[Finding]) -> Finding | None:
        ranked = [f for f in findings if any(c.table in TABLE_IDS for c in f.cells)]
        ranked.sort(key=lambda f: (f.severity != Severity.ERROR, f.rule.startswith("CELL."), -len(f.cells)))
        return ranked[0] if ranked else None

    def missing_row(findings: list[Finding]) -> Finding | None:
        rows = [f for f in findings if f.rule == "CELL.MISSING" and f.cells and f.cells[0].table == "requests"]
        return max(rows, key=lambda f: len(f.cells), default=None) or worst_with_cells(findings)

    sample = sample_reports()[0]
    start = MainWindow()  # the start page: nothing open, the samples among the recent reports
    for p in reversed(sample_reports()):
        start.settings.add_recent(str(p))
    start.start_page.refresh()
    start.resize(WIDTH, HEIGHT)
    start.show()
    settle(400)
    save_png(start.grab().toImage(), out / "start-page.png")
    start.close()
    main_window = shoot(sample, missing_row, "main-window.png")
    candidates = [SHARED / "corpus" / "002_hongzequ_2023.pdf", *sorted((SHARED / "seeds").glob("*.txt"))]
    for path in candidates:
        shown = path.exists() and shoot(path, lambda fs: next((f for f in [worst_with_cells(fs)]
                                                                if f is not None and f.severity == Severity.ERROR),
                                                               None), "main-errors.png")
        if shown:
            shown.close()
            break

    # 总览 of a season (the seeds, the corpus and the samples) at 1280×720, with a few statuses set
    season = MainWindow()
    season.resize(1280, 720)
    season.show()
    season.open_paths([str(p) for p in (SHARED / "seeds", SHARED / "corpus", sample.parent) if p.exists()])
    while season.runner.pending:
        settle(50)
    for doc, status in zip(season.docs, ("已核实", "有问题", "已退回", "有问题"), strict=False):
        season.set_verdict(doc, status)
    season.split_main.setSizes([250, 1030])
    season.show_overview()
    settle(400)
    save_png(season.grab().toImage(), out / "overview.png")
    season.close()

    # the print preview of the sample's validation summary (文件 ▸ 打印预览)
    if main_window is not None and main_window.current is not None and main_window.current.report is not None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

        from desktop.printing import build_document, make_printer, paint_document

        doc = main_window.current
        text_doc = build_document(doc.report, list(doc.findings))
        printer = make_printer()  # referenced while the dialog lives: the dialog does not own it
        dialog = QPrintPreviewDialog(printer, main_window)
        dialog.setWindowTitle(f"打印预览 — {doc.title()}")
        dialog.paintRequested.connect(lambda p: paint_document(text_doc, p, doc.identity()))
        from desktop.view_options import preview_size

        dialog.resize(preview_size(main_window))
        dialog.show()
        settle(600)
        preview = dialog.findChild(QPrintPreviewWidget)
        preview.fitToWidth()
        settle(300)
        save_png(dialog.grab().toImage(), out / "print-preview.png")
        dialog.close()
        main_window.close()
    app.quit()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
