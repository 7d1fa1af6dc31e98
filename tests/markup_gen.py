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


# ------------------------------------------------------------------------------------------------ DOCX

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OTHER_NS = "http://example.com/other"
_DOCX_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>')
_DOCX_WORDS = ("申请人", "情况", "三、本年度办理结果", "（一）予以公开", "总计", "12", "0", "報告", "這個", "规(guī)章",
               "abc", "  ", " x ", "\u3000", "\xa0", "2024年", "&amp;", "发布日期：2024年1月17日")


class _DocxGen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.numbered = self.r.random() < 0.6

    def text(self) -> str:
        return "".join(self.r.choice(_DOCX_WORDS) for _ in range(self.r.randint(0, 3)))

    def run(self, depth: int) -> str:
        r = self.r
        parts = ["<w:rPr><w:b/><w:t>样式里的字</w:t></w:rPr>" if r.random() < 0.1 else ""]
        for _ in range(r.randint(1, 3)):
            k = r.random()
            if k < 0.55:
                parts.append(f'<w:t xml:space="preserve">{self.text()}</w:t>')
            elif k < 0.62:
                parts.append(r.choice(("<w:tab/>", "<w:ptab/>", "<w:br/>", "<w:cr/>", "<w:noBreakHyphen/>")))
            elif k < 0.66:
                parts.append(f"<w:delText>{self.text()}</w:delText>")
            elif k < 0.7:
                parts.append(f"<w:instrText>PAGE {self.text()}</w:instrText>")
            elif k < 0.74 and depth < 2:
                parts.append(f"<w:pict><v:textbox xmlns:v='urn:v'><w:txbxContent>{self.paras(depth + 1)}"
                             "</w:txbxContent></v:textbox></w:pict>")
            elif k < 0.77:
                parts.append(f"<o:t xmlns:o='{_OTHER_NS}'>{self.text()}</o:t>")
            elif k < 0.8:
                parts.append(f"<t>{self.text()}</t>")
            else:
                parts.append(f"<w:t>{self.text()}</w:t>")
        return "<w:r>" + "".join(parts) + "</w:r>"

    def inline(self, depth: int) -> str:
        r = self.r
        k = r.random()
        if k < 0.7:
            return self.run(depth)
        wrap = r.choice(("w:ins", "w:del", "w:moveFrom", "w:hyperlink", "w:smartTag", "w:fldSimple", "w:sdt",
                         "w:customXml", "w:dir", "w:bdo", "mc:AlternateContent", "w:moveTo", "w:proofErr"))
        if wrap == "mc:AlternateContent":
            return (f"<mc:AlternateContent xmlns:mc='urn:mc'><mc:Choice>{self.run(depth)}</mc:Choice>"
                    f"<mc:Fallback>{self.run(depth)}</mc:Fallback></mc:AlternateContent>")
        if wrap == "w:sdt":
            return f"<w:sdt><w:sdtPr/><w:sdtContent>{self.run(depth)}</w:sdtContent></w:sdt>"
        return f"<{wrap}>{self.run(depth)}{self.run(depth) if r.random() < 0.3 else ''}</{wrap}>"

    def ppr(self) -> str:
        r = self.r
        if not self.numbered or r.random() < 0.4:
            return "" if r.random() < 0.5 else "<w:pPr><w:jc w:val='center'/></w:pPr>"
        parts = []
        if r.random() < 0.4:
            parts.append(f"<w:pStyle w:val='{r.choice(('H1', 'H2', 'Body', 'Missing'))}'/>")
        if r.random() < 0.6:
            ilvl = f"<w:ilvl w:val='{r.choice(('0', '1', '2', 'x'))}'/>" if r.random() < 0.7 else ""
            parts.append(f"<w:numPr>{ilvl}<w:numId w:val='{r.choice(('1', '2', '0', '9'))}'/></w:numPr>")
        return "<w:pPr>" + "".join(parts) + "</w:pPr>"

    def para(self, depth: int) -> str:
        inner = "".join(self.inline(depth) for _ in range(self.r.randint(0, 4)))
        return f"<w:p>{self.ppr()}{inner}</w:p>"

    def paras(self, depth: int) -> str:
        return "".join(self.para(depth) for _ in range(self.r.randint(1, 2)))

    def cell(self, depth: int) -> str:
        r = self.r
        props = []
        if r.random() < 0.3:
            props.append(f"<w:gridSpan w:val='{r.choice(('2', '3', '0', 'x', '5000'))}'/>")
        if r.random() < 0.25:
            props.append(r.choice(("<w:vMerge/>", "<w:vMerge w:val='restart'/>", "<w:vMerge w:val='continue'/>")))
        tcpr = f"<w:tcPr>{''.join(props)}</w:tcPr>" if props or r.random() < 0.5 else ""
        body = "".join(self.para(depth) for _ in range(r.randint(0, 3)))
        if depth < 2 and r.random() < 0.05:
            body += self.table(depth + 1) + "<w:p/>"
        cell = f"<w:tc>{tcpr}{body}</w:tc>"
        return f"<w:sdt><w:sdtContent>{cell}</w:sdtContent></w:sdt>" if r.random() < 0.05 else cell

    def table(self, depth: int) -> str:
        r = self.r
        rows = []
        for _ in range(r.randint(0, 5)):
            trpr = f"<w:trPr><w:gridBefore w:val='{r.choice(('1', '2', 'x'))}'/></w:trPr>" if r.random() < 0.15 else ""
            cells = "".join(self.cell(depth) for _ in range(r.randint(0, 5)))
            row = f"<w:tr>{trpr}{cells}</w:tr>"
            rows.append(f"<w:customXml>{row}</w:customXml>" if r.random() < 0.05 else row)
        return "<w:tbl><w:tblPr/>" + "".join(rows) + "</w:tbl>"

    def body(self) -> str:
        r = self.r
        parts = []
        for _ in range(r.randint(1, 8)):
            k = r.random()
            if k < 0.55:
                parts.append(self.para(0))
            elif k < 0.85:
                parts.append(self.table(0))
            else:
                parts.append(f"<w:sdt><w:sdtContent>{self.para(0)}</w:sdtContent></w:sdt>")
        return "".join(parts) + "<w:sectPr><w:t>节属性</w:t></w:sectPr>"

    def numbering(self) -> str:
        levels = "".join(
            f"<w:lvl w:ilvl='{i}'><w:start w:val='{1 + i}'/><w:numFmt w:val='{fmt}'/><w:lvlText w:val='{text}'/></w:lvl>"
            for i, (fmt, text) in enumerate((("chineseCounting", "%1、"), ("decimal", "（%2）"),
                                             ("upperRoman", "%1.%2.%3"))))
        return (f"<w:numbering xmlns:w='{W_NS}'><w:abstractNum w:abstractNumId='7'>{levels}</w:abstractNum>"
                "<w:num w:numId='1'><w:abstractNumId w:val='7'/></w:num>"
                "<w:num w:numId='2'><w:abstractNumId w:val='7'/></w:num></w:numbering>")

    def styles(self) -> str:
        return (f"<w:styles xmlns:w='{W_NS}'><w:style w:styleId='H1'><w:pPr><w:numPr><w:numId w:val='1'/>"
                "</w:numPr></w:pPr></w:style><w:style w:styleId='H2'><w:basedOn w:val='H1'/><w:pPr><w:numPr>"
                "<w:ilvl w:val='1'/></w:numPr></w:pPr></w:style><w:style w:styleId='Body'/></w:styles>")

    def package(self) -> bytes:
        import io
        import zipfile

        doc = f"<?xml version='1.0' encoding='UTF-8'?><w:document xmlns:w='{W_NS}'><w:body>{self.body()}</w:body></w:document>"
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", _DOCX_CT)
            z.writestr("word/document.xml", doc)
            if self.numbered:
                z.writestr("word/numbering.xml", self.numbering())
                z.writestr("word/styles.xml", self.styles())
            if self.r.random() < 0.5:
                z.writestr("docProps/core.xml", "<cp:coreProperties xmlns:cp='urn:cp' xmlns:dcterms='urn:dcterms'>"
                           "<dcterms:created>2024-01-17T08:00:00Z</dcterms:created>"
                           "<dcterms:modified>2024-13-01</dcterms:modified></cp:coreProperties>")
        return buf.getvalue()


def random_docx(seed: int) -> bytes:
    """A random Word document (the package's bytes); the same seed gives the same document."""
    return _DocxGen(seed).package()
