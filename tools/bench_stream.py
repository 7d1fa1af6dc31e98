"""Benchmark: a structure-less text report (one line, no separators) read and validated, median per file.

    python tools/bench_stream.py [--repeat N]

Every seed and text corpus report is flattened to a single line without any separator (headings glued to the
prose, cells to their labels and to each other) in a temporary folder, then read (decode + stream extraction +
whole-table digit solving) and validated. The README quotes these figures (target <= 20 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.api import check, load_report  # noqa: E402
from core.readers import read_source  # noqa: E402

SHARED = ROOT.parent / "shared"


def sources() -> list[Path]:
    out = sorted((SHARED / "seeds").glob("*.txt"))
    out += sorted(p for p in (SHARED / "corpus").glob("*") if p.suffix in (".txt", ".md", ".html"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    medians = []
    with tempfile.TemporaryDirectory() as tmp:
        flat_files = []
        for src in sources():
            text = "".join(ln.text.strip().replace("|", "") for ln in read_source(src).lines if ln.text.strip())
            p = Path(tmp) / (src.stem + ".txt")
            p.write_text(text, encoding="utf-8")
            flat_files.append(p)
        check(load_report(flat_files[0]))  # warm up imports
        print(f"{'file (flattened)':40s} {'chars':>6s} {'median ms':>10s} {'min ms':>8s}")
        for p in flat_files:
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                check(load_report(p))
                times.append((time.perf_counter() - t0) * 1000)
            med = statistics.median(times)
            medians.append(med)
            print(f"{p.name:40s} {len(p.read_text(encoding='utf-8')):6d} {med:10.1f} {min(times):8.1f}")
    print(f"median over files: {statistics.median(medians):.1f} ms, worst file: {max(medians):.1f} ms (target <= 20 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
