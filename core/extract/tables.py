"""Fills tables 二 and 三 of a Report from their region's lines, with PARSE findings for what was inferred."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from core.extract.align import align
from core.extract.fit import Fitted, fit
from core.extract.records import Record
from core.extract.spec_lookup import lookup
from core.extract.tokens import Tok
from core.findings import CellRef, Finding, make
from core.model import Cell, Table
from core.numbers import parse_cell
from core.relations import COLUMN, check_values, equations
from core.template import TableSpec


@dataclass
class Filled:
    table: Table
    findings: list[Finding] = field(default_factory=list)
    pending: dict[str, Fitted] = field(default_factory=dict)  # rows with several glued splits


def to_cell(tok: Tok | None, money: bool, uncertain: bool = False) -> Cell:
    if tok is None:
        return Cell(kind="absent", uncertain=uncertain)
    p = parse_cell(tok.text, money=money)
    return Cell(p.value, tok.text, tok.loc, p.kind, p.unit, uncertain)  # value, raw, loc, kind, unit, uncertain


def _refs(spec: TableSpec, row: str) -> tuple[CellRef, ...]:
    return tuple(CellRef(spec.id, row, c) for c in spec.cols_for(row))


def _label(spec: TableSpec, row: str) -> str:
    return spec.row(row).label or "行政复议、行政诉讼"


def fill_table(spec: TableSpec, records: list[Record], *, fill_gaps: bool) -> Filled:
    table = Table(spec, found=True)
    out = Filled(table)
    look = lookup(spec)
    al = align(records, spec.rows, width=look.width, fill_gaps=fill_gaps)
    cells = table.cells
    for row_id, rec in al.rows.items():
        cols = look.cols_for[row_id]
        if rec.by_col is not None:
            fitted = Fitted([rec.by_col.get(c) for c in cols])
        else:  # the row's own sum (表三 总计) checks glued splits and extra values; none in 表二
            fitted = fit(rec.values, len(cols), last_is_total=look.has_total, check=look.checks[row_id])
        uncertain = fitted.uncertain or row_id in al.inferred
        money = look.money
        for col, tok in zip(cols, fitted.cells, strict=True):
            if tok is None:
                cells[(row_id, col)] = Cell(kind="absent", uncertain=uncertain)
            else:  # to_cell, inline: a table has some 200 cells
                p = parse_cell(tok.text, money=col in money)
                cells[(row_id, col)] = Cell(p.value, tok.text, tok.loc, p.kind, p.unit, uncertain)
        table.present_rows.add(row_id)
        out.findings.extend(_fit_findings(spec, row_id, rec, fitted))
        if fitted.candidates:
            out.pending[row_id] = fitted
    if al.inferred:
        labels = "、".join(f"“{_label(spec, r)}”" for r in al.inferred)
        out.findings.append(make(
            "PARSE.UNCERTAIN",
            f"{spec.short_name}中有 {len(al.inferred)} 行数值没有紧挨着的行标签，已按模板顺序归入{labels}行，请对照原文核对。",
            cells=tuple(c for r in al.inferred for c in _refs(spec, r))))
    for rec in al.unplaced:
        vals = " ".join(t.text or "空" for t in rec.values)
        where = f"（{rec.values[0].loc.describe()}）" if rec.values and rec.values[0].loc else ""
        out.findings.append(make(
            "PARSE.UNCERTAIN",
            f"{spec.short_name}中的一行数值“{vals}”{where}无法确定属于哪一行，未计入表格，请对照原文核对。"))
    for rec in al.duplicates:
        out.findings.append(make(
            "PARSE.UNCERTAIN",
            f"{spec.short_name}“{_label(spec, rec.row or '')}”行出现了不止一次，只采用了第一次出现的数值。",
            cells=_refs(spec, rec.row or "")))
    return out


def _fit_findings(spec: TableSpec, row_id: str, rec: Record, f: Fitted) -> list[Finding]:
    """What a row's fit inferred (extra values, glued digits, short rows); none for a row read as printed."""
    if not (f.extra or f.recovered or f.candidates or f.uncertain):
        return []
    label = _label(spec, row_id)
    refs = _refs(spec, row_id)
    found: list[Finding] = []
    if f.extra:
        extra = "、".join(t.text for t in f.extra)
        found.append(make(
            "PARSE.EXTRA_VALUES",
            f"{spec.short_name}“{label}”行有 {len(rec.values)} 个数值，多于模板的 {len(refs)} 列；多出的“{extra}”未计入。",
            cells=refs))
    if f.recovered:
        values = "、".join(str(t.text) for t in f.cells if t is not None)
        found.append(make(
            "PARSE.RECOVERED",
            f"{spec.short_name}“{label}”行的数字在原文中连在一起（{f.glued}），已按本行合计唯一地拆分为 {values}。",
            cells=refs))
    elif f.candidates:
        options = "；".join("、".join(map(str, c)) for c in f.candidates[:4])
        more = "等" if len(f.candidates) > 4 else ""
        found.append(make(
            "PARSE.UNCERTAIN",
            f"{spec.short_name}“{label}”行的数字在原文中连在一起（{f.glued}），有多种拆分都符合合计（{options}{more}），"
            "未自动拆分，请对照原文填写。", cells=refs))
    elif f.uncertain:
        n_read = sum(1 for t in rec.values if t.text)
        absent = [spec.col(c).label for c, t in zip(spec.cols_for(row_id), f.cells, strict=True) if t is None]
        found.append(make(
            "PARSE.UNCERTAIN",
            f"{spec.short_name}“{label}”行只读到 {n_read} 个数值（模板有 {len(refs)} 列），"
            f"未能确定位置的列：{'、'.join(absent)}；已按首列、末列对齐放置，请对照原文核对。",
            cells=refs))
    return found


