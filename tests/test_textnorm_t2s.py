"""to_simplified skips text OpenCC would leave alone and converts each piece once: the result must be exactly
OpenCC's t2s (plus the few extra characters), entry by entry of its dictionaries and on whole reports."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
from conftest import CORPUS, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from core import textnorm
from core.textnorm import detect_script, to_simplified

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = opencc.OpenCC("t2s")


def library(text: str) -> str:
    return LIBRARY.convert(text).translate(textnorm._EXTRA_T2S)


def _converter() -> textnorm._T2S:
    to_simplified("")
    assert textnorm._converter is not None
    return textnorm._converter


def _entries() -> list[str]:
    return [key for group in LIBRARY._dict_chain_data for _mx, _mn, mapping in group for key in mapping]


def test_every_dictionary_entry_converts_as_the_library_does() -> None:
    keys = _entries()
    assert len(keys) > 4000
    for key in keys:
        for text in (key, f"在{key}中", f"{key}，{key}"):
            assert to_simplified(text) == library(text), text


def test_the_library_is_the_one_this_conversion_was_written_for() -> None:
    assert _converter().exact


def _reports() -> list[Path]:
    found = sorted(SEEDS.glob("*.txt")) + sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md"))
    found += sorted((ROOT / "resources" / "samples").glob("*.txt"))
    return found


def test_whole_reports_convert_as_the_library_does() -> None:
    reports = _reports()
    if not reports:
        pytest.skip("no reports")
    traditional = 0
    for path in reports:
        text = path.read_text(encoding="utf-8", errors="replace")
        traditional += detect_script(text) == "traditional"
        assert _converter().split(text) == LIBRARY.split_chars_re.split(text), path.name
        assert to_simplified(text) == library(text), path.name
        assert to_simplified(text) == library(text), path.name  # the second time from what was remembered
    if SEEDS.exists():
        assert traditional, "the seeds hold a traditional-script report"


_PIECES = sorted(set(_entries()) | {ch for key in _entries() if len(key) > 1 for ch in key} | set("的一是在不了中国会个上为这说时对开关后里过") | {"，", "。", "、", " ", "\n", "1", "（"})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_any_text_converts_as_the_library_does(text: str) -> None:
    assert _converter().split(text) == LIBRARY.split_chars_re.split(text)
    assert to_simplified(text) == library(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_separators_split_as_the_library_does(text: str) -> None:
    assert _converter().split(text) == LIBRARY.split_chars_re.split(text)
