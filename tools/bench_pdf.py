"""Benchmark: median in-process time to read each corpus PDF (read_pdf alone, and read + extract).

    python tools/bench_pdf.py [--repeat N] [--backend auto|pdfium|pdfminer] [FILE.pdf ...]

Prints one line per file; the README quotes these figures (target: a 6-page PDF <= 500 ms).
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
from core.readers.pdf import read_pdf  # noqa: E402

SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--backend", default="auto", choices=("auto", "pdfium", "pdfminer"))
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    files = args.files or sorted((SHARED / "corpus").glob("*.pdf"))
    if not files:
        print("no PDF files found")
        return 1
    first = files[0]
    extract(read_pdf(str(first), first.read_bytes(), backend=args.backend))  # warm up imports, OpenCC
    print(f"backend: {args.backend}")
    print(f"{'file':32s} {'pages':>5s} {'read ms':>8s} {'+extract ms':>12s} {'min ms':>7s}")
    for path in files:
        data = path.read_bytes()
        reads, totals = [], []
        pages = 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            doc = read_pdf(str(path), data, backend=args.backend)
            t1 = time.perf_counter()
            extract(doc)
            t2 = time.perf_counter()
            reads.append((t1 - t0) * 1000)
            totals.append((t2 - t0) * 1000)
            pages = len(doc.pages)
        print(f"{path.name:32s} {pages:5d} {statistics.median(reads):8.1f} {statistics.median(totals):12.1f}"
              f" {min(totals):7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
