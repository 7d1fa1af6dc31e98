"""Benchmark of a season folder in the window: N text/HTML reports opened at once, listed, checked and counted.

    python tools/bench_overview.py [--count 200]

Prints
- loaded: seconds from open_paths() to every report checked and counted in the list and the 总览 (target <= 3 s
  for 200 text/HTML reports on 2 cores);
- UI stall: the longest gap between two ticks of a 10 ms timer on the UI thread while they load (target
  <= 100 ms), and the 95th percentile; with the CPU time the UI thread itself used in the longest gap (on a loaded
  machine a gap is also time the thread waited for a core or for the interpreter lock);
- memory: the process's peak resident set afterwards.
Reports are the seeds, the corpus and generated ones (tests/season_support.py); settings go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200)
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="ogicheck-bench-"))
    os.environ.setdefault("OGICHECK_CONFIG_DIR", str(tmp / "config"))

    from PySide6.QtCore import QElapsedTimer, QTimer
    from season_support import season_folder

    from desktop.app import create_app
    from desktop.main_window import MainWindow

    files = season_folder(tmp / "season", args.count)
    app = create_app()
    w = MainWindow()
    w.show()
    w.show_overview()
    app.processEvents()

    gaps: list[tuple[float, float, float]] = []  # (wall ms, UI-thread CPU ms, ms since start) between ticks
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed(), time.thread_time_ns()]

    def tick() -> None:
        now, cpu = clock.nsecsElapsed(), time.thread_time_ns()
        gaps.append(((now - last[0]) / 1e6, (cpu - last[1]) / 1e6, now / 1e6))
        last[:] = [now, cpu]

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    start, cpu0 = time.perf_counter(), time.process_time()
    w.open_paths([str(tmp / "season")])
    while w.runner.pending or any(d.state == "loading" for d in w.docs):
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu0
    timer.stop()
    t0 = gaps[0][2] if gaps else 0.0
    gaps.sort()
    p95 = gaps[int(len(gaps) * 0.95)][0] if gaps else 0.0
    longest, longest_cpu = gaps[-1][:2] if gaps else (0.0, 0.0)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reports: {len(files)} files, {len(w.docs)} listed, {w.overview.model.rowCount()} in the overview, "
          f"{os.cpu_count()} cores")
    print(f"loaded: {seconds:.2f} s (target <= 3 s); CPU of this process {cpu:.1f} s (the pool's workers not counted); "
          f"load average {load:.1f}")
    print(f"UI stall: longest {longest:.0f} ms (the UI thread busy {longest_cpu:.0f} ms of it), 95th percentile "
          f"{p95:.0f} ms (target <= 100 ms)")
    print("longest gaps (wall ms / UI-thread CPU ms at ms after the first tick): "
          + ", ".join(f"{g:.0f}/{c:.0f} at {t - t0:.0f}" for g, c, t in reversed(gaps[-5:])))
    print(f"memory: peak RSS {rss:.0f} MB")
    for d in w.docs:
        d.mark_saved()
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
