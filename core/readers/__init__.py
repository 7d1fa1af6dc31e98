"""Readers: any report file → SourceDoc, dispatched by what the bytes are, not only by the suffix."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from core.model import SourceDoc
from core.readers.errors import UnreadableError, UnsupportedFormatError
from core.readers.limits import MAX_FILE_BYTES
from core.readers.ocr_engine import NO_HOOKS, Hooks

__all__ = ["Hooks", "UnreadableError", "UnsupportedFormatError", "read_regular_file", "read_source", "sniff"]


def _narrow_utf16(head: bytes) -> bytes:
    """UTF-16 text (with or without BOM) as ASCII-compatible bytes, so markup in it can be recognised."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    elif len(head) >= 16 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) < len(head) // 16:
        enc = "utf-16-le"
    elif len(head) >= 16 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) < len(head) // 16:
        enc = "utf-16-be"
    else:
        return head
    return head[: len(head) // 2 * 2].decode(enc, "ignore").encode("utf-8", "ignore")


def sniff(data: bytes, suffix: str = "") -> str:
    """The format of the bytes: pdf | zip | ole | image | html | text."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF") or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data.startswith(IMAGE_MAGIC):
        return "image"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    low = _narrow_utf16(data[:4096]).lstrip()[:2048].lower()
    for bom in (b"\xef\xbb\xbf",):
        low = low.removeprefix(bom)
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low[:1024] or (
        b"<table" in data[:200000].lower() and b"</td>" in data[:400000].lower()
    ):
        return "html"
    if suffix in (".htm", ".html", ".mht", ".shtml") and b"<" in low[:200]:
        return "html"
    if b"mime-version" in low and b"multipart/related" in low:  # a single-file web archive (.mht/.mhtml)
        return "html"
    return "text"


IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF
_OFFICE_SUFFIXES = (".docx", ".docm", ".xlsx", ".xlsm", ".doc", ".wps", ".xls", ".et", ".odt", ".ods")


def _reader_for(kind: str, suffix: str, hooks: Hooks = NO_HOOKS) -> Callable[[str, bytes], SourceDoc]:
    if kind == "pdf":
        from core.readers.pdf import read_pdf

        return lambda path, data: read_pdf(path, data, hooks=hooks)
    if kind == "image":
        from core.readers.image import read_image

        return lambda path, data: read_image(path, data, hooks)
    if kind == "zip":
        from core.readers.office import read_zip_office

        return read_zip_office
    if kind == "ole":
        from core.readers.office import read_legacy_office

        return read_legacy_office
    if kind == "html":
        from core.readers.html import read_html

        return read_html
    if suffix in _OFFICE_SUFFIXES:  # named like an Office file, but not a zip or OLE file
        from core.readers.office import read_misnamed_office

        return read_misnamed_office
    from core.readers.text import read_text

    return lambda path, data: read_text(path, data, "txt")


def read_regular_file(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit` of them. FIFOs, devices, sockets (and links to them, such as
    a .txt pointing at /dev/zero) are refused without blocking: the file is opened non-blocking and checked
    with fstat before anything is read. Raises UnreadableError (Chinese message)."""
    from core.winpath import extended

    p = Path(path)
    io_path = Path(extended(p))  # Windows: also over 260 characters and on UNC shares
    try:
        if not io_path.exists():
            raise UnreadableError(f"找不到文件：{p}")
        if io_path.is_dir():
            raise UnreadableError(f"“{p.name}”是一个文件夹，不是报告文件。")
        fd = os.open(io_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise UnreadableError(f"“{p.name}”不是普通文件（可能是管道、设备或指向设备的链接），已拒绝读取。")
            if st.st_size > limit:
                raise UnreadableError(
                    f"文件过大（{st.st_size / 1024 / 1024:.0f} MB，上限 {limit // 1024 // 1024} MB），不像一份年度报告，已拒绝读取。")
            with os.fdopen(fd, "rb", closefd=True) as fh:
                fd = -1
                data = fh.read(limit + 1)
        finally:
            if fd >= 0:
                os.close(fd)
        if len(data) > limit:  # the file grew while it was read
            raise UnreadableError(f"文件过大（超过 {limit // 1024 // 1024} MB），不像一份年度报告，已拒绝读取。")
        return data
    except PermissionError as exc:
        raise UnreadableError(f"没有读取该文件的权限：{p.name}") from exc
    except OSError as exc:
        raise UnreadableError(f"无法打开文件：{p.name}（{exc.strerror or exc}）") from exc


def read_source(path: str | os.PathLike[str], hooks: Hooks = NO_HOOKS) -> SourceDoc:
    """Read any supported file. Raises UnreadableError with a Chinese message; never modifies the file.
    `hooks` report pages done of a PDF or image and may cancel the reading (UnreadableError)."""
    p = Path(path)
    data = read_regular_file(p, MAX_FILE_BYTES)
    kind = sniff(data, p.suffix.lower())
    reader = _reader_for(kind, p.suffix.lower(), hooks)  # an ImportError here is a broken build: it propagates
    try:
        return reader(str(path), data)
    except (UnreadableError, ImportError):
        raise
    except (MemoryError, RecursionError) as exc:
        raise UnreadableError("文件结构异常复杂，读取时超出了资源限制，已停止读取。") from exc
    except Exception as exc:  # a reader bug or a malformed file must not crash the app
        raise UnreadableError(f"文件内容无法解析（{type(exc).__name__}），可能已损坏或格式不受支持。") from exc
