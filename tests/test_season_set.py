"""core.season: the set file (entries, status, edits, decisions, settings, changes on disk, kill -9) and
decisions that follow their findings through re-checks."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from season_support import REAL, generated_text

from core.api import check, load_report
from core.findings import Findings
from core.options import Options
from core.season.checking import CheckJob, check_one, check_set
from core.season.decisions import CONFIRM, IGNORE, Decision, active, finding_key, match
from core.season.store import CheckSettings, SeasonSet, SetFileError, replay_edits

SEED0 = SEEDS / "000_a32a2e86f64ff8e8.txt"  # 株洲市渌口区行政审批服务局, 2020
SEED2 = SEEDS / "002_5dfec4ccc80cd26b.txt"  # no recognised agency


def test_same_file_twice_is_one_entry(tmp_path: Path) -> None:
    other = tmp_path / "另一个文件夹"
    other.mkdir()
    shutil.copy(SEED0, other / "渌口区.txt")
    with SeasonSet.create(tmp_path / "a.ogiset") as s:
        first = s.add_files([SEED0, SEED2])
        again = s.add_files([SEED0, Path(str(SEED0)).parent / ".." / "seeds" / SEED0.name, other / "渌口区.txt"])
        assert len(s) == 2
        assert [e.id for e in again] == [first[0].id]
        assert first[1].name == SEED2.name  # named by its file until checked
        assert all(e.status == "未核查" for e in s.entries())
    with pytest.raises(SetFileError):
        SeasonSet.create(tmp_path / "a.ogiset")
    (tmp_path / "bad.ogiset").write_bytes(b"not a database at all" * 100)
    with pytest.raises(SetFileError):
        SeasonSet.open(tmp_path / "bad.ogiset")


def test_status_summary_settings_and_edits_survive_reopen(tmp_path: Path) -> None:
    path = tmp_path / "地区2025年报核查.ogiset"
    with SeasonSet.create(path) as s:
        (e,) = s.add_files([SEED0])
        s.set_status(e.id, "有问题")
        s.set_settings(CheckSettings(level="department"))
        s.set_settings(CheckSettings(published="2021-03-01"), e.id)
        report = load_report(SEED0)
        edit = report.set_value("requests", "new_received", "natural", 7)
        s.record_edit(e.id, edit)
        undone = s.record_edit(e.id, report.set_value("requests", "granted", "natural", 1))
        s.drop_edit(undone)
        s.set_summary(e.id, check_one(CheckJob(str(SEED0))))
        with pytest.raises(ValueError):
            s.set_status(e.id, "随便")
    with SeasonSet.open(path) as s:
        (e,) = s.entries()
        assert e.status == "有问题" and e.name == "株洲市渌口区行政审批服务局"
        assert e.summary is not None and e.summary.report_year == 2020
        assert s.settings(e.id) == CheckSettings(published="2021-03-01", level="department")
        assert s.settings() == CheckSettings(level="department")
        fresh = load_report(SEED0)
        before = fresh.tables["requests"].value("new_received", "natural")
        replay_edits(fresh, s.edits(e.id))
        assert fresh.tables["requests"].value("new_received", "natural") == 7
        assert [(x.table, x.row, x.col, x.old) for x in fresh.edits] == [("requests", "new_received", "natural", before)]
        assert s.unclean_session() is None


def test_changed_file_is_reread_and_flagged(tmp_path: Path) -> None:
    src = tmp_path / "报告.txt"
    src.write_text(generated_text(1), encoding="utf-8")
    with SeasonSet.create(tmp_path / "a.ogiset") as s:
        (e,) = s.add_files([src])
        check_set(s, workers=1)
        assert not s.changed_on_disk(e.id) and not s.entry(e.id).source_changed
        src.write_text(generated_text(1).replace("某某县第1局", "某某县第一局"), encoding="utf-8")
        assert s.changed_on_disk(e.id)
        check_set(s, workers=1)
        e2 = s.entry(e.id)
        assert e2.source_changed and e2.summary is not None and e2.summary.agency == "某某县第一局"
        assert not s.changed_on_disk(e.id)


def _findings(path: Path, **opts: object) -> list:
    return check(load_report(path), Options(**opts))  # type: ignore[arg-type]


def test_decisions_survive_recheck_with_other_settings_and_reopen(tmp_path: Path) -> None:
    findings = _findings(SEED0)
    cell_finding = next(f for f in findings if f.cells and f.rule.startswith(("T", "CELL")))
    date_findings = [f for f in findings if f.rule.startswith("DOC.")]
    path = tmp_path / "a.ogiset"
    with SeasonSet.create(path) as s:
        (e,) = s.add_files([SEED0])
        s.set_decision(e.id, Decision.on(cell_finding, IGNORE, "误报（工具判断有误）", "已电话核实"))
        for f in date_findings[:1]:
            s.set_decision(e.id, Decision.on(f, CONFIRM))
    # a re-check with another published date and level, in a reopened set
    with SeasonSet.open(path) as s:
        (e,) = s.entries()
        again = _findings(SEED0, published="2021-06-30", level="government")
        applied, stale = match(again, s.decisions(e.id))
        hit = [d for f, d in applied.items() if f.rule == cell_finding.rule and f.cells == cell_finding.cells]
        assert hit and hit[0].note == "已电话核实" and hit[0].ignored
        counted, ignored = active(again, s.decisions(e.id))
        assert len(counted) + len(ignored) == len(again) and len(ignored) >= 1
        assert all(d.key not in {finding_key(f) for f in again} for d in stale)


def test_decision_goes_stale_when_its_number_changes(tmp_path: Path) -> None:
    text = generated_text(5)  # 表三 granted total off by one
    src = tmp_path / "r.txt"
    src.write_text(text, encoding="utf-8")
    findings = _findings(src)
    target = next(f for f in findings if f.cells and any(c.row == "granted" for c in f.cells))
    decision = Decision.on(target, CONFIRM, note="请更正")
    # the agency's corrected file: that total now adds up, the decision no longer matches anything
    (line,) = [ln for ln in text.splitlines() if ln.endswith("| 8 | 1 | 0 | 0 | 0 | 0 | 10 |")]
    src.write_text(text.replace(line, line.replace("| 10 |", "| 9 |")), encoding="utf-8")
    applied, stale = match(_findings(src), [decision])
    assert not applied and stale == [decision]
    # lines moved (a paragraph added): the same problem keeps its decision
    src.write_text(text.replace("一、总体情况\n", "一、总体情况\n补充说明一段。\n补充说明第二段。\n"), encoding="utf-8")
    applied, stale = match(_findings(src), [decision])
    assert list(applied.values()) == [decision] and stale == []


_KILLED = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {root!r})
    from core.api import check, load_report
    from core.season.decisions import Decision, IGNORE
    from core.season.store import SeasonSet
    s = SeasonSet.create({set!r})
    (e,) = s.add_files([{src!r}])
    report = load_report({src!r})
    s.record_edit(e.id, report.set_value("requests", "new_received", "natural", 41))
    f = check(report)[0]
    s.set_decision(e.id, Decision.on(f, IGNORE, "情况属实，予以接受", "备注"))
    s.set_status(e.id, "已退回")
    print("ready", flush=True)
    time.sleep(60)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_edits_and_decisions_survive_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "a.ogiset"
    code = _KILLED.format(root=str(ROOT), set=str(path), src=str(SEED0))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    with SeasonSet.open(path) as s:
        since = s.unclean_session()
        assert since is not None  # the killed session is known: the window offers recovery
        edits, decisions = s.changes_since(since)
        assert [(x.edit.row, x.edit.new) for x in edits] == [("new_received", 41)]
        assert [d.note for _, d in decisions] == ["备注"]
        (e,) = s.entries()
        assert e.status == "已退回"
        s.discard_changes_since(since)
        assert s.edits(e.id) == [] and s.decisions(e.id) == []
    with SeasonSet.open(path) as s:
        assert s.unclean_session() is None


def test_real_files_all_check_on_the_pool(tmp_path: Path) -> None:
    from core.season.checking import check_files

    jobs = [CheckJob(str(p), tag=i) for i, p in enumerate(REAL)]
    out = dict((job.tag, s) for job, s in check_files(jobs, workers=2))
    assert sorted(out) == list(range(len(REAL)))
    for i, p in enumerate(REAL):
        direct = load_report(p)
        if direct.error:
            continue
        assert [f.rule for f in out[i].findings] == [f.rule for f in Findings(check(direct))]
        assert out[i].agency == direct.agency and out[i].report_year == direct.report_year
    assert out[REAL.index(SEED2)].name == SEED2.name


def test_last_change_is_hers_not_a_recheck(tmp_path: Path) -> None:
    """总览's 最后修改 sorts by her own work: a re-check (kept summary) does not stamp it, her status does."""
    import time

    with SeasonSet.create(tmp_path / "s.ogiset") as s:
        (e,) = s.add_files([SEED0])
        s.set_status(e.id, "有问题")
        stamped = s.entry(e.id).changed
        time.sleep(0.01)
        s.set_summary(e.id, check_one(CheckJob(str(SEED0))))
        s.set_summaries([(e.id, check_one(CheckJob(str(SEED0))))])
        assert s.entry(e.id).changed == stamped
        time.sleep(0.01)
        s.set_status(e.id, "已核实")
        assert s.entry(e.id).changed > stamped


