"""Benchmark: median in-process time to read each corpus PDF (read_pdf alone, and read + extract).

    python tools/bench_pdf.py [--repeat N] [--backend auto|pdfium|pdfminer] [FILE.pdf ...]

Prints one line per file (read, + extract, + validate), then the first PDF read and validated in a fresh
interpreter, imports included (what `ogicheck check one.pdf` pays), each beside its goal (issue #14: a 6-page
PDF read + validated <= 60 ms, of which the reader <= 50 ms).
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
from core.validate import validate  # noqa: E402

GOAL_MS = 60.0  # read + validate, a 6-page PDF
READ_GOAL_MS = 50.0  # the PDF reader's own share of it (extraction and validation take the rest)
COLD = """import sys, time
t0 = time.perf_counter()
from core.api import load_report
from core.validate import validate
validate(load_report(sys.argv[1]))
print((time.perf_counter() - t0) * 1000)
"""

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
    print(f"{'file':32s} {'pages':>5s} {'read ms':>8s} {'+extract ms':>12s} {'+validate':>10s} {'min ms':>7s}")
    checked: list[tuple[int, float]] = []
    read_only: list[tuple[int, float]] = []
    for path in files:
        data = path.read_bytes()
        reads, totals, checks = [], [], []
        pages = 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            doc = read_pdf(str(path), data, backend=args.backend)
            t1 = time.perf_counter()
            report = extract(doc)
            t2 = time.perf_counter()
            validate(report)
            t3 = time.perf_counter()
            reads.append((t1 - t0) * 1000)
            totals.append((t2 - t0) * 1000)
            checks.append((t3 - t0) * 1000)
            pages = len(doc.pages)
        checked.append((pages, statistics.median(checks)))
        read_only.append((pages, statistics.median(reads)))
        print(f"{path.name:32s} {pages:5d} {statistics.median(reads):8.1f} {statistics.median(totals):12.1f}"
              f" {statistics.median(checks):10.1f} {min(checks):7.1f}")
    six = [ms for pages, ms in checked if 5 <= pages <= 6] or [ms for _, ms in checked]
    print(f"read + validate, 5–6 page PDFs: {max(six):.1f} ms at most    goal: <= {GOAL_MS:.0f} ms")
    six_read = [ms for pages, ms in read_only if 5 <= pages <= 6] or [ms for _, ms in read_only]
    print(f"read alone, 5–6 page PDFs: {max(six_read):.1f} ms at most    goal: <= {READ_GOAL_MS:.0f} ms")
    if args.backend == "auto":
        import subprocess

        cold = sorted(float(subprocess.run([sys.executable, "-c", COLD, str(first)], cwd=ROOT, check=True,
                                           capture_output=True, text=True).stdout) for _ in range(5))
        print(f"first PDF in a fresh interpreter, imports included: median {cold[2]:.0f} ms of 5 "
              "(no pypdfium2, pdfplumber, pdfminer, cryptography, lxml or zipfile imported on a PDFium read)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
