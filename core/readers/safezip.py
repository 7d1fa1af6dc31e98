"""Zip containers (docx, xlsx) opened defensively for the office readers: sizes and ratios checked before
any member is read, encrypted or truncated archives refused, XML parts parsed without DTDs or entities."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

import lxml.etree

from core.readers.errors import UnreadableError
from core.readers.limits import MAX_UNZIPPED_BYTES, MAX_XML_PART_BYTES, MAX_ZIP_RATIO

MAX_MEMBERS = 10_000
_CHUNK = 64 * 1024  # inflate step: memory use is bounded by what is kept, never by what the directory claims
_RATIO_FLOOR = 1024 * 1024  # small members may compress very well; the ratio limit applies above this size
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_DTD16 = tuple(s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
               for enc in ("utf-16-le", "utf-16-be"))

TRUNCATED = "文件不完整或已损坏（压缩结构无法打开），可能没有下载完整。请重新下载，或请报送单位重新发送。"
ENCRYPTED = ("文件设置了打开密码（已加密），本工具无法读取。请报送单位取消密码后重新发送，"
             "或另存为不加密的 .docx / .xlsx / PDF 文件。")
BOMB = "文件解压后体积异常（疑似“压缩炸弹”），为安全起见已拒绝读取。请向报送单位索取正常的 Word、Excel 或 PDF 文件。"
DTD = "文件内部含有不允许的 XML 声明（DOCTYPE/ENTITY），可能是被恶意构造的文件，为安全起见已拒绝读取。"


class SafeZip:
    """A zip archive whose directory has been checked; members are read with their declared sizes enforced."""

    def __init__(self, data: bytes) -> None:
        try:
            self._zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
            raise UnreadableError(TRUNCATED) from exc
        if len(infos) > MAX_MEMBERS:
            raise UnreadableError(BOMB)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise UnreadableError(ENCRYPTED)
            total += info.file_size
            if info.file_size > _RATIO_FLOOR and info.file_size > max(info.compress_size, 1) * MAX_ZIP_RATIO:
                raise UnreadableError(BOMB)
        if total > MAX_UNZIPPED_BYTES:
            raise UnreadableError(BOMB)
        self._names = {i.filename for i in infos}
        self._inflated = 0  # bytes inflated so far by all reads
        self._cache: dict[str, bytes] = {}  # members read once are not inflated again

    @property
    def names(self) -> set[str]:
        return self._names

    def has(self, name: str) -> bool:
        return name in self._names

    def read(self, name: str, limit: int = MAX_UNZIPPED_BYTES) -> bytes:
        """A member's bytes, inflated in small steps and counted while inflating: a directory that lies about
        the sizes cannot make one call inflate gigabytes (zipfile's read() inflates up to 2 GB at once before
        cutting at the declared size). At most `limit` bytes for this member and MAX_UNZIPPED_BYTES for all
        reads of the archive together; zipfile stops at the declared size and checks the CRC."""
        if name in self._cache:
            if len(self._cache[name]) > limit:
                raise UnreadableError(BOMB)
            return self._cache[name]
        chunks: list[bytes] = []
        got = 0
        try:
            with self._zf.open(name) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    self._inflated += len(chunk)
                    if got > limit or self._inflated > MAX_UNZIPPED_BYTES:
                        raise UnreadableError(BOMB)
                    chunks.append(chunk)
        except KeyError as exc:
            raise UnreadableError(f"文件缺少必要的组成部分（{name}），可能已损坏。") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise UnreadableError(TRUNCATED) from exc
        data = self._cache[name] = b"".join(chunks)
        return data

    def sanitized(self) -> bytes:
        """The archive rebuilt from its members as read by `read` (stored, true sizes): handed to libraries
        such as openpyxl that read members whole, so nothing in it can inflate beyond the budget."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
            for name in sorted(self._names):
                if name.endswith("/"):
                    continue
                limit = MAX_XML_PART_BYTES if name.lower().endswith((".xml", ".rels", ".vml")) else MAX_UNZIPPED_BYTES
                out.writestr(name, self.read(name, limit))
        return buf.getvalue()

    def read_xml(self, name: str) -> Any:
        """Parse an XML member safely: no DTD, no entity expansion, no network, no huge trees."""
        return parse_xml(self.read(name, MAX_XML_PART_BYTES))

    def check_xml_parts(self) -> None:
        """Refuse the archive when any XML part declares a DTD or entities (OOXML never does)."""
        for name in self._names:
            if name.endswith((".xml", ".rels", ".vml")):
                refuse_dtd(self.read(name, MAX_XML_PART_BYTES))


def refuse_dtd(data: bytes) -> None:
    if _DTD.search(data) or any(s in data for s in _DTD16):
        raise UnreadableError(DTD)


def parse_xml(data: bytes) -> Any:
    refuse_dtd(data)
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                                  huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        return lxml.etree.fromstring(data, parser=parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise UnreadableError("文件内部的 XML 内容已损坏，无法解析。请报送单位重新导出后发送。") from exc
