"""核查设置's window-wide rows: the officer's misspelling list (edited in a text box, saved atomically in the settings
folder, used for every report in the window) and the deadline profiles (created, chosen, named in DOC.LATE)."""

from __future__ import annotations

from pathlib import Path

import pytest
from desktop_support import seed, wait_loaded

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QDialog  # noqa: E402

from core.deadline_profiles import DeadlineProfile, read_profile  # noqa: E402


def test_typo_dialog_saves_atomically(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.dialogs.check_extras import TypoListDialog

    path = tmp_path / "cfg" / "常见错别字.txt"
    dialog = TypoListDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText().startswith("#")  # a new file starts with the explanation
    dialog.text.setPlainText("正务公开 政务公开\n公开头明 公开透明")
    dialog.save()
    assert path.read_text(encoding="utf-8") == "正务公开 政务公开\n公开头明 公开透明\n"
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not [p for p in path.parent.iterdir() if p.name != path.name]  # no temporary file left


def test_profile_dialog_and_save(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    from desktop.dialogs.check_extras import ProfileDialog, save_profile

    dialog = ProfileDialog()
    qtbot.addWidget(dialog)
    assert dialog.profile() is None  # no name yet
    dialog.name.setText("某市2025年报公开时限")
    dialog.rows["department"][1].setDate(QDate(2001, 1, 20))
    dialog.rows["government"][0].setChecked(False)
    prof = dialog.profile()
    assert prof == DeadlineProfile("某市2025年报公开时限", (("department", 1, 20),))
    first = save_profile(tmp_path, prof)
    second = save_profile(tmp_path, prof)
    assert first != second and read_profile(first) == prof == read_profile(second)


def test_window_settings_reach_every_check(qtbot, window, config_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.check_settings import with_window_settings
    from desktop.dialogs.check_extras import save_profile

    s = window.settings
    assert s.typo_file().parent == config_dir and s.profiles_dir().parent == config_dir
    s.typo_file().write_text("# 自定义\n按时办洁 按时办结\n", encoding="utf-8")
    path = save_profile(s.profiles_dir(), DeadlineProfile("某市时限", (("department", 1, 20),)))
    window.output.apply_window_choices(None, str(path))  # type: ignore[arg-type]
    assert s.get("check/deadline_profile") == str(path)
    from core.options import Options

    opts = with_window_settings(Options(), s)
    assert opts.typos == (("按时办洁", "按时办结"),) and opts.deadline_profile is not None
    window.open_paths([str(seed("003"))])
    wait_loaded(qtbot, window)
    doc = window.docs[0]
    assert doc.options.deadline_profile == opts.deadline_profile and doc.options.typos == opts.typos
    window.output.apply_choices(doc, "2099-01-25", "department", None)
    late = [f for f in doc.findings if f.rule == "DOC.LATE"]
    assert late and late[0].message.startswith("按《某市时限》，政府部门年度报告应于")


def test_check_options_dialog_lists_profiles(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.dialogs.check_extras import STATUTORY, save_profile
    from desktop.dialogs.check_options import CheckChoices, CheckOptionsDialog

    path = save_profile(tmp_path / "公开时限", DeadlineProfile("甲市时限", (("government", 3, 10),)))
    dialog = CheckOptionsDialog(CheckChoices(None, None, None, str(path)), None, str(tmp_path), None,
                                (tmp_path / "公开时限", tmp_path / "常见错别字.txt"))
    qtbot.addWidget(dialog)
    rows = dialog.window_rows
    assert rows is not None and rows.combo.itemText(0) == STATUTORY and rows.combo.currentText() == "《甲市时限》"
    assert dialog.choices().profile_path == str(path)
    rows.combo.setCurrentIndex(0)
    assert dialog.choices().profile_path is None
    plain = CheckOptionsDialog(CheckChoices(None, None, None, str(path)), None, str(tmp_path))
    qtbot.addWidget(plain)
    assert plain.window_rows is None and plain.choices().profile_path == str(path)
