"""The fast HTML and DOCX readers give exactly what the plain reference readers (tests/reference_readers, the
readers as they were before they were made faster) give: the same lines, cells, locations, script and meta, or
the same refusal, for every seed in every page and document variant, the corpus page, the depth budgets'
edges, and a few hundred random pages and documents (tests/markup_gen.py) that reach every branch: hidden
elements, namespaced tags, odd spans, layout tables, tracked changes, text boxes, numbering."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CORPUS, seed_expectations
from formats_gen import gen_report, to_docx, to_html
from markup_gen import nested_page, random_docx, random_page
from reference_readers.docx import read_docx as reference_docx
from reference_readers.html import read_html as reference_html

from core.readers import read_source
from core.readers.errors import UnreadableError
from core.readers.safezip import SafeZip

SEEDS = seed_expectations()
RANDOM = 200  # of each kind; a few seconds
PAGE_VARIANTS = {  # word markup, site chrome, declared charset, encoding
    "plain": (False, False, "utf-8", "utf-8"),
    "word-gbk": (True, True, "gb2312", "gb18030"),
    "word-undeclared": (True, False, None, "gb18030"),
    "utf16": (False, True, "utf-16", "utf-16"),
}


def _outcome(read: Callable[[], object]) -> str:
    try:
        return repr(read())
    except UnreadableError as exc:
        return f"refused: {exc}"


def _same(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".docx":
        reference = _outcome(lambda: reference_docx(str(path), SafeZip(data)))
    else:
        reference = _outcome(lambda: reference_html(str(path), data))
    assert _outcome(lambda: read_source(path)) == reference, path.name


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seed_pages_and_documents_read_as_by_the_reference(tmp_path, key):
    rep = gen_report(SEEDS[key])
    for variant, (word, chrome, charset, encoding) in PAGE_VARIANTS.items():
        path = tmp_path / f"{variant}.html"
        path.write_bytes(to_html(rep, word=word, chrome=chrome, charset=charset).encode(encoding))
        _same(path)
    _same(to_docx(rep, tmp_path / "report.docx", split_runs=key < "002", split="requests"))


def test_corpus_pages_read_as_by_the_reference():
    pages = sorted(CORPUS.glob("*.htm*"))
    if not pages:
        pytest.skip("corpus not present")
    for page in pages:
        _same(page)


def test_depth_budgets_refused_as_by_the_reference(tmp_path):
    for tables, elements in ((40, 10), (41, 0), (3, 240), (3, 260), (0, 249), (0, 250), (0, 251)):
        path = tmp_path / f"nested{tables}_{elements}.html"
        path.write_text(nested_page(tables, elements), encoding="utf-8")
        _same(path)


def test_random_pages_read_as_by_the_reference(tmp_path):
    for seed in range(RANDOM):
        path = tmp_path / f"page{seed}.html"
        path.write_text(random_page(seed), encoding="utf-8")
        _same(path)


def test_random_documents_read_as_by_the_reference(tmp_path):
    for seed in range(RANDOM):
        path = tmp_path / f"document{seed}.docx"
        path.write_bytes(random_docx(seed))
        _same(path)
