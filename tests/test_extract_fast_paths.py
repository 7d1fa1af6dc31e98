"""Issue 14: the shortcuts, remembered results and shared objects that made reading and extraction faster give
exactly what the plain steps gave (tests/extract_reference.py), on every line of the seeds, the corpus and their
variants and on random text; and a remembered result is never stale (a fresh object, a cleared memory or
another report in between gives the same answer)."""

from __future__ import annotations

import random
import re
import threading
from dataclasses import replace
from pathlib import Path

import pytest

import core.readers.text as text_reader
from core.extract import extract, labels, meta, regions, spec_lookup, tokens
from core.extract.labels import match_row
from core.extract.solve import prose_numbers
from core.extract.spec_lookup import lookup
from core.extract.stream import Flat
from core.model import Loc, SourceLine
from core.numbers import _parse_cell, parse_cell
from core.readers import read_source
from core.readers.text import _control_junk, line_locs, lines_from_text
from core.relations import row_check
from core.template import MONEY, SECTION_KEYS, TEMPLATES, TableSpec, hybrid_requests_2021
from core.textnorm import detect_script, norm_label, to_simplified
from tests import extract_reference as ref
from tests.conftest import SEEDS
from tests.extract_variants import fingerprint, originals, text_variants

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds not present")

PIECES = ["#", "## ", " ", "  ", "\u3000", "\xa0", "|", "｜", "\t", "-", "--", "—", "–", "－", "第", "页", "共", "/",
          "1", "23", "0.5", "1,234", "+", "−", ",", "元", "万元", "亿元", "件", "个", "人次", "(", ")", "（", "）",
          "行政许可", "规章", "无", "空", ":", "：", "①", "٣", "５", "\u200b", "一、", "(一)", "总计", "结转下年度",
          "第二十条", "a", "\ufffd", "\x01", "\x0c", "\r", "們", "们", "規(guī)", "於"]


def _random_texts(n: int, seed: int, longest: int = 9) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


def _report_texts() -> list[str]:
    out = []
    for n, src in enumerate(p for p in originals() if p.suffix in (".txt", ".md")):
        text = src.read_text(encoding="utf-8")
        out.append(text)
        out += [data.decode("utf-8", "replace") for _name, data in text_variants(text, n)]
    return out


def _all_lines() -> list[str]:
    lines = {ln for text in _report_texts() for ln in text.replace("\r\n", "\n").split("\n")}
    for src in originals():
        lines |= {ln.text for ln in read_source(src).lines}
    return sorted(lines) + CRAFTED + _random_texts(4000, 14)


CRAFTED = ["第 3 页", " 第3页 ", "第 3 页 / 共 12 页", "第3页，共12页", "第三页", "— 3 —", "- 12 -", "－ 7 －", "–4–",
           "—— 5", "|---|---|", "| :-- | --: |", "---", "--", "-- 3", "## 一、总体情况", "#", "# ", "#######",
           "| | | |", "||", " | ", "\t\t\t", "\u3000\xa0", "行政许可 97", "行政许可: 97", "1. 规章 3 4",
           "1 2 3", "+1 -2", "总计 1,234 5.5", "12", "１２", "二、 主动公开 3", "第二十条第(一)项 |"]


LINES = _all_lines()


def _fast(line: SourceLine) -> tuple[ref.Cells, str, bool, Loc | None]:
    lt = tokens.tokenize(7, line)
    assert lt.index == 7 and all(t.col is None and t.span == 1 for t in lt.toks)
    assert lt.norm == "".join(norm_label(t.text) for t in lt.toks)  # what find_regions joined itself
    return tuple((t.text, t.kind, t.loc) for t in lt.toks), lt.layout, lt.raw_blank, lt.loc


def test_lines_cut_into_cells_as_before() -> None:
    tokens._shape.cache_clear()
    for k, text in enumerate(LINES):
        line = SourceLine(text, Loc(line=k + 1))
        want = ref.tokenize(line)
        assert _fast(line) == want, text  # worked out
        assert _fast(line) == want, text  # remembered
        assert _fast(SourceLine(text, Loc(line=k + 2))) == ref.tokenize(SourceLine(text, Loc(line=k + 2))), text


