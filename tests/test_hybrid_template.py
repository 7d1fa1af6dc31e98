"""A 2021 report that prints the single 2019-style （六）其他处理 row is read as printed and said to be hybrid."""

from __future__ import annotations

from pathlib import Path

from core.api import load_report
from tests.conftest import CORPUS


def test_hybrid_other_row_read_as_printed(tmp_path: Path) -> None:
    text = (CORPUS / "014_shuyangxian_2025.txt").read_text(encoding="utf-8")
    start = text.index("### (六) 其他")
    end = text.index("| （七）总计")
    hybrid = text[:start] + "| （六）其他处理 | 158 | 1 | 0 | 0 | 0 | 0 | 159 |\n" + text[end:]
    p = tmp_path / "hybrid.txt"
    p.write_text(hybrid, encoding="utf-8")
    report = load_report(p)
    assert report.template_version == "2021" and report.hybrid
    t = report.table("requests")
    assert [t.value("other", c) for c in t.spec.cols_for("other")] == [158, 1, 0, 0, 0, 0, 159]
    for rid in ("other_overdue_correction", "other_overdue_fee", "other_reasons"):
        assert all(t.get(rid, c).kind == "absent" for c in t.spec.cols_for(rid))
    assert [t.value("total", c) for c in t.spec.cols_for("total")] == [710, 3, 0, 0, 5, 0, 718]
    assert not [f for f in report.parse_findings if f.rule == "PARSE.ROW_MISSING"]


def test_standard_2021_is_not_hybrid() -> None:
    report = load_report(CORPUS / "014_shuyangxian_2025.txt")
    assert not report.hybrid and "other" not in report.table("requests").spec.row_index
