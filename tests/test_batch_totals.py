"""The 汇总统计 sheet of `ogicheck batch`: each statistical cell summed per year and template, blanks not counted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS
from openpyxl import load_workbook

from core.api import load_report
from core.batch.run import run_batch
from core.batch.totals import batch_totals, cell_total
from core.batch.workbook import TOTALS_SHEET

SEED0 = SEEDS / "000_a32a2e86f64ff8e8.txt"  # 2020, 2019 template
SEED1 = SEEDS / "001_741307592853c9cf.txt"  # 2020, 2019 template, many blanks
S2021 = CORPUS / "014_shuyangxian_2025.txt"  # 2025, 2021 template


@pytest.fixture()
def reports():  # type: ignore[no-untyped-def]
    for p in (SEED0, SEED1, S2021):
        if not p.exists():
            pytest.skip(f"{p.name} not present")
    return [load_report(str(p)) for p in (SEED0, SEED1, S2021)]


def test_totals_sum_cells_of_the_same_year_and_template(reports) -> None:  # type: ignore[no-untyped-def]
    a, b, c = reports
    blocks = batch_totals(reports)
    keys = [(blk.year, blk.template, blk.spec.id) for blk in blocks]
    assert keys == [(2020, "2019", "active"), (2020, "2019", "requests"), (2020, "2019", "review"),
                    (2025, "2021", "active"), (2025, "2021", "requests"), (2025, "2021", "review")]
    req = blocks[1]
    assert req.reports == 2
    checked = 0
    for row in req.spec.rows:
        for col in req.spec.cols_for(row.id):
            va, vb = a.tables["requests"].value(row.id, col), b.tables["requests"].value(row.id, col)
            want = None if va is None and vb is None else (va or 0) + (vb or 0)
            assert cell_total(req, row.id, col) == want, (row.id, col)
            checked += 1
    assert checked > 100
    # a 2021 report is summed alone, never into the 2019 tables
    req21 = blocks[4]
    assert req21.reports == 1
    assert cell_total(req21, "total", "total") == c.tables["requests"].value("total", "total")


def test_blank_everywhere_stays_blank(reports) -> None:  # type: ignore[no-untyped-def]
    a, b, _ = reports
    blk = batch_totals([b])[1]
    t = b.tables["requests"]
    blank = [(r.id, col) for r in t.spec.rows for col in t.spec.cols_for(r.id) if t.value(r.id, col) is None]
    assert blank, "seed 001 leaves cells blank"
    assert all(cell_total(blk, r, col) is None for r, col in blank)


def test_batch_workbook_has_the_totals_sheet(tmp_path: Path) -> None:
    for p in (SEED0, SEED1):
        if not p.exists():
            pytest.skip("seeds not present")
    folder = tmp_path / "报告"
    folder.mkdir()
    shutil.copy(SEED0, folder / "甲.txt")
    shutil.copy(SEED1, folder / "乙.txt")
    out = tmp_path / "汇总.xlsx"
    run_batch(folder, out)
    ws = load_workbook(out)[TOTALS_SHEET]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("2020年度" in t and "（2 份报告）" in t and "三、" in t for t in texts)
    # the total row of table 三 holds the sum of both reports' totals, as a number
    a, b = load_report(str(SEED0)), load_report(str(SEED1))
    want = a.tables["requests"].num("total", "total") + b.tables["requests"].num("total", "total")
    spec = a.tables["requests"].spec
    label = spec.row("total").label
    rows = [row for row in ws.iter_rows() if row[0].value == label]
    assert rows, label
    total_col = 2 + [c.id for c in spec.columns].index("total")
    assert rows[0][total_col - 1].value == want and isinstance(rows[0][total_col - 1].value, int)
