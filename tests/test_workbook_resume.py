"""Issue #11 item 5 and issue #16: resuming from her own workbook. Every seed and corpus report exported as a
workbook reads back to exactly the findings of the report (and, after corrections, of the corrected report):
the 报告原文 sheet brings back title, sections, prose, dates and period; blanks stay blank, absent cells absent;
the corrections come back as edits (修改记录), so the published values and the 已更正 marks stay."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from test_export_roundtrip import FILES, _load

from core.api import check, load_report
from core.cli.main import main
from core.export.workbook import export_workbook
from core.fixes import apply_safe_fixes
from core.model import Report
from core.readers.workbook_source import SOURCE_FIRST_ROW, SOURCE_SHEET
from core.template import table_short_name
from core.textnorm import squash


def _findings(report: Report) -> list[tuple]:
    return sorted((f.rule, f.message, f.cells, f.expected, f.actual, f.fix_safe) for f in check(report))


def _kinds(report: Report, kind: str) -> set[tuple[str, str, str]]:
    return {(tid, row, col) for tid, t in report.tables.items() for row, col in t.spec.cells()
            if t.get(row, col).kind == kind}


def _edits(report: Report) -> list[tuple]:
    return [(e.table, e.row, e.col, e.old, e.new, e.source, e.rule) for e in report.edits]


def _assert_same(original: Report, back: Report) -> None:
    assert back.error is None
    assert _findings(back) == _findings(original)
    assert _kinds(back, "absent") == _kinds(original, "absent")
    assert _kinds(back, "blank") == _kinds(original, "blank")
    assert (back.title, back.report_year, back.published, back.period) == \
        (original.title, original.report_year, original.published, original.period)
    assert [(s.number, s.found, s.text) for s in back.sections] == \
        [(s.number, s.found, s.text) for s in original.sections]
    assert _edits(back) == _edits(original)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_workbook_reads_back_the_report_findings(path: Path, tmp_path: Path) -> None:
    original = _load(path)
    out = tmp_path / "export.xlsx"
    export_workbook(original, check(original), out)
    _assert_same(original, load_report(out))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_workbook_with_safe_fixes_reads_back_the_corrected_findings(path: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    corrected = _load(path)
    apply_safe_fixes(corrected, check(corrected))
    out = tmp_path / "fixed.xlsx"
    assert main(["export", str(path), "--xlsx", str(out), "--apply-fixes"]) == 0
    back = load_report(out)
    _assert_same(corrected, back)
    for e in corrected.edits:
        assert back.original_value(e.table, e.row, e.col) == e.old
        assert back.is_edited(e.table, e.row, e.col)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_workbook_with_own_edit_reads_back_the_corrected_findings(path: Path, tmp_path: Path) -> None:
    corrected = _load(path)
    table = corrected.tables["requests"]
    corrected.set_value("requests", "new_received", "natural", (table.value("new_received", "natural") or 0) + 1)
    corrected.set_value("requests", "new_received", "natural", (table.value("new_received", "natural") or 0) + 1)
    out = tmp_path / "edited.xlsx"
    export_workbook(corrected, check(corrected), out)
    back = load_report(out)
    _assert_same(corrected, back)
    assert [e.at for e in back.edits] == [e.at for e in corrected.edits]


SHANGHAI = next(p for p in FILES if p.name == "012_shanghai_kewei_2024.md")


def test_a_value_changed_in_excel_comes_back_as_her_edit(tmp_path: Path) -> None:
    original = _load(SHANGHAI)
    out = tmp_path / "export.xlsx"
    export_workbook(original, check(original), out)
    wb = openpyxl.load_workbook(out)
    ws = wb[table_short_name("requests")]
    target = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, int | float))
    old = target.value
    target.value = old + 7
    wb.save(out)
    back = load_report(out)
    assert [(e.old, e.new, e.source) for e in back.edits] == [(old, old + 7, "user")]
    assert _findings(back) != _findings(original)


def test_source_sheet_shows_the_prose_without_the_table_lines(tmp_path: Path) -> None:
    original = _load(SHANGHAI)
    out = tmp_path / "export.xlsx"
    export_workbook(original, check(original), out)
    ws = openpyxl.load_workbook(out)[SOURCE_SHEET]
    shown = [ws.cell(row=r, column=1).value or "" for r in range(SOURCE_FIRST_ROW, ws.max_row + 1)
             if not ws.row_dimensions[r].hidden]
    tables = {i for a, b in original.regions.values() for i in range(a, b)}
    assert shown == [ln.text for i, ln in enumerate(original.lines) if i not in tables]
    assert original.title and squash(original.title) in squash("".join(shown[:5]))  # printed on two lines
    assert ws.column_dimensions["B"].hidden
    assert "SHA-256" in ws.cell(row=2, column=1).value and (original.sha256 or "") in ws.cell(row=2, column=1).value
