"""The report as read: metadata, three tables of cells with their origins, and the officer's corrections.

Readers and extractors build it; rules, exports and the desktop grids read it; only `Report.set_value`
changes a value, and every change is kept in `Report.edits`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from core.template import SINGLE_ROW, TABLE_IDS, TableSpec, Template

if TYPE_CHECKING:
    import pandas as pd

    from core.findings import Finding


# The line after which a standardized text report (core.export.text_report) carries the tool's own findings:
# everything from it on is not report text and is never read back as such.
SUMMARY_MARKER = "==== 核查结果（年报核查工具生成，不属于报告正文） ===="


@dataclass(frozen=True)
class Loc:
    """Where a cell or a piece of text came from: a line, a page, or a sheet cell."""

    line: int | None = None
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None
    box: tuple[float, ...] | None = None  # (x0, top, x1, bottom) in points on the page: a cell read by OCR

    def to_json(self) -> dict[str, Any]:
        if self.sheet is not None:
            return {"sheet": self.sheet, "cell": self.cell}
        if self.page is not None:
            return {"page": self.page}
        return {"line": self.line}

    def describe(self) -> str:
        if self.sheet is not None:
            return f"工作表“{self.sheet}”{self.cell}"
        if self.page is not None:
            return f"第{self.page}页" + (f"第{self.line}行" if self.line else "")
        return f"第{self.line}行" if self.line else ""


@dataclass(frozen=True)
class Cell:
    """One table cell. value is None for a blank, a blank mark, unreadable text, or an absent cell."""

    value: int | float | None = None
    raw: str = ""
    loc: Loc | None = None
    kind: str = "absent"  # number | blank | text | absent (not printed at all)
    unit: str | None = None  # unit read and converted (元 → 万元, 个, 件)
    uncertain: bool = False  # position inferred; see the PARSE.UNCERTAIN finding

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "raw": self.raw, "loc": self.loc.to_json() if self.loc else None}


@dataclass
class Table:
    """One of the three tables: cells by (row id, column id) for the rows and columns of its spec."""

    spec: TableSpec
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    found: bool = False  # the table was located in the document
    present_rows: set[str] = field(default_factory=set)  # rows whose label (or values) were found

    def get(self, row: str, col: str) -> Cell:
        return self.cells.get((row, col), Cell())

    def value(self, row: str, col: str) -> int | float | None:
        return self.get(row, col).value

    def num(self, row: str, col: str) -> int | float:
        """Value for arithmetic: a blank counts as 0 (the blank itself is reported as CELL.MISSING)."""
        v = self.get(row, col).value
        return 0 if v is None else v

    def to_frame(self) -> pd.DataFrame:
        """Values as a DataFrame (rows × columns of the template, NaN for blank or absent)."""
        import pandas as pd

        cols = [c.id for c in self.spec.columns]
        data = [[_finite(self.value(r.id, c)) if c in self.spec.cols_for(r.id) else None for c in cols]
                for r in self.spec.rows]
        return pd.DataFrame(data, index=[r.id for r in self.spec.rows], columns=cols, dtype="float64")

    def to_json(self) -> dict[str, Any]:
        if self.spec.layout == SINGLE_ROW:
            row = self.spec.single_row
            return {c: self.get(row, c).to_json() for c in self.spec.cols_for(row)}
        return {r.id: {c: self.get(r.id, c).to_json() for c in self.spec.cols_for(r.id)} for r in self.spec.rows}


def _finite(value: int | float | None) -> float | None:
    """A value as a float64 can hold it; None (NaN) for a value beyond any report (no OverflowError)."""
    if value is None:
        return None
    try:
        f = float(value)
    except (OverflowError, ValueError):
        return None
    return f if math.isfinite(f) else None


@dataclass(frozen=True)
class Section:
    number: int  # 1..6
    heading: str  # canonical heading
    found: bool
    printed: str | None = None  # heading as printed
    line: int | None = None  # index into Report.lines
    numeral: str | None = None  # the numeral printed before the heading (may differ from number)
    text: str = ""  # the prose of the section (simplified)


@dataclass(frozen=True)
class Edit:
    """A correction of one cell: the officer's own edit or a safe fix she accepted."""

    table: str
    row: str
    col: str
    old: int | float | None
    new: int | float | None
    source: str  # "user" | "safe_fix" | "fix"
    rule: str | None = None
    at: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))


@dataclass(frozen=True)
class SourceLine:
    """A line of the document as the extractors see it: text, or cells of one table row."""

    text: str  # simplified, width not folded (display and prose matching)
    loc: Loc
    cells: tuple[SourceCellText, ...] | None = None  # set when the reader knows the table grid
    original: str | None = None  # text before traditional→simplified conversion, when it differs


@dataclass(frozen=True)
class SourceCellText:
    """A cell of a table row as the reader found it; `col`/`span` give its grid position when known
    (HTML, DOCX, XLSX, PDF word columns), so columns can be aligned by header text."""

    text: str
    loc: Loc
    col: int | None = None
    span: int = 1
    uncertain: bool = False  # recognised in an image (OCR) without confidence


