"""Cross-year rules for core.validate, run only with Options.prev (last year's report of the same agency).

XYEAR.CARRY per column of table 三; XYEAR.IN_FORCE (2021 tables both years) for 规章 and 行政规范性文件;
XYEAR.ITEMS (2019 tables both years) for the item counts; XYEAR.COPY compares the narrative prose
(the sections' text without table lines, digits and punctuation) with character shingles.
Cells that are blank or unreadable in either report are not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from core import layout as L
from core import messages as M
from core.findings import CellRef, Finding, make
from core.model import Report
from core.options import Options
from core.rules.reportcache import remember

RULE_IDS = ("XYEAR.CARRY", "XYEAR.IN_FORCE", "XYEAR.ITEMS", "XYEAR.COPY")

COPY_THRESHOLD = 0.8  # share of this year's prose shingles found in last year's prose
SHINGLE = 8
MIN_PROSE_CHARS = 200


def check_crossyear(report: Report, options: Options) -> Iterator[Finding]:
    prev = options.prev
    if prev is None or prev.error is not None:
        return
    hint = None
    if report.report_year and prev.report_year and prev.report_year != report.report_year - 1:
        hint = M.XYEAR_YEAR_GAP_HINT.format(prev_year=prev.report_year, year=report.report_year)
    yield from _carry(report, prev, hint)
    yield from _in_force(report, prev, hint)
    yield from _items(report, prev, hint)
    yield from _copy(report, prev)


def _num(report: Report, table: str, row: str, col: str) -> int | float | None:
    t = report.tables.get(table)
    if t is None or not t.found or row not in t.spec.row_index or col not in t.spec.cols_for(row):
        return None
    c = t.get(row, col)
    return c.value if c.kind == "number" else None


def _carry(report: Report, prev: Report, hint: str | None) -> Iterator[Finding]:
    spec = report.tables["requests"].spec
    for col in spec.columns:
        this = _num(report, "requests", "carried_over", col.id)
        before = _num(prev, "requests", "carried_forward", col.id)
        if this is None or before is None or this == before:
            continue
        yield make("XYEAR.CARRY", M.XYEAR_CARRY.format(col=col.label, this=L.value_text(this),
                                                       prev=L.value_text(before)),
                   cells=(CellRef("requests", "carried_over", col.id),), expected=before, actual=this, hint=hint)


def _in_force(report: Report, prev: Report, hint: str | None) -> Iterator[Finding]:
    if report.template_version != "2021" or prev.template_version != "2021":
        return
    spec = report.tables["active"].spec
    for row in spec.rows:
        if "in_force" not in spec.cols_for(row.id):
            continue
        this = _num(report, "active", row.id, "in_force")
        before = _num(prev, "active", row.id, "in_force")
        issued = _num(report, "active", row.id, "issued")
        repealed = _num(report, "active", row.id, "repealed")
        if None in (this, before, issued, repealed):
            continue
        assert this is not None and before is not None and issued is not None and repealed is not None
        expected = before + issued - repealed
        if this == expected:
            continue
        yield make("XYEAR.IN_FORCE", M.XYEAR_IN_FORCE.format(
            row=row.label, this=L.value_text(this), prev=L.value_text(before), issued=L.value_text(issued),
            repealed=L.value_text(repealed), expected=L.value_text(expected)),
            cells=(CellRef("active", row.id, "in_force"),), expected=expected, actual=this, hint=hint)


def _items(report: Report, prev: Report, hint: str | None) -> Iterator[Finding]:
    if report.template_version != "2019" or prev.template_version != "2019":
        return
    spec = report.tables["active"].spec
    for row in spec.rows:
        cols = spec.cols_for(row.id)
        if "prev_items" not in cols or "change" not in cols:
            continue
        this = _num(report, "active", row.id, "prev_items")
        before = _num(prev, "active", row.id, "prev_items")
        change = _num(prev, "active", row.id, "change")
        if this is None or before is None or change is None:
            continue
        expected = before + change
        if this == expected:
            continue
        yield make("XYEAR.ITEMS", M.XYEAR_ITEMS.format(
            row=row.label, this=L.value_text(this), prev=L.value_text(before), change=L.value_text(change),
            expected=L.value_text(expected)),
            cells=(CellRef("active", row.id, "prev_items"),), expected=expected, actual=this, hint=hint)


# ---------------------------------------------------------------- near-duplicate prose

_NOT_TEXT = re.compile(r"[^\u4e00-\u9fff]+")


def narrative(report: Report) -> str:
    """The prose of the report: its lines that are not table rows, Chinese characters only."""
    parts = []
    for ln in report.lines:
        if ln.cells is not None or "|" in ln.text or "\t" in ln.text:
            continue
        parts.append(_NOT_TEXT.sub("", ln.text))
    return "".join(parts)


def shingles(text: str, n: int = SHINGLE) -> set[str]:
    return {text[i:i + n] for i in range(max(0, len(text) - n + 1))}


def similarity(a: str, b: str) -> float:
    """Share of a's shingles that also occur in b (1.0 = every passage of a is in b)."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa) if sa else 0.0


def _prose_shingles(report: Report) -> tuple[str, frozenset[str]]:
    """The report's narrative and its shingles, remembered while its prose stays the same."""
    def build() -> tuple[str, frozenset[str]]:
        text = narrative(report)
        return text, frozenset(shingles(text))

    return remember(report, "crossyear.shingles", build)


def _copy(report: Report, prev: Report) -> Iterator[Finding]:
    (a, sa), (b, sb) = _prose_shingles(report), _prose_shingles(prev)
    if len(a) < MIN_PROSE_CHARS or len(b) < MIN_PROSE_CHARS:
        return
    sim = len(sa & sb) / len(sa) if sa else 0.0  # similarity(a, b)
    if sim < COPY_THRESHOLD:
        return
    sample = _shared_passage(a, sb)
    yield make("XYEAR.COPY", M.XYEAR_COPY.format(percent=round(sim * 100)),
               hint=M.XYEAR_COPY_HINT.format(sample=sample) if sample else None,
               expected=None, actual=round(sim, 3))


def _shared_passage(a: str, sb: frozenset[str], length: int = 30) -> str | None:
    for i in range(0, max(0, len(a) - length), SHINGLE):
        if all(a[j:j + SHINGLE] in sb for j in range(i, i + length - SHINGLE + 1)):
            return a[i:i + length]
    return None
