"""Issue 13 part B: OCR of image-only pages (the `ocr` extra), on scans made here from the corpus PDFs: pages
rendered grey at 100–200 dpi, with noise and ±1° skew. A clean 150 dpi scan reads ≥ 99 % of the cells exactly
and every wrong cell is flagged PARSE.UNCERTAIN; text pages keep their text layer; photos read the same way."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import CORPUS
from scans import cell_accuracy, page_images, scan_pdf

pytest.importorskip("rapidocr_onnxruntime", reason="the OCR extra is not installed (pip install -e .[ocr])")

from core.api import load_report  # noqa: E402
from core.extract import extract  # noqa: E402
from core.readers import Hooks, UnreadableError, read_source  # noqa: E402
from core.readers.pdf import read_pdf  # noqa: E402

HUAIAN = "001_huaian_2024"
HONGZE = "002_hongzequ_2023"
needs_corpus = pytest.mark.skipif(not (CORPUS / f"{HUAIAN}.pdf").exists(), reason="corpus not present")


def _expected(stem: str) -> dict:
    return json.loads((CORPUS / "expected" / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def clean_scan() -> tuple[object, list[tuple[int, int]]]:
    """The Huai'an report (6 pages) scanned clean at 150 dpi, read with progress recorded."""
    seen: list[tuple[int, int]] = []
    doc = read_pdf("scan.pdf", scan_pdf(CORPUS / f"{HUAIAN}.pdf", dpi=150),
                   hooks=Hooks(progress=lambda d, t: seen.append((d, t))))
    return extract(doc), seen


@needs_corpus
def test_clean_150dpi_scan_cells_exact_or_flagged(clean_scan) -> None:  # type: ignore[no-untyped-def]
    report, _ = clean_scan
    n, wrong = cell_accuracy(report, _expected(HUAIAN))
    assert n >= 190
    assert (n - len(wrong)) / n >= 0.99, wrong
    assert all(flagged for *_, flagged in wrong), [w for w in wrong if not w[3]]
    assert report.format == "pdf" and report.report_year == 2024 and report.agency == "淮安市人民政府"
    cell = report.tables["requests"].get("new_received", "natural")
    assert cell.loc is not None and cell.loc.page is not None and cell.loc.box is not None  # the cell's box
    assert any(f.rule == "PARSE.UNCERTAIN" and "文字识别" in f.message for f in report.parse_findings)


@needs_corpus
def test_progress_reports_every_page(clean_scan) -> None:  # type: ignore[no-untyped-def]
    _, seen = clean_scan
    assert seen[0] == (0, 6) and seen[-1] == (6, 6) and [d for d, _ in seen] == sorted(d for d, _ in seen)


@needs_corpus
@pytest.mark.parametrize(("dpi", "noise", "skew"), [(200, 6.0, 1.0), (120, 10.0, -0.8)])
def test_noisy_skewed_scan_every_wrong_cell_flagged(dpi: int, noise: float, skew: float) -> None:
    # the tables of the Hongze report (pages 2–4), scanned with grain, specks and a tilt
    doc = read_pdf("scan.pdf", scan_pdf(CORPUS / f"{HONGZE}.pdf", dpi=dpi, noise=noise, skew=skew, pages=[1, 2, 3]))
    report = extract(doc)
    n, wrong = cell_accuracy(report, _expected(HONGZE))
    assert (n - len(wrong)) / n >= 0.95, wrong
    assert all(flagged for *_, flagged in wrong), [w for w in wrong if not w[3]]


@needs_corpus
def test_mixed_pdf_uses_ocr_only_on_the_scanned_page() -> None:
    import pypdfium2 as pdfium

    original = pdfium.PdfDocument(str(CORPUS / f"{HONGZE}.pdf"))
    scanned = pdfium.PdfDocument(scan_pdf(CORPUS / f"{HONGZE}.pdf", dpi=150, pages=[2]))
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(original, [0, 1])
    mixed.import_pages(scanned, [0])
    mixed.import_pages(original, [3, 4])
    buf = io.BytesIO()
    mixed.save(buf)
    doc = read_pdf("mixed.pdf", buf.getvalue())
    assert doc.meta["ocr_pages"] == "3" and any("第3页" in note for note in doc.notes)
    text_cells = [c for ln in doc.lines if ln.cells and ln.loc.page != 3 for c in ln.cells]
    ocr_cells = [c for ln in doc.lines if ln.cells and ln.loc.page == 3 for c in ln.cells]
    assert text_cells and all(c.loc.box is None for c in text_cells)  # text pages read from their text layer
    assert ocr_cells and all(c.loc.box is not None for c in ocr_cells)
    n, wrong = cell_accuracy(extract(doc), _expected(HONGZE))
    assert all(flagged for *_, flagged in wrong), wrong


@needs_corpus
def test_photo_files_read_by_ocr(tmp_path: Path) -> None:
    page = page_images(CORPUS / f"{HONGZE}.pdf", dpi=150, noise=4.0, pages=[2])[0]
    for suffix, fmt in ((".png", "PNG"), (".jpg", "JPEG"), (".tif", "TIFF")):
        path = tmp_path / f"报告第3页{suffix}"
        page.save(path, format=fmt)
        doc = read_source(path)
        assert doc.format == "image" and doc.meta["ocr_pages"] == "1"
        assert any(ln.cells and ln.cells[0].text.startswith("1.本机关不掌握") for ln in doc.lines), suffix


@needs_corpus
def test_cancel_stops_reading(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_pdf(CORPUS / f"{HONGZE}.pdf", dpi=100, pages=[0, 1]))
    with pytest.raises(UnreadableError, match="取消"):
        read_source(path, Hooks(cancelled=lambda: True))
    report = load_report(path, Hooks(cancelled=lambda: True))
    assert report.error is not None and "取消" in report.error


@needs_corpus
def test_without_the_extra_a_scan_is_refused_with_how_to_get_it(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import core.readers.image as image
    import core.readers.pdf as pdf

    monkeypatch.setattr(pdf, "ocr_available", lambda: False)
    monkeypatch.setattr(image, "ocr_available", lambda: False)
    data = scan_pdf(CORPUS / f"{HONGZE}.pdf", dpi=100, pages=[0])
    with pytest.raises(UnreadableError) as info:
        read_pdf("scan.pdf", data)
    assert "文字识别（OCR）组件" in info.value.message and "ogicheck[ocr]" in info.value.message
    png = tmp_path / "a.png"
    page_images(CORPUS / f"{HONGZE}.pdf", dpi=100, pages=[0])[0].save(png)
    with pytest.raises(UnreadableError, match="OCR"):
        read_source(png)


def test_photos_are_offered_in_the_dialog_but_not_picked_from_folders() -> None:
    from core.readers.formats import DIALOG_FILTER, format_guess, is_report_name

    assert "*.png" in DIALOG_FILTER and "*.tif" in DIALOG_FILTER and format_guess(Path("a.JPG")) == "image"
    assert not is_report_name(Path("logo.png")) and is_report_name(Path("报告.pdf"))