@dataclass
class SourceDoc:
    """What a reader hands to the extractor: the document as lines (prose and table rows)."""

    path: str
    format: str  # txt | html | docx | pdf | xlsx
    lines: list[SourceLine]
    script: str = "simplified"
    meta: dict[str, str] = field(default_factory=dict)  # e.g. published date from page metadata
    pages: list[str] = field(default_factory=list)  # PDF: page texts, for the source pane
    notes: list[str] = field(default_factory=list)  # reader remarks (Chinese) for PARSE findings
    resume: Resume | None = None  # this tool's own workbook: the report's lines are `lines`, corrections here


@dataclass
class Resume:
    """This tool's own exported workbook read back: the original report's format and lines come from its
    报告原文 sheet (SourceDoc.lines); the corrections are re-applied as edits, those recorded in 修改记录 first,
    then any table-sheet value that still differs (a change made in Excel itself) as the officer's own edit."""

    format: str  # the format of the report the workbook was exported from
    tables: list[SourceLine]  # the table sheets as exported (corrected values)
    edits: list[Edit] = field(default_factory=list)  # from 修改记录, in order


@dataclass
class Report:
    """A report as read, with its tables, metadata and corrections."""

    path: str
    format: str
    template: Template | None
    tables: dict[str, Table]
    title: str | None = None
    agency: str | None = None
    report_year: int | None = None
    published: str | None = None  # YYYY-MM-DD
    published_source: str | None = None
    file_created: str | None = None  # YYYY-MM-DD the file says it was made (PDF/Word metadata), not the text
    period: str | None = None  # statistics period sentence as printed
    script: str = "simplified"
    sections: list[Section] = field(default_factory=list)
    lines: list[SourceLine] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    hybrid: bool = False  # 2021 tables with the 2019 single （六）其他处理 row
    regions: dict[str, tuple[int, int]] = field(default_factory=dict)  # table id → [start, end) in lines
    error: str | None = None
    parse_findings: list[Finding] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    sha256: str | None = None
    doc_meta: dict[str, str] = field(default_factory=dict)  # the reader's page metadata (kept for a re-check)
    reader_notes: list[str] = field(default_factory=list)  # the reader's remarks (SourceDoc.notes)
    text_format: str | None = None  # reopened own workbook: the format its report lines were read from
    # cells whose reading is not proven (glued digits with several splits): the possible values, most plausible
    # first, keyed by (table, row, col); the window offers them in the cell
    candidates: dict[tuple[str, str, str], list[int | float | None]] = field(default_factory=dict)
    _published_kind: dict[tuple[str, str, str], str] = field(default_factory=dict, repr=False)

    @property
    def template_version(self) -> str | None:
        return self.template.version if self.template else None

    def table(self, table_id: str) -> Table:
        return self.tables[table_id]

    def original_value(self, table: str, row: str, col: str) -> int | float | None:
        """The value as published, before any correction."""
        for e in self.edits:
            if (e.table, e.row, e.col) == (table, row, col):
                return e.old
        return self.tables[table].value(row, col)

    def is_edited(self, table: str, row: str, col: str) -> bool:
        return any((e.table, e.row, e.col) == (table, row, col) for e in self.edits)

    def set_value(self, table: str, row: str, col: str, value: int | float | None, *,
                  source: str = "user", rule: str | None = None) -> Edit:
        """Correct one cell; the change is recorded (undo by setting the old value back)."""
        t = self.tables[table]
        if col not in t.spec.cols_for(row):
            raise KeyError(f"{table}.{row}.{col}")
        cell = t.get(row, col)
        self._published_kind.setdefault((table, row, col), cell.kind)
        edit = Edit(table, row, col, cell.value, value, source, rule)
        kind = "blank" if value is None else "number"
        t.cells[(row, col)] = replace(cell, value=value, kind=kind, unit=None)
        self.edits.append(edit)
        return edit

    def undo_edit(self, edit: Edit) -> None:
        """Take back a recorded correction: the old value returns and the record is dropped."""
        t = self.tables[edit.table]
        cell = t.get(edit.row, edit.col)
        kind = "blank" if edit.old is None else "number"
        if not any(e is not edit and (e.table, e.row, e.col) == (edit.table, edit.row, edit.col) for e in self.edits):
            kind = self._published_kind.get((edit.table, edit.row, edit.col), kind)
        t.cells[(edit.row, edit.col)] = replace(cell, value=edit.old, kind=kind)
        self.edits = [e for e in self.edits if e is not edit]


def empty_tables(template: Template, requests_spec: TableSpec | None = None) -> dict[str, Table]:
    tables = {t.id: Table(t) for t in template.tables}
    if requests_spec is not None:
        tables["requests"] = Table(requests_spec)
    assert tuple(tables) == TABLE_IDS
    return tables
