"""Reference copy (main 9cd5897, see __init__). Saved web pages → SourceDoc for the extractor: prose lines and table rows on a true grid (rowspan/colspan).

Whole pages with site chrome and scripts, Word-pasted markup (<o:p>, <font>, labels split across
spans) and any declared or undeclared encoding. Parsed by lxml's HTML parser with no network access;
HTML has no entity declarations to expand, so nothing in the page can make the parser blow up.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.etree
import lxml.html

from core.model import Loc, SourceCellText, SourceDoc, SourceLine
from core.readers.errors import UnreadableError
from core.readers.htmldecode import decode_html
from core.readers.limits import MAX_MERGED_AREA, MAX_TABLE_DEPTH, MAX_TEXT_CHARS, too_large
from core.textnorm import to_simplified
from reference_readers.display_text import collapse_ws, simplify_lines
from reference_readers.pagemeta import page_meta

_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "ul", "table", "tr",
    "td", "th", "thead", "tbody", "tfoot"))
_SKIP = frozenset(("script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed", "select",
                   "textarea", "svg", "math", "button", "input", "xml"))
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MAX_SPAN = 500
_MAX_ELEMENT_DEPTH = 250  # the walk below recurses about twice per level
_LAYOUT_CELL_CHARS = 400


def _tag(el: Any) -> str | None:
    tag = el.tag
    if not isinstance(tag, str):
        return None  # comment, processing instruction, entity
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _skipped(el: Any, tag: str) -> bool:
    if tag in _SKIP or el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN.search(style))


def _span(value: str | None, default: int = 1) -> int:
    m = re.match(r"\s*(\d+)", value or "")
    return max(1, min(int(m.group(1)), _MAX_SPAN)) if m else default


def _rows(table: Any) -> list[Any]:
    rows: list[Any] = []
    for ch in table:
        tag = _tag(ch)
        if tag == "tr":
            rows.append(ch)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(tr for tr in ch if _tag(tr) == "tr")
    return rows


def _cells(tr: Any) -> list[Any]:
    return [td for td in tr if _tag(td) in ("td", "th")]


def cell_text(td: Any) -> str:
    """Text of one table cell: block parts (paragraphs, line breaks) joined without separators,
    so labels Word split over paragraphs or spans (三/本/年/度, '申请人情'+'况') come back whole."""
    parts: list[str] = []
    cur: list[str] = []

    def flush() -> None:
        if cur:
            parts.append(collapse_ws("".join(cur)).strip())
            cur.clear()

    def rec(el: Any) -> None:
        tag = _tag(el)
        if tag is None or _skipped(el, tag):
            return
        if tag == "br":
            flush()
            return
        block = tag in _BLOCK
        if block:
            flush()
        cur.append(el.text or "")
        for ch in el:
            rec(ch)
            cur.append(ch.tail or "")
        if block:
            flush()

    cur.append(td.text or "")
    for ch in td:
        rec(ch)
        cur.append(ch.tail or "")
    flush()
    return "".join(parts)


def _is_layout(rows: list[Any]) -> bool:
    """A table used for page layout: a cell holds another table, or the table is one or two columns
    wide and a cell holds long running prose (a data table with a long footnote row stays a table)."""
    narrow = all(len(_cells(tr)) <= 2 for tr in rows)
    for tr in rows:
        for td in _cells(tr):
            if any(True for _ in td.iterdescendants("table")):
                return True
            if narrow and len(td.text_content()) > _LAYOUT_CELL_CHARS and \
                    sum(1 for _ in td.iterdescendants("p", "div", "br")) >= 3:
                return True
    return False


class _Walker:
    """Walks the tree in document order, turning blocks into lines and tables into grid rows."""

    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self._buf: list[str] = []
        self._line: int | None = None
        self.area = 0  # grid cells covered by the tables' cells so far (spans included)

    def _add(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if self._line is None and text.strip():
            self._line = line
        self._buf.append(text)

    def flush(self) -> None:
        if self._buf:
            text = collapse_ws("".join(self._buf)).strip()
            if text:
                self.lines.append(SourceLine(text, Loc(line=self._line)))
        self._buf = []
        self._line = None

    def walk(self, el: Any) -> None:
        """el and its children (not its tail)."""
        tag = _tag(el)
        if tag is None or _skipped(el, tag):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        self.children(el)
        if block:
            self.flush()

    def children(self, el: Any) -> None:
        self._add(el.text, el.sourceline)
        for ch in el:
            self.walk(ch)
            self._add(ch.tail, ch.sourceline)

    def table(self, table: Any) -> None:
        for cap in table:
            if _tag(cap) == "caption":
                self.walk(cap)
        rows = _rows(table)
        if _is_layout(rows):
            for tr in rows:
                for td in _cells(tr):
                    self.flush()
                    self.children(td)
                    self.flush()
            return
        covered: dict[int, set[int]] = {}
        for r, tr in enumerate(rows):
            covered.pop(r - 1, None)  # rows above are done: memory stays that of the spans still open
            taken = covered.get(r, set())
            col = 0
            cells: list[SourceCellText] = []
            for td in _cells(tr):
                while col in taken:
                    col += 1
                cs = _span(td.get("colspan"))
                rs_raw = td.get("rowspan")
                # rowspan="0": to the end of the table (HTML), capped like any span
                rs = min(len(rows) - r, _MAX_SPAN) if (rs_raw or "").strip() == "0" else _span(rs_raw)
                rs = min(rs, len(rows) - r)
                self.area += cs * rs
                if self.area > MAX_MERGED_AREA:
                    raise UnreadableError(too_large("表格合并单元格（rowspan/colspan）覆盖的范围", MAX_MERGED_AREA,
                                                    " 个单元格"))
                cells.append(SourceCellText(cell_text(td), Loc(line=td.sourceline), col, cs))
                for rr in range(r + 1, r + rs):
                    covered.setdefault(rr, set()).update(range(col, col + cs))
                col += cs
            if cells:
                text = " | ".join(c.text for c in cells)
                self.lines.append(SourceLine(text, Loc(line=tr.sourceline), cells=tuple(cells)))


def parse_html(text: str) -> Any:
    # huge_tree: libxml2 would otherwise drop everything nested deeper than 256 elements without a word;
    # the depth is then checked here against our own budget
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True,
                                  huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise UnreadableError("网页文件没有可读取的内容，可能是空白页面或已损坏。") from exc
    _check_depth(root)
    return root


def _check_depth(root: Any) -> None:
    """Refuse pages nested deeper than the budgets (tables in tables, elements in elements), before the
    recursive walk."""
    depth = tables = 0
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        is_table = _tag(el) == "table"
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
    walker = _Walker()
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
