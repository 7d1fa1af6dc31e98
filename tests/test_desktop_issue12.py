"""Issue #12 in the window (offscreen): a refused entry explained at the cell with the typed text kept, a corrected
cell that still breaks a sum stays red with its corrected mark, an unreadable report clears the finding details."""

from __future__ import annotations

from pathlib import Path

import pytest
from desktop_support import SAMPLES, wait_loaded

pytest.importorskip("PySide6")

from conftest import CORPUS  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QLineEdit  # noqa: E402


def _sample(window, qtbot):  # type: ignore[no-untyped-def]
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    window.open_paths([str(sample)])
    wait_loaded(qtbot, window)
    return window.current


def test_refused_entry_is_explained_at_the_cell_and_kept(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    doc = _sample(window, qtbot)
    window.tabs.setCurrentIndex(1)
    grid = window.grids["requests"]
    idx = grid.model().index_of("granted", "natural")
    before = doc.report.tables["requests"].value("granted", "natural")
    grid.setCurrentIndex(idx)
    grid.edit(idx)
    editor = grid.findChild(QLineEdit)
    editor.setText("abc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.refusal.isVisible(), timeout=5000)
    assert "不是数字" in grid.refusal.text()
    qtbot.waitUntil(lambda: grid.state() == QAbstractItemView.State.EditingState, timeout=5000)
    editor = grid.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "abc"  # the typed text stays to be corrected
    assert grid.currentIndex() == idx
    assert doc.report.tables["requests"].value("granted", "natural") == before and doc.undo_stack.count() == 0
    editor.setText("5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState, timeout=5000)
    assert doc.report.tables["requests"].value("granted", "natural") == 5
    assert not grid.refusal.isVisible()


def test_corrected_cell_breaking_a_sum_is_red_with_a_mark(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    pdf = CORPUS / "002_hongzequ_2023.pdf"
    if not pdf.exists():
        pytest.skip("corpus not present")
    from desktop.table_model import CORRECTED_ROLE, LEGEND_ROLE

    window.open_paths([str(pdf)])
    wait_loaded(qtbot, window, 60000)
    window.tabs.setCurrentIndex(2)
    model = window.grids["review"].model()
    idx = model.index_of("all", "suit_after_review_total")
    assert model.setData(idx, "1")
    tips = model.data(idx, Qt.ItemDataRole.ToolTipRole)
    # the sum still fails: the cell says so in red, and carries the corrected mark
    assert "【错误】表四合计" in tips and "已更正" in tips
    assert model.data(idx, LEGEND_ROLE) == "error"
    assert model.data(idx, CORRECTED_ROLE) is True


def test_unreadable_report_clears_details_and_fix_buttons(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _sample(window, qtbot)
    panel = window.findings
    fixable = next(f for f in doc.findings if f.fix)
    assert panel.select_finding(fixable)
    assert panel.fix_button.isEnabled() and "【" in panel.details.text()
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    window.open_paths([str(bad)])
    wait_loaded(qtbot, window)
    bad_doc = next(d for d in window.docs if d.state == "error")
    window.report_list.select(bad_doc)
    assert window.current is bad_doc
    assert not panel.fix_button.isEnabled() and not panel.safe_button.isEnabled()
    assert fixable.message not in panel.details.text()
    window.report_list.select(doc)
    assert panel.current_finding() is None or panel.current_finding() in doc.findings


@pytest.mark.parametrize("screen", [(1280, 720), (1093, 582)])  # 1366×768 at 125 %, less a task bar
def test_window_fits_small_office_screens_on_every_tab(qtbot, window, screen) -> None:  # type: ignore[no-untyped-def]
    _sample(window, qtbot)
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(10)
        need = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert need.width() <= screen[0] and need.height() <= screen[1] - 30, (i, need)  # 30: the title bar


def test_panes_and_zoom_are_remembered(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    _sample(window, qtbot)
    window.view_options.source_action.setChecked(False)
    window.view_options.zoom_in.trigger()
    window.view_options.zoom_in.trigger()
    size = window.grids["requests"].font().pointSizeF()
    assert not window.source.isVisible()
    window.save_settings()
    again = MainWindow()
    try:
        assert not again.view_options.source_action.isChecked() and again.view_options.findings_action.isChecked()
        assert again.view_options.zoom == 2 and again.grids["requests"].font().pointSizeF() == pytest.approx(size)
        again.view_options.zoom_reset.trigger()
        assert again.view_options.zoom == 0
    finally:
        again.deleteLater()


def test_legend_explains_every_look() -> None:
    from desktop.legend_bar import legend_html

    text = legend_html()
    for word in ("错误", "警告", "提示", "空白单元格", "已更正", "斜体", "读取存疑", "模板中没有这一栏", "绿色三角"):
        assert word in text


def test_qt_file_dialog_speaks_chinese(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog, QLabel

    from desktop.app import create_app

    create_app()
    dialog = QFileDialog(None, "打开")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    texts = [lab.text() for lab in dialog.findChildren(QLabel) if lab.text()]
    assert texts and all(not any("a" <= ch.lower() <= "z" for ch in t.replace("&", "")
                                 .replace("(L)", "").replace("(N)", "").replace("(T)", "")) for t in texts), texts
    dialog.deleteLater()


def test_log_and_settings_folder_is_the_apps_own(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import os; os.environ.pop('OGICHECK_CONFIG_DIR', None); from desktop.settings import app_data_dir; "
            "print(app_data_dir())")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()) == tmp_path / "data" / "ogicheck" / "年报核查"


def test_missing_xcb_library_is_named_in_chinese() -> None:
    from desktop.app import XCB_LIBS_MISSING, missing_xcb_library

    def absent() -> str:
        return "/x/libqxcb.so: libxcb-cursor.so.0: cannot open shared object file: No such file or directory"

    if sys_linux():
        assert missing_xcb_library({"DISPLAY": ":0"}, absent) == ("libxcb-cursor.so.0", "libxcb-cursor0")
    assert missing_xcb_library({"DISPLAY": ":0"}, lambda: None) is None
    assert missing_xcb_library({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, absent) is None
    text = XCB_LIBS_MISSING.format(library="libxcb-cursor.so.0", package="libxcb-cursor0")
    assert "缺少系统软件包 libxcb-cursor0" in text and "sudo apt install libxcb-cursor0" in text


def sys_linux() -> bool:
    import sys

    return sys.platform.startswith("linux")
