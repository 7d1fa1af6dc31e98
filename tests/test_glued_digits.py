"""Rows whose digits ran together are recovered by the template's sums, or flagged, never guessed."""

from __future__ import annotations

from pathlib import Path

from core.api import load_report
from core.extract.glued import row_total_check, split_tokens
from tests.conftest import CORPUS
from tests.reportgen import render, row


def _load(tmp_path: Path, text: str):
    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    return load_report(p)


def test_split_tokens_respects_sums_and_leading_zeros() -> None:
    cands = split_tokens(["212000023"], 7, row_total_check)
    assert sorted(cands) == [[2, 1, 20, 0, 0, 0, 23], [21, 2, 0, 0, 0, 0, 23]]
    assert split_tokens(["0000000"], 7, row_total_check) == [[0] * 7]
    assert split_tokens(["12"], 7, row_total_check) == []


def test_glued_row_recovered_from_its_own_total(tmp_path: Path) -> None:
    text = (CORPUS / "014_shuyangxian_2025.txt").read_text(encoding="utf-8")
    glued = text.replace("| 本年新收政府信息公开申请数量 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |",
                         "| 本年新收政府信息公开申请数量 | 70530050713 |")
    assert glued != text
    report = _load(tmp_path, glued)
    t = report.table("requests")
    assert [t.value("new_received", c) for c in t.spec.cols_for("new_received")] == [705, 3, 0, 0, 5, 0, 713]
    rules = [f.rule for f in report.parse_findings]
    assert "PARSE.RECOVERED" in rules and "PARSE.UNCERTAIN" not in rules


BASE = {
    "requests": {
        "new_received": row(21, 2, 0, 0, 0, 0, 23),
        "carried_over": row(8, 0, 0, 0, 0, 0, 8),
        "granted": row(28, 2, 0, 0, 0, 0, 30),
        "total": row(28, 2, 0, 0, 0, 0, 30),
        "carried_forward": row(1, 0, 0, 0, 0, 0, 1),
    }
}


def test_ambiguous_split_resolved_by_column_sums(tmp_path: Path) -> None:
    text = render("2019", BASE, overrides={"new_received": "一、本年新收政府信息公开申请数量 | 212000023 |"})
    report = _load(tmp_path, text)
    t = report.table("requests")
    assert [t.value("new_received", c) for c in t.spec.cols_for("new_received")] == [21, 2, 0, 0, 0, 0, 23]
    recovered = [f for f in report.parse_findings if f.rule == "PARSE.RECOVERED"]
    assert recovered and recovered[0].cells[0].row == "new_received"
    assert not [f for f in report.parse_findings if f.rule == "PARSE.UNCERTAIN"]


def test_undecidable_split_flagged_not_guessed(tmp_path: Path) -> None:
    values = {"requests": {
        "new_received": row(23, 3, 20, 0, 0, 0, 46),
        "granted": row(21, 2, 0, 0, 0, 0, 23),
        "partial": row(2, 1, 20, 0, 0, 0, 23),
        "total": row(23, 3, 20, 0, 0, 0, 46),
    }}
    text = render("2019", values, overrides={
        "granted": "（一）予以公开 | 212000023 |",
        "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 212000023 |",
    })
    report = _load(tmp_path, text)
    t = report.table("requests")
    assert all(t.value(r, c) is None for r in ("granted", "partial") for c in t.spec.cols_for(r))
    flagged = [f for f in report.parse_findings if f.rule == "PARSE.UNCERTAIN"]
    assert {f.cells[0].row for f in flagged} == {"granted", "partial"}
    assert all("212000023" in f.message for f in flagged)


def test_extra_values_resolved_by_sums_and_reported(tmp_path: Path) -> None:
    values = {"review": {"all": {"review_upheld": 2, "review_corrected": 1, "review_total": 3}}}
    line = "2 | 1 | 0 | 0 | 3 | 0 | 0 | 7 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"  # a stray 7 in the middle
    report = _load(tmp_path, render("2019", values, overrides={"all": line}))
    t = report.table("review")
    assert [t.value("all", c) for c in t.spec.cols_for("all")] == [2, 1, 0, 0, 3] + [0] * 10
    assert "PARSE.EXTRA_VALUES" in [f.rule for f in report.parse_findings]


def test_clean_synthetic_report_reads_without_parse_findings(tmp_path: Path) -> None:
    for tpl in ("2019", "2021"):
        report = _load(tmp_path, render(tpl, BASE, year=2020 if tpl == "2019" else 2022))
        assert report.template_version == tpl
        assert not report.parse_findings, [f.message for f in report.parse_findings]
        t = report.table("requests")
        assert t.value("carried_forward", "natural") == 1 and t.value("total", "total") == 30
