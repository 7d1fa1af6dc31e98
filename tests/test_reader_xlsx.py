"""XLSX reader: template-shaped workbooks (merged headers) read back on the grid with sheet/cell locations and
into identical tables; the 报告信息 sheet into meta; this tool's own exported workbook round trip."""

from __future__ import annotations

import pytest
from conftest import SEEDS as SEEDS_DIR
from conftest import seed_expectations
from formats_gen import find_grid, gen_report, grid_as_read, read_rows, table_mismatches, to_xlsx

from core.api import check, load_report
from core.model import Loc
from core.readers import read_source

SEEDS = seed_expectations()


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_generated_workbook_reads_back_the_grid(tmp_path, key):
    rep = gen_report(SEEDS[key])
    path = to_xlsx(rep, tmp_path / f"{key}.xlsx")
    doc = read_source(path)
    assert doc.format == "xlsx"
    rows = read_rows(doc)
    for tid in ("active", "requests", "review"):
        assert find_grid(rows, grid_as_read(rep.grids[tid])) is not None, tid
    new = next(ln for ln in doc.lines if ln.cells and ln.cells[0].text == "一、本年新收政府信息公开申请数量")
    want = SEEDS[key]["requests"]["new_received"]
    cols = ("natural", "commercial", "research", "social", "legal", "other_org", "total")
    assert [(c.col, c.text) for c in new.cells[1:]] == [
        (3 + j, "" if want[col] is None else str(want[col])) for j, col in enumerate(cols)]
    # the row sits on sheet row 2 + its grid row; cells name their own column letters
    sheet = "三、收到和处理政府信息公开申请情况"
    assert new.cells[0].loc == Loc(sheet=sheet, cell=new.cells[0].loc.cell)
    r = int(new.cells[0].loc.cell[1:])
    assert [c.loc.cell for c in new.cells] == [f"A{r}"] + [f"{letter}{r}" for letter in "DEFGHIJ"]


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_generated_workbook_tables_through_load_report(tmp_path, key):
    path = to_xlsx(gen_report(SEEDS[key]), tmp_path / f"{key}.xlsx")
    report = load_report(path)
    assert report.error is None and report.format == "xlsx"
    assert table_mismatches(report, SEEDS[key]) == []
    assert report.template_version == SEEDS[key]["template"]
    sheets = {c.loc.sheet for t in report.tables.values() for c in t.cells.values() if c.value is not None}
    assert sheets <= {"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"}


def test_info_sheet_into_meta(tmp_path):
    rep = gen_report(SEEDS["000_a32a2e86f64ff8e8.txt"])
    doc = read_source(to_xlsx(rep, tmp_path / "x.xlsx", info_sheet=True))
    assert doc.meta == {"title": rep.title, "agency": "株洲市渌口区行政审批服务局", "report_year": "2020",
                        "template": "2019", "published": "2021-03-22"}
    assert doc.lines[0].text == "报告信息"  # the report sheet is read first


def test_values_dates_and_stale_dimension(tmp_path):
    import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "发布日期"
    ws["B1"] = datetime.datetime(2024, 1, 17)
    ws["A2"] = "三、本年度\n办理结果"
    ws["B2"] = 26.0
    ws["C2"] = 340.065276
    ws["E3"] = "远处的格"
    path = tmp_path / "v.xlsx"
    wb.save(path)
    doc = read_source(path)
    assert read_rows(doc) == [
        [(0, 1, "发布日期"), (1, 1, "2024-01-17"), (2, 1, ""), (3, 1, ""), (4, 1, "")],
        [(0, 1, "三、本年度办理结果"), (1, 1, "26"), (2, 1, "340.065276"), (3, 1, ""), (4, 1, "")],
        [(0, 1, ""), (1, 1, ""), (2, 1, ""), (3, 1, ""), (4, 1, "远处的格")],
    ]
    assert not any(ln.cells is None for ln in doc.lines)  # a default sheet name is not a line


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_exported_workbook_round_trip(tmp_path, key):
    from core.export.workbook import export_workbook

    original = load_report(SEEDS_DIR / key)
    out = tmp_path / "export.xlsx"
    export_workbook(original, check(original), out)
    back = load_report(out)
    assert back.error is None and back.format == "xlsx"
    for tid in ("active", "requests", "review"):
        for (row, col), cell in original.tables[tid].cells.items():
            assert back.tables[tid].value(row, col) == cell.value, (tid, row, col)
    assert back.report_year == original.report_year
    assert back.template_version == original.template_version
    assert back.published == original.published
    if original.agency:
        assert back.agency == original.agency
