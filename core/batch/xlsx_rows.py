"""The long sheets of the batch workbook written fast: their data rows go straight to worksheet XML, the same
cells, values and styles openpyxl writes (its markup, with the text in UTF-8 where openpyxl writes character
references), without an openpyxl cell object per value, which costs some 20 µs to make, style and write: seconds
for a batch's tens of thousands of finding cells.

The sheet itself (header row, widths, frozen panes, filter, page set-up) stays an openpyxl worksheet; `SheetRows`
collects the rows below its header, and `save_with_rows` saves the workbook with openpyxl and puts the rows into
the saved sheet. Cell values follow core.export.xlsx_cells.put_value: text is made XML-safe and kept as text (a
formula lead gets Excel's quote prefix), a number is right-aligned (a whole float written as an int), None leaves
the cell out. Styles are registered in the workbook through openpyxl (one per combination, made once).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.export import xlsx_cells as xc
from core.export.xlsx_cells import xml_safe

ROWS_COMPRESSION = 3  # zlib level of the long sheets: as small as openpyxl's level 6 of its longer XML, 5× faster
MAX_TEXT = 32767  # openpyxl keeps at most this many characters of a text cell
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class SheetRows:
    """Data rows of one worksheet, from `first_row` on, as the XML openpyxl would write for them."""

    def __init__(self, ws: Worksheet, first_row: int) -> None:
        self.ws = ws
        self.row = first_row - 1  # the last row added
        self.columns = 0
        self._parts: list[bytes] = []
        self._styles: dict[tuple[str | None, bool, bool], int] = {}
        self._texts: dict[str, str] = {}
        self._text_cells: dict[tuple[str | None, str], str] = {}
        self._letters = [get_column_letter(j) for j in range(1, 65)]

    def _style(self, paint: str | None, number: bool, quote: bool) -> int:
        """The workbook's style id of a cell written by xlsx_cells with these traits (0: no style)."""
        key = (paint, number, quote)
        sid = self._styles.get(key)
        if sid is None:
            if key == (None, False, False):
                sid = 0
            else:
                cell = WriteOnlyCell(self.ws)
                if number:
                    cell.alignment = xc.RIGHT
                if quote:
                    cell.quotePrefix = True
                if paint is not None:
                    cell.fill = xc.legend_fill(paint)
                    cell.font = xc.legend_font(paint)
                sid = cell.style_id
            self._styles[key] = sid
        return sid

    def _text(self, text: str) -> str:
        """A text's <is> content as openpyxl writes it (made once per distinct text: names, rule names and hints
        repeat row after row)."""
        xml = self._texts.get(text)
        if xml is None:
            if len(self._texts) >= 50_000:
                self._texts.clear()
            t = text[:MAX_TEXT]
            space = ' xml:space="preserve"' if t != t.strip() else ""
            xml = self._texts[text] = f"<is><t{space}>{t.translate(_ESCAPES)}</t></is>"
        return xml

    def _text_cell(self, paint: str | None, value: str) -> str:
        """A text cell's XML after its reference (its style, type and text; "" when the cell is left out), made once
        per text and paint (names, rule names and hints repeat row after row)."""
        text = xml_safe(value)
        if not text:
            tail = f' s="{self._style(paint, False, False)}" t="n">' if paint is not None else ""
        else:
            sid = self._style(paint, False, text.startswith(xc.FORMULA_LEADS))
            style = f' s="{sid}"' if sid else ""
            tail = f'{style} t="inlineStr">{self._text(text)}'
        if len(self._text_cells) >= 50_000:
            self._text_cells.clear()
        self._text_cells[(paint, value)] = tail
        return tail

    def add(self, values: Sequence[object], paints: dict[int, str | None] | None = None) -> None:
        """Append one row: `values` from column A on (as put_value writes them), `paints` a legend key by column
        (xlsx_cells.paint; None leaves the cell plain)."""
        self.row += 1
        r = str(self.row)
        self.columns = max(self.columns, len(values))
        out = [f'<row r="{r}">']
        letters, styles, cells = self._letters, self._styles, self._text_cells
        for j, value in enumerate(values, start=1):
            paint = paints.get(j) if paints else None
            if isinstance(value, bool):
                value = "是" if value else "否"
            elif isinstance(value, int | float):
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                sid = styles.get((paint, True, False)) or self._style(paint, True, False)
                out.append(f'<c r="{letters[j - 1]}{r}" s="{sid}" t="n"><v>{safe_string(value)}</v></c>')
                continue
            text = "" if value is None else value if isinstance(value, str) else str(value)
            tail = cells.get((paint, text))
            if tail is None:
                tail = self._text_cell(paint, text)
            if tail:
                out.append(f'<c r="{letters[j - 1]}{r}"{tail}</c>')
        out.append("</row>")
        self._parts.append("".join(out).encode())

    def dimension(self) -> str:
        """The sheet's used range with these rows (openpyxl's `calculate_dimension`)."""
        cols = max(self.columns, self.ws.max_column)
        return f"A1:{get_column_letter(cols)}{max(self.row, self.ws.max_row)}"

    def into(self, sheet_xml: bytes) -> bytes:
        """The saved sheet's XML with these rows after its own and its dimension made to cover them."""
        rows = b"".join(self._parts)
        head, sep, tail = sheet_xml.partition(b"</sheetData>")
        if sep:
            sheet_xml = head + rows + sep + tail
        else:
            sheet_xml = sheet_xml.replace(b"<sheetData/>", b"<sheetData>" + rows + b"</sheetData>", 1)
        start = sheet_xml.find(b'<dimension ref="')
        if start >= 0:
            start += len(b'<dimension ref="')
            end = sheet_xml.index(b'"', start)
            sheet_xml = sheet_xml[:start] + self.dimension().encode("ascii") + sheet_xml[end:]
        return sheet_xml


def save_with_rows(wb: Workbook, rows: Sequence[SheetRows]) -> bytes:
    """The workbook as .xlsx bytes, each SheetRows written into its sheet."""
    buf = io.BytesIO()
    wb.save(buf)
    by_part = {r.ws.path.lstrip("/"): r for r in rows}
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as dst:
        for info in src.infolist():
            data = src.read(info)
            if (sheet := by_part.get(info.filename)) is None:
                dst.writestr(info, data)
            else:  # a fast level: the long sheets are most of the work of saving
                dst.writestr(info, sheet.into(data), compresslevel=ROWS_COMPRESSION)
    return out.getvalue()
