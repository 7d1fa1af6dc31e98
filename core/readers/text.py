"""Plain text (and markdown) files → SourceDoc: encoding detected, never assumed; traditional → simplified."""

from __future__ import annotations

import codecs

from core.model import Loc, SourceDoc, SourceLine
from core.readers.errors import UnreadableError
from core.readers.limits import MAX_TEXT_CHARS
from core.textnorm import detect_script, strip_pinyin, to_simplified

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


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes; returns (text, encoding). Raises UnreadableError for binary data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise UnreadableError(f"文件声明为 {enc.upper()} 编码，但内容无法按该编码解读，文件可能已损坏。") from exc
    text = _utf16_without_bom(data)
    if text is not None:
        return text, "utf-16"
    if b"\x00" in data[:65536]:
        raise UnreadableError("文件内容是二进制数据，不是文本，也不是可识别的 Word、PDF、Excel 或网页文件。")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    raise UnreadableError("无法识别文件的文字编码。请用记事本等工具另存为 UTF-8 编码后再打开。")


def _control_junk(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f") or ch == "\ufffd")
    return bad > len(sample) * 0.05


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
    convert = script == "traditional"
    converted = to_simplified(text).split("\n") if convert else raw_lines
    if len(converted) != len(raw_lines):  # conversion must keep line structure; fall back per line
        converted = [to_simplified(s) for s in raw_lines]
    for i, (orig, simp) in enumerate(zip(raw_lines, converted, strict=True), start=1):
        clean = strip_pinyin(simp)
        lines.append(SourceLine(clean, Loc(line=i), original=orig if orig != clean else None))
    return SourceDoc(path=path, format=fmt, lines=lines, script=script)


def read_text(path: str, data: bytes, fmt: str = "txt") -> SourceDoc:
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnreadableError("文件是空的，没有可读取的内容。")
    text, _enc = decode_bytes(data)
    if not text.strip():
        raise UnreadableError("文件是空的，没有可读取的内容。")
    return lines_from_text(text, path, fmt)
