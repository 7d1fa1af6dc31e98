"""Benchmark of `ogicheck batch` (issue #14): reports per second, peak memory, and where the time goes.

    python tools/bench_batch.py [--runs 1] [--only a,b,c,phases] [--keep DIR]

Three folders, each run as `python -m core.cli batch DIR --out summary.xlsx` in a fresh interpreter, the summary
workbook included:
  (a) 500 text reports: reports per second, beside the goal (>= 200/s on 2 cores, workbook included);
  (b) 500 text + 50 PDF reports: reports per second and peak memory (informational);
  (c) 1,000 text reports: peak memory, beside the goal (<= 300 MB for 1,000 reports, flat as the folder grows).
The text reports are the seeds, the corpus text files and the bundled samples, each copy made distinct by a
numbered line at its end (no cache or duplicate check can skip one); the PDFs are the corpus PDFs, each copy
distinct by a comment after its end. Wall clock runs from start to exit (interpreter start and imports included).
Peak memory is the largest sum of the resident sizes of the batch process and all its descendants (the pool's
forkserver and workers), sampled every 20 ms from /proc (Linux); CPU is the whole tree's, from the same samples
(load-independent, unlike the wall clock on a busy machine). Exit 1 means some report has errors or could not be
read (the documented exit status of `ogicheck batch`); anything but 0 or 1 is a failure.

Then (phases) where the time of (a) goes, measured step by step in one fresh interpreter: start-up and imports,
the pool's start (forkserver with its preloaded modules, two workers), checking on the pool, the parent's work
per result, and the workbook sheet by sheet and its save; and a worker's own cost per report, in-process.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOAL_PER_S = 200.0
GOAL_MB_PER_1000 = 300.0
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def sources() -> tuple[list[Path], list[Path]]:
    texts = sorted((SHARED / "seeds").glob("*.txt"))
    texts += sorted(p for p in (SHARED / "corpus").glob("*") if p.suffix in (".txt", ".md"))
    texts += sorted((ROOT / "resources" / "samples").glob("*.txt"))
    return texts, sorted((SHARED / "corpus").glob("*.pdf"))


def fill(folder: Path, n_text: int, n_pdf: int) -> None:
    texts, pdfs = sources()
    if not texts or (n_pdf and not pdfs):
        raise SystemExit("no seed, corpus or sample reports found")
    for i in range(n_text):
        src = texts[i % len(texts)]
        data = src.read_bytes().rstrip() + f"\n\n（副本 {i}）\n".encode()
        (folder / f"t{i:04d}_{src.stem}{src.suffix}").write_bytes(data)
    for i in range(n_pdf):
        src = pdfs[i % len(pdfs)]
        (folder / f"p{i:04d}_{src.name}").write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())


def tree_sample(pid: int) -> tuple[int, float]:
    """(resident KiB, CPU seconds) of a process and all its descendants (Linux /proc). The CPU counts each live
    process's own time and the time of the children it has reaped, so workers that ended still count."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
            ticks = sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        stats[int(entry)] = (pages * _PAGE_KB, ticks / _TICK)
    rss, cpu, todo = 0, 0.0, [pid]
    while todo:
        p = todo.pop()
        r, c = stats.get(p, (0, 0.0))
        rss, cpu = rss + r, cpu + c
        todo += children.get(p, [])
    return rss, cpu


