"""Benchmark of a season (not a test): a folder of 200 text/HTML reports listed, checked and counted on the
process pool, and a set of 1,000 reports checked, kept and reopened, with peak memory.

    python tools/bench_season.py [--files 200] [--set 1000] [--workers N]

The reports are the seeds, the corpus and generated reports (tests/season_support.py) in a temporary folder.
Peak RSS is the largest of this process (which keeps the set and its summaries) and of any one worker.
Targets (issue 11): 200 reports in ≤ 3 s on 2 cores; a set of 1,000 reports under 500 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

FOLDER_TARGET_S = 3.0
SET_TARGET_MB = 500.0


def _rss_mb(who: int) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


class TreeMemory(threading.Thread):
    """Samples the resident memory and the CPU time of this process and all its descendants (the pool's workers,
    forked by the forkserver, a child of this process) on Linux."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.cpu: dict[int, float] = {}  # pid → its CPU seconds when last seen
        self.stop = threading.Event()

    def _total(self) -> float:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        cpu: dict[int, float] = {}
        for d in Path("/proc").iterdir():
            if not d.name.isdigit():
                continue
            try:
                stat = (d / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(d.name)] = int(stat[1])
                rss[int(d.name)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
                cpu[int(d.name)] = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError, ValueError):
                continue
        tree, grew = {os.getpid()}, True
        while grew:
            more = {pid for pid, ppid in parents.items() if ppid in tree} - tree
            grew = bool(more)
            tree |= more
        for pid in tree:
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu.get(pid, 0.0))
        return sum(rss.get(pid, 0) for pid in tree) / 2**20

    def run(self) -> None:
        while not self.stop.wait(0.1):
            self.peak = max(self.peak, self._total())

    def cpu_seconds(self) -> float:
        """CPU time of the whole tree (a worker's last 0.1 s before it exits may be missed)."""
        self._total()
        return sum(self.cpu.values())


def folder_run(root: Path, count: int, workers: int | None) -> None:
    from season_support import season_folder

    from core.findings import Severity
    from core.season.checking import CheckJob, check_files
    from core.season.files import find_reports

    season_folder(root, count, pdf=False)
    tree = TreeMemory()
    if sys.platform.startswith("linux"):
        tree.start()
    cpu_before = tree.cpu_seconds() if sys.platform.startswith("linux") else 0.0
    start = time.perf_counter()
    files = find_reports(root)
    counts = {s: 0 for s in Severity}
    unreadable = 0
    for _job, summary in check_files([CheckJob(str(p)) for p in files], workers):
        unreadable += bool(summary.error)
        for sev, n in summary.counts().items():
            counts[sev] += n
    took = time.perf_counter() - start
    cpu = tree.cpu_seconds() - cpu_before if sys.platform.startswith("linux") else float("nan")
    tree.stop.set()
    ok = "达标" if took <= FOLDER_TARGET_S else "未达标"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(files)} 份报告（文本/HTML）列出、核查、计数：{took:.2f} s（目标 ≤ {FOLDER_TARGET_S:.0f} s，{ok}）；"
          f"错误 {counts[Severity.ERROR]}、警告 {counts[Severity.WARNING]}、提示 {counts[Severity.INFO]}，"
          f"无法读取 {unreadable}；CPU 时间 {cpu:.1f} s（本进程及工作进程合计）；{os.cpu_count()} 核，测量时系统负载 {load:.1f}")


def set_run(root: Path, count: int, workers: int | None) -> None:
    from season_support import season_folder

    from core.season.checking import check_set
    from core.season.store import SeasonSet

    files = season_folder(root / "reports", count)
    memory = TreeMemory()
    if sys.platform.startswith("linux"):
        memory.start()
    start = time.perf_counter()
    with SeasonSet.create(root / "bench.ogiset") as s:
        s.add_files(files)
        check_set(s, workers=workers)
    checked = time.perf_counter() - start
    start = time.perf_counter()
    with SeasonSet.open(root / "bench.ogiset") as s:
        entries = s.entries()
        findings = sum(len(e.summary.findings) for e in entries if e.summary)
    reopened = time.perf_counter() - start
    memory.stop.set()
    size = (root / "bench.ogiset").stat().st_size / 1e6
    own = _rss_mb(resource.RUSAGE_SELF)
    peak = max(memory.peak, own)
    ok = "达标" if peak < SET_TARGET_MB else "未达标"
    print(f"{len(entries)} 份报告的核查批次：核查并写入 {checked:.1f} s，重新打开并读出全部摘要 {reopened:.2f} s"
          f"（{findings} 条问题），文件 {size:.1f} MB；峰值内存 {peak:.0f} MB（本进程及全部工作进程合计；"
          f"本进程 {own:.0f} MB；目标 < {SET_TARGET_MB:.0f} MB，{ok}）")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--set", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder_run(Path(tmp) / "folder", args.files, args.workers)
        set_run(Path(tmp) / "set", args.set, args.workers)


if __name__ == "__main__":
    main()
