"""Deadline profiles (core.deadline_profiles): a region's own deadlines replace the statutory ones for DOC.LATE, the
message names the profile; read from TOML or JSON, bad files refused with a Chinese message; --deadline-profile."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS
from rules_factory import make_report

from core.deadline_profiles import DeadlineProfile, ProfileError, parse_profile, read_profile
from core.options import Options
from core.rules.deadline import check_deadline

ROOT = Path(__file__).resolve().parent.parent
TOML = 'name = "某市2025年报公开时限"\n\n[deadlines]\ndepartment = "01-20"\n'


def _late(report, options=None):
    return [f for f in check_deadline(report, options or Options()) if f.rule in ("DOC.LATE", "DOC.PUBLISHED_UNKNOWN")]


def test_parse_toml_json_and_forms():
    p = parse_profile(TOML)
    assert p == DeadlineProfile("某市2025年报公开时限", (("department", 1, 20),))
    assert parse_profile(json.dumps(p.to_json(), ensure_ascii=False)) == p
    assert parse_profile(p.to_toml()) == p
    q = parse_profile('name = "《甲省时限》"\n[deadlines]\ndepartment = "2月20日"\ngovernment = [3, 15]\n')
    assert q.name == "甲省时限" and q.deadlines == (("department", 2, 20), ("government", 3, 15))


@pytest.mark.parametrize("text, word", [
    ('[deadlines]\ndepartment = "01-20"\n', "名称"),
    ('name = "x"\n', "deadlines"),
    ('name = "x"\n[deadlines]\ncounty = "01-20"\n', "county"),
    ('name = "x"\n[deadlines]\ndepartment = "02-30"\n', "2月30日"),
    ('name = "x"\n[deadlines]\ndepartment = "soon"\n', "月-日"),
    ('name = "x\n', "格式有误"),
])
def test_bad_profiles_are_refused(text, word):
    with pytest.raises(ProfileError) as e:
        parse_profile(text)
    assert word in str(e.value)


def test_read_profile_names_the_file(tmp_path):
    f = tmp_path / "时限.toml"
    f.write_text('name = "x"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="时限.toml"):
        read_profile(f)
    with pytest.raises(ProfileError, match="无法读取"):
        read_profile(tmp_path / "none.toml")


def test_profile_deadline_is_used_and_named():
    prof = parse_profile(TOML)
    r = make_report("2021", year=2024, agency="某某市某某局", published="2025-01-25")
    assert _late(r) == []  # statutory: by 31 January
    [f] = _late(r, Options(deadline_profile=prof))
    assert f.message == "按《某市2025年报公开时限》，政府部门年度报告应于 2025年1月20日 前公开，但报告于 2025年1月25日 发布（逾期 5 天）。"
    assert _late(r, Options(deadline_profile=prof, published="2025-01-20")) == []


def test_level_not_in_profile_keeps_the_statutory_deadline():
    prof = parse_profile(TOML)
    r = make_report("2021", year=2024, agency="沭阳县人民政府", published="2025-04-02")
    [f] = _late(r, Options(deadline_profile=prof))
    assert f.message.startswith("报告于 2025年4月2日 发布，晚于本级人民政府年度报告的法定期限 2025年3月31日")


def test_unknown_level_and_unknown_date_with_profile():
    prof = parse_profile('name = "甲"\n[deadlines]\ndepartment = "01-20"\ngovernment = "03-10"\n')
    r = make_report("2021", year=2024, agency=None, title=None, published="2025-03-12")
    [f] = _late(r, Options(deadline_profile=prof))
    assert "按《甲》" in f.message and "2025年3月10日" in f.message
    r = make_report("2021", year=2024, agency="某某市某某局", published=None)
    [f] = _late(r, Options(deadline_profile=prof))
    assert f.rule == "DOC.PUBLISHED_UNKNOWN" and "按《甲》" in f.message and "2025年1月20日" in f.message


def test_cli_deadline_profile(tmp_path):
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip("no seeds")
    prof = tmp_path / "p.toml"
    prof.write_text(TOML, encoding="utf-8")
    base = [sys.executable, "-m", "core.cli", "check", str(files[0]), "--json", "--level", "department"]
    out = subprocess.run(base + ["--deadline-profile", str(prof), "--published", "2099-01-25"],
                         capture_output=True, text=True, cwd=ROOT, encoding="utf-8")
    late = [f for f in json.loads(out.stdout)["findings"] if f["rule"] == "DOC.LATE"]
    assert late and "按《某市2025年报公开时限》" in late[0]["message"]
    bad = tmp_path / "bad.toml"
    bad.write_text("name = 1\n", encoding="utf-8")
    out = subprocess.run(base + ["--deadline-profile", str(bad)], capture_output=True, text=True, cwd=ROOT,
                         encoding="utf-8")
    assert out.returncode != 0 and "--deadline-profile" in out.stderr