def test_cells_parsed_and_classified_as_before() -> None:
    cells = {c for text in LINES for c in [text, text.strip(), *text.split("|"), *text.split("\t")]}
    for text in sorted(cells):
        for money in (False, True):
            want = ref.parse_cell(text, money)
            assert _parse_cell(text, money) == want, text
            assert parse_cell(text, money=money) == want, text
        assert tokens.classify(text) == ref.classify(text), text
        assert tokens.classify(text) == ref.classify(text), text  # remembered


def test_control_characters_and_script_counted_as_before() -> None:
    texts = _report_texts() + [to_simplified(t) for t in _report_texts()[:3]]
    texts += _random_texts(300, 15, longest=60) + ["".join(_random_texts(2000, 16)), "", "\x01" * 30 + "们" * 500]
    for text in texts:
        assert _control_junk(text) == ref.control_junk(text)
        assert detect_script(text) == ref.detect_script(text)
        assert detect_script(text, 50) == ref.detect_script(text, 50)


def _reference_lines(text: str) -> tuple[list[SourceLine], str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    script = ref.detect_script(text)
    raw = text.split("\n")
    converted = to_simplified(text).split("\n") if script == "traditional" else raw
    return ref.source_lines(raw, converted), script


def test_text_split_into_lines_as_before() -> None:
    texts = [t for t in _report_texts() if not ref.control_junk(t)]
    texts += ["规(guī)章\r\n第二行(xìn)\r\n", "\ufeff一\r二\n\n", "（一）规章 |", ""]
    for text in texts:
        doc = lines_from_text(text, "x.txt")
        want, script = _reference_lines(text)
        assert (doc.lines, doc.script) == (want, script)


def test_line_locations_shared_but_equal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_reader, "_SHARED_LOCS", 40)
    monkeypatch.setattr(text_reader, "_LOCS", ())
    for count in (3, 1, 39, 40, 41, 100, 7):
        locs = line_locs(count)
        assert len(locs) >= count
        assert all(loc == Loc(line=i) for i, loc in enumerate(locs, start=1))
    assert len(text_reader._LOCS) == 40  # never more than the shared ones are kept
    doc = lines_from_text("\n".join(str(i) for i in range(100)), "x.txt")
    assert [ln.loc for ln in doc.lines] == [Loc(line=i) for i in range(1, 101)]


