"""Turns the lines of one table region into row records (label + value cells), in either layout family.

Row mode: a line carries a row (pipes, tabs, markdown, grids, "行政许可 97"); a label alone on a line is
ignored and value rows without a label are kept as orphans for alignment.
Cell mode: one cell per line; a label line opens a row and the following value lines fill it. In a
double-spaced copy every filled cell is followed by one blank line, so a run of k blank lines stands for
k − 1 empty cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.extract.labels import match_column, match_row
from core.extract.tokens import EMPTY, LABEL, VALUE, LineToks, Tok
from core.template import ColumnSpec, RowSpec


@dataclass
class Record:
    row: str | None  # matched template row id, None for an orphan value row
    label: str  # printed label text ('' for orphans)
    values: list[Tok] = field(default_factory=list)  # value and empty cells in order
    line: int = 0  # index of the line where the record starts
    ambiguous: bool = False
    by_col: dict[str, Tok] | None = None  # cells placed by the header above them (grid layouts)

    @property
    def filled(self) -> list[Tok]:
        return [t for t in self.values if t.kind == VALUE]


def detect_mode(lines: list[LineToks]) -> str:
    """'row', 'cell' or 'cell2' (double-spaced one-cell-per-line)."""
    on_multi = single = 0  # value cells on lines of several cells, and on lines of one
    for lt in lines:
        toks = lt.toks
        if len(toks) > 1:
            on_multi += sum(1 for t in toks if t.kind == VALUE)
        elif toks and toks[0].kind == VALUE:
            single += 1
    if lines and lines[0].layout == "grid" or on_multi > single:
        return "row"
    nonblank = [i for i, lt in enumerate(lines) if not lt.raw_blank]
    if len(nonblank) >= 5:
        followed = sum(1 for k, i in enumerate(nonblank[:-1]) if nonblank[k + 1] > i + 1)
        if followed >= 0.8 * (len(nonblank) - 1):
            return "cell2"
    return "cell"


def _row_of_line(lt: LineToks, rows: tuple[RowSpec, ...]) -> tuple[int, str | None, bool, str]:
    """Position of the last label cell that names a row; (-1, None, ambiguous, label) when none does."""
    ambiguous = False
    labels = [i for i, t in enumerate(lt.toks) if t.kind == LABEL]
    for i in reversed(labels):
        m = match_row(lt.toks[i].norm, rows)
        if m.row:
            return i, m.row, False, lt.toks[i].text
        ambiguous = ambiguous or m.ambiguous
    last = labels[-1] if labels else -1
    return last, None, ambiguous, " ".join(lt.toks[i].text for i in labels)


def _is_header(lt: LineToks, header_words: frozenset[str]) -> bool:
    """A line with two or more column-header labels (自然人 | 法人或其他组织 | 总计) is a header, not a row."""
    return sum(1 for t in lt.toks if t.kind == LABEL and t.norm in header_words) >= 2


class HeaderMap:
    """Grid column → template column, learnt from header rows (labels with their col/span)."""

    def __init__(self, columns: tuple[ColumnSpec, ...]) -> None:
        self.columns = columns
        self.map: dict[int, str] = {}
        self.fresh = True  # no data row since the last header row

    def learn(self, lt: LineToks, rows: tuple[RowSpec, ...]) -> bool:
        if lt.layout != "grid" or lt.values or not self.columns:
            return False
        hits = [(t, match_column(t.norm, self.columns)) for t in lt.toks if t.kind == LABEL and t.col is not None]
        keys = {c.id: c.keys for c in self.columns}
        # a header that is also a row label (总计) counts when it is exactly a column's header text
        hits = [(t, c) for t, c in hits if c and (t.norm in keys[c] or not match_row(t.norm, rows).row)]
        if len({c for _, c in hits}) < (1 if len(self.columns) == 1 else 2) and not (hits and self.map):
            return False
        if not self.fresh:
            self.map, self.fresh = {}, True
        for t, c in hits:
            for k in range(t.col or 0, (t.col or 0) + max(t.span, 1)):
                self.map[k] = c  # type: ignore[assignment]
        return bool(hits)

    def place(self, cells: list[Tok], wanted: tuple[str, ...]) -> dict[str, Tok] | None:
        self.fresh = False
        if not self.map or any(t.col is None for t in cells):
            return None
        out: dict[str, Tok] = {}
        for t in cells:
            c = self.map.get(t.col)  # type: ignore[arg-type]
            if c is None or c not in wanted:
                if t.kind == VALUE:
                    return None  # a value under no known header: fall back to alignment
                continue
            if c in out and out[c].kind == VALUE and t.kind == VALUE:
                return None
            if c not in out or t.kind == VALUE:
                out[c] = t
        return out if len(out) >= max(1, len(wanted) // 2) else None


def records_row_mode(lines: list[LineToks], rows: tuple[RowSpec, ...],
                     header_words: frozenset[str] = frozenset(),
                     columns: tuple[ColumnSpec, ...] = (),
                     cols_for: dict[str, tuple[str, ...]] | None = None) -> list[Record]:
    out: list[Record] = []
    header = HeaderMap(columns)
    for lt in lines:
        if not lt.toks or not lt.multi and lt.toks[0].kind != LABEL:
            continue  # blank lines and stray single values
        if header.learn(lt, rows):
            continue
        if not lt.values and _is_header(lt, header_words):
            continue
        pos, row, ambiguous, label = _row_of_line(lt, rows)
        cells = [t for t in lt.toks[pos + 1:] if t.kind in (VALUE, EMPTY)]
        if row is None and not any(t.kind == VALUE for t in cells):
            continue  # headers, captions, label fragments
        if row is not None and not cells:
            continue  # a label alone: not a row in this layout
        if row is None and any(t.kind == LABEL for t in lt.toks[pos + 1:]):
            continue
        rec = Record(row, label if row else "", cells, lt.index, ambiguous)
        if row is not None and cols_for is not None:
            rec.by_col = header.place(cells, cols_for[row])
        out.append(rec)
    return out


def records_cell_mode(lines: list[LineToks], rows: tuple[RowSpec, ...], double: bool) -> list[Record]:
    out: list[Record] = []
    current: Record | None = None
    blanks: list[LineToks] = []
    started = False

    def close() -> None:
        nonlocal current
        if current is not None and current.values:
            out.append(current)
        current = None

    for lt in lines:
        if lt.raw_blank:
            blanks.append(lt)
            continue
        if double and started and len(blanks) > 1 and current is not None:
            for b in blanks[1:]:
                current.values.append(Tok("", EMPTY, b.loc or lt.toks[0].loc))
        blanks = []
        if lt.layout in ("junk",):
            close()
            continue
        if lt.layout in ("filler", "emptyrow"):
            continue
        started = True
        for t in lt.toks:
            if t.kind == LABEL:
                m = match_row(t.norm, rows)
                if current is not None and current.row and not current.values and not m.row:
                    current.label += t.text  # the label goes on over the next line
                    continue
                close()
                if m.row:
                    current = Record(m.row, t.text, [], lt.index)
            elif current is not None:
                current.values.append(t)
            elif t.kind == VALUE:
                current = Record(None, "", [t], lt.index)
    if double and current is not None and len(blanks) > 1:
        current.values.extend(Tok("", EMPTY, b.loc or current.values[0].loc) for b in blanks[1:]
                              if b.loc is not None)
    close()
    return out


def build_records(lines: list[LineToks], rows: tuple[RowSpec, ...],
                  header_words: frozenset[str] = frozenset(), columns: tuple[ColumnSpec, ...] = (),
                  cols_for: dict[str, tuple[str, ...]] | None = None) -> tuple[str, list[Record]]:
    mode = detect_mode(lines)
    if mode == "row":
        return mode, records_row_mode(lines, rows, header_words, columns, cols_for)
    return mode, records_cell_mode(lines, rows, double=(mode == "cell2"))
