"""PDFium is not thread-safe: reading PDFs from several threads at once (as the desktop app's pool does) must give
the same tables as reading them one by one."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import CORPUS

from core.api import load_report
from core.model import Report


def _cells(report: Report) -> dict[tuple[str, str, str], object]:
    return {(tid, r, c): cell.value for tid, t in report.tables.items() for (r, c), cell in t.cells.items()}


def test_concurrent_pdf_reads_match_sequential() -> None:
    pdfs = sorted(str(p) for p in CORPUS.glob("*.pdf"))
    if not pdfs:
        pytest.skip("corpus PDFs not present")
    sequential = {p: _cells(load_report(p)) for p in pdfs}
    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(load_report, pdfs * 3))
    for path, report in zip(pdfs * 3, reports, strict=True):
        assert report.error is None, path
        assert _cells(report) == sequential[path], path
