"""core.readers.pdf_cells is pdfplumber's table finding carried over: same cells and tables as pdfplumber's own
steps on random rulings and on the rulings of the corpus PDFs; and reading a PDF with PDFium imports neither
pdfplumber nor pdfminer (they load only for the pdfminer fallback)."""

from __future__ import annotations

import random
import subprocess
import sys
from typing import Any

import pytest
from conftest import ROOT

from core.readers import pdf_cells
from core.readers.pdf_grid import Seg, _clusters, _distinct, _edge, _h, _v

table = pytest.importorskip("pdfplumber.table")
utils = pytest.importorskip("pdfplumber.utils")


def _both(edges: list[dict[str, Any]]) -> None:
    ours = pdf_cells.filter_edges(pdf_cells.merge_edges(edges, 3, 3, 3, 3), min_length=3.0)
    theirs = utils.filter_edges(table.merge_edges(edges, 3, 3, 3, 3), min_length=3.0)
    assert [dict(e) for e in ours] == [dict(e) for e in theirs]
    cells = pdf_cells.intersections_to_cells(pdf_cells.edges_to_intersections(ours, 3, 3))
    assert cells == table.intersections_to_cells(table.edges_to_intersections(theirs, 3, 3))
    assert pdf_cells.cells_to_tables(cells) == table.cells_to_tables(cells)


def _grid_edges(rng: random.Random) -> list[dict[str, Any]]:
    """A ruled table with jittered lines, missing pieces, doubled borders and stray ticks."""
    x0, top = rng.uniform(20, 200), rng.uniform(20, 400)
    xs = [x0]
    for _ in range(rng.randint(1, 6)):
        xs.append(xs[-1] + rng.uniform(5, 90))
    ys = [top]
    for _ in range(rng.randint(1, 8)):
        ys.append(ys[-1] + rng.uniform(4, 40))
    segs: list[Seg] = []
    for y in ys:
        for a, b in zip(xs, xs[1:], strict=False):
            if rng.random() < 0.9:
                j = rng.choice([0, 0, 0.3, -0.8, 2.9])
                segs.append(_h(a + rng.uniform(-1, 1), b + rng.uniform(-1, 1), y + j))
    for x in xs:
        for a, b in zip(ys, ys[1:], strict=False):
            if rng.random() < 0.9:
                segs.append(_v(x + rng.choice([0, 0, 0.5, -2.5]), a + rng.uniform(-1, 1), b + rng.uniform(-1, 1)))
    for _ in range(rng.randint(0, 4)):
        segs.append(rng.choice(segs))
        segs.append(_h(rng.uniform(0, 500), rng.uniform(0, 500), rng.uniform(0, 700)))
    rng.shuffle(segs)
    edges = [_edge(s) for s in segs]
    if rng.random() < 0.3:  # the closing border find_grids adds
        for group in _clusters(_distinct(segs)):
            bx0, bx1 = min(s.x0 for s in group), max(s.x1 for s in group)
            btop, bbottom = min(s.top for s in group), max(s.bottom for s in group)
            edges += [_edge(_h(bx0, bx1, btop)), _edge(_v(bx1, btop, bbottom))]
    return edges


@pytest.mark.parametrize("seed", range(60))
def test_same_as_pdfplumber_on_random_rulings(seed: int) -> None:
    rng = random.Random(seed)
    edges = [e for _ in range(rng.randint(1, 3)) for e in _grid_edges(rng)]
    _both(edges)


def test_pdfium_read_imports_no_pdfminer() -> None:
    pdfs = sorted((ROOT.parent / "shared" / "corpus").glob("*.pdf"))
    if not pdfs:
        pytest.skip("no corpus PDF here")
    code = ("import sys; from core.api import load_report; r = load_report(sys.argv[1]); "
            "assert r.tables and not r.error, r.error; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pdfplumber', 'pdfminer', 'cryptography')))")
    out = subprocess.run([sys.executable, "-c", code, str(pdfs[0])], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
