"""Benchmark of the desktop window: re-validation after one cell edit, and start to first report shown.

    python tools/bench_desktop.py [--repeat N] [FILE...]

For each seed and bundled sample (or the files given) it prints
- edit: the median time from typing one value into the grid's model (setData → undoable command → validate →
  findings panel, status bar, report list and tab labels refreshed → the visible grid repainted with its
  highlights) until the window is idle again; target <= 50 ms;
- validate: the median of the validation alone (ReportDocument.validate_ms) for comparison;
- open: the time from MainWindow() to the report shown in the grids (window built and shown, file read and
  validated off the UI thread, grids filled and painted).
Runs on the offscreen platform unless a display is set; settings go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"


def pad(text: str, width: int) -> str:
    """Left-justify for a terminal where Chinese characters take two columns."""
    import unicodedata

    cols = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - cols)


def default_files() -> list[Path]:
    return sorted((SHARED / "seeds").glob("*.txt")) + sorted((ROOT / "resources" / "samples").glob("示例*"))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=31, help="edits per file (alternating new and old value)")
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("OGICHECK_CONFIG_DIR", tempfile.mkdtemp(prefix="ogicheck-bench-"))

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_app
    from desktop.main_window import MainWindow
    from desktop.table_model import ReportTableModel

    app = create_app()
    assert isinstance(app, QApplication)

    def idle() -> None:
        app.processEvents()

    def open_window(path: Path) -> tuple[MainWindow, float]:
        start = time.perf_counter()
        window = MainWindow()
        window.resize(1400, 860)
        window.show()
        window.open_paths([str(path)])
        while window.runner.pending or window.current is None or window.current.state == "loading":
            idle()
            time.sleep(0.001)
        idle()
        window.repaint()
        return window, (time.perf_counter() - start) * 1000

    files = args.files or default_files()
    warm = open_window(files[0])[0]  # warm-up: imports, fonts, the first validation
    warm.close()
    warm.deleteLater()
    rows = []
    for path in files:
        window, open_ms = open_window(path)
        doc = window.current
        assert doc is not None and doc.report is not None
        # the first table with a number shown: edit that cell up and down (each an undoable command)
        model: ReportTableModel | None = None
        key = None
        for i, tid in enumerate(("requests", "active", "review")):
            t = doc.report.tables[tid]
            key = next(((r.id, c) for r in t.spec.rows for c in t.spec.cols_for(r.id)
                        if isinstance(t.value(r.id, c), int)), None)
            if key is not None:
                window.tabs.setCurrentIndex(i)
                model = window.grids[tid].table_model()
                break
        if model is None or key is None:
            print(f"{path.name}: no numeric cell to edit", file=sys.stderr)
            continue
        grid = window.current_grid()
        idx = model.index_of(*key)
        grid.setCurrentIndex(idx)
        idle()
        old = int(doc.report.tables[model.table_id].value(*key))  # type: ignore[arg-type]
        edit_ms, validate_ms = [], []
        for n in range(args.repeat):
            value = old + 1 if n % 2 == 0 else old
            start = time.perf_counter()
            ok = model.setData(idx, str(value))
            idle()
            grid.viewport().repaint()
            edit_ms.append((time.perf_counter() - start) * 1000)
            validate_ms.append(doc.validate_ms)
            assert ok and doc.report.tables[model.table_id].value(*key) == value
        rows.append((path.name, len(doc.findings), statistics.median(edit_ms), max(edit_ms),
                     statistics.median(validate_ms), open_ms))
        doc.mark_saved()
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # deleted now, not at interpreter exit

    print(f"{'file':52s} {'findings':>8s} {'edit ms':>8s} {'max ms':>7s} {'validate':>9s} {'open ms':>8s}")
    for name, n, med, worst, val, open_ms in rows:
        print(f"{pad(name[:40], 52)} {n:8d} {med:8.1f} {worst:7.1f} {val:9.1f} {open_ms:8.0f}")
    if rows:
        print(f"{'median over files':52s} {'':8s} {statistics.median(r[2] for r in rows):8.1f} {'':7s} "
              f"{statistics.median(r[4] for r in rows):9.1f} {statistics.median(r[5] for r in rows):8.0f}")
    print("target: edit ≤ 50 ms (re-validated and redrawn within one frame for the user)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
