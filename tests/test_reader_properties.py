"""Property suite of the readers (issue #16): arbitrary bytes, and real reports with bytes flipped, cut, inserted
or repeated, go through core.readers.read_source → extract → validate, and the outcome is always either a Report
checked into findings or a refusal as UnreadableError: never another exception. Bounded (a fixed number of
examples, derandomized so a run is reproducible; about half a minute); tools/fuzz.py runs longer and isolated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.extract import extract
from core.model import Report
from core.readers import read_source
from core.readers.errors import UnreadableError
from core.validate import validate

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".xlsx", ".pdf", ".doc", ".xls", ".wps", "", ".bin")
_SETTINGS = {"deadline": None, "derandomize": True, "database": None,
             "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}


def _check(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    try:
        report = extract(read_source(path))
    except UnreadableError:
        return
    assert isinstance(report, Report)
    findings = validate(report)
    assert all(f.rule and f.message for f in findings)


def _real_files() -> dict[str, bytes]:
    """A real report of every format: seeds and corpus text, the corpus web page and PDFs, a seed as DOCX/XLSX."""
    out: dict[str, bytes] = {}
    for p in sorted(SEEDS.glob("*.txt"))[:2] + sorted(CORPUS.glob("*.md"))[:1] + sorted(CORPUS.glob("*.html"))[:1]:
        out[p.name] = p.read_bytes()
    pdfs = sorted(CORPUS.glob("*.pdf"))
    if pdfs:
        out[pdfs[0].name] = pdfs[0].read_bytes()
    spec = SHARED / "spec" / "seeds-expected.json"
    if spec.exists():
        import tempfile

        from formats_gen import gen_report, to_docx, to_xlsx

        key, expected = next(iter(json.loads(spec.read_text(encoding="utf-8")).items()))
        rep = gen_report(expected)
        with tempfile.TemporaryDirectory() as tmp:
            out["seed.docx"] = to_docx(rep, Path(tmp) / "seed.docx").read_bytes()
            out["seed.xlsx"] = to_xlsx(rep, Path(tmp) / "seed.xlsx").read_bytes()
    return out


REAL = _real_files()
TEXTUAL = sorted(n for n in REAL if n.endswith((".txt", ".md", ".html")))
BINARY = sorted(n for n in REAL if n.endswith((".docx", ".xlsx", ".pdf")))


@st.composite
def mutated(draw: st.DrawFn, names: list[str]) -> tuple[str, bytes]:
    """A real file with a few edits: bytes replaced, a slice cut out, bytes inserted, a slice repeated, or the
    file cut short."""
    name = draw(st.sampled_from(names))
    data = bytearray(REAL[name])
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(("replace", "cut", "insert", "repeat", "truncate")))
        size = draw(st.integers(1, 64))
        if kind == "replace":
            data[at:at + size] = draw(st.binary(min_size=1, max_size=size))
        elif kind == "cut":
            del data[at:at + size]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=size))
        elif kind == "repeat":
            data[at:at] = data[at:at + size] * draw(st.integers(2, 50))
        else:
            del data[at:]
    return name, bytes(data)


@settings(max_examples=150, **_SETTINGS)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    _check(tmp_path, "report" + suffix, data)


@settings(max_examples=150, **_SETTINGS)
@given(text=st.text(max_size=600), suffix=st.sampled_from((".txt", ".html", ".md")),
       encoding=st.sampled_from(("utf-8", "gb18030", "utf-16")))
def test_arbitrary_text(tmp_path: Path, text: str, suffix: str, encoding: str) -> None:
    _check(tmp_path, "report" + suffix, text.encode(encoding, "replace"))


@pytest.mark.skipif(not TEXTUAL, reason="no seed or corpus text here")
@settings(max_examples=120, **_SETTINGS)
@given(case=mutated(TEXTUAL or ["-"]))
def test_mutated_text_reports(tmp_path: Path, case: tuple[str, bytes]) -> None:
    _check(tmp_path, *case)


@pytest.mark.skipif(not BINARY, reason="no corpus PDF or seed spec here")
@settings(max_examples=60, **_SETTINGS)
@given(case=mutated(BINARY or ["-"]))
def test_mutated_office_and_pdf_reports(tmp_path: Path, case: tuple[str, bytes]) -> None:
    _check(tmp_path, *case)
