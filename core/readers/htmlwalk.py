"""The parsed web page → lines for the HTML reader: blocks become prose lines, tables rows on the true grid
(rowspan/colspan), layout tables flattened, scripts and hidden elements left out.

Every element of a page passes through here, so the per-element work is kept small: a tag is classified
once per distinct tag name, hidden elements are found from the page's attributes in one pass, and white
space between blocks is dropped without a regular expression.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.etree

from core.model import Loc, SourceCellText, SourceLine
from core.readers.display_text import collapse_ws
from core.readers.errors import UnreadableError
from core.readers.limits import MAX_MERGED_AREA, too_large

_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "ul", "table", "tr",
    "td", "th", "thead", "tbody", "tfoot"))
_SKIP = frozenset(("script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed", "select",
                   "textarea", "svg", "math", "button", "input", "xml"))
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HIDDEN_ATTR = lxml.etree.XPath("//@hidden")
_STYLE_ATTR = lxml.etree.XPath("//@style")
_STYLE_VALUES = lxml.etree.XPath("//@style", smart_strings=False)  # the same attributes, in the same order
_NTH_STYLED = lxml.etree.XPath("(//@style)[$k]/..")
_FEW_SUSPECTS = 3  # styles that may hide looked up one by one; more are found in one pass over all styles
_SPAN = re.compile(r"\s*(\d+)")
_MAX_SPAN = 500
_LAYOUT_CELL_CHARS = 400
_STRING = lxml.etree.XPath("string()", smart_strings=False)  # all text below an element (lxml.html's text_content)

INLINE, BLOCK, BREAK, TABLE, SKIP = range(5)
_NAMES: dict[str, str] = {}  # tag as parsed → lower-case local name ('o:p' → 'p'); a page uses few distinct tags
_KINDS: dict[str, int] = {}  # tag as parsed → what the walk does with it
_KEPT = 4096  # distinct tags remembered (a hostile page may invent any number)


def tag_name(el: Any) -> str | None:
    """Lower-case local name of an element; None for a comment, processing instruction or entity."""
    tag = el.tag
    if not isinstance(tag, str):
        return None
    name = _NAMES.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()
        if len(_NAMES) < _KEPT:
            _NAMES[tag] = name
    return name


def _kind(tag: Any) -> int:
    if not isinstance(tag, str):
        return SKIP  # comment, processing instruction, entity: neither it nor its content is read
    kind = _KINDS.get(tag)
    if kind is None:
        name = tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()
        kind = (SKIP if name in _SKIP else BREAK if name == "br" else TABLE if name == "table" else
                BLOCK if name in _BLOCK else INLINE)
        if len(_KINDS) < _KEPT:
            _KINDS[tag] = kind
    return kind


def _hidden(el: Any) -> bool:
    """Hidden by the `hidden` attribute or by display:none / visibility:hidden in its style."""
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN.search(style))


def hidden_elements(root: Any) -> set[Any]:
    """The page's hidden elements, found from its `hidden` and `style` attributes rather than by asking every
    element. Under re.I only the ASCII capitals fold to n, o, e, d, so a style _HIDDEN matches contains 'none'
    or 'dden' once lowered: the styles are looked at all together first (most pages have no such style, however
    many styles they have), and only the few that may hide are then found in the tree and checked exactly. The
    set holds the element proxies, so lxml hands out these same objects while the walk runs."""
    found = {attr.getparent() for attr in _HIDDEN_ATTR(root)}
    styles = _STYLE_VALUES(root)
    together = "\x00".join(styles).lower()
    if "none" in together or "dden" in together:
        suspects = [k for k, style in enumerate(styles, start=1) if "none" in (low := style.lower()) or "dden" in low]
        if len(suspects) <= _FEW_SUSPECTS:
            for k in suspects:
                found.update(_NTH_STYLED(root, k=k))
        else:
            found.update(attr.getparent() for attr in _STYLE_ATTR(root)
                         if "none" in (low := attr.lower()) or "dden" in low)
    return {el for el in found if _hidden(el)}


def _span(value: str | None, default: int = 1) -> int:
    if value is None:
        return default
    if value.isdigit() and value.isascii():  # the usual "2": what the pattern below reads from it
        return max(1, min(int(value), _MAX_SPAN))
    m = _SPAN.match(value)
    return max(1, min(int(m.group(1)), _MAX_SPAN)) if m else default


def _rows(table: Any) -> list[Any]:
    rows: list[Any] = []
    for ch in table:
        tag = tag_name(ch)
        if tag == "tr":
            rows.append(ch)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(tr for tr in ch if tag_name(tr) == "tr")
    return rows


def _cells(tr: Any) -> list[Any]:
    return [td for td in tr if tag_name(td) in ("td", "th")]


def _part(text: str) -> str:
    """One part of a cell's text as shown (white space alone, such as the line break before a <p>, is nothing)."""
    return "" if text.isspace() else collapse_ws(text).strip()


