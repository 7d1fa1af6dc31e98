"""How each grid cell looks, worked out once and kept until its value or findings change: a grid repaints every
visible cell whenever it gets the focus back (after each edit, from the cell's editor), and each cell is asked for
eight roles; reading the report, the cell's findings and its legend colour afresh for each of them was most of a
repaint. The brushes and fonts are shared by all cells."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor, QFont

from core.findings import CellKey
from core.legend import BY_KEY


@dataclass(frozen=True, slots=True)
class CellLook:
    """A cell of the table as the grid shows it; `key` None for a cell its row does not have (hatched)."""

    key: CellKey | None
    text: str = ""
    legend: str | None = None  # legend key (error | warning | info | missing | corrected) or None
    edited: bool = False  # corrected: bold, with the corner mark
    uncertain: bool = False  # read with doubt: italic


NOT_APPLICABLE = CellLook(None)

_brushes: dict[tuple[str, bool], QBrush] = {}
_fonts: dict[tuple[bool, bool], QFont] = {}


def legend_brush(legend: str, background: bool) -> QBrush:
    """The fill (background) or text colour of a legend entry."""
    brush = _brushes.get((legend, background))
    if brush is None:
        entry = BY_KEY[legend]
        brush = _brushes[(legend, background)] = QBrush(QColor("#" + (entry.fill if background else entry.text)))
    return brush


def cell_font(look: CellLook) -> QFont | None:
    """Bold for a corrected cell, italic for one read with doubt; None: the grid's own font."""
    if not (look.edited or look.uncertain):
        return None
    font = _fonts.get((look.edited, look.uncertain))
    if font is None:
        font = QFont()
        font.setBold(look.edited)
        font.setItalic(look.uncertain)
        _fonts[(look.edited, look.uncertain)] = font
    return font