def run_once(folder: Path, out: Path) -> tuple[float, float, float, int]:
    """(seconds, peak MB, CPU seconds, exit status) of one `ogicheck batch` run."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "core.cli", "batch", str(folder), "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_kb, cpu = 0, 0.0
    proc_ok = Path("/proc").is_dir()
    while proc.poll() is None:
        if proc_ok:
            rss, c = tree_sample(proc.pid)
            peak_kb, cpu = max(peak_kb, rss), max(cpu, c)
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    if not peak_kb:
        import resource

        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        print(err, file=sys.stderr)
    return seconds, peak_kb / 1024, cpu, proc.returncode


def measure(label: str, folder: Path, out: Path, runs: int) -> tuple[float, float, float, int]:
    """Median seconds, largest peak MB, median CPU seconds, worst exit status of `runs` runs."""
    results = [run_once(folder, out) for _ in range(runs)]
    total = sum(1 for _ in folder.iterdir())
    for seconds, peak, cpu, status in results:
        print(f"  {label}: {seconds:.1f} s, {total / seconds:.0f}/s, CPU {cpu:.1f} s "
              f"({cpu / total * 1000:.1f} ms/report, all processes), peak {peak:.0f} MB, exit {status}")
    return (statistics.median(r[0] for r in results), max(r[1] for r in results),
            statistics.median(r[2] for r in results), max(r[3] for r in results))


# ---------------------------------------------------------------- phases (run in a fresh interpreter)


def _noop(_: int) -> int:
    return os.getpid()


def phases(folder: str) -> None:
    """Where the time of one batch goes, step by step; prints one JSON object (name → [wall s, CPU s])."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    out: dict[str, Any] = {}

    def step(name: str, fn: Callable[[], Any], tree: bool = False) -> Any:
        w, c = time.perf_counter(), (tree_sample(os.getpid())[1] if tree else time.process_time())
        value = fn()
        cpu = (tree_sample(os.getpid())[1] if tree else time.process_time()) - c
        out[name] = [time.perf_counter() - w, cpu]
        return value

    import core.batch.run as run
    import core.cli.main  # noqa: F401  (what `ogicheck` imports before the batch starts)
    import core.season.checking as checking

    out["imports: CLI, batch, pool"] = [time.perf_counter() - wall0, time.process_time() - cpu0]
    step("imports: workbook and totals (openpyxl, pandas)", run._import_writers)
    from concurrent.futures import ProcessPoolExecutor

    from core.batch.workbook import BatchWorkbook
    from core.season.files import find_reports

    def start_pool() -> None:
        pool = ProcessPoolExecutor(2, mp_context=checking._context())
        list(pool.map(_noop, range(2)))
        pool.shutdown()

    step("pool start: forkserver, preloaded modules, 2 workers", start_pool, tree=True)
    files = step("listing the folder", lambda: find_reports(folder))
    jobs = [checking.CheckJob(str(p), tag=i) for i, p in enumerate(files)]
    summaries: dict[int, Any] = {}

    def check() -> None:
        for job, s in checking.check_files(jobs, 2):
            summaries[job.tag] = s

    step("checking on the pool (read, check, summaries back)", check, tree=True)
    results = step("parent: result per file (report rebuilt from the summary)",
                   lambda: [run.result_of(summaries[i]) for i in range(len(files))])
    book = BatchWorkbook(Path(folder))
    names = [(r, str(r.path.relative_to(folder))) for r in results]
    step("workbook: 批量核查汇总 rows", lambda: [book.add_summary_row(r, n, {}) for r, n in names])
    step("workbook: 全部问题 rows", lambda: [book.add_finding_rows(r, n, {}) for r, n in names])
    step("workbook: totals summed", lambda: [book.add_totals(r) for r in results])
    step("workbook: filters, widths, page set-up", book.finish_lists)
    blocks = step("workbook: 汇总统计 sheet", book.totals_sheet)
    step("workbook: 主要比率 sheet", lambda: book.ratios_sheet(blocks))
    step("workbook: 批量核查说明 sheet", book.about_sheet)
    data = step("workbook: save (openpyxl, rows put in, zip)", book.save)
    out["_reports"] = len(files)
    out["_findings"] = sum(len(r.findings) for r in results)
    out["_xlsx_bytes"] = len(data)
    sample = [checking.CheckJob(str(p)) for p in files[:100]]
    checking.check_one(sample[0])
    c = time.process_time()
    got = [checking.check_one(j) for j in sample]
    out["_worker_ms"] = (time.process_time() - c) / len(sample) * 1000
    out["_worker_parts_ms"] = _worker_parts(sample)
    size = checking.chunk_size(len(files), 2)  # what the pool sends back: a list of summaries per chunk
    c = time.process_time()
    blobs = [pickle.dumps(got[i:i + size]) for i in range(0, len(got), size)]
    _ = [pickle.loads(b) for b in blobs]
    out["_pickle_ms"] = (time.process_time() - c) / len(sample) * 1000
    out["_pickle_kb"] = sum(map(len, blobs)) / len(sample) / 1024
    print(json.dumps(out, ensure_ascii=False))


def _worker_parts(jobs: list[Any]) -> dict[str, float]:
    """A worker's CPU ms per report, step by step: read, check, summary, the file's SHA-256 (inside read)."""
    from core.api import check, file_sha256, load_report
    from core.options import Options
    from core.season.summary import summarize

    parts = dict.fromkeys(("read", "check", "summary", "sha256 (in read)"), 0.0)
    for job in jobs:
        c0 = time.process_time()
        report = load_report(job.path)
        c1 = time.process_time()
        findings = check(report, Options())
        c2 = time.process_time()
        summarize(report, findings, job.path)
        c3 = time.process_time()
        file_sha256(job.path)
        c4 = time.process_time()
        for name, spent in zip(parts, (c1 - c0, c2 - c1, c3 - c2, c4 - c3), strict=True):
            parts[name] += spent
    return {name: spent / len(jobs) * 1000 for name, spent in parts.items()}


