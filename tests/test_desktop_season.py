"""Issue #11 items 1, 3, 4 in the window: every report goes into the current set (a default one until she picks
one), edits, her status and decisions are written as they happen and come back after a restart and a re-check;
after kill -9 the next start offers them in a recovery dialog and restores them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from desktop_support import ROOT, seed, wait_loaded

pytest.importorskip("PySide6")


def first_cell(doc):  # type: ignore[no-untyped-def]
    """A numeric cell of the report: (table, row, col, value)."""
    for tid, table in doc.report.tables.items():
        for (row, col), cell in table.cells.items():
            if isinstance(cell.value, int):
                return tid, row, col, cell.value
    raise AssertionError("no numeric cell")


def edit_and_decide(window, doc) -> tuple[tuple[str, str, str], str]:  # type: ignore[no-untyped-def]
    from core.season.decisions import IGNORE, Decision
    from desktop.undo_commands import CellChange

    tid, row, col, value = first_cell(doc)
    assert doc.push_changes([CellChange(tid, row, col, value + 7)], "编辑")
    target = list(doc.findings)[0]
    window.season.decide(doc, Decision.on(target, IGNORE, "误报（工具判断有误）", "与机关电话核实"))
    window.set_verdict(doc, "已退回")
    return (tid, row, col), target.message


def test_edits_status_and_decisions_survive_a_restart(qtbot, window, config_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    path = tmp_path / seed("001").name
    shutil.copy(seed("001"), path)
    window.open_paths([str(path)])
    wait_loaded(qtbot, window)
    doc = window.docs[0]
    before = doc.counts()
    (tid, row, col), message = edit_and_decide(window, doc)
    assert doc.ignored_count == 1 and sum(doc.counts().values()) <= sum(before.values())
    assert "已忽略 1" in window.report_list.list.item(0).text()
    value = doc.report.tables[tid].value(row, col)
    undone = len(doc.report.edits)

    def kept() -> int:  # edits reach the set just after the redraw, well within a second (desktop.set_writes)
        qtbot.waitUntil(lambda: not window.set_writes.pending(), timeout=1000)
        return len(window.season.set.edits(doc.entry))

    assert kept() == undone
    doc.undo_stack.undo()  # an undone edit leaves the set too
    assert kept() == undone - 1
    doc.undo_stack.redo()
    assert kept() == undone
    for d in window.docs:
        d.mark_saved()
    window.close()

    again = MainWindow()
    try:
        again.sets.resume([])
        wait_loaded(qtbot, again)
        assert len(again.docs) == 1
        back = again.docs[0]
        assert back.report.tables[tid].value(row, col) == value and len(back.report.edits) == undone
        assert back.verdict == "已退回" and back.ignored_count == 1
        d = next(iter(back.decided.values()))
        assert d.reason == "误报（工具判断有误）" and d.note == "与机关电话核实" and d.message == message
        # a re-check with other settings keeps the decision
        from core.options import Options

        back.set_options(Options(level="government"))
        assert back.ignored_count == 1
    finally:
        for x in again.docs:
            x.mark_saved()
        again.close()


def test_a_decision_whose_finding_is_gone_is_listed_as_stale(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from core.season.decisions import CONFIRM, Decision

    window.open_paths([str(seed("003"))])
    wait_loaded(qtbot, window)
    doc = window.docs[0]
    window.set_current(doc)
    gone = Decision("0" * 20, "ARITH.ROW", CONFIRM, message="表三第一行的总计不等于各列之和（已不存在）")
    window.season.decide(doc, gone)
    window.decision_bar.set_finding(doc, None)
    assert window.decision_bar.stale.text() == "1 条判断已不对应任何问题"
    assert "已不存在" in window.decision_bar.stale.toolTip()


def test_decision_bar_ignores_and_dims_the_selected_finding(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    window.open_paths([str(seed("001"))])
    wait_loaded(qtbot, window)
    doc = window.current
    panel = window.findings
    f = panel.visible_findings()[0]
    panel.select_finding(f)
    bar = window.decision_bar
    assert bar.state.text() == "尚未判断" and not bar.note.isEnabled()
    total = sum(doc.counts().values())
    bar.ignore.menu().actions()[0].trigger()
    assert doc.ignored_count == 1 and sum(doc.counts().values()) == total - 1
    assert bar.state.text().startswith("已忽略：误报")
    row = next(r for r in range(panel.model.rowCount()) if panel.model.finding(r) == f)
    assert panel.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert str(panel.model.index(row, 3).data()).startswith("［已忽略］")
    bar.clear.click()
    assert doc.ignored_count == 0 and bar.state.text() == "尚未判断"
    bar.confirm.click()
    assert doc.decision(f).label == "确认" and doc.ignored_count == 0


DRIVER = r"""
import sys, time
from desktop.app import create_app
from desktop.main_window import MainWindow
app = create_app()
w = MainWindow()
w.show()
w.sets.resume([sys.argv[1]])
end = time.time() + 60
while (w.runner.pending or not w.docs or any(d.state == "loading" for d in w.docs)) and time.time() < end:
    app.processEvents()
    time.sleep(0.01)
sys.path.insert(0, "tests")
from test_desktop_season import edit_and_decide
edit_and_decide(w, w.docs[0])
print("edited", flush=True)
app.exec()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_after_edits_then_the_restart_restores_them(tmp_path: Path) -> None:
    path = tmp_path / seed("001").name
    shutil.copy(seed("001"), path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OGICHECK_CONFIG_DIR=str(tmp_path / "config"),
               PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    first = subprocess.Popen([sys.executable, "-c", DRIVER, str(path)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert first.stdout is not None
        line = first.stdout.readline()
        assert line.strip() == "edited", (line, first.stderr.read() if first.poll() is not None else "")
        time.sleep(1.1)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL
    env["OGICHECK_QUIT_AFTER_MS"] = "0"
    again = subprocess.run([sys.executable, "-m", "desktop.app"], cwd=ROOT, env=env, capture_output=True,
                           text=True, encoding="utf-8", timeout=120)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "恢复：1 处修改，1 条判断" in again.stdout, again.stdout
    assert f"已打开：{path.name}" in again.stdout and "修改 1 处｜已忽略 1｜已退回" in again.stdout, again.stdout
