"""Safe cell writing and shared styles for the Excel exports: text never becomes a formula, numbers stay numbers."""

from __future__ import annotations

import re

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from core.legend import BY_KEY, CORRECTED_MARK

COMMENT_AUTHOR = "年报核查"
MONEY_FORMAT = "0.00"
FORMULA_LEADS = ("=", "+", "-", "@")

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_MARK = Side(style="medium", color=CORRECTED_MARK)
CORRECTED_BORDER = Border(left=_MARK, right=_MARK, top=_MARK, bottom=_MARK)  # a corrected cell, whatever its colour
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
HEADER_FONT = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")


# characters XML 1.0 cannot hold (C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF):
# openpyxl raises IllegalCharacterError for them, so every text written goes through xml_safe
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text with the characters XML cannot hold removed (a vertical tab or form feed becomes a space)."""
    return _XML_ILLEGAL.sub(lambda m: " " if m.group(0) in "\x0b\x0c" else "", text)


def put_text(ws: Worksheet, row: int, col: int, text: str | None) -> None:
    """Write text as a string cell; text that Excel would take for a formula is stored as plain text."""
    cell = ws.cell(row=row, column=col)
    text = xml_safe(text) if text else text
    if text is None or text == "":
        cell.value = None
        return
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_LEADS):
        cell.quotePrefix = True


def put_number(ws: Worksheet, row: int, col: int, value: int | float | None, money: bool = False) -> None:
    """Write a number as a number: whole counts as int, 万元 amounts with two decimals shown."""
    cell = ws.cell(row=row, column=col)
    if value is None:
        cell.value = None
        return
    if isinstance(value, float) and value.is_integer() and not money:
        value = int(value)
    cell.value = value
    if money:
        cell.number_format = MONEY_FORMAT
    cell.alignment = RIGHT


def put_value(ws: Worksheet, row: int, col: int, value: object) -> None:
    """Write any value of a listing row (text guarded, numbers as numbers, None empty)."""
    if isinstance(value, bool):
        put_text(ws, row, col, "是" if value else "否")
    elif isinstance(value, int | float):
        put_number(ws, row, col, value)
    elif value is None:
        ws.cell(row=row, column=col).value = None
    else:
        put_text(ws, row, col, str(value))


LINE_POINTS = 15.0  # height of one line of the default 11 pt font, in points


def text_units(text: str) -> int:
    """Width of text in Excel column units: a CJK or full-width character is two, anything else one."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def fit_row_height(ws: Worksheet, row: int, widths: dict[int, float]) -> None:
    """Set a row's height so the wrapped text of its cells shows in full (LibreOffice and Excel do not grow
    rows for text written by a program): the most lines any cell of the given columns needs, at its width."""
    lines = 1
    for col, width in widths.items():
        value = ws.cell(row=row, column=col).value
        if not isinstance(value, str) or not value:
            continue
        per_line = max(int(width) - 1, 1)
        lines = max(lines, sum(max(1, -(-text_units(part) // per_line)) for part in value.split("\n")))
    ws.row_dimensions[row].height = lines * LINE_POINTS + 3


def legend_fill(key: str) -> PatternFill:
    entry = BY_KEY[key]
    return PatternFill("solid", fgColor=entry.fill)


def legend_font(key: str, bold: bool = False) -> Font:
    return Font(color=BY_KEY[key].text, bold=bold)


def paint(ws: Worksheet, row: int, col: int, key: str | None) -> None:
    """Colour one cell by its legend entry (None: leave plain)."""
    if key is None:
        return
    cell = ws.cell(row=row, column=col)
    cell.fill = legend_fill(key)
    cell.font = legend_font(key)


def add_comment(ws: Worksheet, row: int, col: int, text: str) -> None:
    if not text:
        return
    text = xml_safe(text)
    lines = text.count("\n") + 1
    comment = Comment(text, COMMENT_AUTHOR)
    comment.width = 320
    comment.height = min(60 + 18 * (lines + len(text) // 24), 400)
    ws.cell(row=row, column=col).comment = comment


def header_style(ws: Worksheet, row: int, col: int) -> None:
    cell = ws.cell(row=row, column=col)
    cell.fill = HEADER_FILL
    cell.font = HEADER_FONT
    cell.alignment = CENTER
    cell.border = BORDER


def set_widths(ws: Worksheet, widths: dict[int, float]) -> None:
    from openpyxl.utils import get_column_letter

    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def a4_landscape(ws: Worksheet, title_rows: str | None = None) -> None:
    """A4 landscape, fitted to one page wide, header rows repeated on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
