"""Extraction: SourceDoc → Report (template detected, tables located and mapped, metadata read)."""

from __future__ import annotations

from core.model import Report, SourceDoc
from core.template import TEMPLATE_2021
from core.model import empty_tables


def extract(doc: SourceDoc) -> Report:  # placeholder until the extractor lands
    return Report(path=doc.path, format=doc.format, template=TEMPLATE_2021, tables=empty_tables(TEMPLATE_2021),
                  lines=doc.lines, script=doc.script)
