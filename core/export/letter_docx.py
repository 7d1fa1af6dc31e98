"""A plain Word document (.docx) from paragraphs, for the letters to agencies (问题清单): WordprocessingML written
with the standard library's zipfile, readable by Word, WPS and python-docx."""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from core.atomic import atomic_write_bytes
from core.export.xlsx_cells import xml_safe

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FONT = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="SimSun"/>'


@dataclass(frozen=True)
class Para:
    """One paragraph: text, bold, size in points, centred, first-line indent of two characters."""

    text: str
    bold: bool = False
    size: float = 12
    center: bool = False
    indent: bool = False


def _para(p: Para) -> str:
    ppr = []
    if p.center:
        ppr.append('<w:jc w:val="center"/>')
    if p.indent:
        ppr.append('<w:ind w:firstLineChars="200"/>')
    rpr = _FONT + ("<w:b/>" if p.bold else "") + f'<w:sz w:val="{round(p.size * 2)}"/>'
    text = escape(xml_safe(p.text))
    return (f"<w:p><w:pPr>{''.join(ppr)}</w:pPr><w:r><w:rPr>{rpr}</w:rPr>"
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def docx_bytes(paragraphs: list[Para], title: str = "") -> bytes:
    body = "".join(_para(p) for p in paragraphs)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>{body}'
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr></w:body></w:document>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{escape(xml_safe(title))}</dc:title>'
            '<dc:creator>年报核查</dc:creator></cp:coreProperties>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.replace(
            "</Types>", '<Override PartName="/docProps/core.xml" '
                        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'))
        z.writestr("_rels/.rels", _RELS.replace("</Relationships>", (
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/></Relationships>')))
        z.writestr("word/document.xml", document)
        z.writestr("docProps/core.xml", core)
    return buf.getvalue()


def write_docx(paragraphs: list[Para], out: str | os.PathLike[str], title: str = "") -> None:
    """Write the document atomically."""
    atomic_write_bytes(out, docx_bytes(paragraphs, title))
