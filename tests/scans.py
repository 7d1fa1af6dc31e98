"""Scans made from the corpus PDFs for the OCR tests and tools/bench_ocr.py: pages rendered grey at a given
resolution, with scanner noise and a small skew, saved as an image-only PDF or as image files."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image


def page_images(pdf: Path, dpi: int = 150, noise: float = 0.0, skew: float = 0.0, seed: int = 1,
                pages: list[int] | None = None) -> list[Image.Image]:
    """Grey page images: `noise` is the standard deviation of Gaussian grain (0–255) plus as many salt-and-pepper
    specks per million pixels; `skew` turns every page by that many degrees (alternating sign)."""
    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(str(pdf))
    out: list[Image.Image] = []
    try:
        for i in pages if pages is not None else range(len(doc)):
            page = doc[i]
            grey = page.render(scale=dpi / 72, grayscale=True).to_numpy().astype(np.float32)
            page.close()
            if noise:
                grey += rng.normal(0, noise, grey.shape)
                specks = rng.random(grey.shape) < noise * 1e-6 * 30
                grey[specks] = rng.choice([0.0, 255.0], size=int(specks.sum()))
            img = Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8), "L")
            if skew:
                angle = skew if i % 2 == 0 else -skew
                img = img.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
            out.append(img)
    finally:
        doc.close()
    return out


def scan_pdf(pdf: Path, dpi: int = 150, noise: float = 0.0, skew: float = 0.0, seed: int = 1,
             pages: list[int] | None = None) -> bytes:
    """An image-only PDF of the pages (no text layer), as a scanner makes it."""
    images = page_images(pdf, dpi, noise, skew, seed, pages)
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return buf.getvalue()


def cell_accuracy(report: object, expected: dict) -> tuple[int, list[tuple[str, object, object, bool]]]:
    """(cells compared, wrong cells as (name, want, got, flagged)) of a report against a corpus expectation."""
    wrong: list[tuple[str, object, object, bool]] = []
    n = 0
    tables = report.tables  # type: ignore[attr-defined]
    for tid in ("active", "requests"):
        table = tables[tid]
        for row, cols in expected[tid].items():
            for col, want in cols.items():
                n += 1
                cell = table.get(row, col) if row in table.spec.row_index else None
                got = cell.value if cell is not None else None
                if got != want:
                    wrong.append((f"{tid}.{row}.{col}", want, got, bool(cell is not None and cell.uncertain)))
    for col, want in expected["review"].items():
        n += 1
        cell = tables["review"].get("all", col)
        if cell.value != want:
            wrong.append((f"review.{col}", want, cell.value, cell.uncertain))
    return n, wrong
