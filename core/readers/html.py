"""Saved web pages → SourceDoc for the extractor: prose lines and table rows on a true grid (rowspan/colspan).

Whole pages with site chrome and scripts, Word-pasted markup (<o:p>, <font>, labels split across
spans) and any declared or undeclared encoding. Parsed by lxml's HTML parser with no network access;
HTML has no entity declarations to expand, so nothing in the page can make the parser blow up.
"""

from __future__ import annotations

from typing import Any

import lxml.etree

from core.model import SourceDoc
from core.readers.display_text import simplify_lines
from core.readers.errors import UnreadableError
from core.readers.htmldecode import decode_html
from core.readers.htmlwalk import Walker, tag_name
from core.readers.limits import MAX_TABLE_DEPTH, MAX_TEXT_CHARS
from core.readers.pagemeta import page_meta
from core.textnorm import to_simplified

_MAX_ELEMENT_DEPTH = 250  # the walk recurses about twice per level
# no element this deep means neither depth budget can be exceeded (a table nests at least one element deeper)
_NOT_DEEP = lxml.etree.XPath("not(" + "/*" * (MAX_TABLE_DEPTH + 1) + ")")


def parse_html(text: str) -> Any:
    # huge_tree: libxml2 would otherwise drop everything nested deeper than 256 elements without a word;
    # the depth is then checked here against our own budget. Plain lxml.etree elements: lxml.html's element
    # classes cost a Python call for every element touched and nothing here uses them.
    parser = lxml.etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True,
                                   huge_tree=True)
    try:
        root = lxml.etree.fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise UnreadableError("网页文件没有可读取的内容，可能是空白页面或已损坏。") from exc
    if root is None:  # what lxml.html.document_fromstring refuses as an empty document
        raise UnreadableError("网页文件没有可读取的内容，可能是空白页面或已损坏。")
    if not _NOT_DEEP(root):
        _check_depth(root)
    return root


def _check_depth(root: Any) -> None:
    """Refuse pages nested deeper than the budgets (tables in tables, elements in elements), before the
    recursive walk."""
    depth = tables = 0
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        is_table = tag_name(el) == "table"
        if event == "start":
            depth += 1
            tables += is_table
            if tables > MAX_TABLE_DEPTH:
                raise UnreadableError(f"网页中的表格嵌套层数过多（超过 {MAX_TABLE_DEPTH} 层），不像一份年度报告，"
                                      "为安全起见已停止读取。请换用 Word、PDF 或文字版报告。")
            if depth > _MAX_ELEMENT_DEPTH:
                raise UnreadableError(f"网页的标签嵌套层数过多（超过 {_MAX_ELEMENT_DEPTH} 层），不像一份年度报告，"
                                      "为安全起见已停止读取。请换用 Word、PDF 或文字版报告。")
        else:
            depth -= 1
            tables -= is_table


def html_doc(path: str, text: str) -> SourceDoc:
    """Decoded page text → SourceDoc (also used for HTML found inside other containers)."""
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableError(f"网页内容过长（超过 {MAX_TEXT_CHARS // 10000} 万字），不像一份年度报告，已停止读取。")
    root = parse_html(text)
    walker = Walker(root)
    walker.walk(root)
    walker.flush()
    if not walker.lines:
        raise UnreadableError("网页中没有可读取的文字（可能是空白页面，或正文是图片）。请换用 Word、PDF 或文字版报告。")
    meta = page_meta(root, walker.lines)
    lines, script = simplify_lines(walker.lines)
    if script == "traditional" and "title" in meta:
        meta["title"] = to_simplified(meta["title"])
    return SourceDoc(path=path, format="html", lines=lines, script=script, meta=meta)


def _mhtml_html(data: bytes) -> str | None:
    """The page inside a single-file web archive (.mht/.mhtml: MIME multipart/related), decoded."""
    head = data[:4096].lower()
    if b"mime-version" not in head or b"multipart/related" not in head:
        return None
    import email
    import email.policy

    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            charset = part.get_content_charset()
            if charset:
                try:
                    return payload.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    pass
            return decode_html(payload)[0]
    raise UnreadableError("网页存档文件（.mht）中没有找到网页正文，可能已损坏。请换用 .html、Word 或 PDF 文件。")


def read_html(path: str, data: bytes) -> SourceDoc:
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnreadableError("文件是空的，没有可读取的内容。")
    archived = _mhtml_html(data)
    text = archived if archived is not None else decode_html(data)[0]
    return html_doc(path, text)
