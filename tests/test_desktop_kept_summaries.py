"""Issue #11: the window keeps each report's summary in the set when it arrives, so reopening the set lists and counts
every report without checking unchanged files again; a file changed on disk since is checked again and flagged, a
file that is gone is listed with the reason, and a kept summary never outlives her edits or the settings."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from desktop_support import seed, wait_loaded

pytest.importorskip("PySide6")

COUNT = 12  # more than doc_lifecycle.MANY (listed on the pool, not read whole); the last three generated


def _folder(tmp_path: Path) -> list[Path]:
    from season_support import season_folder

    return season_folder(tmp_path / "season", COUNT, pdf=False)


def _rows(window) -> dict[str, tuple[str, dict[str, int], str | None, bool]]:  # type: ignore[no-untyped-def]
    """path → (state, counts, error, changed on disk) of every listed report."""
    return {d.path: (d.state, d.counts(), d.error, d.changed_on_disk) for d in window.docs}


def _checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths handed to the process pool for a check (every window of the test)."""
    from desktop.workers import TaskRunner

    calls: list[str] = []
    submit = TaskRunner.submit_summary

    def counting(self, path, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(path)
        return submit(self, path, *args, **kwargs)

    monkeypatch.setattr(TaskRunner, "submit_summary", counting)
    return calls


def _reopen(qtbot):  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    again = MainWindow()
    again.sets.resume([])
    wait_loaded(qtbot, again, timeout=120000)
    return again


def _close(w, delete: bool = True) -> None:  # type: ignore[no-untyped-def]
    w.runner.pool.waitForDone(10000)
    for d in list(w.docs):
        d.mark_saved()
    w.close()
    if delete:  # not the `window` fixture's: it deletes its own
        w.deleteLater()


def test_reopening_a_set_checks_nothing_and_shows_the_same_counts(qtbot, window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    files = _folder(tmp_path)
    checks = _checks(monkeypatch)
    window.open_paths([str(tmp_path / "season")])
    wait_loaded(qtbot, window, timeout=120000)
    assert len(checks) == COUNT
    before = _rows(window)
    texts = {d.path: window.report_list.item_for(d).text() for d in window.docs}
    _close(window, delete=False)

    checks.clear()
    again = _reopen(qtbot)
    try:
        assert checks == []  # no file was checked again
        assert _rows(again) == before and len(again.docs) == len(files)
        assert {d.path: again.report_list.item_for(d).text() for d in again.docs} == texts
        assert again.overview.model.rowCount() == len(files)
        listed = [d for d in again.docs if d is not again.current]
        assert all(d.report is None and d.tables_unloaded for d in listed)
        # her report's tables come on demand, with the same counts
        target = listed[0]
        counts = target.counts()
        again.report_list.select(target)
        qtbot.waitUntil(lambda: target.report is not None, timeout=30000)
        assert target.counts() == counts
    finally:
        _close(again)


def test_a_changed_file_is_checked_again_and_flagged_a_gone_one_has_its_reason(  # type: ignore[no-untyped-def]
        qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _folder(tmp_path)
    checks = _checks(monkeypatch)
    window.open_paths([str(tmp_path / "season")])
    wait_loaded(qtbot, window, timeout=120000)
    before = _rows(window)
    _close(window, delete=False)
    changed, gone, touched = files[-1], files[-2], files[-3]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("某某县第", "某某市第", 1), encoding="utf-8")
    gone.unlink()
    st = touched.stat()  # only its time changes: checked again, its bytes are the same, not flagged
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))

    checks.clear()
    again = _reopen(qtbot)
    try:
        assert sorted(checks) == sorted([str(changed), str(touched)])
        rows = _rows(again)
        assert rows[str(changed)][3] and "某某市第" in next(d.title() for d in again.docs if d.path == str(changed))
        assert "原文件已改动" in again.report_list.item_for(next(d for d in again.docs if d.path == str(changed))).text()
        assert rows[str(touched)] == before[str(touched)]
        state, _counts, error, _flag = rows[str(gone)]
        assert state == "error" and error is not None and "找不到文件" in error and "删除" in error
        for path in before:
            if path not in (str(changed), str(gone)):
                assert rows[path] == before[path]
    finally:
        _close(again)


def test_a_kept_summary_gives_way_to_her_edits_and_the_settings(tmp_path: Path) -> None:
    """summary_basis changes with the settings and the edits (the window then checks the report again)."""
    from core.model import Edit
    from core.season.kept import summary_basis
    from core.season.store import CheckSettings, SeasonSet

    edit = Edit("requests", "granted", "total", 3, 4, "user")
    base = summary_basis(CheckSettings(), ())
    assert summary_basis(CheckSettings(), ()) == base
    assert summary_basis(CheckSettings(level="government"), ()) != base
    assert summary_basis(CheckSettings(typos=(("帐", "账"),)), ()) != base
    assert summary_basis(CheckSettings(), (edit,)) != base
    # a summary written without a basis (ogicheck's check_set, an older window) is never taken as current
    path = tmp_path / "a.txt"
    shutil.copy(seed("001"), path)
    with SeasonSet.create(tmp_path / "s.ogiset") as s:
        e = s.add_files([path])[0]
        s.keep_summaries([(e.id, '{"path": "a.txt"}', 1, 2, base)])
        kept = s.kept_summary(e.id)
        assert kept is not None and (kept.size, kept.mtime, kept.basis) == (1, 2, base)
        from core.season.summary import ReportSummary

        s.set_summary(e.id, ReportSummary(path=str(path)))
        kept = s.kept_summary(e.id)
        assert kept is not None and kept.basis is None and kept.size is None


def test_a_set_made_before_kept_summaries_opens_and_gains_the_columns(tmp_path: Path) -> None:
    import sqlite3

    from core.season.store import SeasonSet

    target = tmp_path / "old.ogiset"
    with SeasonSet.create(target):
        pass
    conn = sqlite3.connect(target)
    for col in ("size", "mtime", "basis"):
        conn.execute(f"ALTER TABLE reports DROP COLUMN {col}")
    conn.commit()
    conn.close()
    with SeasonSet.open(target) as s:
        path = tmp_path / "a.txt"
        shutil.copy(seed("001"), path)
        e = s.add_files([path])[0]
        assert s.kept_summary(e.id) is None
        s.keep_summaries([(e.id, '{"path": "a.txt"}', 1, 2, "x")])
        assert s.kept_summary(e.id) is not None
