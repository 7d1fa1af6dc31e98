"""A season's folder for set tests and the benchmark: the seeds, the corpus and generated reports."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CORPUS, SEEDS
from reportgen import render, row

REAL = sorted(SEEDS.glob("*.txt")) + sorted(p for p in CORPUS.glob("*") if p.is_file() and p.suffix != ".tsv")


def generated_text(i: int) -> str:
    """A 2021-template report of agency i, with numbers that add up except in every fifth report."""
    n = 3 + i % 7
    values: dict[str, dict[str, dict[str, object]]] = {"requests": {
        "new_received": row(n, 1, 0, 0, 0, 0, n + 1),
        "carried_over": row(0, 0, 0, 0, 0, 0, 0),
        "granted": row(n, 1, 0, 0, 0, 0, n + 1 + (i % 5 == 0)),
        "total": row(n, 1, 0, 0, 0, 0, n + 1),
    }, "review": {"all": {"review_upheld": 1, "review_total": 1}}}
    return render("2021", values, year=2022, agency=f"某某县第{i}局", published="2023年1月20日")


def season_folder(root: Path, count: int, html_every: int = 3, pdf: bool = True) -> list[Path]:
    """`count` report files under `root`: the real ones first (PDFs only with `pdf`), then generated text and
    HTML reports."""
    root.mkdir(parents=True, exist_ok=True)
    out = []
    for p in [p for p in REAL if pdf or p.suffix.lower() != ".pdf"][:count]:
        out.append(root / p.name)
        shutil.copy(p, out[-1])
    i = 0
    while len(out) < count:
        i += 1
        text = generated_text(i)
        if i % html_every == 0:
            body = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
            path = root / f"gen_{i:04d}.html"
            path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
        else:
            path = root / f"gen_{i:04d}.txt"
            path.write_text(text, encoding="utf-8")
        out.append(path)
    return out
