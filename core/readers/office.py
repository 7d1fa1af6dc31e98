"""Office files for the dispatcher: zip packages (docx, xlsx, odt/ods) and legacy OLE files (doc, wps, xls,
encrypted OOXML), routed to the right reader or refused with a message that says what to do."""

from __future__ import annotations

from core.model import SourceDoc
from core.readers.convert import convert_with_libreoffice, find_soffice
from core.readers.errors import UnreadableError, UnsupportedFormatError
from core.readers.safezip import ENCRYPTED, SafeZip

_ODF = {b"application/vnd.oasis.opendocument.text": "docx",
        b"application/vnd.oasis.opendocument.spreadsheet": "xlsx"}
NOT_OFFICE_ZIP = "这是一个压缩包（zip），不是 Word 或 Excel 文件。请先解压，再选择其中的报告文件。"


def _ole_has(data: bytes, stream: str) -> bool:
    """Whether an OLE compound file has a directory entry of that name (names are UTF-16LE, NUL-terminated)."""
    return (stream.encode("utf-16-le") + b"\x00\x00") in data


def zip_kind(z: SafeZip) -> str:
    """docx | xlsx | pptx | odt | ods | zip, from the package's parts."""
    names = z.names
    if "[Content_Types].xml" in names:
        types = z.read("[Content_Types].xml")
        if b"wordprocessingml" in types or "word/document.xml" in names:
            return "docx"
        if b"spreadsheetml" in types or "xl/workbook.xml" in names:
            return "xlsx"
        if b"presentationml" in types:
            return "pptx"
    if "mimetype" in names:
        mime = z.read("mimetype").strip()
        if mime in _ODF:
            return "odt" if _ODF[mime] == "docx" else "ods"
    return "zip"


def read_zip_office(path: str, data: bytes) -> SourceDoc:
    z = SafeZip(data)
    kind = zip_kind(z)
    if kind == "docx":
        from core.readers.docx import read_docx

        return read_docx(path, z)
    if kind == "xlsx":
        from core.readers.xlsx import read_xlsx

        return read_xlsx(path, z, data)
    if kind in ("odt", "ods"):
        target = "docx" if kind == "odt" else "xlsx"
        return _converted(path, data, kind, target,
                          f"这是 OpenDocument 格式（.{kind}），需要 LibreOffice 转换，但本机未安装 LibreOffice。"
                          f"请另存为 .{target} 或 PDF 后再打开。")
    if kind == "pptx":
        raise UnreadableError("这是 PowerPoint 演示文稿，不是年度报告文件。请选择 Word、PDF、Excel、网页或文本格式的报告。")
    raise UnreadableError(NOT_OFFICE_ZIP)


def _converted(path: str, data: bytes, source: str, target: str, missing: str, as_suffix: str = "") -> SourceDoc:
    soffice = find_soffice()
    if soffice is None:
        raise UnsupportedFormatError(missing)
    converted = convert_with_libreoffice(soffice, data, as_suffix or source, target)
    doc = read_zip_office(path, converted)
    doc.meta["converted_from"] = source
    return doc


def read_legacy_office(path: str, data: bytes) -> SourceDoc:
    """OLE compound files: encrypted OOXML is refused; .doc/.wps/.xls go through LibreOffice when installed."""
    if _ole_has(data, "EncryptedPackage") or _ole_has(data, "EncryptionInfo"):
        raise UnreadableError(ENCRYPTED)
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path else ""
    if _ole_has(data, "WordDocument"):
        source = suffix if suffix in ("doc", "wps", "dot") else "doc"
        return _converted(path, data, source, "docx",
                          f"这是旧版 Word 文件（.{source}），本机未安装 LibreOffice，无法自动转换。"
                          "请报送单位另存为 .docx 或 PDF 后重新发送，或在本机安装 LibreOffice 后再打开。", "doc")
    if _ole_has(data, "Workbook") or _ole_has(data, "Book"):
        source = suffix if suffix in ("xls", "et") else "xls"
        return _converted(path, data, source, "xlsx",
                          f"这是旧版 Excel 文件（.{source}），本机未安装 LibreOffice，无法自动转换。"
                          "请另存为 .xlsx 或 PDF 后再打开，或在本机安装 LibreOffice 后再打开。", "xls")
    raise UnreadableError("这是一个无法识别的旧版 Office 文件（可能是演示文稿或已损坏）。"
                          "请索取 .docx、PDF、.xlsx 或网页格式的报告。")


def read_misnamed_office(path: str, data: bytes) -> SourceDoc:
    """A file named .docx/.xlsx/.doc… whose bytes are no Office container: read it as the text it is,
    or say plainly that it is not the Office file its name claims."""
    from core.readers.text import read_text

    if not data.strip(b" \t\r\n\x00"):
        raise UnreadableError("文件是空的，没有可读取的内容。")
    try:
        return read_text(path, data, "txt")
    except UnreadableError as exc:
        suffix = path.lower().rsplit(".", 1)[-1]
        kind = "Excel" if suffix in ("xlsx", "xlsm", "xls", "et", "ods") else "Word"
        raise UnreadableError(f"文件的扩展名是 .{suffix}，但内容不是有效的 {kind} 文件（可能已损坏、没有下载完整，"
                              f"或被改过扩展名）。请向报送单位重新索取，或请对方另存为 PDF 后发送。") from exc
