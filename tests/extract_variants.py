"""Test helper: every seed and corpus report in every format, plus variants of the text ones that take the
extractor's other paths (traditional script, CRLF in GB18030, double spacing, one cell a line, markdown
hashes, pinyin notes, lines dropped or their separators changed, the whole text on one line), and a
fingerprint of everything extraction gives back, field by field (tables with every cell's value, raw text
and origin, sections, metadata, regions, lines, findings)."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.extract import extract
from core.model import Report
from core.readers import read_source
from tests.conftest import CORPUS, SEEDS, seed_expectations

ROOT = Path(__file__).resolve().parent.parent


def originals() -> list[Path]:
    out = sorted(SEEDS.glob("*.txt"))
    out += sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md", ".html", ".pdf"))
    out += sorted((ROOT / "resources" / "samples").glob("*.txt"))
    return out


def _mutated(text: str, seed: int, kind: int) -> str:
    rnd = random.Random(seed * 10 + kind)
    lines = [ln for ln in text.split("\n") if rnd.random() > 0.08]
    if kind == 1:
        lines = [ln.replace("\t", "  ") if rnd.random() < 0.3 else ln for ln in lines]
    elif kind == 2:
        lines = [ln.replace("\t", " | ") for ln in lines]
    elif kind == 3:
        lines = [ln.replace("0", "") if rnd.random() < 0.2 else ln for ln in lines]
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _s2t() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("s2t").convert  # type: ignore[no-any-return]


def text_variants(text: str, seed: int) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each variant of one text report."""
    yield "trad.txt", _s2t()(text).encode()
    yield "crlf-gb18030.txt", text.replace("\n", "\r\n").encode("gb18030", errors="replace")
    yield "double.txt", "\n\n".join(text.split("\n")).encode()
    cells = (c.strip() for ln in text.split("\n") for c in ln.replace("|", "\t").split("\t"))
    yield "cells.txt", "\n".join(cells).encode()
    yield "hashes.txt", "\n".join(("## " + ln if ln[:2] in ("一、", "二、", "三、", "四、", "五、", "六、") else ln)
                                  for ln in text.split("\n")).encode()
    yield "pinyin.txt", text.replace("规章", "规(guī)章").replace("信息", "信(xìn)息").encode()
    for kind in range(4):
        yield f"mutated{kind}.txt", _mutated(text, seed, kind).encode()


def inputs(folder: Path) -> list[Path]:
    """Every input written under `folder` (the originals linked by their path)."""
    out: list[Path] = []
    for n, src in enumerate(originals()):
        out.append(src)
        if src.suffix == ".pdf":
            continue
        lines = [ln.text for ln in read_source(src).lines]
        flat = folder / f"{src.stem}.flat.txt"
        flat.write_text("".join(t.strip().replace("|", "") for t in lines if t.strip()), encoding="utf-8")
        out.append(flat)
        if src.suffix in (".txt", ".md"):
            text = src.read_text(encoding="utf-8")
            for name, data in text_variants(text, n):
                (folder / f"{src.stem}.{name}").write_bytes(data)
                out.append(folder / f"{src.stem}.{name}")
    from tests.formats_gen import gen_report, to_docx, to_html, to_xlsx

    for n, (key, expected) in enumerate(sorted(seed_expectations().items())):
        stem = Path(key).stem
        rep = gen_report(expected)
        (folder / f"{stem}.gen.html").write_text(to_html(rep), encoding="utf-8")
        (folder / f"{stem}.word.html").write_text(to_html(rep, word=True, chrome=True), encoding="utf-8")
        out += [folder / f"{stem}.gen.html", folder / f"{stem}.word.html"]
        if n < _OFFICE_FILES:  # python-docx builds merged tables slowly: a few suffice for the grid path
            out += [to_docx(rep, folder / f"{stem}.gen.docx"), to_xlsx(rep, folder / f"{stem}.gen.xlsx")]
    return out


_OFFICE_FILES = 2


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, default=repr).encode()).hexdigest()[:16]


def fingerprint(report: Report) -> dict[str, str]:
    """A digest of each part of an extracted report (the path left out: inputs live in a temporary folder)."""
    parts: dict[str, Any] = {
        "tables": {tid: [t.found, sorted(t.present_rows), t.spec.id, len(t.spec.rows),
                         [repr(kv) for kv in t.cells.items()]] for tid, t in report.tables.items()},
        "meta": repr((report.format, report.template.version if report.template else None, report.title,
                      report.agency, report.report_year, report.published, report.published_source,
                      report.file_created, report.period, report.script, report.hybrid)),
        "sections": [repr(s) for s in report.sections],
        "lines": [repr(ln) for ln in report.lines],
        "pages": report.pages,
        "regions": repr(report.regions),
        "notes": report.reader_notes,
        "findings": [repr(f) for f in report.parse_findings],
    }
    return {key: _digest(value) for key, value in parts.items()}


def fingerprints(folder: Path, read: Callable[[Path], Report] | None = None) -> dict[str, dict[str, str]]:
    read = read or (lambda p: extract(read_source(p)))
    return {p.name: fingerprint(read(p)) for p in inputs(folder)}
