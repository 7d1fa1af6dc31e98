"""When a file was made, from its own metadata (PDF CreationDate/ModDate, Word docProps/core.xml
dcterms:created/modified), for SourceDoc.meta["file_created"]: evidence of the publication date when the text
states none (core.rules.deadline)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a PDF read needs neither the zip reader nor lxml, which it imports
    from core.readers.safezip import SafeZip

_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def _valid(y: str, m: str, d: str) -> str | None:
    try:
        made = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return made.isoformat() if 1995 <= made.year <= 2100 else None


def pdf_date(value: str | None) -> str | None:
    """A PDF date string (D:YYYYMMDDHHmmSS+08'00') as YYYY-MM-DD. The local date is taken as written: the
    time zone is a few hours at most and reports are dated by the day."""
    m = _PDF_DATE.match((value or "").strip())
    return _valid(*m.groups()) if m else None


def pdf_file_dates(metadata: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    created, modified = pdf_date(metadata.get("CreationDate")), pdf_date(metadata.get("ModDate"))
    if created:
        out["file_created"] = created
    if modified:
        out["file_modified"] = modified
    return out


def docx_file_dates(z: SafeZip) -> dict[str, str]:
    """dcterms:created / dcterms:modified of docProps/core.xml (W3CDTF, UTC)."""
    if not z.has("docProps/core.xml"):
        return {}
    try:
        root = z.read_xml("docProps/core.xml")
    except Exception:  # a damaged properties part does not stop the document from being read
        return {}
    out: dict[str, str] = {}
    for el in root:
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if tag in ("created", "modified"):
            m = _ISO_DATE.match(el.text or "")
            found = _valid(*m.groups()) if m else None
            if found:
                out[f"file_{tag}"] = found
    return out
