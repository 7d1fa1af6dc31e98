"""Bytes of a web page → text for the HTML reader: BOM, UTF-8, declared charset, then detection; never assumed."""

from __future__ import annotations

import codecs
import re

from core.readers.errors import UnreadableError
from core.readers.text import decode_bytes

_DECLARED = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,40})""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# a declaration names a legacy subset; decode with its superset so rare characters survive
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "gb_2312-80": "gb18030",
              "euc-cn": "gb18030", "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252"}


def declared_charset(data: bytes) -> str | None:
    """The charset named by <meta charset> or <meta http-equiv=Content-Type>, if Python knows it."""
    m = _DECLARED.search(data[:16384])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding). Order: BOM or UTF-16 → strict UTF-8 → declared charset → detection.

    Strict UTF-8 goes before the declaration because pages re-saved by browsers often keep a stale
    gb2312 declaration, while GBK bytes practically never form valid UTF-8.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        text, enc = decode_bytes(data)
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            declared = declared_charset(data)
            text = ""
            enc = ""
            if declared:
                try:
                    text, enc = data.decode(declared), declared
                except UnicodeDecodeError:
                    enc = ""
            if not enc:
                text, enc = decode_bytes(data)
    text = _XML_DECL.sub("", text.lstrip("\ufeff"), count=1)
    text = _CONTROL.sub("", text)
    if not text.strip():
        raise UnreadableError("网页文件是空的，没有可读取的内容。")
    return text, enc
