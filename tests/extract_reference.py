"""Test oracle: the text reader's and the extractor's small steps as they were before the speed work of issue 14
(main 9cd5897), written plainly, without the shortcuts, remembered results and shared objects that replaced
them. tests/test_extract_fast_paths.py checks the fast versions against these on real and random input."""

from __future__ import annotations

from decimal import Decimal

from core.extract.tokens import (
    _DIGITS,
    _HEADING_HASHES,
    _LABEL_THEN_NUMBERS,
    _MD_SEP,
    _NUMBERS_ONLY,
    _PAGE_FOOTER,
    EMPTY,
    LABEL,
    VALUE,
    _split_cells,
)
from core.model import Loc, SourceLine
from core.numbers import _COUNT_UNIT, _INVISIBLE, _MONEY_UNIT, BLANK_MARKS, Parsed, _to_number, parse_decimal
from core.template import RowSpec
from core.textnorm import _SIMP_MARKERS, _TRAD_MARKERS, fold_width, norm_label, strip_pinyin

Cells = tuple[tuple[str, str, Loc | None], ...]  # (text, kind, loc) of each cell


def parse_cell(text: str | None, money: bool = False) -> Parsed:
    if text is None:
        return Parsed("blank")
    s = _INVISIBLE.sub("", fold_width(text)).strip().replace(" ", "").replace("\u3000", "")
    s = s.replace("−", "-").replace("﹣", "-")
    if s in BLANK_MARKS or set(s) <= {"-", "—", "/"}:
        return Parsed("blank")
    d = parse_decimal(s)
    if d is not None:
        return Parsed("number", _to_number(d))
    m = _MONEY_UNIT.match(s)
    if m and (d := parse_decimal(m.group(1))) is not None:
        unit = m.group(2)
        if unit == "元":
            d = d / Decimal(10000) if money else d
        elif unit == "亿元":
            d = d * Decimal(10000) if money else d
        return Parsed("number", _to_number(d), unit=unit)
    m = _COUNT_UNIT.match(s)
    if m and (d := parse_decimal(m.group(1))) is not None:
        return Parsed("number", _to_number(d), unit=m.group(2))
    return Parsed("text", note=s)


def classify(text: str) -> str:
    s = text.strip()
    if not s:
        return EMPTY
    return VALUE if parse_cell(s).kind != "text" or _DIGITS.match(s) else LABEL


def tokenize(line: SourceLine) -> tuple[Cells, str, bool, Loc | None]:
    """(cells, layout, raw_blank, loc) of a line of text, as tokenize gave them."""
    assert line.cells is None
    raw = line.text
    if raw == "":
        return (), "blank", True, line.loc
    text = _HEADING_HASHES.sub("", raw).strip().replace("｜", "|")
    if not text.replace("\u00a0", "").replace("\u3000", "").strip():
        return (), "junk", False, None
    if _MD_SEP.match(text) or _PAGE_FOOTER.match(text):
        return (), "filler", False, None
    loc = line.loc
    for sep, layout in (("|", "pipe"), ("\t", "tab")):
        if sep in text:
            parts = _split_cells(text, sep)
            if not any(p.strip() for p in parts):
                if len(parts) >= 3 and all(p for p in parts):
                    return tuple(("", EMPTY, loc) for p in parts), "emptyrow", False, loc
                return (), "filler", False, None
            return tuple((p.strip(), classify(p), loc) for p in parts), layout, False, None
    m = _LABEL_THEN_NUMBERS.match(text)
    if m and classify(m.group("label")) == LABEL and len(norm_label(m.group("label"))) <= 40:
        nums = m.group("nums").split()
        return ((m.group("label").strip(), LABEL, loc), *((n, VALUE, loc) for n in nums)), "plain", False, None
    if _NUMBERS_ONLY.match(text):
        return tuple((n, VALUE, loc) for n in text.split()), "plain", False, None
    return ((text, classify(text), loc),), "plain", False, None


def control_junk(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f") or ch == "\ufffd")
    return bad > len(sample) * 0.05


def detect_script(text: str, sample: int = 20000) -> str:
    head = text[:sample]
    trad = sum(1 for ch in head if ch in _TRAD_MARKERS and ch not in _SIMP_MARKERS)
    simp = sum(1 for ch in head if ch in _SIMP_MARKERS and ch not in _TRAD_MARKERS)
    return "traditional" if trad > max(20, simp * 2) else "simplified"


def source_lines(raw_lines: list[str], converted: list[str]) -> list[SourceLine]:
    """lines_from_text's lines from the text's lines and their simplified forms: every line's pinyin stripped,
    every line its own Loc."""
    out = []
    for i, (orig, simp) in enumerate(zip(raw_lines, converted, strict=True), start=1):
        clean = strip_pinyin(simp)
        out.append(SourceLine(clean, Loc(line=i), original=orig if orig != clean else None))
    return out


def match_row(norm: str, rows: tuple[RowSpec, ...]) -> tuple[str | None, bool]:
    """(row, ambiguous) as labels.match_row gave them."""
    if not norm:
        return None, False
    best: dict[str, int] = {}
    bare = norm.rstrip(":")
    for r in rows:
        score = 0
        if bare in r.exact:
            score = 100 + len(bare)
        else:
            for key in r.keys:
                if key in bare:
                    score = max(score, len(key))
        if score:
            best[r.id] = score
    if not best:
        return None, False
    top = max(best.values())
    winners = [rid for rid, sc in best.items() if sc == top]
    return (None, True) if len(winners) > 1 else (winners[0], False)


def flat_norm(text: str) -> tuple[str, list[int]]:
    """(norm, pos) of stream.Flat: the kept characters' positions found one by one."""
    import re

    from core.extract.stream import _DIGIT_COMMA

    kept_rx = re.compile(r"[^\s\u00a0\u3000\u200b\ufeff|｜]")
    folded = fold_width(text)
    if len(folded) != len(text):
        folded = "".join(fold_width(ch)[:1] or " " for ch in text)
    kept = [m.start() for m in kept_rx.finditer(folded)]
    return _DIGIT_COMMA.sub(".", "".join(folded[i] for i in kept)), kept + [len(text)]


def sentences(prose: str) -> list[str]:
    import re

    return re.split(r"[。；;\n]", prose)
