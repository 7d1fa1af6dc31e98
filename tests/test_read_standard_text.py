"""The standardized text report reads back as report text only: blank tables stay tables, findings are not prose."""

from __future__ import annotations

from pathlib import Path

from core.api import load_report
from core.export.text_report import render_text
from core.model import SUMMARY_MARKER
from core.validate import validate
from tests.conftest import SEEDS


def test_all_blank_tables_and_appended_findings(tmp_path: Path) -> None:
    report = load_report(SEEDS / "000_a32a2e86f64ff8e8.txt")
    text = render_text(report, validate(report))
    assert SUMMARY_MARKER in text
    out = tmp_path / "std.txt"
    out.write_text(text, encoding="utf-8")
    again = load_report(out)
    rules = {f.rule for f in again.parse_findings}
    assert "PARSE.TABLE_MISSING" not in rules and "PARSE.ROW_MISSING" not in rules
    for tid in ("active", "requests", "review"):
        assert again.table(tid).found
        spec = again.table(tid).spec
        assert again.table(tid).present_rows == {r.id for r in spec.rows if not r.optional}, tid
        for (row, col), cell in report.table(tid).cells.items():
            assert again.table(tid).value(row, col) == cell.value, (tid, row, col)
    assert all("核查结果" not in s.text and "CELL.MISSING" not in s.text for s in again.sections)
    assert again.table("review").get("all", "review_total").kind == "blank"
