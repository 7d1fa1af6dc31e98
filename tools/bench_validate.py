"""Benchmark: median in-process time to validate (all rule families) each seed and corpus report.

    python tools/bench_validate.py [--repeat N]

Each report is read once; only core.validate.validate is timed. "median" re-validates the unchanged report (what
the rules derive from its prose and tables is remembered, core.rules.reportcache); the cross-year column runs the
same report with itself as last year's (--prev), which adds the prose-similarity rule; "first" is the first
validation of a report (nothing remembered: after reading it); "edit" re-validates after one cell of table 三 is
changed (the window after an edit). Target <= 2.5 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.api import load_report  # noqa: E402
from core.model import Report  # noqa: E402
from core.options import Options  # noqa: E402
from core.rules import reportcache  # noqa: E402
from core.validate import validate  # noqa: E402

SHARED = ROOT.parent / "shared"


def files() -> list[Path]:
    out = sorted((SHARED / "seeds").glob("*.txt"))
    out += sorted(p for p in (SHARED / "corpus").glob("*") if p.is_file() and p.suffix not in (".tsv",))
    return out


def _median_ms(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times)


def _first(report: Report) -> None:
    reportcache.clear()
    validate(report)


def _editor(report: Report):  # type: ignore[no-untyped-def]
    """A function that changes one cell of table 三 (back and forth) and re-validates."""
    table = report.tables.get("requests")
    cell = next(((r, c) for r, c in table.spec.cells() if table.get(r, c).kind == "number"), None) if table else None
    if cell is None:
        return lambda: validate(report)
    old = table.value(*cell)
    flip = [False]

    def edit() -> None:
        flip[0] = not flip[0]
        report.set_value("requests", *cell, (old or 0) + 1 if flip[0] else old)
        validate(report)

    return edit


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()
    medians, firsts, edits = [], [], []
    print(f"{'file':40s} {'findings':>8s} {'median ms':>10s} {'min ms':>8s} {'+prev ms':>9s} {'first ms':>9s} "
          f"{'edit ms':>8s}")
    for path in files():
        report = load_report(path)
        if report.error:
            print(f"{path.name[:40]:40s} 无法读取：{report.error}")
            continue
        findings = validate(report)  # warm up
        med, low = _median_ms(lambda r=report: validate(r), args.repeat)
        with_prev, _ = _median_ms(lambda r=report: validate(r, Options(prev=r)), args.repeat)
        first, _ = _median_ms(lambda r=report: _first(r), args.repeat)
        edit, _ = _median_ms(_editor(report), args.repeat)
        while report.edits:
            report.undo_edit(report.edits[-1])
        medians.append(med)
        firsts.append(first)
        edits.append(edit)
        print(f"{path.name[:40]:40s} {len(findings):8d} {med:10.2f} {low:8.2f} {with_prev:9.2f} {first:9.2f} {edit:8.2f}")
    if medians:
        print(f"{'median over reports':40s} {'':8s} {statistics.median(medians):10.2f} {'':8s} {'':9s} "
              f"{statistics.median(firsts):9.2f} {statistics.median(edits):8.2f}   (target <= 2.5 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
