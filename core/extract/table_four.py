"""Fills table 四 (its single row, every column) from its region: the values in order after the header labels."""

from __future__ import annotations

from core.extract.fit import fit
from core.extract.records import Record, detect_mode
from core.extract.spec_lookup import lookup
from core.extract.tables import Filled, _fit_findings, to_cell
from core.extract.tokens import EMPTY, LABEL, VALUE, LineToks, Tok
from core.model import Table
from core.template import TableSpec


def review_tokens(lines: list[LineToks]) -> list[Tok]:
    mode = detect_mode(lines)
    out: list[Tok] = []
    if mode == "row":
        for lt in lines:
            if not lt.values:
                continue
            labels = [i for i, t in enumerate(lt.toks) if t.kind == LABEL]
            start = labels[-1] + 1 if labels else 0
            out.extend(t for t in lt.toks[start:] if t.kind in (VALUE, EMPTY))
        return out
    double = mode == "cell2"
    blanks: list[LineToks] = []
    started = False  # after the header labels
    for lt in lines:
        if lt.raw_blank:
            blanks.append(lt)
            continue
        if double and started and len(blanks) > 1:
            out.extend(Tok("", EMPTY, b.loc) for b in blanks[1:] if b.loc is not None)
        blanks = []
        if lt.layout in ("filler", "junk", "emptyrow"):
            continue
        for t in lt.toks:
            if t.kind == LABEL:
                if not any(x.kind == VALUE for x in out):
                    out.clear()
                    started = True
            else:
                started = True
                out.append(t)
    if double and started and len(blanks) > 1:
        out.extend(Tok("", EMPTY, b.loc) for b in blanks[1:] if b.loc is not None)
    return out


def fill_review(spec: TableSpec, lines: list[LineToks]) -> Filled:
    table = Table(spec, found=True)
    out = Filled(table)
    toks = review_tokens(lines)
    if not toks:  # a row printed with every cell empty
        rows = [lt for lt in lines if lt.layout in ("emptyrow", "grid") and len(lt.toks) >= 10
                and all(t.kind == EMPTY for t in lt.toks)]
        toks = list(rows[0].toks) if rows else []
    if not toks:
        table.found = False
        return out
    row = spec.single_row
    look = lookup(spec)
    cols = look.cols_for[row]
    fitted = fit(toks, len(cols), last_is_total=False, check=look.checks[row])
    for col, tok in zip(cols, fitted.cells, strict=True):
        table.cells[(row, col)] = to_cell(tok, False, fitted.uncertain)
    table.present_rows.add(row)
    out.findings.extend(_fit_findings(spec, row, Record(row, "", toks), fitted))
    return out
