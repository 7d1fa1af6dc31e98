"""The dialog for an unexpected error: what happened, that the work is safe, and where the log file is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.open_folder import open_folder


def show_error(parent: QWidget | None, summary: str, details: str, log_file: Path | None) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("年报核查 · 意外错误")
    box.setText("程序遇到了一个意外错误，刚才的操作没有完成。\n已打开的报告和所做的修改不受影响，可以继续工作。")
    info = f"错误：{summary}"
    if log_file is not None:
        info += f"\n\n详细信息已写入日志文件：\n{log_file}\n反馈问题时请附上此文件。"
    box.setInformativeText(info)
    box.setDetailedText(details)
    open_btn = None
    if log_file is not None:
        open_btn = box.addButton("打开日志文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if open_btn is not None and box.clickedButton() is open_btn and log_file is not None:
        open_folder(str(log_file.parent))
