"""The summary's shared pieces (issue #14): the cell names made once per spec, and skeleton()'s shared (row, col)
and Cell objects, give exactly what making each anew gives, on every seed and corpus report, and a shared Cell
never carries one report's value into another."""

from __future__ import annotations

import pickle

import pytest
from season_support import REAL

from core.api import check, load_report
from core.model import Cell, Report, Table
from core.season import summary as summary_mod
from core.season.summary import ReportSummary, TableValues, summarize
from core.template import TABLE_IDS, TEMPLATES, hybrid_requests_2021


def _values_anew(report: Report) -> list[TableValues]:
    """summarize()'s tables as they were made before the shared names: cell by cell through Table.get."""
    out = []
    for tid, t in report.tables.items():
        tmpl_spec = report.template.table(tid) if report.template else None
        values = {f"{row}/{col}": t.get(row, col).value for row, col in t.spec.cells()
                  if t.get(row, col).kind != "absent"}
        out.append(TableValues(tid, t.spec is not tmpl_spec and tid == "requests", t.found, values))
    return out


def _skeleton_anew(s: ReportSummary) -> Report | None:
    """skeleton() as it was before the shared cells: every key split and every Cell made anew."""
    tmpl = TEMPLATES.get(s.template or "")
    if s.error or tmpl is None:
        return None
    tables: dict[str, Table] = {}
    for tv in s.tables:
        spec = hybrid_requests_2021() if tv.hybrid else tmpl.table(tv.table)
        cells = {}
        for key, v in tv.values.items():
            row, col = key.split("/", 1)
            cells[(row, col)] = Cell(v, kind="blank" if v is None else "number")
        tables[tv.table] = Table(spec, cells, found=tv.found)
    for tid in TABLE_IDS:
        tables.setdefault(tid, Table(tmpl.table(tid)))
    return Report(path=s.path, format=s.format, template=tmpl, tables=tables, title=s.title, agency=s.agency,
                  report_year=s.report_year, published=s.published, sha256=s.sha256)


def _cells(report: Report | None) -> object:
    if report is None:
        return None
    return {tid: (t.spec, t.found, {k: (type(c.value), c.value, c.kind) for k, c in t.cells.items()})
            for tid, t in report.tables.items()}


@pytest.mark.parametrize("path", [p for p in REAL if p.suffix.lower() != ".pdf"], ids=lambda p: p.name)
def test_summary_and_skeleton_as_made_anew(path) -> None:  # type: ignore[no-untyped-def]
    report = load_report(str(path))
    s = summarize(report, check(report))
    assert s.tables == _values_anew(report)
    for kept in (s, pickle.loads(pickle.dumps(s)), ReportSummary.from_json(s.to_json())):
        got, want = kept.skeleton(), _skeleton_anew(kept)
        assert _cells(got) == _cells(want)
        if got is not None and want is not None:
            assert (got.agency, got.report_year, got.published, got.title, got.sha256) == \
                (want.agency, want.report_year, want.published, want.title, want.sha256)


def test_shared_cells_keep_each_reports_values() -> None:
    summary_mod._VALUE_CELLS.clear()
    base = dict(path="x.txt", template="2021", report_year=2022)
    one = ReportSummary(**base, tables=[TableValues("active", False, True, {"1/1": 5, "1/2": None})])  # type: ignore[arg-type]
    two = ReportSummary(**base, tables=[TableValues("active", False, True, {"1/1": 7, "1/2": 5.0, "1/3": -0.0})])  # type: ignore[arg-type]
    a, b = one.skeleton(), two.skeleton()
    assert a is not None and b is not None
    assert (a.tables["active"].value("1", "1"), a.tables["active"].get("1", "2").kind) == (5, "blank")
    got = b.tables["active"]
    assert [(type(got.value("1", c)), got.value("1", c)) for c in "123"] == [(int, 7), (float, 5.0), (float, -0.0)]
    assert str(got.value("1", "3")) == "-0.0"
    assert one.skeleton().tables["active"].value("1", "1") == 5  # type: ignore[union-attr]
