"""What the officer types or pastes into a cell, for the desktop grid: read with the same rules as a document's
cells (core.numbers), then checked against the column's kind, with a Chinese reason when it is refused."""

from __future__ import annotations

from dataclasses import dataclass

from core import messages as M
from core.layout import cell_name
from core.numbers import parse_cell
from core.template import COUNT, MONEY, SIGNED, TableSpec


@dataclass(frozen=True)
class Entry:
    """A typed value: ok with the value to store (None: blank), or refused with the reason."""

    ok: bool
    value: int | float | None = None
    reason: str = ""


def read_entry(spec: TableSpec, row: str, col: str, text: str) -> Entry:
    """Typed text for one cell: a number of the column's kind, or blank (empty, "/", "-" …)."""
    if col not in spec.cols_for(row):
        return Entry(False, reason=M.ENTRY_NOT_EDITABLE)
    kind = spec.col(col).kind
    name = cell_name(spec, row, col)
    typed = text.strip()
    parsed = parse_cell(text, money=kind == MONEY)
    if parsed.kind == "blank":
        return Entry(True, None)
    if parsed.kind != "number" or parsed.value is None:
        return Entry(False, reason=M.ENTRY_NOT_NUMBER.format(text=typed, cell=name))
    value = parsed.value
    if kind in (COUNT, SIGNED) and value != int(value):
        return Entry(False, reason=M.ENTRY_NOT_WHOLE.format(text=typed, cell=name))
    if kind == COUNT and value < 0:
        return Entry(False, reason=M.ENTRY_NEGATIVE.format(cell=name))
    return Entry(True, int(value) if kind in (COUNT, SIGNED) else value)
