"""Applying fixes: safe fixes fill blanks only and are recorded as edits; a proposal is applied on request;
a published number is never overwritten automatically; the rule list covers every contract rule id."""

from __future__ import annotations

from rules_factory import blank, make_report, num, set_cell, zero_result_cells

from core.findings import DEFAULT_SEVERITY
from core.fixes import apply_fix, apply_safe_fixes
from core.options import Options
from core.rules import RULE_IDS, RULES
from core.validate import validate


def test_safe_fixes_fill_blanks_and_revalidate_clean():
    r = make_report("2021", seed=31)
    zero_result_cells(r, "denied_internal")
    for c in r.tables["requests"].spec.cols_for("denied_internal"):
        set_cell(r, "requests", "denied_internal", c, blank("/"))
    findings = validate(r)
    assert [f.rule for f in findings if f.rule.startswith("CELL")] == ["CELL.MISSING"]
    edits = apply_safe_fixes(r, findings)
    assert len(edits) == 7 and all(e.source == "safe_fix" and e.rule == "CELL.MISSING" for e in edits)
    assert all(e.old is None and e.new == 0 for e in edits)
    assert not [f for f in validate(r) if f.rule.startswith(("CELL", "T3", "T4"))]
    assert r.original_value("requests", "denied_internal", "natural") is None


def test_unsafe_proposals_are_not_applied_automatically_but_on_request():
    r = make_report("2021", seed=32)
    t = r.tables["requests"]
    set_cell(r, "requests", "total", "natural", num((t.value("total", "natural") or 0) + 4))
    findings = validate(r)
    arith = [f for f in findings if f.rule.startswith("T3")]
    assert arith and all(f.fix and not f.fix_safe for f in arith)
    assert apply_safe_fixes(r, findings) == []
    edits = apply_fix(r, arith[0])
    assert [(e.row, e.col, e.source) for e in edits] == [("total", "natural", "fix")]
    assert not [f for f in validate(r) if f.rule.startswith("T3")]
    assert apply_fix(r, arith[0]) == []  # already holds the value


def test_safe_fix_never_overwrites_a_published_number():
    from core.findings import FixItem, make

    r = make_report("2021", seed=33)
    f = make("CELL.MISSING", "x", fix=(FixItem("requests", "granted", "natural", 99),), fix_safe=True)
    assert apply_safe_fixes(r, [f]) == []


def test_rule_list_covers_every_rule_id():
    names = [n for n, _ in RULES]
    assert names == ["cells", "arithmetic", "document", "deadline", "prose", "active-prose", "compound", "headings",
                     "contradictions", "years", "typos", "cross-year"]
    emitted = {rid for ids in RULE_IDS.values() for rid in ids}
    extractor = {rid for rid in DEFAULT_SEVERITY if rid.startswith("PARSE.")}  # reader, extractor, runner
    assert emitted | extractor == set(DEFAULT_SEVERITY)
    assert not emitted & extractor


def test_a_crashing_rule_becomes_a_finding(monkeypatch):
    import core.rules as rules

    def boom(report, options):
        raise ValueError("坏了")

    monkeypatch.setattr(rules, "RULES", [("boom", boom), *rules.RULES])
    fs = validate(make_report("2021", seed=34), Options())
    assert [f.rule for f in fs if f.rule == "PARSE.RULE_FAILED"] == ["PARSE.RULE_FAILED"]
