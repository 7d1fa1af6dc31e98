"""Benchmark of `ogicheck batch`: reports per second and peak memory on a folder of text and PDF reports.

    python tools/bench_batch.py [--text 500] [--pdf 50] [--runs 1] [--keep DIR]

Fills a temporary folder with `--text` text reports (the seeds, the corpus text files and the bundled samples,
each copy made distinct by a numbered line at its end, so no cache or duplicate check can skip it) and `--pdf`
PDF reports (the corpus PDFs, each copy distinct by a comment after its end), then runs `python -m core.cli batch
DIR --out summary.xlsx` in a fresh interpreter, the summary workbook included, and prints
- reports per second (wall clock from start to exit, interpreter start and imports included);
- peak memory: the largest sum of the resident sizes of the batch process and all its child processes, sampled
  every 20 ms from /proc (Linux), else the peak of the largest single child;
each beside its goal (issue #14: >= 200 reports/s on 2 cores; <= 300 MB for 1,000 reports).
The goal for memory is stated for 1,000 reports: `--text 950 --pdf 50` measures exactly that.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOAL_PER_S = 200.0
GOAL_MB_PER_1000 = 300.0


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


def _tree_rss_kb(pid: int) -> int:
    """Resident size of the process and its descendants (Linux /proc), in KiB; 0 when unknown."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def run_once(folder: Path, out: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, exit status) of one `ogicheck batch` run."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "core.cli", "batch", str(folder), "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_kb = 0
    proc_ok = Path("/proc").is_dir()
    while proc.poll() is None:
        if proc_ok:
            peak_kb = max(peak_kb, _tree_rss_kb(proc.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    if not peak_kb:
        import resource

        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        print(err, file=sys.stderr)
    return seconds, peak_kb / 1024, proc.returncode


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--text", type=int, default=500, help="text reports in the folder")
    ap.add_argument("--pdf", type=int, default=50, help="PDF reports in the folder")
    ap.add_argument("--runs", type=int, default=1, help="batch runs (the median is printed)")
    ap.add_argument("--keep", type=Path, help="build the folder here and keep it")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="ogicheck-bench-batch-"))
    folder = args.keep or tmp / "reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fill(folder, args.text, args.pdf)
        total = args.text + args.pdf
        runs = [run_once(folder, tmp / "summary.xlsx") for _ in range(args.runs)]
        for seconds, peak, status in runs:
            print(f"{total} reports ({args.text} text, {args.pdf} PDF): {seconds:.1f} s, {total / seconds:.0f}/s, "
                  f"peak {peak:.0f} MB, exit {status}")
        per_s = statistics.median(total / s for s, _, _ in runs)
        peak = max(p for _, p, _ in runs)
        print(f"reports per second: {per_s:.0f}    goal: >= {GOAL_PER_S:.0f}/s on 2 cores, workbook included")
        print(f"peak memory: {peak:.0f} MB for {total} reports    goal: <= {GOAL_MB_PER_1000:.0f} MB for 1,000")
        return 0 if all(status in (0, 1) for _, _, status in runs) else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
