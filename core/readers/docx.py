"""Word .docx → SourceDoc for the extractor: paragraphs and table rows in document order, merged cells
(gridSpan, vMerge, gridBefore) placed on the true grid, nested layout tables flattened.

word/document.xml is read directly with lxml (no DTD, no entities, no network; see safezip), which is
faster than python-docx and sees content controls, text boxes and tracked insertions the same way.
"""

from __future__ import annotations

from typing import Any

from core.model import Loc, SourceCellText, SourceDoc, SourceLine
from core.readers.display_text import collapse_ws, simplify_lines
from core.readers.docxnum import LOCAL_NAMES, Numbering
from core.readers.docxnum import local_name as _local
from core.readers.errors import UnreadableError
from core.readers.filedate import docx_file_dates
from core.readers.limits import MAX_TEXT_CHARS
from core.readers.safezip import SafeZip

_CONTAINERS = frozenset(("sdt", "sdtContent", "customXml", "smartTag", "ins", "hyperlink", "fldSimple", "dir", "bdo"))
_SKIP = frozenset(("del", "moveFrom", "Fallback", "pPr", "rPr", "tblPr", "trPr", "tcPr", "sectPr", "instrText",
                   "delText", "fldData"))
_BREAK = "\n"
_RUN_TEXT = {"tab": " ", "ptab": " ", "br": _BREAK, "cr": _BREAK, "noBreakHyphen": "-"}


def _attr(el: Any, name: str) -> str | None:
    for key, value in el.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return str(value)
    return None


def _child(el: Any, name: str) -> Any | None:
    for ch in el:
        if _local(ch) == name:
            return ch
    return None


def _int_val(el: Any | None, default: int) -> int:
    if el is None:
        return default
    try:
        return max(0, min(int(_attr(el, "val") or default), 1000))
    except ValueError:
        return default


