"""The remembered prose work of the rules (core.rules.reportcache) never changes a finding: validating with the
memory gives exactly what the plain evaluation gives, for every seed and corpus report, with and without last
year's report, and an edit to a cell, to the prose, to the sections or to the year is seen at once."""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS

from core.api import load_report
from core.findings import Finding
from core.model import Report
from core.options import Options
from core.rules import reportcache
from core.validate import validate


def _files() -> list[Path]:
    out = sorted(SEEDS.glob("*.txt"))
    out += sorted(p for p in CORPUS.glob("*") if p.is_file() and p.suffix != ".tsv")
    return out


FILES = _files()


def _plain(report: Report, options: Options | None = None) -> list[Finding]:
    with reportcache.caching(False):
        return validate(report, options)


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    if not FILES:
        pytest.skip("shared seeds and corpus not present")
    return {p.name: load_report(p) for p in FILES}


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_remembered_equals_plain_for_every_report(reports: dict[str, Report], name: str) -> None:
    report = reports[name]
    names = list(reports)
    other = reports[names[(names.index(name) + 1) % len(names)]]
    reportcache.clear()
    for options in (None, Options(prev=report), Options(prev=other), Options(typos=(("工作", "功作"),))):
        plain = _plain(report, options)
        assert validate(report, options) == plain  # first time: the memory is filled
        assert validate(report, options) == plain  # again: from memory


def _seed() -> Report:
    path = SEEDS / "001_741307592853c9cf.txt"
    if not path.exists():
        pytest.skip("shared seeds not present")
    return load_report(path)


def _same_as_plain(report: Report, options: Options | None = None) -> list[Finding]:
    found = validate(report, options)
    assert found == _plain(report, options)
    return found


def test_a_cell_edit_is_seen_at_once() -> None:
    report = _seed()
    before = _same_as_plain(report)
    t = report.tables["requests"]
    value = t.value("new_received", "total")
    report.set_value("requests", "new_received", "total", (value or 0) + 7)
    after = _same_as_plain(report)
    assert after != before
    report.set_value("requests", "new_received", "total", None)
    assert _same_as_plain(report) != after
    report.undo_edit(report.edits[-1])
    report.undo_edit(report.edits[-1])
    assert _same_as_plain(report) == before


def _line_index(report: Report, word: str) -> int:
    return next(i for i, ln in enumerate(report.lines) if ln.cells is None and word in ln.text)


def test_a_prose_edit_in_place_is_seen_at_once() -> None:
    report = _seed()
    before = _same_as_plain(report)
    i = _line_index(report, "。")
    report.lines[i] = replace(report.lines[i], text=report.lines[i].text + "我们按排了的的培训工作。")
    after = _same_as_plain(report)
    typos = {f.message for f in after if f.rule == "TEXT.TYPO"} - {f.message for f in before if f.rule == "TEXT.TYPO"}
    assert any("按排" in m for m in typos) and any("的的" in m for m in typos)
    report.lines[i] = replace(report.lines[i], text="")
    assert _same_as_plain(report) != after


def test_added_and_removed_lines_sections_and_year_are_seen() -> None:
    report = _seed()
    before = _same_as_plain(report)
    year = report.report_year
    assert year is not None
    report.lines.append(replace(report.lines[_line_index(report, "。")],
                                text=f"本机关{year - 1}年度政务公开工作取得成效。"))
    added = _same_as_plain(report)
    assert [f for f in added if f.rule == "TEXT.YEAR"] != [f for f in before if f.rule == "TEXT.YEAR"]
    report.lines.pop()
    assert _same_as_plain(report) == before
    report.report_year = year - 1  # the year is part of what the text rules remember
    _same_as_plain(report)
    report.report_year = year
    report.sections = report.sections[:-1]
    _same_as_plain(report)
    report.regions.clear()
    _same_as_plain(report)


def test_own_typo_list_is_part_of_what_is_remembered() -> None:
    report = _seed()
    plain = _same_as_plain(report)
    own = _same_as_plain(report, Options(typos=(("政府信息公开", "政府信息公示"),)))
    assert len([f for f in own if f.rule == "TEXT.TYPO"]) == len([f for f in plain if f.rule == "TEXT.TYPO"]) + 1
    assert _same_as_plain(report) == plain
    as_lists = Options(typos=[["政府信息公开", "政府信息公示"]])  # type: ignore[arg-type]  # e.g. read from JSON
    assert _same_as_plain(report, as_lists) == own


def test_reports_are_held_weakly_and_few_at_a_time() -> None:
    reportcache.clear()
    report = _seed()
    validate(report)
    assert id(report) in reportcache._PROSE.entries
    del report
    gc.collect()
    assert not reportcache._PROSE.entries
    kept = [_seed() for _ in range(reportcache._MAX_REPORTS + 3)]
    for r in kept:
        validate(r)
    assert len(reportcache._PROSE.entries) <= reportcache._MAX_REPORTS


def test_a_cell_replaced_or_removed_directly_is_seen() -> None:
    report = _seed()
    before = _same_as_plain(report)
    t = report.tables["requests"]
    key = ("granted", "natural")
    cell = t.cells[key]
    t.cells[key] = replace(cell, kind="text", value=None, raw="若干")
    assert _same_as_plain(report) != before
    del t.cells[key]
    _same_as_plain(report)
    t.cells[key] = cell
    assert _same_as_plain(report) == before


def test_all_relations_evaluated_at_once_equal_one_by_one(reports: dict[str, Report]) -> None:
    from core.relations import equations, evaluate, evaluate_all

    for report in reports.values():
        for table in report.tables.values():
            together = evaluate_all(table)
            assert list(together) == list(equations(table.spec))
            assert together == {eq: evaluate(table, eq) for eq in equations(table.spec)}


def test_sentences_equal_the_plain_split_of_every_paragraph(reports: dict[str, Report]) -> None:
    import re

    from core.rules import textscan
    from core.rules.textscan import Sentence

    def plain(report: Report, pattern: str) -> list[tuple[Sentence, str]]:
        out = []
        for para in textscan.paragraphs(report):
            pos = 0
            for part in re.split(pattern, para.text):
                if part.strip():
                    line = para.line_at(pos)
                    out.append((Sentence(part, line.index, line.loc, line.section), para.text))
                pos += len(part)
        return out

    for report in reports.values():
        assert list(textscan.sentences(report)) == [st for st, _ in plain(report, r"(?<=[。！？!?；;])")]
        assert [(st, para.text) for st, para in textscan.full_sentences(report)] == plain(report, r"(?<=[。！？!?])")
