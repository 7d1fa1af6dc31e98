"""Issue 2 acceptance: `ogicheck check --json` reproduces every hand-read cell, template, year and agency."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.cli.main import main
from tests.conftest import CORPUS, SEEDS, corpus_expectations, seed_expectations

SEED_EXPECTED = seed_expectations()
TEXT_CORPUS = {stem: exp for stem, exp in corpus_expectations().items()
               if (CORPUS / f"{stem}.txt").exists() or (CORPUS / f"{stem}.md").exists()}


def check_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    code = main(["check", str(path), "--json"])
    out = capsys.readouterr().out
    data = json.loads(out)
    assert code in (0, 1), data.get("error")
    return data


def assert_tables_match(data: dict, exp: dict) -> None:
    for key in ("template", "report_year", "agency", "script", "published"):
        if key in exp:
            assert data[key] == exp[key], key
    mismatches = []
    for tid in ("active", "requests"):
        for row, cols in exp[tid].items():
            for col, want in cols.items():
                got = data["tables"][tid].get(row, {}).get(col, {}).get("value", "ABSENT")
                if got != pytest.approx(want) if isinstance(want, float) else got != want:
                    mismatches.append(f"{tid}.{row}.{col}: want {want}, got {got}")
    for col, want in exp["review"].items():
        got = data["tables"]["review"][col]["value"]
        if got != want:
            mismatches.append(f"review.{col}: want {want}, got {got}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_cells_reproduced(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = check_json(SEEDS / name, capsys)
    assert data["schema"] == "ogicheck/1" and data["format"] == "txt" and data["error"] is None
    assert_tables_match(data, SEED_EXPECTED[name])


@pytest.mark.parametrize("stem", sorted(TEXT_CORPUS))
def test_text_corpus_cells_reproduced(stem: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = next(CORPUS.glob(stem + ".*"))
    assert_tables_match(check_json(path, capsys), TEXT_CORPUS[stem])


def test_every_cell_has_its_origin_line(capsys: pytest.CaptureFixture[str]) -> None:
    data = check_json(SEEDS / "001_741307592853c9cf.txt", capsys)
    cell = data["tables"]["requests"]["new_received"]["legal"]
    assert cell == {"value": 2, "raw": "2", "loc": {"line": 166}}
    assert data["tables"]["active"]["procurement"]["amount_wan"]["raw"] == "1268万元"
    assert data["tables"]["active"]["fees"]["change"] == {"value": 17, "raw": "+17", "loc": {"line": 113}}
    blank = data["tables"]["requests"]["granted"]["commercial"]
    assert blank["value"] is None and blank["loc"] == {"line": 194}


def test_units_converted_and_raw_kept(capsys: pytest.CaptureFixture[str]) -> None:
    data = check_json(SEEDS / "002_5dfec4ccc80cd26b.txt", capsys)
    amount = data["tables"]["active"]["procurement"]["amount_wan"]
    assert amount["value"] == pytest.approx(340.065276) and amount["raw"] == "3400652.76(元)"
    assert data["tables"]["active"]["procurement"]["projects"]["value"] == 12


def test_twenty_one_template_text_reads_completely(capsys: pytest.CaptureFixture[str]) -> None:
    data = check_json(CORPUS / "014_shuyangxian_2025.txt", capsys)
    assert data["template"] == "2021"
    rows = data["tables"]["requests"]
    assert set(rows) >= {"other_overdue_correction", "other_overdue_fee", "other_reasons"} and "other" not in rows
    assert all(c["value"] is not None for r in rows.values() for c in r.values())
    assert all(c["value"] is not None for c in data["tables"]["review"].values())
    assert not [f for f in data["findings"] if f["rule"].startswith("PARSE.")]
    assert [s["found"] for s in data["sections"]] == [True] * 6


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le", "utf-8-sig"])
def test_encodings_give_identical_tables(name: str, encoding: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    original = (SEEDS / name).read_text(encoding="utf-8")
    try:
        data = original.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip("text not representable")
    copy = tmp_path / f"copy-{encoding}.txt"
    copy.write_bytes(data)
    base = check_json(SEEDS / name, capsys)
    other = check_json(copy, capsys)
    assert other["tables"] == base["tables"]
    assert (other["agency"], other["report_year"], other["template"]) == (
        base["agency"], base["report_year"], base["template"])


def test_cell_layout_with_labels_broken_over_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (SEEDS / "001_741307592853c9cf.txt").read_text(encoding="utf-8")
    broken = text.replace("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "(二)部分公开(区分处理的,只计这一情\n\n形,不计其他情形)")
    broken = broken.replace("4.保护第三方合法权益\n", "4.保护第三方合法\n\n权益\n")
    assert broken.count("\n") == text.count("\n") + 4
    p = tmp_path / "broken.txt"
    p.write_text(broken, encoding="utf-8")
    data = check_json(p, capsys)
    assert_tables_match(data, SEED_EXPECTED["001_741307592853c9cf.txt"])