def resolve_glued(filled: Filled) -> None:
    """Pick the glued splits of a table's rows that make the column sums hold (the relations down the
    columns of core.relations: 表三's RESULT_SUM and BALANCE), when exactly one combination does."""
    if not filled.pending or len(filled.pending) > 3:
        return
    t = filled.table
    spec = t.spec
    col_eqs = [eq for eq in equations(spec) if eq.axis == COLUMN]
    if not col_eqs:
        return
    rows = list(filled.pending)
    combos = list(product(*(filled.pending[r].candidates for r in rows)))
    if len(combos) > 20000:
        return
    cols = [c.id for c in spec.columns]
    printed = {cell: t.num(*cell) for eq in col_eqs for cell in eq.cells}  # blanks and absent cells as 0
    good = []
    for combo in combos:
        vals = dict(printed)
        vals.update({(r, c): v for r, cand in zip(rows, combo, strict=True) for c, v in zip(cols, cand, strict=True)})
        if all(check_values(eq, vals) for eq in col_eqs):
            good.append(combo)
    if len(good) != 1:
        return
    for r, cand in zip(rows, good[0], strict=True):
        loc = t.get(r, cols[0]).loc or next((c.loc for c in t.cells.values() if c.loc), None)
        for c, v in zip(cols, cand, strict=True):
            t.cells[(r, c)] = Cell(value=v, raw=str(v), loc=loc, kind="number", uncertain=True)
        glued = filled.pending[r].glued
        filled.findings = [f for f in filled.findings
                           if not (f.rule == "PARSE.UNCERTAIN" and f.cells and f.cells[0].row == r)]
        filled.findings.append(make(
            "PARSE.RECOVERED",
            f"{spec.short_name}“{spec.row(r).label}”行的数字在原文中连在一起（{glued}），按本行合计与各列合计唯一地拆分为 "
            f"{'、'.join(map(str, cand))}。", cells=_refs(spec, r)))
    filled.pending.clear()
