"""The window-wide rows of 核查设置: the deadline profile (choose one, or create one) and the button that edits the
officer's own misspelling list; both stored as files in the settings folder, written atomically."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.atomic import atomic_write_text
from core.deadline_profiles import DeadlineProfile
from desktop.check_settings import list_profiles

STATUTORY = "法定期限（部门1月31日、本级人民政府3月31日）"
TYPO_HELP = "每行一条：错误写法 正确写法（例如：按排 安排）；# 之后为注释。核查所有报告时，这些写法将作为常见错别字提示。"
TYPO_TEMPLATE = "# 自定义常见错别字：每行“错误写法 正确写法”\n"


class TypoListDialog(QDialog):
    """A text box over the misspelling file; 保存 writes it atomically."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("编辑常见错别字")
        self.path = path
        lay = QVBoxLayout(self)
        help_label = QLabel(TYPO_HELP, self)
        help_label.setWordWrap(True)
        lay.addWidget(help_label)
        self.text = QPlainTextEdit(self)
        try:
            self.text.setPlainText(path.read_text(encoding="utf-8-sig"))
        except OSError:
            self.text.setPlainText(TYPO_TEMPLATE)
        lay.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(460, 420)

    def save(self) -> None:
        text = self.text.toPlainText()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, text if text.endswith("\n") or not text else text + "\n")
        except OSError as exc:
            QMessageBox.warning(self, "常见错别字", f"未能保存：{self.path}\n{exc}")
            return
        self.accept()


class ProfileDialog(QDialog):
    """A new deadline profile: its name and the month/day for departments and for governments."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建公开时限方案")
        form = QFormLayout(self)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("例如：某市2025年报公开时限")
        form.addRow("名称：", self.name)
        self.rows: dict[str, tuple[QCheckBox, QDateEdit]] = {}
        for level, label, (m, d) in (("department", "政府部门", (1, 31)), ("government", "本级人民政府", (3, 31))):
            box = QCheckBox(f"{label}须于次年", self)
            box.setChecked(True)
            edit = QDateEdit(QDate(2001, m, d), self)
            edit.setDisplayFormat("M月d日")
            box.toggled.connect(edit.setEnabled)
            row = QHBoxLayout()
            row.addWidget(box)
            row.addWidget(edit, 1)
            row.addWidget(QLabel("前公开", self))
            form.addRow(row)
            self.rows[level] = (box, edit)
        form.addRow(QLabel("未勾选的层级仍按法定期限判断。", self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def profile(self) -> DeadlineProfile | None:
        name = self.name.text().strip().strip("《》")
        dates = tuple((lv, e.date().month(), e.date().day()) for lv, (b, e) in self.rows.items() if b.isChecked())
        return DeadlineProfile(name, dates) if name and dates else None

    def _accept(self) -> None:
        if self.profile() is None:
            QMessageBox.warning(self, "公开时限方案", "请填写名称，并至少为一个层级设定期限。")
            return
        self.accept()


def save_profile(folder: Path, profile: DeadlineProfile) -> Path:
    """Write the profile as TOML into the folder (file named after it, never over another profile's file)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", profile.name)[:60] or "profile"
    path, k = folder / f"{stem}.toml", 2
    while path.exists():
        path, k = folder / f"{stem}_{k}.toml", k + 1
    atomic_write_text(path, profile.to_toml())
    return path


class WindowCheckRows:
    """The rows added to 核查设置 for every report in the window: 公开时限 (choose / 新建…) and 编辑常见错别字…."""

    def __init__(self, parent: QWidget, profiles_dir: Path, typo_file: Path, current_profile: str | None) -> None:
        self.parent = parent
        self.profiles_dir = profiles_dir
        self.typo_file = typo_file
        self.combo = QComboBox(parent)
        self.new = QPushButton("新建…", parent)
        self.new.clicked.connect(self._create)
        self.typos = QPushButton("编辑常见错别字…", parent)
        self.typos.clicked.connect(self._edit_typos)
        self._fill(current_profile)

    def add_to(self, form: QFormLayout) -> None:
        row = QHBoxLayout()
        row.addWidget(self.combo, 1)
        row.addWidget(self.new)
        form.addRow("公开时限方案：", row)
        form.addRow("常见错别字：", self.typos)

    def _fill(self, select: str | None) -> None:
        self.combo.clear()
        self.combo.addItem(STATUTORY, "")
        for path, profile in list_profiles(self.profiles_dir):
            self.combo.addItem(f"《{profile.name}》", path)
        i = self.combo.findData(select or "")
        self.combo.setCurrentIndex(max(i, 0))

    def _create(self) -> None:
        dialog = ProfileDialog(self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        profile = dialog.profile()
        if profile is None:
            return
        try:
            path = save_profile(self.profiles_dir, profile)
        except OSError as exc:
            QMessageBox.warning(self.parent, "公开时限方案", f"未能保存：{exc}")
            return
        self._fill(str(path))

    def _edit_typos(self) -> None:
        TypoListDialog(self.typo_file, self.parent).exec()

    def profile_path(self) -> str | None:
        return self.combo.currentData() or None
