"""Issue #12: the officer reads rule names and the window's own controls, never rule ids or command-line flags,
in the printed summary, the workbook (apart from its hidden technical column) and the text report; colours say
the truth about corrected cells."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from core.catalogue import RULES
from core.cli.check_summary import summary_text
from core.export.summary_html import render_summary_html
from core.export.text_report import render_text
from core.export.workbook import export_workbook
from core.export.workbook_sheets import RULE_ID_COLUMN
from core.findings import make
from core.legend import legend_key
from core.messages import CLI_LEVEL_ADVICE, CLI_PUBLISHED_ADVICE, LATE_HINT, PUBLISHED_HINT
from core.model import Report
from core.options import Options
from core.rules.deadline import check_deadline
from tests.export_support import build_report, findings_for
from tests.rules_factory import make_report

RULE_ID = re.compile("|".join(re.escape(r.id) for r in RULES))
FLAG = re.compile(r"--[a-z][a-z-]+")


def _officer_findings(report: Report) -> list:
    found = findings_for(report)
    late = make_report("2019", year=2020, agency="株洲市渌口区行政审批服务局", published="2021-03-22")
    found += list(check_deadline(late, Options()))  # DOC.LATE with the level hint
    return found


def _assert_clean(text: str, where: str) -> None:
    assert not RULE_ID.search(text), (where, RULE_ID.search(text))
    assert not FLAG.search(text), (where, FLAG.search(text))


def test_hints_name_the_windows_controls() -> None:
    assert "核查 → 核查设置 → 层级" in LATE_HINT and "核查 → 核查设置 → 发布日期" in PUBLISHED_HINT
    assert "--" not in LATE_HINT + PUBLISHED_HINT


def test_summary_workbook_and_text_report_speak_officer(tmp_path: Path) -> None:
    report = build_report()
    report.set_value("requests", "carried_forward", "natural", 3, source="safe_fix", rule="T3.BALANCE")
    findings = _officer_findings(report)
    assert any(f.rule == "DOC.LATE" for f in findings) and any(f.hint for f in findings)
    _assert_clean(render_summary_html(report, findings), "summary")
    _assert_clean(render_text(report, findings), "text report")
    out = tmp_path / "r.xlsx"
    export_workbook(report, findings, out)
    wb = openpyxl.load_workbook(out)
    ids_seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if not isinstance(c.value, str):
                    continue
                if ws.title == "核查结果" and c.column == RULE_ID_COLUMN:
                    ids_seen += bool(RULE_ID.fullmatch(c.value))
                    continue
                if ws.column_dimensions[c.column_letter].hidden:  # technical columns read back on reopening
                    continue
                _assert_clean(c.value, f"{ws.title}!{c.coordinate}")
                if c.comment is not None:
                    _assert_clean(c.comment.text, f"comment {ws.title}!{c.coordinate}")
    assert ids_seen == len(findings)


def test_cli_summary_adds_its_own_flag_advice() -> None:
    late = make_report("2019", year=2020, agency="株洲市渌口区行政审批服务局", published="2021-03-22")
    text = summary_text(late, list(check_deadline(late, Options())), "x.txt")
    assert CLI_LEVEL_ADVICE in text and "核查设置" in text
    unknown = make_report("2019", year=2020, agency="株洲市渌口区行政审批服务局", published=None)
    text = summary_text(unknown, list(check_deadline(unknown, Options())), "x.txt")
    assert CLI_PUBLISHED_ADVICE in text


def test_corrected_cell_that_still_breaks_a_sum_is_red() -> None:
    err = make("T4.GROUP_SUM", "表四合计不符")
    assert legend_key([err], corrected=True) == "error"
    assert legend_key([], corrected=True) == "corrected"
    assert legend_key([make("CELL.UNIT", "x")], corrected=True) == "info"


def test_readme_lists_every_rule_id_with_its_name() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for r in RULES:
        assert f"| `{r.id}` | {r.name} |" in readme, r.id
