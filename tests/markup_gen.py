"""Test helper: random but reproducible web pages and Word document bodies that exercise every branch of the
HTML and DOCX readers (blocks, line breaks, skipped and hidden elements, namespaced tags, nested and layout
tables, odd rowspan/colspan values, white space between CJK characters, traditional script, numbering,
content controls, tracked changes, text boxes), for comparing the readers with their reference versions."""

from __future__ import annotations

import random

_WORDS = ("申请人", "情况", "三、本年度办理结果", "（一）予以公开", "自然人", "法人或其他组织", "总计", "12", "0", "3.5",
          "報告", "這個數據", "规(guī)章", "發布日期：2024年1月17日", "公开日期", "2023-12-30", "abc", "Tab\tX", "政府",
          "信息", "年度报告", "商业", "企业", "ＡＢ１２", "　", "\u200b", "\xa0", " ", "\n", "\r\n", "\t", "  \n  ",
          "2024年", "发布时间: 2022/3/4", "&amp;", "&lt;b&gt;", "&nbsp;", "&#x3000;")
_INLINE = ("span", "font", "b", "i", "a", "o:p", "st1:chsdate", "u", "strong", "sup", "w:sdt", "SPAN", "label")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "center", "section", "blockquote", "pre", "ul", "dd", "x:div")
_SKIPS = ("script", "style", "select", "noscript", "textarea", "button", "iframe", "object", "svg")
_STYLES = ("", "color:red", "display:none", "DISPLAY : NONE", "visibility: hidden", "font-size:12pt;display:block",
           "mso-hide:all", "display:\tnone")
_SPANS = (None, None, None, "1", "2", "3", " 2 ", "0", "", "x", "-1", "２", "٣", "2x", "999", "01")


class _Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def text(self) -> str:
        r = self.r
        return "".join(r.choice(_WORDS) for _ in range(r.randint(0, 3)))

    def attrs(self) -> str:
        r = self.r
        out = ""
        if r.random() < 0.2:
            out += f' style="{r.choice(_STYLES)}"'
        if r.random() < 0.04:
            out += " hidden"
        if r.random() < 0.08:
            out += f' class="{r.choice(("title", "MsoTitle", "nav", "Article-TITLE", "x"))}"'
        return out

    def inline(self, depth: int) -> str:
        r = self.r
        parts = [self.text()]
        for _ in range(r.randint(0, 3 if depth < 4 else 0)):
            k = r.random()
            if k < 0.12:
                parts.append("<br>")
            elif k < 0.18:
                tag = r.choice(_SKIPS)
                parts.append(f"<{tag}>{self.text()}</{tag}>")
            elif k < 0.22:
                parts.append(f"<!-- {self.text()} -->")
            else:
                tag = r.choice(_INLINE)
                parts.append(f"<{tag}{self.attrs()}>{self.inline(depth + 1)}</{tag}>")
            parts.append(self.text())
        return "".join(parts)

    def flow(self, depth: int) -> str:
        r = self.r
        parts = []
        for _ in range(r.randint(1, 4 if depth < 3 else 2)):
            k = r.random()
            if k < 0.45:
                tag = r.choice(_BLOCKS)
                inner = self.flow(depth + 1) if depth < 3 and r.random() < 0.3 else self.inline(depth)
                parts.append(f"<{tag}{self.attrs()}>{inner}</{tag}>")
            elif k < 0.6 and depth < 3:
                parts.append(self.table(depth + 1))
            elif k < 0.65:
                parts.append("<hr>")
            else:
                parts.append(self.inline(depth))
            if r.random() < 0.3:
                parts.append(self.text())
        return r.choice(("", "\n", " \n")).join(parts)

    def cell(self, depth: int) -> str:
        r = self.r
        tag = "th" if r.random() < 0.1 else "td"
        attrs = self.attrs()
        for name in ("rowspan", "colspan"):
            value = r.choice(_SPANS)
            if value is not None:
                attrs += f' {name}="{value}"'
        k = r.random()
        if k < 0.08 and depth < 3:
            inner = self.table(depth + 1)
        elif k < 0.12:
            inner = "".join(f"<p>{'长段落文字内容。' * r.randint(5, 30)}</p>" for _ in range(r.randint(1, 4)))
        elif k < 0.5:
            inner = "".join(f"<p class=MsoNormal>{self.inline(depth)}</p>" for _ in range(r.randint(1, 3)))
        else:
            inner = self.inline(depth)
        return f"<{tag}{attrs}>{inner}</{tag}>"

    def table(self, depth: int) -> str:
        r = self.r
        width = r.choice((1, 2, 2, 3, 4, 6))
        rows = []
        for _ in range(r.randint(0, 6)):
            cells = "".join(self.cell(depth) for _ in range(r.randint(0, width)))
            rows.append(f"<tr{self.attrs()}>{cells}</tr>" if r.random() < 0.9 else cells)
        body = r.choice(("", "\n")).join(rows)
        k = r.random()
        if k < 0.3:
            body = f"<tbody{self.attrs()}>{body}</tbody>"
        elif k < 0.4:
            body = f"<thead>{rows[0] if rows else ''}</thead><tbody>{body}</tbody><tfoot><tr><td>注</td></tr></tfoot>"
        caption = f"<caption>{self.inline(depth)}</caption>" if r.random() < 0.15 else ""
        stray = self.text() if r.random() < 0.1 else ""
        return f"<table{self.attrs()}>{caption}{stray}{body}</table>"

    def page(self) -> str:
        r = self.r
        head = []
        if r.random() < 0.5:
            head.append(f"<title>{r.choice(('某县2023年政府信息公开工作年度报告-某县', '首页', '報告 | 網站', ''))}</title>")
        if r.random() < 0.3:
            name = r.choice(("PubDate", "ArticleTitle", "og:title", "keywords", "publishdate"))
            content = r.choice(("2024-01-17 10:00", "某局2023年年度报告", "2023年5月6日", "无"))
            head.append(f'<meta name="{name}" content="{content}">')
        body = self.flow(0)
        if r.random() < 0.2:
            body += f"<publishtime>{r.choice(('2024-02-03', '不详'))}</publishtime>"
        if r.random() < 0.2:
            body = f"<ucaptitle>{self.text()}报告</ucaptitle>" + body
        if r.random() < 0.1:
            body += "繁體：這個報告說明了我們國家機構的統計數據" * 3
        return "<html><head>" + "".join(head) + "</head><body>" + body + "</body></html>"


def random_page(seed: int) -> str:
    """A random web page; the same seed gives the same page."""
    return _Gen(seed).page()


def nested_page(tables: int, elements: int) -> str:
    """Tables nested `tables` deep inside divs nested `elements` deep (the readers' depth budgets)."""
    inner = "x"
    for _ in range(tables):
        inner = f"<table><tr><td>{inner}</td></tr></table>"
    return "<html><body>" + "<div>" * elements + inner + "</div>" * elements + "</body></html>"
