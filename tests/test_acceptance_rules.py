"""Acceptance: every seed and corpus file fires the rule ids its hand-read expectation lists in must_find,
and none whose prefix is listed in must_not_find."""

from __future__ import annotations

import pytest
from conftest import SEEDS, corpus_expectations, corpus_file, seed_expectations, skip_if_declared_unsupported

from core.api import load_report
from core.validate import validate

CASES = [(SEEDS / name, exp) for name, exp in seed_expectations().items()]
CASES += [(corpus_file(stem), exp) for stem, exp in corpus_expectations().items()]


@pytest.mark.parametrize("path,exp", CASES, ids=[p.name for p, _ in CASES])
def test_must_find_and_must_not_find(path, exp):
    if not path.exists():
        pytest.skip(f"{path} not present")
    report = load_report(path)
    if report.error:
        skip_if_declared_unsupported(path)
    findings = validate(report)
    fired = {f.rule for f in findings}
    missing = [rule for rule in exp.get("must_find", []) if rule not in fired]
    assert not missing, f"{path.name}: expected {missing}; fired {sorted(fired)}"
    wrong = sorted(f"{f.rule}: {f.message}" for f in findings
                   if any(f.rule.startswith(prefix) for prefix in exp.get("must_not_find", [])))
    assert not wrong, f"{path.name}: must not fire:\n" + "\n".join(wrong)


def test_seed_003_quotes_the_sentence_it_contradicts():
    path = SEEDS / "003_9e8d5b29d69cafef.txt"
    if not path.exists():
        pytest.skip("seeds not present")
    report = load_report(path)
    hits = [f for f in validate(report) if f.rule == "TEXT.MISMATCH"]
    assert len(hits) == 1
    f = hits[0]
    assert "31件均已按时按程序办结" in f.message
    assert (f.expected, f.actual) == (30, 31)
    assert [(c.table, c.row, c.col) for c in f.cells] == [("requests", "total", "total")]


def test_seed_000_late_department_report():
    path = SEEDS / "000_a32a2e86f64ff8e8.txt"
    if not path.exists():
        pytest.skip("seeds not present")
    late = [f for f in validate(load_report(path)) if f.rule == "DOC.LATE"]
    assert len(late) == 1
    assert "2021年3月22日" in late[0].message and "2021年1月31日" in late[0].message
