"""A report in a few kilobytes for sets, the overview and the batch workbook: metadata, counts, findings and
the statistical cells, picklable (worker processes send it back) and JSON-storable (the .ogiset file keeps it).

A season keeps summaries, never whole Reports: `skeleton()` rebuilds a Report with just the template and the
cells, enough for the totals, the ratios and cell names (core.layout.place) without the document's lines.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.findings import CellRef, Finding, Findings, FixItem, Severity
from core.model import Cell, Report, Table
from core.template import TABLE_IDS, TEMPLATES, TableSpec, hybrid_requests_2021

Value = int | float | None


# Made once and shared (the same few hundred cell names and small numbers recur report after report): the cells'
# "row/col" names of each spec (one string object per name, so a pickled chunk of summaries holds each once) and,
# for skeleton(), the (row, col) of a name and the frozen Cell of a value. Bounded: a cache that grows is cleared.
_SPEC_KEYS: dict[int, tuple[TableSpec, list[tuple[tuple[str, str], str]]]] = {}
_KEY_CELLS: dict[str, tuple[str, str]] = {}
_VALUE_CELLS: dict[int, Cell] = {}
_BLANK = Cell(None, kind="blank")
_CACHE_MAX = 4096


def _spec_keys(spec: TableSpec) -> list[tuple[tuple[str, str], str]]:
    """((row, col), "row/col") of a spec's statistical cells, in the spec's order."""
    hit = _SPEC_KEYS.get(id(spec))
    if hit is None or hit[0] is not spec:
        if len(_SPEC_KEYS) >= 64:
            _SPEC_KEYS.clear()
        hit = _SPEC_KEYS[id(spec)] = (spec, [((row, col), f"{row}/{col}") for row, col in spec.cells()])
    return hit[1]


def _key_cell(key: str) -> tuple[str, str]:
    """(row, col) of a cell named "row/col"."""
    pos = _KEY_CELLS.get(key)
    if pos is None:
        row, col = key.split("/", 1)
        pos = (row, col)
        if len(_KEY_CELLS) < _CACHE_MAX:
            _KEY_CELLS[key] = pos
    return pos


def _value_cell(v: Value) -> Cell:
    """The Cell of a kept value: a blank, or a number (whole numbers shared: Cell is frozen)."""
    if v is None:
        return _BLANK
    if type(v) is not int:  # a float (-0.0, NaN) is made each time, exactly as kept
        return Cell(v, kind="number")
    cell = _VALUE_CELLS.get(v)
    if cell is None:
        if len(_VALUE_CELLS) >= _CACHE_MAX:
            _VALUE_CELLS.clear()
        cell = _VALUE_CELLS[v] = Cell(v, kind="number")
    return cell


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """A finding as JSON, with its evidence (which the contract's JSON leaves out)."""
    return {**f.to_json(), "evidence": f.evidence}


def finding_from_dict(d: dict[str, Any]) -> Finding:
    fix = d.get("fix")
    return Finding(
        rule=d["rule"], severity=Severity[d["severity"].upper()], message=d["message"],
        cells=tuple(CellRef(c["table"], c["row"], c["col"]) for c in d.get("cells") or ()),
        expected=d.get("expected"), actual=d.get("actual"), hint=d.get("hint"),
        fix=tuple(FixItem(x["table"], x["row"], x["col"], x["value"]) for x in fix) if fix else None,
        fix_safe=bool(d.get("fix_safe")), evidence=d.get("evidence"))


@dataclass(frozen=True)
class TableValues:
    """One statistical table: which spec (the template's, or the hybrid 2021 表三) and its printed cells
    (`values` by "row/col"; None is a blank; a cell not printed at all is left out)."""

    table: str
    hybrid: bool
    found: bool
    values: dict[str, Value]


@dataclass
class ReportSummary:
    """What a set keeps of one checked report. `error` is set (Chinese reason) when it could not be read."""

    path: str
    sha256: str | None = None
    format: str = ""
    agency: str | None = None
    report_year: int | None = None
    template: str | None = None
    published: str | None = None
    title: str | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    tables: list[TableValues] = field(default_factory=list)
    prev_path: str | None = None
    edits: int = 0  # corrections applied before the check

    @property
    def name(self) -> str:
        """How the officer knows the report: its agency, else its file name (never a hash-like id alone)."""
        return self.agency or Path(self.path).name

    def counts(self) -> dict[Severity, int]:
        return Findings(self.findings).counts()

    def skeleton(self) -> Report | None:
        """A Report with template and cells only (no lines, no prose); None when unreadable or templateless."""
        tmpl = TEMPLATES.get(self.template or "")
        if self.error or tmpl is None:
            return None
        tables: dict[str, Table] = {}
        for tv in self.tables:
            spec: TableSpec = hybrid_requests_2021() if tv.hybrid else tmpl.table(tv.table)
            cells = {}
            for key, v in tv.values.items():
                cells[_key_cell(key)] = _value_cell(v)
            tables[tv.table] = Table(spec, cells, found=tv.found)
        for tid in TABLE_IDS:
            tables.setdefault(tid, Table(tmpl.table(tid)))
        return Report(path=self.path, format=self.format, template=tmpl, tables=tables, title=self.title,
                      agency=self.agency, report_year=self.report_year, published=self.published,
                      sha256=self.sha256)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path, "sha256": self.sha256, "format": self.format, "agency": self.agency,
            "report_year": self.report_year, "template": self.template, "published": self.published,
            "title": self.title, "error": self.error, "prev_path": self.prev_path, "edits": self.edits,
            "findings": [finding_to_dict(f) for f in self.findings],
            "tables": [{"table": t.table, "hybrid": t.hybrid, "found": t.found, "values": t.values}
                       for t in self.tables],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ReportSummary:
        return cls(
            path=d["path"], sha256=d.get("sha256"), format=d.get("format") or "", agency=d.get("agency"),
            report_year=d.get("report_year"), template=d.get("template"), published=d.get("published"),
            title=d.get("title"), error=d.get("error"), prev_path=d.get("prev_path"), edits=d.get("edits") or 0,
            findings=[finding_from_dict(f) for f in d.get("findings") or ()],
            tables=[TableValues(t["table"], bool(t["hybrid"]), bool(t["found"]), dict(t["values"]))
                    for t in d.get("tables") or ()])


def summarize(report: Report, findings: list[Finding], path: str | os.PathLike[str] | None = None,
              prev_path: str | None = None) -> ReportSummary:
    """The summary of a report as read (with its corrections) and checked."""
    tables = []
    for tid, t in report.tables.items():
        tmpl_spec = report.template.table(tid) if report.template else None
        values: dict[str, Value] = {}
        got = t.cells
        for pos, key in _spec_keys(t.spec):
            cell = got.get(pos)
            if cell is not None and cell.kind != "absent":
                values[key] = cell.value
        tables.append(TableValues(tid, t.spec is not tmpl_spec and tid == "requests", t.found, values))
    return ReportSummary(
        path=str(path if path is not None else report.path), sha256=report.sha256, format=report.format,
        agency=report.agency, report_year=report.report_year, template=report.template_version,
        published=report.published, title=report.title, error=report.error, findings=list(Findings(findings)),
        tables=tables, prev_path=prev_path, edits=len(report.edits))
