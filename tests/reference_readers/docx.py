"""Reference copy (main 9cd5897, see __init__). Word .docx → SourceDoc for the extractor: paragraphs and table rows in document order, merged cells
(gridSpan, vMerge, gridBefore) placed on the true grid, nested layout tables flattened.

word/document.xml is read directly with lxml (no DTD, no entities, no network; see safezip), which is
faster than python-docx and sees content controls, text boxes and tracked insertions the same way.
"""

from __future__ import annotations

from typing import Any

from core.model import Loc, SourceCellText, SourceDoc, SourceLine
from core.readers.errors import UnreadableError
from core.readers.filedate import docx_file_dates
from core.readers.limits import MAX_TEXT_CHARS
from core.readers.safezip import SafeZip
from reference_readers.display_text import collapse_ws, simplify_lines
from reference_readers.docxnum import Numbering

_CONTAINERS = frozenset(("sdt", "sdtContent", "customXml", "smartTag", "ins", "hyperlink", "fldSimple", "dir", "bdo"))
_SKIP = frozenset(("del", "moveFrom", "Fallback", "pPr", "rPr", "tblPr", "trPr", "tcPr", "sectPr", "instrText",
                   "delText", "fldData"))
_BREAK = "\n"


def _local(el: Any) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


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
    def _runs(self, el: Any, out: list[str], boxes: list[Any]) -> None:
        for ch in el:
            name = _local(ch)
            if not name or name in _SKIP:
                continue
            if name == "t":
                out.append(ch.text or "")
            elif name == "tab" or name == "ptab":
                out.append(" ")
            elif name in ("br", "cr"):
                out.append(_BREAK)
            elif name == "noBreakHyphen":
                out.append("-")
            elif name == "txbxContent":
                boxes.append(ch)
            else:
                self._runs(ch, out, boxes)

    def paragraph_text(self, p: Any, boxes: list[Any]) -> str:
        """Text of a paragraph, led by its automatic list number when Word numbers it."""
        out: list[str] = [self.numbering.label(p)] if self.numbering else []
        self._runs(p, out, boxes)
        text = "".join(out)
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

    def cell_text(self, tc: Any) -> str:
        """Paragraphs of one cell joined without separators (labels Word wrapped over paragraphs come back whole)."""
        parts: list[str] = []
        boxes: list[Any] = []
        for p in self._row_children(tc, "p"):
            text = self.paragraph_text(p, boxes)
            parts.append(collapse_ws(text.replace(_BREAK, "")).strip())
        return "".join(parts)

    def table(self, tbl: Any) -> None:
        for tr in self._row_children(tbl, "tr"):
            tcs = self._row_children(tr, "tc")
            if any(True for tc in tcs for _ in tc.iter("{*}tbl")):
                for tc in tcs:  # a layout row holding other tables: its cells are ordinary content
                    self.blocks(tc)
                continue
            tr_pr = _child(tr, "trPr")
            col = _int_val(_child(tr_pr, "gridBefore"), 0) if tr_pr is not None else 0
            loc = self._loc()
            cells: list[SourceCellText] = []
            for tc in tcs:
                tc_pr = _child(tc, "tcPr")
                span = max(1, _int_val(_child(tc_pr, "gridSpan"), 1)) if tc_pr is not None else 1
                vmerge = _child(tc_pr, "vMerge") if tc_pr is not None else None
                if vmerge is not None and (_attr(vmerge, "val") or "continue") == "continue":
                    col += span  # covered by the cell above
                    continue
                cells.append(SourceCellText(self.cell_text(tc), loc, col, span))
                col += span
            if cells:
                self.lines.append(SourceLine(" | ".join(c.text for c in cells), loc, cells=tuple(cells)))


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
