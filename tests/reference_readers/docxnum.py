"""Reference copy (main 9cd5897, see __init__). Automatic list numbering of Word paragraphs (numbering.xml, styles.xml) for the DOCX reader, so headings
numbered by Word ("一、" "（一）" "1.") read as printed instead of losing their numerals."""

from __future__ import annotations

from typing import Any

from core.readers.safezip import SafeZip

_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CHINESE = {"chineseCounting", "chineseCountingThousand", "ideographDigital", "japaneseCounting",
            "taiwaneseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified"}


def _local(el: Any) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _val(el: Any | None) -> str | None:
    if el is None:
        return None
    for key, value in el.attrib.items():
        if key.rsplit("}", 1)[-1] == "val":
            return str(value)
    return None


def _attr(el: Any, name: str) -> str | None:
    for key, value in el.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return str(value)
    return None


def _child(el: Any | None, name: str) -> Any | None:
    if el is None:
        return None
    for ch in el:
        if _local(ch) == name:
            return ch
    return None


def chinese_number(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    return str(n)


def format_number(n: int, fmt: str) -> str:
    if fmt in _CHINESE:
        return chinese_number(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


class Numbering:
    """Counts list items in document order and renders each numbered paragraph's label."""

    def __init__(self, z: SafeZip) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstract id → level → (start, fmt, text)
        self._nums: dict[str, str] = {}  # num id → abstract id
        self._styles: dict[str, tuple[str | None, int | None, str | None]] = {}  # style → (numId, ilvl, basedOn)
        self._counters: dict[str, dict[int, int]] = {}
        self._zip: SafeZip | None = z if z.has("word/styles.xml") else None  # styles are read on first need
        if z.has("word/numbering.xml"):
            self._read_numbering(z.read_xml("word/numbering.xml"))

    def _read_numbering(self, root: Any) -> None:
        for el in root:
            name = _local(el)
            if name == "abstractNum":
                levels = {}
                for lvl in el:
                    if _local(lvl) != "lvl":
                        continue
                    try:
                        ilvl = int(_attr(lvl, "ilvl") or 0)
                        start = int(_val(_child(lvl, "start")) or 1)
                    except ValueError:
                        continue
                    levels[ilvl] = (start, _val(_child(lvl, "numFmt")) or "decimal", _val(_child(lvl, "lvlText")) or "")
                self._levels[_attr(el, "abstractNumId") or ""] = levels
            elif name == "num":
                abstract = _val(_child(el, "abstractNumId"))
                if abstract is not None:
                    self._nums[_attr(el, "numId") or ""] = abstract

    def _read_styles(self, root: Any) -> None:
        for st in root:
            if _local(st) != "style":
                continue
            num_pr = _child(_child(st, "pPr"), "numPr")
            ilvl = _val(_child(num_pr, "ilvl"))
            self._styles[_attr(st, "styleId") or ""] = (
                _val(_child(num_pr, "numId")), int(ilvl) if ilvl and ilvl.isdigit() else None,
                _val(_child(st, "basedOn")))

    def _style_num(self, style: str | None) -> tuple[str | None, int]:
        if style is not None and self._zip is not None:
            z, self._zip = self._zip, None
            self._read_styles(z.read_xml("word/styles.xml"))
        for _ in range(8):  # basedOn chain
            if style is None or style not in self._styles:
                break
            num_id, ilvl, based = self._styles[style]
            if num_id is not None:
                return num_id, ilvl or 0
            style = based
        return None, 0

    def label(self, p: Any) -> str:
        """The label Word shows before this paragraph ("" when it is not numbered); advances the counters."""
        if not self._nums:
            return ""
        ppr = _child(p, "pPr")
        num_pr = _child(ppr, "numPr")
        num_id = _val(_child(num_pr, "numId"))
        ilvl_text = _val(_child(num_pr, "ilvl"))
        ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else None
        if num_id is None:
            num_id, style_lvl = self._style_num(_val(_child(ppr, "pStyle")))
            ilvl = style_lvl if ilvl is None else ilvl
        ilvl = ilvl or 0
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract = self._nums[num_id]
        levels = self._levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abstract, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl][2]
        for k in range(8, -1, -1):  # %10 does not exist; replace from high to low so %1 does not eat %1x
            marker = f"%{k + 1}"
            if marker in text:
                start, fmt, _ = levels.get(k, (1, "decimal", ""))
                text = text.replace(marker, format_number(counters.get(k, start), fmt))
        return text
