"""A set of 50 reports (seeds, corpus, generated) checked on the pool, and export all: a workbook per report,
a 问题清单 per agency that python-docx reads back, and a summary workbook whose totals are the reports' sums."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from season_support import season_folder

from core.findings import Severity
from core.season.checking import check_set
from core.season.decisions import CONFIRM, IGNORE, Decision
from core.season.export_all import SUMMARY_NAME, export_all
from core.season.store import SeasonSet
from core.template import TEMPLATE_2021


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> SeasonSet:
    root = tmp_path_factory.mktemp("season")
    files = season_folder(root / "reports", 50)
    s = SeasonSet.create(root / "地区2025年报核查.ogiset")
    entries = s.add_files(files)
    assert len(entries) == 50
    calls: list[tuple[int, int, str]] = []
    check_set(s, workers=2, progress=lambda *a: calls.append(a))
    assert [c[0] for c in calls] == list(range(1, 51)) and {c[1] for c in calls} == {50}
    return s


def test_fifty_reports_load_with_summaries(season: SeasonSet) -> None:
    entries = season.entries()
    assert len(entries) == 50 and all(e.summary is not None for e in entries)
    names = [e.name for e in entries]
    assert "株洲市渌口区行政审批服务局" in names and "002_5dfec4ccc80cd26b.txt" in names
    assert "某某县第5局" in names
    readable = [e for e in entries if e.summary and not e.summary.error]
    assert len(readable) >= 47  # a PDF may be declared unsupported on a machine without its reader
    gen5 = next(e for e in entries if e.name == "某某县第5局")
    assert gen5.summary is not None and gen5.summary.counts()[Severity.ERROR] >= 1
    by_year = sorted({(e.summary.report_year, e.summary.template) for e in readable if e.summary})
    assert (2022, "2021") in by_year and (2020, "2019") in by_year


def test_export_all_writes_every_file(season: SeasonSet, tmp_path: Path) -> None:
    import docx

    entries = season.entries()
    gen5 = next(e for e in entries if e.name == "某某县第5局")
    assert gen5.summary is not None
    errors = [f for f in gen5.summary.findings if f.severity == Severity.ERROR]
    season.set_decision(gen5.id, Decision.on(errors[0], CONFIRM, note="请于3月底前更正"))
    season.set_status(gen5.id, "已退回")
    other = next(e for e in entries if e.name == "株洲市渌口区行政审批服务局")
    assert other.summary is not None
    season.set_decision(other.id, Decision.on(other.summary.findings[0], IGNORE, "误报（工具判断有误）"))
    calls: list[tuple[int, int, str]] = []
    result = export_all(season, tmp_path / "导出", progress=lambda *a: calls.append(a))
    readable = [e for e in entries if e.summary and not e.summary.error]
    assert len(result.workbooks) == len(readable) and all(p.is_file() for p in result.workbooks)
    assert any(p.name == "某某县第5局2022年度（核查修正）.xlsx" for p in result.workbooks)
    assert [p.name for p in result.letters] == ["问题清单_某某县第5局.docx"]
    text = "\n".join(p.text for p in docx.Document(str(result.letters[0])).paragraphs)
    assert errors[0].message in text and "请于3月底前更正" in text and "某某县第5局" in text
    assert calls[-1][0] == calls[-1][1] and result.summary == tmp_path / "导出" / SUMMARY_NAME

    wb = openpyxl.load_workbook(result.summary)
    rows = {r[1]: r for r in wb["批量核查汇总"].iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 50
    gen_row = next(r for r in rows.values() if r[2] == "某某县第5局")
    assert gen_row[11] == "已退回" and gen_row[13] == 1
    lk = next(r for r in rows.values() if r[2] == "株洲市渌口区行政审批服务局")
    assert lk[12] == 1  # ignored, counted apart
    findings = list(wb["全部问题"].iter_rows(min_row=2, values_only=True))
    assert any(f[12] == "确认" and f[14] == "请于3月底前更正" for f in findings)
    assert any(f[12] == "忽略" and f[13] == "误报（工具判断有误）" for f in findings)
    _totals_equal_sums(wb, readable)
    ratios = list(wb["主要比率"].iter_rows(min_row=3, values_only=True))
    r2022 = next(r for r in ratios if r[0] == 2022 and r[1] == "2021")
    gens = [e.summary for e in readable if e.summary and e.summary.report_year == 2022 and e.summary.template == "2021"]
    assert r2022[2] == len(gens)
    new = sum(float(s.skeleton().tables["requests"].value("new_received", "total") or 0) for s in gens)  # type: ignore[union-attr]
    assert r2022[3] == new  # 依申请总数: nothing carried over in the generated reports


def _totals_equal_sums(wb: openpyxl.Workbook, readable: list) -> None:
    """Every cell of the 2022 表三 block in 汇总统计 equals the sum of that cell over the reports, added up here
    from the values each report printed (blank cells not counted, nobody's blank stays blank)."""
    spec = TEMPLATE_2021.table("requests")
    cells = list(wb["汇总统计"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(cells) if str(r[0]).startswith("2022年度 · 2021版格式 · 三、"))
    kept = [e.summary for e in readable if (e.summary.report_year, e.summary.template) == (2022, "2021")]
    assert f"（{len(kept)} 份报告）" in cells[start][0]
    checked = 0
    for i, row in enumerate(spec.rows):
        line = cells[start + 2 + i]
        for j, col in enumerate(spec.columns, start=1):
            vals = [v for s in kept for t in s.tables if t.table == "requests"
                    if (v := t.values.get(f"{row.id}/{col.id}")) is not None]
            assert line[j] == (sum(vals) if vals else None), (row.id, col.id)
            checked += 1
    assert checked == len(spec.rows) * len(spec.columns)


def test_export_all_names_the_report_folder_and_keeps_file_names_apart(season: SeasonSet, tmp_path: Path) -> None:
    from core.model import Report
    from core.season.export_all import report_stem

    result = export_all(season, tmp_path / "导出2")
    about = {r[0]: r[1] for r in openpyxl.load_workbook(result.summary)["批量核查说明"].iter_rows(values_only=True)}
    folders = {str(Path(e.path).parent) for e in season.entries()}
    assert all(f.startswith(about["核查文件夹"]) for f in folders)
    assert about["核查文件夹"] != str(season.path.parent)  # the reports' folder, not where the set file lies
    nameless = Report(path="/x/002_5dfec4ccc80cd26b.txt", format="txt", template=None, tables={}, report_year=2020)
    assert report_stem(nameless) == "002_5dfec4ccc80cd26b_2020年度"
