"""核查设置 for one report: publication date override, the deadline level, and last year's report (cross-year rules)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from core.layout import date_text
from core.readers.formats import DIALOG_FILTER
from desktop.dialogs.check_extras import WindowCheckRows

LEVELS: tuple[tuple[str | None, str], ...] = (
    (None, "自动判断（按发布机关名称）"),
    ("department", "部门（1月31日前发布）"),
    ("government", "本级人民政府（3月31日前发布）"),
)


@dataclass(frozen=True)
class CheckChoices:
    published: str | None  # YYYY-MM-DD or None: use the date in the document
    level: str | None
    prev_path: str | None  # last year's report of the same agency
    profile_path: str | None = None  # window-wide: the chosen deadline profile's file; None: statutory deadlines


class CheckOptionsDialog(QDialog):
    def __init__(self, current: CheckChoices, read_date: str | None, start_folder: str,
                 parent: QWidget | None = None, settings_files: tuple[Path, Path] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("核查设置")
        self._folder = start_folder
        form = QFormLayout(self)
        form.addRow(QLabel(f"文中读到的发布日期：{date_text(read_date) if read_date else '未找到'}", self))

        self.override = QCheckBox("改用以下发布日期", self)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        initial = current.published or read_date
        self.date.setDate(QDate.fromString(initial, "yyyy-MM-dd") if initial else QDate.currentDate())
        self.override.setChecked(current.published is not None)
        self.date.setEnabled(self.override.isChecked())
        self.override.toggled.connect(self.date.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.override)
        row.addWidget(self.date, 1)
        form.addRow("发布日期：", row)

        self.level = QComboBox(self)
        for key, label in LEVELS:
            self.level.addItem(label, key)
        self.level.setCurrentIndex(max(0, self.level.findData(current.level)) if current.level else 0)
        form.addRow("层级（发布时限）：", self.level)

        self.prev = QLineEdit(current.prev_path or "", self)
        self.prev.setPlaceholderText("不做跨年度核对")
        self.prev.setClearButtonEnabled(True)
        browse = QPushButton("浏览…", self)
        browse.clicked.connect(self._browse)
        prow = QHBoxLayout()
        prow.addWidget(self.prev, 1)
        prow.addWidget(browse)
        form.addRow("上一年度报告：", prow)
        self.window_rows = _window_rows(self, form, settings_files, current.profile_path)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 0)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择上一年度报告", self._folder,
                                              DIALOG_FILTER)
        if path:
            self.prev.setText(path)

    def choices(self) -> CheckChoices:
        prev = self.prev.text().strip()
        return CheckChoices(
            published=self.date.date().toString("yyyy-MM-dd") if self.override.isChecked() else None,
            level=self.level.currentData(),
            prev_path=str(Path(prev)) if prev else None,
            profile_path=self.window_rows.profile_path() if self.window_rows is not None else current_profile(self),
        )


def _window_rows(dialog: QDialog, form: QFormLayout, files: tuple[Path, Path] | None,
                 profile: str | None) -> WindowCheckRows | None:
    """The rows for every report in the window (deadline profile, misspellings), when the settings folder is known."""
    dialog.setProperty("profile_path", profile or "")
    if files is None:
        return None
    rows = WindowCheckRows(dialog, files[0], files[1], profile)
    rows.add_to(form)
    return rows


def current_profile(dialog: QDialog) -> str | None:
    return str(dialog.property("profile_path") or "") or None
