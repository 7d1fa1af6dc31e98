"""Reopening this tool's own workbook (SourceDoc.resume): the report read from its 报告原文 lines exactly as the
original was, then the officer's corrections re-applied as edits, so the findings are those of the corrected report.

Decision: corrections come back as edits, not as the report's own values. The cells keep the published value as
their original (the 已更正 mark, 原值 notes and 修改记录 stay), and a re-check gives the same findings as the
corrected report had before export. Edits recorded in 修改记录 are replayed in order; a table-sheet value that
still differs afterwards (changed in Excel itself) becomes the officer's own edit (人工修改).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from core.model import Report, SourceDoc


def _differs(a: int | float | None, b: int | float | None) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return abs(float(a) - float(b)) > 1e-9


def resume_report(doc: SourceDoc, extract_lines: Callable[[SourceDoc], Report]) -> Report:
    assert doc.resume is not None
    resume = doc.resume
    report = extract_lines(replace(doc, format=resume.format, resume=None))
    report.format, report.text_format = doc.format, resume.format  # the file is a workbook; its lines are not
    for e in resume.edits:
        table = report.tables.get(e.table)
        if table is None or e.col not in table.spec.cols_for(e.row):
            continue
        report.set_value(e.table, e.row, e.col, e.new, source=e.source, rule=e.rule)
        report.edits[-1] = e  # the record as it was, with the time of the original correction
    if resume.tables:
        shown = extract_lines(SourceDoc(path=doc.path, format="xlsx", lines=resume.tables))
        for table_id, table in report.tables.items():
            seen = shown.tables.get(table_id)
            if seen is None or not seen.found or seen.spec.id != table.spec.id:
                continue
            shown_cells = set(seen.spec.cells())
            for row, col in table.spec.cells():
                if (row, col) in shown_cells and _differs(seen.value(row, col), table.value(row, col)):
                    report.set_value(table_id, row, col, seen.value(row, col), source="user")
    return report