def _pad(text: str, width: int) -> str:
    """Text padded to `width` terminal columns (a CJK character takes two)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def show_phases(folder: Path) -> None:
    startup = []
    for code in ("pass", "import core.cli.main, core.cli.batch"):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
        startup.append(time.perf_counter() - t)
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--phases-of", str(folder)], cwd=ROOT,
                          check=True, capture_output=True, text=True)
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    n = data.pop("_reports")
    print(f"where the time of {n} text reports goes (one fresh interpreter, step by step; wall s / CPU s, "
          "CPU of the whole process tree for the pool's steps):")
    print(f"  {_pad('interpreter start (python -c pass)', 58)} {startup[0]:6.2f}")
    print(f"  {_pad('interpreter start + ogicheck imports', 58)} {startup[1]:6.2f}")
    for name, value in data.items():
        if not name.startswith("_"):
            wall, cpu = value
            print(f"  {_pad(name, 58)} {wall:6.2f} / {cpu:5.2f}  ({cpu / n * 1000:.2f} ms CPU/report)")
    wall, cpu = data["checking on the pool (read, check, summaries back)"]
    print(f"  both workers busy while checking? CPU / wall of the pool's step: {cpu / wall:.2f} cores of 2")
    print(f"  a worker, in-process: read + check {data['_worker_ms']:.1f} ms CPU/report; its summary "
          f"{data['_pickle_kb']:.1f} KB pickled (in chunks), {data['_pickle_ms']:.2f} ms to pickle and unpickle "
          f"({data['_findings'] / n:.1f} findings/report; workbook {data['_xlsx_bytes'] / 1e6:.1f} MB)")
    print("  a worker's steps: " + ", ".join(f"{k} {v:.2f}" for k, v in data["_worker_parts_ms"].items())
          + " ms CPU/report")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1, help="runs of each folder (the median is printed)")
    ap.add_argument("--only", default="a,b,c,phases", help="which parts: a, b, c, phases (comma-separated)")
    ap.add_argument("--keep", type=Path, help="build the folders here and keep them")
    ap.add_argument("--phases-of", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.phases_of:
        phases(args.phases_of)
        return 0
    parts = set(args.only.split(","))
    tmp = Path(tempfile.mkdtemp(prefix="ogicheck-bench-batch-"))
    base = args.keep or tmp
    ok = True

    def folder(name: str, n_text: int, n_pdf: int) -> Path:
        f = base / name
        if not f.is_dir():
            f.mkdir(parents=True)
            fill(f, n_text, n_pdf)
        return f

    try:
        print(f"ogicheck batch, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at start")
        if "a" in parts:
            a = folder("text500", 500, 0)
            seconds, peak, cpu, status = measure("(a) 500 text", a, tmp / "a.xlsx", args.runs)
            ok &= status in (0, 1)
            print(f"(a) 500 text reports: {500 / seconds:.0f} reports/s    goal: >= {GOAL_PER_S:.0f}/s on 2 cores, "
                  f"workbook included  (CPU {cpu:.1f} s: {cpu / 500 * 1000:.1f} ms/report; at 200/s on 2 cores the "
                  "budget is 10 ms/report)")
        if "b" in parts:
            b = folder("text500pdf50", 500, 50)
            seconds, peak, cpu, status = measure("(b) 500 text + 50 PDF", b, tmp / "b.xlsx", args.runs)
            ok &= status in (0, 1)
            print(f"(b) 500 text + 50 PDF reports: {550 / seconds:.0f} reports/s, peak {peak:.0f} MB  (informational)")
        if "c" in parts:
            c = folder("text1000", 1000, 0)
            seconds, peak, cpu, status = measure("(c) 1,000 text", c, tmp / "c.xlsx", args.runs)
            ok &= status in (0, 1)
            print(f"(c) 1,000 text reports: peak memory {peak:.0f} MB    goal: <= {GOAL_MB_PER_1000:.0f} MB for 1,000 "
                  "(parent + forkserver + workers, RSS summed)")
        if "phases" in parts:
            show_phases(folder("text500", 500, 0))
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
