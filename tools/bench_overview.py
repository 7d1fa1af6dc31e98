"""Benchmark of a season folder in the window: N text/HTML reports opened at once, listed, checked and counted.

    python tools/bench_overview.py [--count 200]

Prints
- loaded: seconds from open_paths() to every report checked and counted in the list and the 总览 (target <= 3 s
  for 200 text/HTML reports on 2 cores);
- UI stall: the longest gap between two ticks of a 10 ms timer on the UI thread while they load (target
  <= 100 ms), and the 95th percentile; with the CPU time the UI thread itself used in the longest gap (on a loaded
  machine a gap is also time the thread waited for a core or for the interpreter lock);
- memory: the process's peak resident set afterwards;
- reopened: the same set opened again in a new window (every summary kept in it): seconds until every report is
  listed and counted, how many files were checked again (target 0), and the UI stall meanwhile.
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


class Ticks:
    """Gaps between the ticks of a 10 ms timer on the UI thread: (wall ms, UI-thread CPU ms, ms since start)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.gaps: list[tuple[float, float, float]] = []
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = [self.clock.nsecsElapsed(), time.thread_time_ns()]
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now, cpu = self.clock.nsecsElapsed(), time.thread_time_ns()
        self.gaps.append(((now - self.last[0]) / 1e6, (cpu - self.last[1]) / 1e6, now / 1e6))
        self.last[:] = [now, cpu]

    def report(self) -> None:
        self.timer.stop()
        gaps = sorted(self.gaps)
        t0 = self.gaps[0][2] if self.gaps else 0.0
        p95 = gaps[int(len(gaps) * 0.95)][0] if gaps else 0.0
        longest, longest_cpu = gaps[-1][:2] if gaps else (0.0, 0.0)
        print(f"UI stall: longest {longest:.0f} ms (the UI thread busy {longest_cpu:.0f} ms of it), 95th percentile "
              f"{p95:.0f} ms (target <= 100 ms)")
        print("longest gaps (wall ms / UI-thread CPU ms at ms after the first tick): "
              + ", ".join(f"{g:.0f}/{c:.0f} at {t - t0:.0f}" for g, c, t in reversed(gaps[-5:])))


def _wait(app: object, w: object) -> None:
    while w.runner.pending or any(d.state == "loading" for d in w.docs):  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.002)
    app.processEvents()  # type: ignore[attr-defined]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200)
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="ogicheck-bench-"))
    os.environ.setdefault("OGICHECK_CONFIG_DIR", str(tmp / "config"))

    from season_support import season_folder

    from desktop.app import create_app
    from desktop.main_window import MainWindow
    from desktop.workers import TaskRunner

    checked: list[str] = []  # files handed to the process pool for a check
    submit = TaskRunner.submit_summary

    def counting(self: TaskRunner, path: str, *a: Any, **kw: Any) -> None:
        checked.append(path)
        submit(self, path, *a, **kw)

    TaskRunner.submit_summary = counting  # type: ignore[method-assign]
    files = season_folder(tmp / "season", args.count)
    app = create_app()
    w = MainWindow()
    w.show()
    w.show_overview()
    app.processEvents()

    ticks = Ticks()
    start, cpu0 = time.perf_counter(), time.process_time()
    w.open_paths([str(tmp / "season")])
    _wait(app, w)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reports: {len(files)} files, {len(w.docs)} listed, {w.overview.model.rowCount()} in the overview, "
          f"{os.cpu_count()} cores")
    print(f"loaded: {seconds:.2f} s (target <= 3 s); CPU of this process {cpu:.1f} s (the pool's workers not counted); "
          f"load average {load:.1f}")
    ticks.report()
    print(f"memory: peak RSS {rss:.0f} MB")
    counts = {d.path: d.counts() for d in w.docs}
    for d in w.docs:
        d.mark_saved()
    w.close()

    # the set kept every summary: reopening it lists and counts every report without checking them again
    checked.clear()
    again = MainWindow()
    again.show()
    again.show_overview()
    app.processEvents()
    ticks = Ticks()
    start = time.perf_counter()
    again.sets.resume([])
    _wait(app, again)
    seconds = time.perf_counter() - start
    same = sum(1 for d in again.docs if counts.get(d.path) == d.counts())
    print(f"reopened: {len(again.docs)} reports listed in {seconds:.2f} s, {len(checked)} checked again (target 0), "
          f"{same} with the same counts")
    ticks.report()
    for d in again.docs:
        d.mark_saved()
    again.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
