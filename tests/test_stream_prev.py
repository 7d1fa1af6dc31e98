"""Structure-less text (issue 13): last year's report, when given (`--prev`, 核查设置, or the set pairing the
agency's reports), decides a glued 表二 row that the prose does not: 现行有效 continues last year's count."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

from core.api import load_report, split_by_prev
from core.season.checking import CheckJob, load_checked
from tests.reportgen import render
from tests.test_stream import BASE, _one_line

ROOT = Path(__file__).resolve().parent.parent
COLS = ("issued", "repealed", "in_force")


def _pair(tmp_path: Path, in_force_before: int) -> tuple[Path, Path]:
    """This year's report as one glued line (规范性文件 77132470) and last year's as an ordinary text report."""
    before = copy.deepcopy(BASE)
    before["active"]["normative_docs"] = {"issued": 40, "repealed": 5, "in_force": in_force_before}
    prev = tmp_path / "2022.txt"
    prev.write_text(render("2021", before, year=2022, published="2023年1月18日"), encoding="utf-8")
    flat = tmp_path / "2023.txt"
    flat.write_text(_one_line(render("2021", BASE, year=2023, published="2024年1月20日")), encoding="utf-8")
    return flat, prev


def test_last_years_in_force_decides_the_split(tmp_path: Path) -> None:
    flat, prev_path = _pair(tmp_path, 2470 - 77 + 13)
    alone = load_report(flat)
    assert split_by_prev(alone)  # without last year: 77132470 stays a question
    prev = load_report(prev_path)
    report = load_report(flat, prev=prev)
    t2 = report.table("active")
    assert [t2.value("normative_docs", c) for c in COLS] == [77, 13, 2470]
    assert not any(t2.get("normative_docs", c).uncertain for c in COLS)
    assert not split_by_prev(report)
    said = [f for f in report.parse_findings if f.rule == "PARSE.RECOVERED" and "77132470" in f.message]
    assert said and "上一年度报告" in said[0].message
    assert not [f for f in report.parse_findings if f.rule == "PARSE.UNCERTAIN" and "77132470" in f.message]


def test_no_reading_continues_last_year_is_no_evidence(tmp_path: Path) -> None:
    flat, prev_path = _pair(tmp_path, 999)  # no split of 77132470 gives 999 + issued − repealed
    report = load_report(flat, prev=load_report(prev_path))
    assert report.candidates == load_report(flat).candidates
    assert [f.message for f in report.parse_findings] == [f.message for f in load_report(flat).parse_findings]


def test_ordinary_reports_read_the_same_with_prev(tmp_path: Path) -> None:
    _flat, prev_path = _pair(tmp_path, 2406)
    prev = load_report(prev_path)
    structured = tmp_path / "structured.txt"
    structured.write_text(render("2021", BASE, year=2023), encoding="utf-8")
    a, b = load_report(structured), load_report(structured, prev=prev)
    assert {k: t.cells for k, t in a.tables.items()} == {k: t.cells for k, t in b.tables.items()}
    assert not split_by_prev(a)


def test_the_set_pairs_last_years_report_for_the_split(tmp_path: Path) -> None:
    flat, prev_path = _pair(tmp_path, 2406)
    agency = load_report(prev_path).agency
    from core.season.files import agency_key

    job = CheckJob(str(flat), prev_by_agency={(agency_key(agency), 2022): str(prev_path)})
    report, _findings, used = load_checked(job)
    assert used == str(prev_path)
    assert [report.table("active").value("normative_docs", c) for c in COLS] == [77, 13, 2470]


def test_cli_check_with_prev(tmp_path: Path) -> None:
    flat, prev_path = _pair(tmp_path, 2406)
    out = subprocess.run([sys.executable, "-m", "core.cli", "check", str(flat), "--prev", str(prev_path), "--json"],
                         cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    data = json.loads(out.stdout)
    report = data["reports"][0] if "reports" in data else data
    unsure = [f for f in report["findings"] if f["rule"] == "PARSE.UNCERTAIN" and "77132470" in f["message"]]
    assert not unsure


def test_window_rereads_the_split_when_last_year_is_chosen(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop_support import wait_loaded

    flat, prev_path = _pair(tmp_path, 2406)
    window.open_paths([str(flat)])
    wait_loaded(qtbot, window)
    doc = window.docs[0]
    assert doc.report.table("active").get("normative_docs", "in_force").uncertain
    window.output.apply_choices(doc, None, None, str(prev_path))
    qtbot.waitUntil(lambda: doc.report is not None and doc.options.prev is not None
                    and doc.report.table("active").value("normative_docs", "in_force") == 2470, timeout=20000)
    assert not doc.report.table("active").get("normative_docs", "in_force").uncertain
    assert not [f for f in doc.findings if f.rule == "PARSE.UNCERTAIN" and "77132470" in f.message]
