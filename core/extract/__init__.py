"""Extraction: SourceDoc → Report (template detected, tables located and mapped, metadata read)."""

from __future__ import annotations

from core.extract.meta import find_sections, read_meta
from core.extract.ocr_doubt import flag_doubtful
from core.extract.records import build_records
from core.extract.regions import find_regions
from core.extract.spec_lookup import lookup
from core.extract.table_four import fill_review
from core.extract.tables import Filled, fill_table, resolve_glued
from core.extract.tokens import LineToks, tokenize
from core.findings import Finding, make
from core.model import SUMMARY_MARKER, Report, SourceDoc, SourceLine, Table, empty_tables
from core.template import (
    BLOCKS,
    REQUESTS_OTHER_2019,
    SINGLE_ROW,
    TEMPLATE_2019,
    TEMPLATE_2021,
    TableSpec,
    Template,
    hybrid_requests_2021,
    template_for_year,
)
from core.textnorm import norm_label


def detect_template(lines: list[LineToks]) -> tuple[Template | None, int, int]:
    text = "".join(norm_label(t.text) for lt in lines for t in lt.toks if t.kind == "label")
    s19 = sum(1 for m in TEMPLATE_2019.markers if m in text)
    s21 = sum(1 for m in TEMPLATE_2021.markers if m in text)
    if s21 > s19:
        return TEMPLATE_2021, s19, s21
    if s19 > 0:
        return TEMPLATE_2019, s19, s21
    return None, s19, s21


def _requests_spec(template: Template, records_rows: set[str]) -> tuple[TableSpec, bool]:
    if template.version == "2019":
        return template.table("requests"), False
    hybrid = hybrid_requests_2021()
    if REQUESTS_OTHER_2019.id in records_rows and not records_rows & set(hybrid.optional_rows):
        return hybrid, True
    return template.table("requests"), False


def _fill(template: Template, spec: TableSpec, lines: list[LineToks]) -> Filled:
    """One table from its region's lines, by its layout kind."""
    if spec.layout == SINGLE_ROW:
        return fill_review(spec, lines)
    if spec.layout == BLOCKS:
        _mode, recs = build_records(lines, spec.rows, columns=spec.columns, cols_for=lookup(spec).cols_for)
        return fill_table(spec, recs, fill_gaps=False)
    # GRID (表三): a 2021 report may print the 2019 （六） row instead of its sub-rows: read every row either may have
    read = hybrid_requests_2021() if template.version == "2021" else spec
    _mode, recs = build_records(lines, read.rows, spec.header_words,
                                columns=read.columns, cols_for=lookup(read).cols_for)
    spec, _hybrid = _requests_spec(template, {x.row for x in recs if x.row and x.values})
    filled = fill_table(spec, recs, fill_gaps=True)
    resolve_glued(filled)
    return filled


def _body(doc: SourceDoc) -> list[SourceLine]:
    """The report's own lines: a standardized text report's appended findings are not report text."""
    if SUMMARY_MARKER not in "\n".join([ln.text for ln in doc.lines]):  # nearly every report
        return doc.lines
    for i, ln in enumerate(doc.lines):
        if ln.text.strip() == SUMMARY_MARKER:
            return doc.lines[:i]
    return doc.lines


def extract(doc: SourceDoc, prev: Report | None = None) -> Report:
    """The report read from a document. `prev` (last year's report, when given) is evidence for splitting the glued
    表二 rows of a structure-less text copy; nothing else depends on it."""
    from core.extract.stream import looks_flat, read_stream

    if doc.resume is not None:  # this tool's own workbook: the report's lines again, corrections re-applied
        from core.extract.resume import resume_report

        return resume_report(doc, extract_lines)

    if doc.format == "txt" and looks_flat(doc):  # tables run together on one line: read as a stream
        streamed = read_stream(doc, extract_lines, prev)
        if streamed is not None:
            return streamed
    report = extract_lines(doc)
    if doc.format == "txt" and not any(t.found for t in report.tables.values()):
        # no table in the lines: perhaps a copy that lost every line break and cell separator
        streamed = read_stream(doc, extract_lines, prev)
        if streamed is not None:
            return streamed
    return report


def extract_lines(doc: SourceDoc) -> Report:
    """The report read from the document's lines as they are."""
    body = _body(doc)
    lines = [tokenize(i, ln) for i, ln in enumerate(body)]
    regions = find_regions(lines)
    template, _s19, _s21 = detect_template([lt for r in regions.values() for lt in lines[r.start:r.end]])
    findings: list[Finding] = []
    sections = find_sections(body, [(r.start, r.end) for r in regions.values()])
    first_section = next((s.line for s in sections if s.found and s.line is not None), None)
    meta = read_meta(body, doc.meta, first_section)
    if template is None:
        fallback = template_for_year(meta.year) or TEMPLATE_2021
        if regions:
            findings.append(make(
                "PARSE.UNKNOWN_TEMPLATE",
                f"表格的栏目名称与 2019 年、2021 年两种统一格式都对不上，暂按{fallback.name}读取，请核对。"))
        template = fallback
    tables = empty_tables(template)
    for spec in template.tables:
        r = regions.get(spec.id)
        if r is not None:
            filled = _fill(template, spec, lines[r.start:r.end])
            tables[spec.id] = filled.table
            findings.extend(filled.findings)
    hybrid = any(t.spec.optional_rows for t in tables.values())
    findings.extend(_missing(tables))
    report = Report(
        path=doc.path, format=doc.format, template=template, tables=tables, title=meta.title,
        agency=meta.agency, report_year=meta.year, published=meta.published,
        published_source=meta.published_source, file_created=doc.meta.get("file_created"), period=meta.period, script=doc.script, sections=sections,
        lines=doc.lines, pages=doc.pages, hybrid=hybrid,
        regions={tid: (r.start, r.end) for tid, r in regions.items()}, doc_meta=dict(doc.meta),
        reader_notes=list(doc.notes),
    )
    findings.extend(flag_doubtful(doc, tables))
    report.parse_findings = findings + [make("PARSE.UNCERTAIN", note) for note in doc.notes]
    return report


def _missing(tables: dict[str, Table]) -> list[Finding]:
    out: list[Finding] = []
    for t in tables.values():
        spec = t.spec
        if not t.found or not t.present_rows:
            t.found = False
            out.append(make("PARSE.TABLE_MISSING", f"未能在文档中找到{spec.short_name}“{spec.title}”。"))
            continue
        missing = [r for r in spec.rows if r.id not in t.present_rows and not r.optional]
        if missing:
            from core.findings import CellRef

            labels = "、".join(f"“{r.label}”" for r in missing)
            out.append(make(
                "PARSE.ROW_MISSING",
                f"{spec.short_name}中未找到{labels}{'这一行' if len(missing) == 1 else f'共 {len(missing)} 行'}。",
                cells=tuple(CellRef(spec.id, r.id, c) for r in missing for c in spec.cols_for(r.id))))
    return out
