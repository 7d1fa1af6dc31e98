"""导出 → 全部导出 for the main window: core.season.export_all for the whole set or the reports selected in the
总览, into a folder she picks, with a progress dialog (corrected workbooks, 问题清单 per agency, summary)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QStatusBar, QWidget

from core.season.export_all import ExportResult, export_all
from desktop.document import ReportDocument
from desktop.open_folder import open_folder
from desktop.season_link import SeasonLink

log = logging.getLogger(__name__)


class _Overview(Protocol):
    def selected_docs(self) -> list[ReportDocument]: ...


class ExportAllHost(Protocol):
    season: SeasonLink
    overview: _Overview

    def last_folder(self) -> str: ...

    def statusBar(self) -> QStatusBar: ...


def run_export_all(w: ExportAllHost, selected_only: bool = False, folder: str | None = None) -> ExportResult | None:
    """Ask for a folder (unless given) and write every export; None when cancelled or there is no set."""
    parent = w if isinstance(w, QWidget) else None
    s = w.season.set
    if s is None or not len(s):
        QMessageBox.information(parent, "全部导出", "当前核查批次中还没有报告。")
        return None
    entries = None
    if selected_only:
        entries = [d.entry for d in w.overview.selected_docs() if d.entry is not None]
        if not entries:
            QMessageBox.information(parent, "导出所选报告", "请先在总览中选择要导出的报告。")
            return None
    if folder is None:
        folder = QFileDialog.getExistingDirectory(parent, "全部导出到文件夹", w.last_folder())
        if not folder:
            return None
    count = len(entries) if entries is not None else len(s)
    dialog = QProgressDialog(f"正在导出 {count} 份报告…", "", 0, count + 1, parent)
    dialog.setWindowTitle("全部导出")
    dialog.setCancelButton(None)  # a half-written folder helps nobody; it takes seconds
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.show()

    def progress(done: int, total: int, what: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(f"已写出 {done}/{total}：{Path(what).name if what else ''}")
        QApplication.processEvents()  # the set is not thread-safe: export here, keep the window painting

    try:
        result = export_all(s, folder, entries, progress)
    finally:
        dialog.close()
    failed = f"，{len(result.failed)} 份无法读取" if result.failed else ""
    w.statusBar().showMessage(f"已写出 {len(result.workbooks)} 个更正工作簿、{len(result.letters)} 份问题清单和"
                              f"汇总工作簿{failed}，位置：{folder}", 15000)
    _report_done(parent, result, folder)
    return result


def done_text(result: ExportResult, folder: str) -> str:
    """What 全部导出 wrote, and each report it could not export with the reason."""
    lines = [f"已写出 {len(result.workbooks)} 个更正工作簿、{len(result.letters)} 份问题清单和汇总工作簿"
             f"“{result.summary.name if result.summary else ''}”。", f"位置：{folder}"]
    if result.failed:
        lines += ["", f"以下 {len(result.failed)} 份报告未能导出（汇总工作簿中也已列出）："]
        lines += [f"· {Path(path).name}：{reason}" for path, reason in result.failed[:12]]
        if len(result.failed) > 12:
            lines.append(f"……另有 {len(result.failed) - 12} 份")
    return "\n".join(lines)


def _report_done(parent: QWidget | None, result: ExportResult, folder: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning if result.failed else QMessageBox.Icon.Information, "全部导出",
                      done_text(result, folder), QMessageBox.StandardButton.NoButton, parent)
    open_btn = box.addButton("打开文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is open_btn:
        open_folder(folder)
