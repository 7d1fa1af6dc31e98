"""The recovery dialog shown at start after the app was ended uncleanly (killed, power cut): the edits and
decisions of that session, kept in the set file, are listed and restored or dropped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from core.layout import cell_name, value_text
from core.model import Edit
from core.season.decisions import Decision
from core.season.store import SeasonSet, StoredEdit
from core.template import TEMPLATES


def _cell(edit: Edit) -> str:
    """The cell's name in the template's words (the first template that knows it)."""
    for tpl in TEMPLATES.values():
        try:
            spec = tpl.table(edit.table)
        except KeyError:
            continue
        if edit.row in spec.row_index and edit.col in spec.col_index:
            return cell_name(spec, edit.row, edit.col)
    return "一个单元格"


def change_lines(season: SeasonSet, edits: list[StoredEdit], decisions: list[tuple[int, Decision]]) -> list[str]:
    """One Chinese line per edit and decision, naming the report."""
    names: dict[int, str] = {}

    def name(entry: int) -> str:
        if entry not in names:
            try:
                names[entry] = season.entry(entry).name
            except KeyError:
                names[entry] = "（已移出批次的报告）"
        return names[entry]

    lines = []
    for e in edits:
        ed = e.edit
        lines.append(f"修改 · {name(e.report)} · {_cell(ed)}：{value_text(ed.old) or '空白'} → "
                     f"{value_text(ed.new) or '空白'}（{ed.at[11:19]}）")
    for entry, d in decisions:
        reason = f"：{d.reason}" if d.reason else ""
        lines.append(f"{d.label}{reason} · {name(entry)} · {d.message[:60]}")
    return lines


class RecoveryDialog(QDialog):
    def __init__(self, season: SeasonSet, edits: list[StoredEdit], decisions: list[tuple[int, Decision]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复上次未正常结束的工作")
        text = QLabel(f"年报核查上次没有正常退出（可能被强制结束或断电）。核查批次“{Path(season.path).stem}”中保存了"
                      f"那次的 {len(edits)} 处修改和 {len(decisions)} 条核查判断。\n是否恢复这些内容？", self)
        text.setWordWrap(True)
        items = QListWidget(self)
        items.setWordWrap(True)  # long lines wrap in the dialog's width instead of scrolling sideways
        items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        items.addItems(change_lines(season, edits, decisions))
        buttons = QDialogButtonBox(self)
        buttons.addButton("恢复", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("放弃这些内容", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(items, 1)
        lay.addWidget(buttons)
        self.resize(620, 360)


def ask_recovery(parent: QWidget, season: SeasonSet, edits: list[StoredEdit],
                 decisions: list[tuple[int, Decision]]) -> bool:
    return RecoveryDialog(season, edits, decisions, parent).exec() == QDialog.DialogCode.Accepted
