"""The 报告原文 sheet's format, for the workbook export (writes it) and the xlsx reader (reads it back).

One row per line of the report as it was read: column A the line's text for the officer; hidden technical
columns carry the line exactly (its origin, the table grid of a table row, the traditional original) so that
reopening the workbook reads the same document again. Lines of the printed tables are kept in hidden rows
(the table sheets show the tables); the officer sees title, preamble, headings and prose in order.
The corrections recorded in 修改记录 carry their cell ids in hidden columns too, so they are re-applied.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from core.model import Loc, SourceCellText, SourceLine

SOURCE_SHEET = "报告原文"
SOURCE_NOTE = ("本表是报告原文（标题、开头、各部分标题及正文，按原顺序；统计表格见表二、表三、表四工作表）。"
               "再次用年报核查打开本工作簿时，按本表与各表格重新核查。")
SOURCE_HEADERS = ("原文", "行数据")  # column B (hidden): the line as JSON
SOURCE_FIRST_ROW = 4  # row 1 note, row 2 the source file and SHA-256, row 3 headers
NOTE_KIND = "note"
DOC_KIND = "doc"  # a reader's remark (PARSE.UNCERTAIN) kept in a hidden row
# technical columns of 修改记录 (hidden): table id, row id, column id, old, new, source, rule id
EDIT_TECH_HEADERS = ("表格编号", "行编号", "列编号", "原值数据", "新值数据", "修改方式编号", "规则编号")


def _loc(loc: Loc | None) -> list[Any] | None:
    if loc is None:
        return None
    return [loc.line, loc.page, loc.sheet, loc.cell]


def _unloc(data: list[Any] | None) -> Loc:
    if not data:
        return Loc()
    line, page, sheet, cell = (list(data) + [None] * 4)[:4]
    return Loc(line=line, page=page, sheet=sheet, cell=cell)


def line_json(ln: SourceLine) -> str:
    """A line of the report as the hidden cell's JSON."""
    data: dict[str, Any] = {"t": ln.text, "l": _loc(ln.loc)}
    if ln.cells is not None:
        data["c"] = [[c.text, _loc(c.loc), c.col, c.span] for c in ln.cells]
    if ln.original is not None:
        data["o"] = ln.original
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def doc_json(fmt: str, script: str, meta: dict[str, str], sha256: str | None) -> str:
    """The hidden first row: the original report's format, script, page metadata and SHA-256."""
    return json.dumps({"k": DOC_KIND, "t": "", "format": fmt, "script": script, "meta": meta, "sha256": sha256},
                      ensure_ascii=False, separators=(",", ":"))


def note_json(note: str) -> str:
    return json.dumps({"k": NOTE_KIND, "t": note}, ensure_ascii=False, separators=(",", ":"))


@dataclass
class SourceRows:
    """What the 报告原文 sheet holds: the report's lines and the reader's remarks on it."""

    lines: list[SourceLine]
    notes: list[str]
    format: str = "xlsx"
    script: str = "simplified"
    meta: dict[str, str] = field(default_factory=dict)
    sha256: str | None = None


def read_source_rows(values: list[tuple[Any, ...]]) -> SourceRows | None:
    """The lines from the sheet's rows (cell values as openpyxl gives them); None if it is not our sheet."""
    out = SourceRows([], [])
    lines, notes = out.lines, out.notes
    for row in values[SOURCE_FIRST_ROW - 1:]:
        raw = row[1] if len(row) > 1 else None
        if not isinstance(raw, str) or not raw.startswith("{"):
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("t"), str):
            return None
        if data.get("k") == DOC_KIND:
            out.format = str(data.get("format") or "xlsx")
            out.script = str(data.get("script") or "simplified")
            meta = data.get("meta")
            out.meta = {str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else {}
            out.sha256 = data.get("sha256") if isinstance(data.get("sha256"), str) else None
            continue
        if data.get("k") == NOTE_KIND:
            notes.append(data["t"])
            continue
        cells = None
        if isinstance(data.get("c"), list):
            cells = tuple(SourceCellText(str(c[0]), _unloc(c[1]), c[2], int(c[3] or 1)) for c in data["c"])
        original = data.get("o") if isinstance(data.get("o"), str) else None
        lines.append(SourceLine(data["t"], _unloc(data.get("l")), cells=cells, original=original))
    if not lines:
        return None
    return out


def number_text(value: int | float | None) -> str:
    """A cell value for a technical column, read back exactly by `parse_number`."""
    return "" if value is None else repr(value)


def parse_number(text: Any) -> int | float | None:
    if text is None or text == "":
        return None
    if isinstance(text, int | float):
        return text
    s = str(text)
    try:
        return int(s)
    except ValueError:
        return float(s)
