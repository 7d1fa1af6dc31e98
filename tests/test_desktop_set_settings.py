"""Issue #11 item 1: the set keeps the check settings. Her 核查设置 for a report (publication date, level, last
year's report) and the window's misspelling list are written to the set; after a restart the report is checked
with them again, and 全部导出 of the set checks as the window does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from desktop_support import seed, wait_loaded

pytest.importorskip("PySide6")


def test_report_settings_survive_a_restart_and_reach_export_all(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from core.season.export_all import export_all
    from desktop.main_window import MainWindow

    path, prev_path = tmp_path / seed("001").name, tmp_path / ("去年" + seed("003").suffix)
    shutil.copy(seed("001"), path)
    shutil.copy(seed("003"), prev_path)
    window.open_paths([str(path)])
    wait_loaded(qtbot, window)
    doc = window.docs[0]
    assert not [f for f in doc.findings if f.rule == "DOC.LATE"]
    window.output.apply_choices(doc, "2099-03-01", "department", str(prev_path))
    qtbot.waitUntil(lambda: doc.options.prev is not None, timeout=20000)
    late = [f.message for f in doc.findings if f.rule == "DOC.LATE"]
    assert late
    kept = window.season.set.settings(doc.entry)
    assert (kept.published, kept.level, kept.prev_path) == ("2099-03-01", "department", str(prev_path))
    set_path = window.season.set.path
    for d in window.docs:
        d.mark_saved()
    window.close()

    again = MainWindow()
    try:
        again.sets.resume([])
        wait_loaded(qtbot, again)
        back = again.docs[0]
        qtbot.waitUntil(lambda: back.options.prev is not None, timeout=20000)
        assert back.options.published == "2099-03-01" and back.options.level == "department"
        assert Path(back.options.prev.path) == prev_path
        assert [f.message for f in back.findings if f.rule == "DOC.LATE"] == late
    finally:
        for x in again.docs:
            x.mark_saved()
        again.close()

    from core.season.store import SeasonSet

    with SeasonSet.open(set_path) as s:
        result = export_all(s, tmp_path / "导出")
    assert result.summary is not None and not result.failed
    from openpyxl import load_workbook

    wb = load_workbook(result.summary, read_only=True)
    texts = [str(c) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for c in r if c]
    assert any(late[0][:20] in t for t in texts)  # the summary's findings were checked with her date


def test_window_misspelling_list_is_the_sets(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    s = window.settings
    s.typo_file().write_text("# 自定义\n按时办洁 按时办结\n", encoding="utf-8")
    window.output.apply_window_choices(None, None)  # type: ignore[arg-type]
    assert window.season.set.settings().typos == (("按时办洁", "按时办结"),)
