"""帮助 → 使用说明: a short offline guide in Chinese for the officer (open, read the colours, correct, export, sets)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from core.legend import LEGEND, LOOKS

_STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("一、打开报告", (
        "“文件 → 打开”（Ctrl+O）选择报告；网页、Word、PDF、Excel 和文本都可以。也可以把文件或整个文件夹拖到窗口里。",
        "“文件 → 打开文件夹”（Ctrl+Shift+O）一次打开一个文件夹里的全部报告，左侧列表逐份显示机关、年度和状态。",
        "还没有报告时，可在起始页点“打开示例”看一份示例报告。",
    )),
    ("二、看懂颜色", ()),  # filled from the legend
    ("三、查看问题", (
        "窗口下方的问题列表按严重程度排列；单击一条问题，表格中相关单元格被选中；双击查看原文依据。",
        "F8 / Shift+F8 依次跳到下一条、上一条问题。可按严重程度、类别或文字筛选。",
        "发布日期或机关层级判断有误时，在“核查 → 核查设置”中填写发布日期、选择层级（政府部门 / 本级人民政府），"
        "也可指定上一年度报告，以核对跨年度数字。",
    )),
    ("四、更正数字", (
        "双击单元格或直接输入数字即可修改；Enter 确认并下移，Delete 清空，可粘贴从 Excel 复制的一块数字。",
        "输入的不是数字时，单元格旁会说明原因，输入的内容保留在单元格里，改正后按 Enter 即可。",
        "“应用此修正”（Ctrl+E）采纳一条建议；“应用全部安全修正”（Ctrl+Shift+E）只采纳不会有争议的修正。",
        "每次修改都可撤销（Ctrl+Z）和重做（Ctrl+Y）；“视图 → 修改历史”列出全部修改。",
    )),
    ("五、导出与打印", (
        "“文件 → 导出”可导出更正后的 Excel 工作簿（含“核查结果”“修改记录”）、规范文本报告、核查摘要（网页或 PDF）。",
        "默认保存在原报告旁边，不会覆盖原报告。“文件 → 打印预览”打印核查摘要。",
    )),
    ("六、成批核查", (
        "打开文件夹后左侧列表列出每份报告的问题数；逐份点击查看。",
        "需要汇总整个地区时，可请信息化同事用命令行版 ogicheck-cli 的 batch 功能生成汇总工作簿。",
    )),
    ("七、屏幕较小时", (
        "“视图”菜单可隐藏原文窗格（F9）或问题列表（F10），Ctrl+= / Ctrl+- 放大缩小表格，Ctrl+0 还原；这些设置会被记住。",
    )),
)


def guide_html() -> str:
    parts = ["<h2>年报核查 使用说明</h2>"]
    for title, items in _STEPS:
        parts.append(f"<h3>{escape(title)}</h3><ul>")
        if not items:
            for e in LEGEND:
                parts.append(f"<li><span style='background:#{e.fill}; color:#{e.text};'>&nbsp;{escape(e.label)}&nbsp;"
                             f"</span>：{escape(_COLOUR_MEANING[e.key])}</li>")
            parts += [f"<li>{escape(look.label)}：{escape(look.meaning)}</li>" for look in LOOKS]
            parts.append("<li>把鼠标停在单元格上，可看到原文、问题说明和提示。</li>")
        parts += [f"<li>{escape(item)}</li>" for item in items]
        parts.append("</ul>")
    return "".join(parts)


_COLOUR_MEANING = {
    "error": "有错误，如合计对不上、数字不是数字",
    "warning": "需要注意，如空白、读取存疑、正文与表格不符",
    "info": "提示信息，如单位已换算",
    "missing": "单元格空白（或印作“/”“-”“无”），模板要求填写数字，没有数据应填 0",
    "corrected": "已更正且没有遗留问题",
}


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明 — 年报核查")
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(guide_html())
        lay.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        self.resize(min(640, int(screen.width() * 0.9)) if screen else 640,
                    min(720, int(screen.height() * 0.85)) if screen else 600)
