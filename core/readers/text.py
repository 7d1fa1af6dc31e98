"""Plain text (and markdown) files → SourceDoc: encoding detected, never assumed; traditional → simplified."""

from __future__ import annotations

import codecs
import re

from core.model import Loc, SourceDoc, SourceLine
from core.readers.errors import UnreadableError
from core.readers.limits import MAX_TEXT_CHARS
from core.textnorm import detect_script, has_pinyin, strip_pinyin, to_simplified

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _plausible(text: str) -> float:
    """Share of characters that ordinary Chinese report text is made of."""
    if not text:
        return 0.0
    ok = 0
    for ch in text:
        o = ord(ch)
        if (0x20 <= o < 0x7F or ch in "\t\r\n" or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
                or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or o in (0xA0, 0xB7)):
            ok += 1
    return ok / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: both byte orders tried, the plausible one kept."""
    if len(data) < 4 or b"\x00" not in data[:65536]:
        return None
    best, best_score = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) - len(data) % 2].decode(enc)
        except UnicodeDecodeError:
            continue
        score = _plausible(text[:20000])
        if score > best_score:
            best, best_score = text, score
    return best if best_score >= 0.9 else None


_STRAY_NULS = 8  # a few stray NUL bytes are damage in a text (read around and noted); more is binary data
_CONTROL_SHARE = 0.02
_BINARY_BYTES = tuple(b for b in range(32) if b not in (9, 10, 12, 13, 26, 27))
_DAMAGE_SHARE = 0.001  # invalid UTF-8 sequences tolerated (replaced and noted) in otherwise valid UTF-8


def _damaged_utf8(data: bytes, notes: list[str] | None) -> str | None:
    """UTF-8 text with a few invalid sequences (a file cut in the middle of a character, a damaged byte):
    decoded with the damage replaced, and a note saying so; None when it is not mostly UTF-8."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    if bad == 0 or bad > max(3, len(data) * _DAMAGE_SHARE):
        return None
    if sum(1 for ch in text if ord(ch) > 0x7F) < bad * 10:  # too little UTF-8 text to judge by
        return None
    if notes is not None:
        cut = text.endswith("\ufffd") and bad == 1
        notes.append("文件末尾有一个不完整的字符（文件可能被截断），已忽略；请核对报告末尾是否完整。" if cut else
                     f"文件中有 {bad} 处字节无法按 UTF-8 解读（文件可能损坏），已用“\ufffd”代替；请对照原文核对。")
    return text.rstrip("\ufffd") if text.endswith("\ufffd") and bad == 1 else text


def decode_bytes(data: bytes, notes: list[str] | None = None) -> tuple[str, str]:
    """Decode text bytes; returns (text, encoding). Raises UnreadableError for binary data. Damage that can
    be read around (stray NUL bytes, a character cut at the end) is noted in `notes` (Chinese)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise UnreadableError(f"文件声明为 {enc.upper()} 编码，但内容无法按该编码解读，文件可能已损坏。") from exc
    text = _utf16_without_bom(data)
    if text is not None:
        return text, "utf-16"
    head = data[:65536]
    if b"\x00" in head:
        controls = sum(head.count(bytes([b])) for b in _BINARY_BYTES)
        if head.count(b"\x00") > _STRAY_NULS or controls > len(head) * _CONTROL_SHARE:
            raise UnreadableError("文件内容是二进制数据，不是文本，也不是可识别的 Word、PDF、Excel 或网页文件。")
        nuls = data.count(b"\x00")
        data = data.replace(b"\x00", b"")
        if notes is not None:
            notes.append(f"文件中有 {nuls} 个空字符（NUL，文件可能损坏），已忽略；请对照原文核对。")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _damaged_utf8(data, notes)
    if text is not None:
        return text, "utf-8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    raise UnreadableError("无法识别文件的文字编码。请用记事本等工具另存为 UTF-8 编码后再打开。")


_JUNK = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")  # controls other than \t \n \f \r, and U+FFFD


def _control_junk(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    return len(_JUNK.findall(sample)) > len(sample) * 0.05


_SHARED_LOCS = 20000
_LOCS: tuple[Loc, ...] = ()  # Loc(line=i) at index i - 1: frozen values, shared by every text report read


def line_locs(count: int) -> tuple[Loc, ...]:
    """Loc(line=1) … Loc(line=count) (or more), built once and shared rather than once a line per report.
    The shared tuple is only ever replaced by a longer one, never changed, so threads may read it freely."""
    global _LOCS
    locs = _LOCS
    if len(locs) >= count:
        return locs
    size = min(_SHARED_LOCS, max(count, 2 * len(locs), 512))
    locs = locs + tuple(Loc(line=i) for i in range(len(locs) + 1, size + 1))
    _LOCS = locs
    if count > size:  # longer than any report: the lines past the shared ones get their own
        return locs + tuple(Loc(line=i) for i in range(size + 1, count + 1))
    return locs


def lines_from_text(text: str, path: str, fmt: str = "txt") -> SourceDoc:
    """Split decoded text into SourceLines (1-based line numbers), converting traditional script."""
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableError(f"文本过长（超过 {MAX_TEXT_CHARS // 10000} 万字），不像一份年度报告，已停止读取。")
    if _control_junk(text):
        raise UnreadableError("文件内容大部分是不可显示的控制字符，不是可读的文本。")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    script = detect_script(text)
    raw_lines = text.split("\n")
    lines: list[SourceLine] = []
    simplified = to_simplified(text) if script == "traditional" else text
    converted = simplified.split("\n") if simplified is not text else raw_lines
    if len(converted) != len(raw_lines):  # conversion must keep line structure; fall back per line
        converted = [to_simplified(s) for s in raw_lines]
        simplified = "\n".join(converted)
    pinyin = has_pinyin(simplified)  # annotations never span lines: most texts need no per-line pass
    locs = line_locs(len(raw_lines))
    for orig, simp, loc in zip(raw_lines, converted, locs, strict=False):
        clean = strip_pinyin(simp) if pinyin else simp
        lines.append(SourceLine(clean, loc, None, orig if orig != clean else None))  # text, loc, cells, original
    return SourceDoc(path=path, format=fmt, lines=lines, script=script)


def read_text(path: str, data: bytes, fmt: str = "txt") -> SourceDoc:
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnreadableError("文件是空的，没有可读取的内容。")
    notes: list[str] = []
    text, _enc = decode_bytes(data, notes)
    if not text.strip():
        raise UnreadableError("文件是空的，没有可读取的内容。")
    doc = lines_from_text(text, path, fmt)
    doc.notes.extend(notes)
    return doc
