"""The About dialog: version, what the tool does, and the licences of the app and what it bundles."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

import core
from desktop.assets import icon

LICENCES: tuple[tuple[str, str, str], ...] = (
    ("年报核查（本程序）", "MIT 许可证", "核查政府信息公开工作年度报告的表格、勾稽关系与文档要素"),
    ("Qt 6 / PySide6", "LGPL v3", "图形界面（动态链接，可替换）"),
    ("Droid Sans Fallback 字体", "Apache License 2.0", "系统缺少中文字体时用于界面和打印"),
    ("pandas", "BSD 3-Clause", "表格数据"),
    ("openpyxl", "MIT", "读写 Excel 工作簿"),
    ("pdfplumber / pdfminer.six", "MIT", "读取 PDF"),
    ("python-docx", "MIT", "读取 Word 文档"),
    ("lxml", "BSD 3-Clause", "读取网页"),
    ("charset-normalizer", "MIT", "识别文本编码"),
    ("opencc-python-reimplemented", "Apache License 2.0", "繁体转简体"),
)


def about_html() -> str:
    rows = "".join(f"<tr><td>{n}</td><td>{lic}</td><td>{use}</td></tr>" for n, lic, use in LICENCES)
    return (
        f"<h2>年报核查 {core.__version__}</h2>"
        "<p>政府信息公开工作年度报告核查工具：读取各种格式的年度报告，核对三张统计表的完整性与勾稽关系、"
        "六个部分、发布时限和正文与表格的一致性，并导出更正后的工作簿和核查摘要。</p>"
        "<p>本程序完全离线运行，不联网、不上传任何文件。</p>"
        f"<p>Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}</p>"
        "<h3>许可证</h3>"
        "<table border='1' cellspacing='0' cellpadding='4'><tr><th>组件</th><th>许可证</th><th>用途</th></tr>"
        f"{rows}</table>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于年报核查")
        self.setWindowIcon(icon("app"))
        logo = QLabel(self)
        logo.setPixmap(icon("app").pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(about_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(logo)
        lay.addWidget(self.text, 1)
        lay.addWidget(buttons)
        self.resize(620, 520)