class _Docx:
    """Builds the lines of one document body."""

    def __init__(self, numbering: Numbering | None = None) -> None:
        self.lines: list[SourceLine] = []
        self.numbering = numbering
        self.chars = 0  # characters read so far, against MAX_TEXT_CHARS

    def _loc(self) -> Loc:
        return Loc(line=len(self.lines) + 1)

    # ---------------------------------------------------------------- paragraphs
    def _runs(self, el: Any, out: list[str], boxes: list[Any]) -> Any | None:
        """The text of el's runs into out, text boxes into boxes; returns el's first pPr child (or None)."""
        ppr = None
        for ch in el:
            name = LOCAL_NAMES.get(ch.tag) or _local(ch)  # (the lookup inlined: this loop sees every run)
            if name == "t":
                text = ch.text
                if text:
                    out.append(text)
            elif name == "r":
                self._runs(ch, out, boxes)
            elif not name or name in _SKIP:
                if ppr is None and name == "pPr":
                    ppr = ch
            elif name in _RUN_TEXT:
                out.append(_RUN_TEXT[name])
            elif name == "txbxContent":
                boxes.append(ch)
            else:
                self._runs(ch, out, boxes)
        return ppr

    def paragraph_text(self, p: Any, boxes: list[Any]) -> str:
        """Text of a paragraph, led by its automatic list number when Word numbers it."""
        out: list[str] = []
        ppr = self._runs(p, out, boxes)
        text = "".join(out)
        if self.numbering:
            text = self.numbering.label(ppr) + text
        self.chars += len(text)
        if self.chars > MAX_TEXT_CHARS:
            raise UnreadableError(f"Word 文件的文字过长（超过 {MAX_TEXT_CHARS // 10000} 万字），不像一份年度报告，已停止读取。")
        return text

    def paragraph(self, p: Any) -> None:
        boxes: list[Any] = []
        text = self.paragraph_text(p, boxes)
        for part in text.split(_BREAK):
            clean = collapse_ws(part).strip()
            if clean:
                self.lines.append(SourceLine(clean, self._loc()))
        for box in boxes:
            self.blocks(box)

    # ---------------------------------------------------------------- block containers
    def blocks(self, container: Any) -> None:
        for el in container:
            name = _local(el)
            if name == "p":
                self.paragraph(el)
            elif name == "tbl":
                self.table(el)
            elif name in _CONTAINERS:
                self.blocks(el)

    # ---------------------------------------------------------------- tables
    def _row_children(self, el: Any, name: str) -> list[Any]:
        """Direct children called name, looking through content controls and custom XML wrappers."""
        out: list[Any] = []
        for ch in el:
            local = _local(ch)
            if local == name:
                out.append(ch)
            elif local in _CONTAINERS:
                out.extend(self._row_children(ch, name))
        return out

    def _cell_parts(self, el: Any, parts: list[str], boxes: list[Any]) -> None:
        """The text of el's paragraphs (through content controls) into parts."""
        for ch in el:
            local = LOCAL_NAMES.get(ch.tag) or _local(ch)
            if local == "p":
                text = self.paragraph_text(ch, boxes)
                parts.append(collapse_ws(text.replace(_BREAK, "")).strip() if text else "")
            elif local in _CONTAINERS:
                self._cell_parts(ch, parts, boxes)

    def cell_text(self, tc: Any) -> str:
        """Paragraphs of one cell joined without separators (labels Word wrapped over paragraphs come back whole)."""
        parts: list[str] = []
        self._cell_parts(tc, parts, [])
        return "".join(parts)

    def table(self, tbl: Any) -> None:
        nested = next(tbl.iterdescendants("{*}tbl"), None) is not None  # else no cell can hold a table
        for tr in self._row_children(tbl, "tr"):
            tcs = self._row_children(tr, "tc")
            if nested and any(True for tc in tcs for _ in tc.iter("{*}tbl")):
                for tc in tcs:  # a layout row holding other tables: its cells are ordinary content
                    self.blocks(tc)
                continue
            tr_pr = _child(tr, "trPr")
            col = _int_val(_child(tr_pr, "gridBefore"), 0) if tr_pr is not None else 0
            loc = self._loc()
            cells: list[SourceCellText] = []
            for tc in tcs:
                tc_pr = _child(tc, "tcPr")
                span, vmerge = _cell_props(tc_pr) if tc_pr is not None else (1, None)
                if vmerge is not None and (_attr(vmerge, "val") or "continue") == "continue":
                    col += span  # covered by the cell above
                    continue
                cells.append(SourceCellText(self.cell_text(tc), loc, col, span))
                col += span
            if cells:
                self.lines.append(SourceLine(" | ".join(c.text for c in cells), loc, cells=tuple(cells)))


def _cell_props(tc_pr: Any) -> tuple[int, Any | None]:
    """(grid span, first vMerge element or None) of a cell's properties."""
    grid_span = vmerge = None
    for ch in tc_pr:
        name = _local(ch)
        if name == "gridSpan":
            if grid_span is None:
                grid_span = ch
        elif name == "vMerge" and vmerge is None:
            vmerge = ch
    return max(1, _int_val(grid_span, 1)), vmerge


def _main_part(z: SafeZip) -> str:
    """The main document part named by the package relationships (word/document.xml as a rule)."""
    if z.has("_rels/.rels"):
        rels = z.read_xml("_rels/.rels")
        for rel in rels:
            if (rel.get("Type") or "").endswith("/officeDocument"):
                target = (rel.get("Target") or "").lstrip("/")
                if z.has(target):
                    return target
    return "word/document.xml"


def read_docx(path: str, z: SafeZip) -> SourceDoc:
    root = z.read_xml(_main_part(z))
    body = _child(root, "body")
    if body is None:
        raise UnreadableError("Word 文件中没有正文内容，可能已损坏。请报送单位重新发送。")
    builder = _Docx(Numbering(z))
    builder.blocks(body)
    if not builder.lines:
        raise UnreadableError("Word 文件中没有可读取的文字（可能是空白文档，或正文是图片）。请索取文字版的 Word 或 PDF 文件。")
    lines, script = simplify_lines(builder.lines)
    return SourceDoc(path=path, format="docx", lines=lines, script=script, meta=docx_file_dates(z))
