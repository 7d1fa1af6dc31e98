"""Benchmark: median in-process time to read (decode + extract) each seed and corpus text file.

    python tools/bench_read.py [--repeat N]

Prints one line per file and the overall median; the README quotes these figures (target <= 20 ms).
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
    medians = []
    print(f"{'file':48s} {'median ms':>10s} {'min ms':>8s}")
    for path in files():
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            extract(read_source(path))
            times.append((time.perf_counter() - t0) * 1000)
        med = statistics.median(times)
        medians.append(med)
        print(f"{path.name[:48]:48s} {med:10.2f} {min(times):8.2f}")
    print(f"{'median over files':48s} {statistics.median(medians):10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
