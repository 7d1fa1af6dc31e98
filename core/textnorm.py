"""Text normalisation shared by readers, extractors and rules: width, brackets, quotes, spaces, script."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": '"', "’": '"', "'": '"', "「": '"', "」": '"', "『": '"', "』": '"'})
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_NUM_DOT = re.compile(r"^(\d{1,2})\s*[、.．，,]\s*")
_CN_PAREN = re.compile(r"^[(（]\s*([一二三四五六七八九十])\s*[)）]")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(r"\((?=[a-zü]*[" + _TONED + r"])[a-zü" + _TONED + r"]{1,6}\)")

# characters that often survive a traditional→simplified pass unchanged in report texts
_EXTRA_T2S = str.maketrans({"於": "于", "衆": "众", "妳": "你"})
_EXTRA_PAIRS = tuple((chr(k), str(v)) for k, v in _EXTRA_T2S.items())  # str.replace: no per-character lookup


_REMEMBERED = 512  # texts up to this length are normalised once and remembered (lines, labels, cells)


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation to their ASCII forms (NFKC), quotes unified. Remembered for
    short texts: the extractors fold the same lines and cells many times per report (about 1,300 calls for some
    110 different texts)."""
    return _fold_width(text) if len(text) <= _REMEMBERED else unicodedata.normalize("NFKC", text).translate(_QUOTES)


@lru_cache(maxsize=8192)
def _fold_width(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def strip_pinyin(text: str) -> str:
    """Remove pinyin annotations such as 規(guī)章 left by some conversion sites."""
    return _PINYIN.sub("", text)


def has_pinyin(text: str) -> bool:
    """Does the text hold a pinyin annotation that strip_pinyin removes? (Never across a line break.)"""
    return _PINYIN.search(text) is not None


@lru_cache(maxsize=65536)
def norm_label(text: str) -> str:
    """Matching key of a label: width folded, no spaces, unified numbering '1.' and '(一)'."""
    s = fold_width(strip_pinyin(text))
    s = _SPACES.sub("", s)
    s = s.strip("|｜:：")
    s = _NUM_DOT.sub(lambda m: m.group(1) + ".", s)
    s = _CN_PAREN.sub(lambda m: "(" + m.group(1) + ")", s)
    return s


def squash(text: str) -> str:
    """Width folded and without any white space (for searching prose)."""
    return _squash(text) if len(text) <= _REMEMBERED else _SPACES.sub("", fold_width(text))


@lru_cache(maxsize=8192)
def _squash(text: str) -> str:
    return _SPACES.sub("", fold_width(text))


class _T2S:
    """OpenCC's t2s (opencc-python-reimplemented), computed the same way but without its per-character tree.

    OpenCC splits a text at white space and punctuation and converts each piece on its own: first the longest
    phrase found anywhere in the piece (the leftmost of the longest) is replaced and the parts left and right of
    it are converted the same way; what no phrase covers is converted character by character. A piece in which no
    phrase occurs (nearly all of them: the t2s dictionary has 277 phrases) is therefore one `str.translate`, and
    each distinct piece is converted once and remembered. tests/test_textnorm_t2s.py checks the result against
    the library itself, entry by entry of its dictionaries and on whole reports."""

    def __init__(self) -> None:
        import opencc  # local import: loading the dictionaries costs time

        self.opencc = opencc.OpenCC("t2s")
        self.split = _one_class(self.opencc.split_chars_re).split
        chain = self.opencc._dict_chain_data  # [[(max_len, min_len, phrases), (max_len, min_len, characters)]]
        self.exact = (len(chain) == 1 and len(chain[0]) == 2 and chain[0][1][0] == 1)
        if not self.exact:  # a library whose configuration this class does not know: ask it piece by piece
            self._piece = lru_cache(maxsize=16384)(self.opencc.convert)
            return
        (self.longest, self.shortest, phrases), (_mx, _mn, characters) = chain[0]
        self.phrases = {key: value.split(" ")[0] for key, value in phrases.items()}  # OpenCC takes the first
        self.table = {ord(key): value.split(" ")[0] for key, value in characters.items()}
        self.by_first: dict[str, tuple[str, ...]] = {}  # phrases by their first character
        for key in self.phrases:
            self.by_first[key[0]] = (*self.by_first.get(key[0], ()), key)
        self._piece = lru_cache(maxsize=16384)(self._convert_piece)

    def _convert_piece(self, piece: str) -> str:
        if self._has_phrase(piece):
            for length in range(min(len(piece), self.longest), self.shortest - 1, -1):
                for i in range(len(piece) - length + 1):
                    found = self.phrases.get(piece[i:i + length])
                    if found is not None:
                        return self._piece(piece[:i]) + found + self._piece(piece[i + length:])
        return piece.translate(self.table)

    def _has_phrase(self, piece: str) -> bool:
        by_first = self.by_first
        if by_first.keys().isdisjoint(piece):
            return False
        return any(piece.startswith(key, i) for i, ch in enumerate(piece) for key in by_first.get(ch, ()))

    def convert(self, text: str) -> str:
        parts = self.split(text)
        parts[::2] = map(self._piece, parts[::2])  # even items are text, odd ones the separators (kept as they are)
        return "".join(parts)


def _one_class(separators: re.Pattern[str]) -> re.Pattern[str]:
    """OpenCC's separators `(\\s+|-|,|\\.|…)` with the single characters as one character class: the same
    matches (white space first, then one of the characters) at a third of the cost. The library's own pattern
    when it is not of that shape."""
    alternatives = separators.pattern[1:-1].split("|")
    singles = [a[1:] if len(a) == 2 and a[0] == "\\" else a for a in alternatives[1:]]
    if (separators.pattern[:1], separators.pattern[-1:]) != ("(", ")") or alternatives[0] != r"\s+" \
            or any(len(c) != 1 for c in singles):
        return separators
    return re.compile(r"(\s+|[" + "".join(re.escape(c) for c in singles) + "])")


_converter: _T2S | None = None


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC (t2s); the original text is kept by the caller."""
    global _converter
    if _converter is None:
        _converter = _T2S()
    out = _converter.convert(text)
    for old, new in _EXTRA_PAIRS:
        if old in out:
            out = out.replace(old, new)
    return out


# Characters frequent in traditional text and absent from simplified text (and vice versa).
_TRAD_MARKERS = set("們這說為國會從來對時開關處與發後裡過還實現當體進務資條報據統計數決問題個區機構級縣辦聯業連遞選產應結轉總認證書項議務")
_SIMP_MARKERS = set("们这说为国会从来对时开关处与发后里过还实现当体进务资条报据统计数决问题个区机构级县办联业连递选产应结转总认证书项议")


_TRAD_ONLY = re.compile("[" + re.escape("".join(sorted(_TRAD_MARKERS - _SIMP_MARKERS))) + "]")
_SIMP_ONLY = re.compile("[" + re.escape("".join(sorted(_SIMP_MARKERS - _TRAD_MARKERS))) + "]")


def detect_script(text: str, sample: int = 20000) -> str:
    """'traditional' when traditional-only characters clearly outnumber simplified-only ones."""
    head = text[:sample]
    trad = len(_TRAD_ONLY.findall(head))
    simp = len(_SIMP_ONLY.findall(head))
    return "traditional" if trad > max(20, simp * 2) else "simplified"
