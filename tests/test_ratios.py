"""core.ratios: the 依申请 total and the shares, on a constructed report and in the JSON."""

from __future__ import annotations

from rules_factory import make_report, num, set_cell

from core.export.json_report import report_json
from core.ratios import ratios, year_on_year


def _report(granted=150, forward=10):
    r = make_report("2021", seed=3, year=2024)
    t = r.tables["requests"]
    for row in t.spec.row_index:
        if t.get(row, "total").kind != "absent":
            set_cell(r, "requests", row, "total", num(0))
    for row, v in {"new_received": 180, "carried_over": 20, "granted": granted, "partial": 20, "unable_no_info": 20,
                   "total": 190, "carried_forward": forward}.items():
        set_cell(r, "requests", row, "total", num(v))
    for c, v in {"review_corrected": 1, "review_total": 4, "suit_direct_corrected": 0, "suit_after_review_corrected": 0,
                 "suit_direct_total": 2, "suit_after_review_total": 0}.items():
        set_cell(r, "review", "all", c, num(v))
    return r


def test_figures():
    x = ratios(_report())
    assert x == {"requests_total": 200, "granted_partial_share": 89.5, "denied_share": 0.0, "unable_share": 10.5,
                 "no_info_share": 10.5, "carried_forward_share": 5.0, "review_corrected_share": 25.0,
                 "suit_corrected_share": 0.0}


def test_year_on_year_and_json():
    d = year_on_year(_report(), _report(granted=130, forward=30))
    assert d["granted_partial_share"] == 10.6 and d["carried_forward_share"] == -10.0
    r = _report()
    assert report_json(r, [])["ratios"] == ratios(r)