class _CellText:
    """Text of table cells: block parts (paragraphs, line breaks) joined without separators,
    so labels Word split over paragraphs or spans (三/本/年/度, '申请人情'+'况') come back whole."""

    def __init__(self, hidden: set[Any]) -> None:
        self.hidden = hidden
        self.parts: list[str] = []
        self.cur: list[str] = []

    def __call__(self, td: Any) -> str:
        text = td.text
        if not len(td):
            return _part(text) if text else ""
        parts, cur = self.parts, self.cur
        if text:
            cur.append(text)
        for ch in td:
            self._add(ch)
            text = ch.tail
            if text:
                cur.append(text)
        if cur:
            parts.append(_part("".join(cur)))
            cur.clear()
        out = "".join(parts)
        parts.clear()
        return out

    def _add(self, el: Any) -> None:
        """el (not its tail)."""
        tag = el.tag
        kind = _KINDS.get(tag)
        if kind is None:
            kind = _kind(tag)
        if kind == SKIP or (self.hidden and el in self.hidden):
            return
        cur = self.cur
        if kind:  # a block, a table or a line break ends the part before it
            if cur:
                self.parts.append(_part("".join(cur)))
                cur.clear()
            if kind == BREAK:
                return
        text = el.text
        if text:
            cur.append(text)
        for ch in el:
            self._add(ch)
            text = ch.tail
            if text:
                cur.append(text)
        if kind and cur:
            self.parts.append(_part("".join(cur)))
            cur.clear()


def _is_layout(table: Any, cells: list[list[Any]]) -> bool:
    """A table used for page layout: a cell holds another table, or the table is one or two columns
    wide and a cell holds long running prose (a data table with a long footnote row stays a table)."""
    narrow = all(len(tds) <= 2 for tds in cells)
    nested = next(table.iterdescendants("table"), None) is not None  # else no cell can hold one
    if not (narrow or nested):
        return False
    for tds in cells:
        for td in tds:
            if nested and next(td.iterdescendants("table"), None) is not None:
                return True
            if narrow and len(_STRING(td)) > _LAYOUT_CELL_CHARS and \
                    sum(1 for _ in td.iterdescendants("p", "div", "br")) >= 3:
                return True
    return False


class Walker:
    """Walks the tree in document order, turning blocks into lines and tables into grid rows."""

    def __init__(self, root: Any) -> None:
        self.lines: list[SourceLine] = []
        self._buf: list[str] = []
        self._line: int | None = None
        self.area = 0  # grid cells covered by the tables' cells so far (spans included)
        self.hidden = hidden_elements(root)
        self._cell_text = _CellText(self.hidden)
        self._locs: dict[int | None, Loc] = {}  # one Loc per source line (they are immutable)

    def _loc(self, line: int | None) -> Loc:
        loc = self._locs.get(line)
        if loc is None:
            loc = self._locs[line] = Loc(line=line)
        return loc

    def flush(self) -> None:
        buf = self._buf
        if buf:
            text = _part("".join(buf))
            if text:
                self.lines.append(SourceLine(text, self._loc(self._line)))
            buf.clear()
            self._line = None

    def walk(self, el: Any) -> None:
        """el and its children (not its tail)."""
        tag = el.tag
        kind = _KINDS.get(tag)
        if kind is None:
            kind = _kind(tag)
        if kind == SKIP or (self.hidden and el in self.hidden):
            return
        if kind == INLINE:
            self.children(el)
        elif kind == BLOCK:
            self.flush()
            self.children(el)
            self.flush()
        elif kind == BREAK:
            self.flush()
        else:
            self.flush()
            self.table(el)

    def children(self, el: Any) -> None:
        buf = self._buf
        text = el.text
        if text:
            if self._line is None and text.strip():
                self._line = el.sourceline
            buf.append(text)
        for ch in el:
            self.walk(ch)
            text = ch.tail
            if text:
                if self._line is None and text.strip():
                    self._line = ch.sourceline
                buf.append(text)

    def table(self, table: Any) -> None:
        for cap in table:
            if tag_name(cap) == "caption":
                self.walk(cap)
        rows = _rows(table)
        cells_of = [_cells(tr) for tr in rows]
        if _is_layout(table, cells_of):
            for tds in cells_of:
                for td in tds:
                    self.flush()
                    self.children(td)
                    self.flush()
            return
        covered: dict[int, set[int]] = {}
        n_rows = len(rows)
        cell_text, loc = self._cell_text, self._loc
        for r, tr in enumerate(rows):
            covered.pop(r - 1, None)  # rows above are done: memory stays that of the spans still open
            taken = covered.get(r, ())
            left = n_rows - r  # rows from this one to the end of the table
            col = 0
            cells: list[SourceCellText] = []
            for td in cells_of[r]:
                while col in taken:
                    col += 1
                cs_raw, rs_raw = td.get("colspan"), td.get("rowspan")
                cs = 1 if cs_raw is None else _span(cs_raw)
                if rs_raw is None:
                    rs = 1
                elif rs_raw.strip() == "0":  # rowspan="0": to the end of the table (HTML), capped like any span
                    rs = min(left, _MAX_SPAN)
                else:
                    rs = min(_span(rs_raw), left)
                self.area += cs * rs
                if self.area > MAX_MERGED_AREA:
                    raise UnreadableError(too_large("表格合并单元格（rowspan/colspan）覆盖的范围", MAX_MERGED_AREA,
                                                    " 个单元格"))
                cells.append(SourceCellText(cell_text(td), loc(td.sourceline), col, cs))
                if rs > 1:
                    for rr in range(r + 1, r + rs):
                        covered.setdefault(rr, set()).update(range(col, col + cs))
                col += cs
            if cells:
                text = " | ".join([c.text for c in cells])
                self.lines.append(SourceLine(text, loc(tr.sourceline), cells=tuple(cells)))