def test_adding_files_while_summaries_are_kept_does_not_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window adds files on its thread while a background thread keeps summaries through its own connection:
    a write transaction that read first and was overtaken by the other connection's commit failed at once with
    "database is locked" (a deferred BEGIN cannot be upgraded in WAL mode). Write transactions take the lock first."""
    import sqlite3
    import threading

    import core.api
    from core.season.kept import write_kept

    with SeasonSet.create(tmp_path / "s.ogiset") as s:
        (first,) = s.add_files([SEED0])
        real = core.api.file_sha256

        def meanwhile(path: str):  # type: ignore[no-untyped-def]
            def other() -> None:  # the summaries' writer commits between this transaction's read and its write
                conn = sqlite3.connect(s.path, isolation_level=None, timeout=0.3)
                try:
                    write_kept(conn, [(first.id, "{}", 1, 1, "basis")])
                except sqlite3.OperationalError:
                    pass  # it waits for the lock this transaction holds (and tries again later)
                finally:
                    conn.close()

            t = threading.Thread(target=other)
            t.start()
            t.join()
            return real(path)

        monkeypatch.setattr(core.api, "file_sha256", meanwhile)
        added = s.add_files([SEEDS / "001_741307592853c9cf.txt"])
        assert len(added) == 1 and len(s) == 2