def test_line_locations_from_many_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_reader, "_LOCS", ())
    bad: list[int] = []

    def work(seed: int) -> None:
        rnd = random.Random(seed)
        for _ in range(200):
            n = rnd.randint(1, 3000)
            locs = line_locs(n)
            if any(locs[i].line != i + 1 for i in range(n)):
                bad.append(n)

    threads = [threading.Thread(target=work, args=(s,)) for s in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not bad


def _specs() -> list[TableSpec]:
    return [s for t in TEMPLATES.values() for s in t.tables] + [hybrid_requests_2021()]


def test_spec_lookups_equal_the_specs_own_answers() -> None:
    rnd = random.Random(17)
    for spec in _specs():
        look = lookup(spec)
        assert lookup(spec) is look
        assert look.cols_for == {r.id: spec.cols_for(r.id) for r in spec.rows}
        assert look.money == {c.id for c in spec.columns if c.kind == MONEY}
        assert look.width == max(len(spec.cols_for(r.id)) for r in spec.rows)
        assert look.has_total == any(c.is_total for c in spec.columns)
        for r in spec.rows:
            check, want = look.checks[r.id], row_check(spec, r.id, spec.cols_for(r.id))
            assert (check is None) == (want is None)
            for _ in range(50 if check else 0):
                values = [rnd.randint(0, 3) for _ in spec.cols_for(r.id)]
                assert check(values) == want(values)  # type: ignore[misc]
        shorter = replace(spec, rows=spec.rows[:-1])  # another spec object: its own lookups, never the first's
        assert list(lookup(shorter).cols_for) == [r.id for r in spec.rows[:-1]]
        assert list(lookup(spec).cols_for) == [r.id for r in spec.rows]


def test_row_labels_matched_as_before() -> None:
    for spec in _specs():
        rows = spec.rows
        texts = [t for r in rows for t in (r.label, *r.keys, *r.exact)] + [tokens.Tok(t, "label", None).norm
                                                                          for t in LINES[:3000]]
        for norm in texts:
            want = ref.match_row(norm, rows)
            for _ in range(2):  # worked out, then remembered
                m = match_row(norm, rows)
                assert (m.row, m.ambiguous) == want, norm
            assert (match_row(norm, list(rows)).row, match_row(norm, list(rows)).ambiguous) == want
            fewer = rows[1:]  # another row tuple: its own memory
            m = match_row(norm, fewer)
            assert (m.row, m.ambiguous) == ref.match_row(norm, fewer), norm


def test_heading_and_anchor_patterns_as_plain_searches() -> None:
    keysets = [*SECTION_KEYS, regions._ACTIVE.anchors.start, regions._REQUESTS.anchors.start,
               regions._REVIEW.anchors.start, regions._T3_LAST, ()]
    for text in LINES:
        raw = meta._clean(text)
        assert meta._heading_text(text) == (raw, meta.squash(raw))
        for n, keys in enumerate(SECTION_KEYS):
            assert bool(meta._SECTION_KEYS_RX[n].search(text)) == any(k in text for k in keys)
        for keys in keysets:
            assert bool(regions._any_of(keys)(text)) == any(k in text for k in keys)


def _forget() -> None:
    tokens._shape.cache_clear()
    tokens._kind.cache_clear()
    labels._MEMOS.clear()
    spec_lookup._CACHE.clear()
    meta._heading_remembered.cache_clear()


def test_reports_read_alike_with_and_without_remembered_results() -> None:
    paths: list[Path] = [p for p in originals() if p.suffix != ".pdf"]
    _forget()
    fresh = {p.name: fingerprint(extract(read_source(p))) for p in reversed(paths)}
    for p in paths:  # every other report read in between
        assert fingerprint(extract(read_source(p))) == fresh[p.name], p.name
        _forget()
        assert fingerprint(extract(read_source(p))) == fresh[p.name], p.name


def test_stream_text_normalised_as_before() -> None:
    texts = ["".join(ln.strip().replace("|", "") for ln in t.split("\n") if ln.strip()) for t in _report_texts()]
    texts += [" ".join(t.split("\n")) for t in _report_texts()[:4]]
    texts += _random_texts(300, 18, longest=40) + ["㈠ ½ ﬁ | 1、2 ３．５ \u200b\ufeff x", "", " ", "|||"]
    for text in texts:
        flat = Flat(text)
        assert (flat.norm, flat.pos) == ref.flat_norm(text), text[:80]


def test_prose_numbers_from_remembered_sentences() -> None:
    prose = "本年制发规范性文件77件；废止规章3件。新公开信息1200条，公开总数15件\n印发文件2件。"
    for subject, verbs in (("规范性文件", ("制发", "印发")), ("规章", ("废止",)), ("文件", ("印发",)), ("无此项", ("制发",))):
        want = {float(m.group(1)) for s in ref.sentences(prose) if subject in s for v in verbs
                for m in re.finditer(re.escape(v) + r"[^。，,；\d]{0,14}?(\d+(?:\.\d+)?)\s*[件部个项]", s)}
        assert prose_numbers(prose, subject, verbs) == want
        assert prose_numbers(prose + "制发规范性文件5件", subject, verbs) >= want  # another prose: its own sentences
    assert prose_numbers(prose + "；制发规范性文件5件", "规范性文件", ("制发",)) == {77.0, 5.0}
