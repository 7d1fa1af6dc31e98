"""Shared by the structured readers (HTML, DOCX, XLSX): white space as displayed, script detection and simplification."""

from __future__ import annotations

import re
from dataclasses import replace

from core.model import SourceLine
from core.textnorm import detect_script, strip_pinyin, to_simplified

_CJK = "[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
# a line break between two CJK characters is not a space (the CSS Text segment-break rule)
_CJK_BREAK = re.compile(f"(?<={_CJK})[ \t\f\xa0]*[\r\n][ \t\r\n\f\xa0]*(?={_CJK})")
_WS = re.compile(r"[ \t\r\n\f\xa0\u200b]+")


def collapse_ws(text: str) -> str:
    """White space as a browser shows it: runs become one space; a line break between CJK characters vanishes."""
    if "\n" in text or "\r" in text:
        text = _CJK_BREAK.sub("", text)
    return _WS.sub(" ", text)


def _texts(lines: list[SourceLine]) -> list[str]:
    out: list[str] = []
    for ln in lines:
        out.append(ln.text)
        if ln.cells:
            out.extend(c.text for c in ln.cells)
    return out


def _convert_all(texts: list[str]) -> list[str]:
    """Convert many short strings with one OpenCC call (per-string calls are slow)."""
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    parts = to_simplified(joined).split("\n")
    if len(parts) != len(texts):
        parts = [to_simplified(t) for t in texts]
    return parts


def simplify_lines(lines: list[SourceLine]) -> tuple[list[SourceLine], str]:
    """Detect the script of the document; when traditional, convert every line and cell to simplified,
    keeping each line's original text in `SourceLine.original`. Pinyin annotations are removed."""
    texts = _texts(lines)
    script = detect_script("\n".join(texts))
    converted = _convert_all(texts) if script == "traditional" else texts
    out: list[SourceLine] = []
    k = 0
    for ln in lines:
        text = strip_pinyin(converted[k])
        k += 1
        cells = ln.cells
        if cells:
            new_cells = []
            changed = False
            for c in cells:
                ct = strip_pinyin(converted[k])
                k += 1
                if ct != c.text:
                    c = replace(c, text=ct)
                    changed = True
                new_cells.append(c)
            if changed:
                cells = tuple(new_cells)
        if text == ln.text and cells is ln.cells:
            out.append(ln)  # unchanged: the line itself (lines are immutable)
        else:
            original = ln.text if text != ln.text else ln.original
            out.append(SourceLine(text, ln.loc, cells=cells, original=original))
    return out, script
