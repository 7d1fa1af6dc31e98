"""Issue #12: the start page while nothing is open (recent reports and sets as links, 打开示例), the sample labelled
示例 in the list and the title, and dates in the window in Chinese form."""

from __future__ import annotations

from datetime import datetime

import pytest
from desktop_support import SAMPLES, wait_loaded

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from core.layout import date_text, when_text  # noqa: E402


def test_start_page_when_nothing_is_open_then_the_report(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.center.currentWidget() is window.start_page
    assert window.start_page.report_links == []
    qtbot.mouseClick(window.start_page.sample_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, window)
    doc = window.current
    assert doc is not None and doc.is_sample
    assert window.center.currentWidget() is window.split_work
    assert window.windowTitle().startswith("示例：鹤城区")
    assert doc.title().startswith("示例：")
    item_text = window.report_list.list.item(0).text()
    assert item_text.startswith("示例：")
    window.close_document(doc)
    assert window.center.currentWidget() is window.start_page
    links = window.start_page.report_links
    assert [b.text() for b in links] == [sorted(SAMPLES.glob("*.txt"))[0].stem]
    qtbot.mouseClick(links[0], Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, window)
    assert window.current is not None and window.center.currentWidget() is window.split_work


def test_recent_sets_are_links_that_switch(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "地区核查.ogiset"
    assert window.sets.switch_to(str(path), create=True)
    from desktop.season_link import default_set_path

    window.sets.switch_to(str(default_set_path()))
    window.start_page.refresh()
    names = [b.text() for b in window.start_page.set_links]
    assert "地区核查" in names
    link = window.start_page.set_links[names.index("地区核查")]
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert window.season.name == "地区核查"


def test_dates_in_chinese_form() -> None:
    assert date_text("2024-01-20") == "2024年1月20日"
    now = datetime(2025, 3, 2, 16, 0)
    assert when_text(datetime(2025, 3, 2, 9, 5), now) == "09:05"
    assert when_text(datetime(2025, 1, 20, 14, 5), now) == "1月20日 14:05"
    assert when_text(datetime(2024, 12, 31, 8, 0), now) == "2024年12月31日 08:00"


def test_check_settings_date_reads_in_chinese(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    from desktop.dialogs.check_options import CheckChoices, CheckOptionsDialog

    dialog = CheckOptionsDialog(CheckChoices("2024-01-20", None, None), "2024-01-18", ".", None, None)
    qtbot.addWidget(dialog)
    assert dialog.date.date() == QDate(2024, 1, 20)
    assert dialog.date.text() == "2024年1月20日"
    from PySide6.QtWidgets import QLabel

    texts = [lbl.text() for lbl in dialog.findChildren(QLabel)]
    assert any("2024年1月18日" in t for t in texts) and not any("2024-01-18" in t for t in texts)
