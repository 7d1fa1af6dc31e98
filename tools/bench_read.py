"""Benchmark: median in-process time to read (decode + extract) each seed and corpus text file, and to read and
validate it (what `ogicheck check` and the window do per report).

    python tools/bench_read.py [--repeat N]

Prints one line per file and the overall medians, each beside its goal (issue #14: read + validate <= 5 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.extract import extract  # noqa: E402
from core.readers import read_source  # noqa: E402
from core.validate import validate  # noqa: E402

GOAL_MS = 5.0  # read + validate, a text report

SHARED = ROOT.parent / "shared"


def files() -> list[Path]:
    out = sorted((SHARED / "seeds").glob("*.txt"))
    out += sorted(p for p in (SHARED / "corpus").glob("*") if p.suffix in (".txt", ".md"))
    out += sorted((ROOT / "resources" / "samples").glob("*.txt"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    extract(read_source(files()[0]))  # warm up imports and OpenCC dictionaries
    medians, checks = [], []
    print(f"{'file':48s} {'read ms':>8s} {'min ms':>8s} {'+validate':>10s}")
    for path in files():
        times, totals = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            report = extract(read_source(path))
            t1 = time.perf_counter()
            validate(report)
            t2 = time.perf_counter()
            times.append((t1 - t0) * 1000)
            totals.append((t2 - t0) * 1000)
        medians.append(statistics.median(times))
        checks.append(statistics.median(totals))
        print(f"{path.name[:48]:48s} {medians[-1]:8.2f} {min(times):8.2f} {checks[-1]:10.2f}")
    print(f"{'median over files':48s} {statistics.median(medians):8.2f} {'':8s} {statistics.median(checks):10.2f}")
    print(f"read + validate: median {statistics.median(checks):.1f} ms, slowest file {max(checks):.1f} ms"
          f"    goal: <= {GOAL_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
