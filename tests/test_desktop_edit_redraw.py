"""Issue #14 item 3: what the window keeps between edits to redraw only what changed must never show anything but
what a fresh look at the report shows: the cell looks, the per-table counts, the findings list, the headers'
measures, the wrapped labels' heights, the tab captions; and her edits still reach the set (a moment later)."""

from __future__ import annotations

import random

import pytest
from desktop_support import SAMPLES, seed, wait_loaded

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit  # noqa: E402

from core.api import load_report  # noqa: E402
from core.findings import CellRef, Finding, Findings, FindingsChange, Severity, make  # noqa: E402
from core.options import Options  # noqa: E402
from core.template import TABLE_IDS  # noqa: E402
from core.validate import validate  # noqa: E402
from desktop.document import ReportDocument  # noqa: E402
from desktop.finding_tally import CellIndex  # noqa: E402
from desktop.table_model import CELL_KEY_ROLE, CORRECTED_ROLE, LEGEND_ROLE, ReportTableModel  # noqa: E402
from desktop.undo_commands import CellChange  # noqa: E402

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.TextAlignmentRole,
         Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
         Qt.ItemDataRole.ToolTipRole, LEGEND_ROLE, CELL_KEY_ROLE, CORRECTED_ROLE, Qt.ItemDataRole.DecorationRole)


def _files() -> list:  # type: ignore[type-arg]
    from conftest import SEEDS

    return sorted(SEEDS.glob("*.txt")) + sorted(SAMPLES.glob("示例*"))


def _doc(path) -> ReportDocument:  # type: ignore[no-untyped-def]
    report = load_report(path)
    doc = ReportDocument(str(path))
    doc.set_loaded(report, validate(report))
    return doc


def _numbers(doc: ReportDocument) -> list[tuple[str, str, str, int]]:
    assert doc.report is not None
    return [(tid, r.id, c, int(t.value(r.id, c)))  # type: ignore[arg-type]
            for tid, t in doc.report.tables.items() for r in t.spec.rows for c in t.spec.cols_for(r.id)
            if isinstance(t.value(r.id, c), int)]


def _cells(model: ReportTableModel) -> list[tuple[int, ...]]:
    """Every role of every cell, brushes and fonts by what they show."""
    out = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            idx = model.index(r, c)
            for role in ROLES:
                v = model.data(idx, role)
                if hasattr(v, "color") and hasattr(v, "style"):
                    v = (v.color().name(), v.style())
                elif hasattr(v, "bold") and hasattr(v, "italic"):
                    v = (v.bold(), v.italic())
                out.append((r, c, int(role), v))  # type: ignore[arg-type]
    return out


def _same_as_fresh(doc: ReportDocument, models: dict[str, ReportTableModel]) -> None:
    for tid, model in models.items():
        assert _cells(model) == _cells(ReportTableModel(doc, tid)), tid


def _tally_is_fresh(doc: ReportDocument) -> None:
    for tid in TABLE_IDS:
        assert doc.tally.in_table(tid) == doc.findings.in_table(tid), tid
    assert doc.tally.safe_fix_cells == sum(len(f.fix) for f in doc.findings if f.fix_safe and f.fix)
    assert doc.report is not None
    for tid, table in doc.report.tables.items():
        for row, col in table.spec.cells():
            assert doc.cell_findings(tid, row, col) == doc.findings.at(tid, row, col), (tid, row, col)


@pytest.mark.parametrize("index", range(7))
def test_kept_cell_looks_and_counts_equal_a_fresh_look_after_every_change(qapp, index: int) -> None:  # type: ignore[no-untyped-def]
    files = _files()
    if index >= len(files):
        pytest.skip("fewer files")
    doc = _doc(files[index])
    models = {tid: ReportTableModel(doc, tid) for tid in TABLE_IDS}
    for model in models.values():
        _cells(model)  # every look worked out and kept
    rng = random.Random(index)
    numbers = _numbers(doc)
    assert numbers
    for step in range(6):
        tid, row, col, _ = rng.choice(numbers)
        current = doc.report.tables[tid].value(row, col)  # type: ignore[union-attr]
        new = None if step == 3 and current is not None else (current or 0) + rng.choice((1, 7, 1000))
        assert doc.push_changes([CellChange(tid, row, col, new)], f"edit {step}")
        _same_as_fresh(doc, models)
        _tally_is_fresh(doc)
        if step % 2:
            doc.undo_stack.undo()
            _same_as_fresh(doc, models)
            _tally_is_fresh(doc)
    safe = doc.findings.safe_fixes()
    if safe:
        fix = safe[0].fix
        assert fix
        doc.push_changes([CellChange(x.table, x.row, x.col, x.value, "safe_fix", safe[0].rule) for x in fix], "fix")
        _same_as_fresh(doc, models)
        _tally_is_fresh(doc)
    doc.set_options(Options(level="government"))
    _same_as_fresh(doc, models)
    _tally_is_fresh(doc)
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    _same_as_fresh(doc, models)
    _tally_is_fresh(doc)
    doc.set_loaded(load_report(files[index]), validate(load_report(files[index])))  # read again: all anew
    _same_as_fresh(doc, models)
    _tally_is_fresh(doc)


def _item_by_item(before: Findings, after: Findings) -> tuple[tuple[int, int, int, int], ...]:
    """FindingsChange.between as it was, comparing one finding at a time (the reference)."""
    from difflib import SequenceMatcher

    old, new = before[:], after[:]
    lo = 0
    while lo < len(old) and lo < len(new) and old[lo] == new[lo]:
        lo += 1
    hi_old, hi_new = len(old), len(new)
    while hi_old > lo and hi_new > lo and old[hi_old - 1] == new[hi_new - 1]:
        hi_old -= 1
        hi_new -= 1
    if not (lo < hi_old or lo < hi_new):
        return ()
    matcher = SequenceMatcher(None, old[lo:hi_old], new[lo:hi_new], autojunk=False)
    return tuple((lo + i1, lo + i2, lo + j1, lo + j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
                 if tag != "equal")


def _finding(i: int, copy: bool = False) -> Finding:
    sev = (Severity.ERROR, Severity.WARNING, Severity.INFO)[i % 3]
    f = make("CELL.MISSING", f"问题 {i}", cells=(CellRef("requests", f"r{i % 11}", f"c{i % 5}"),))
    return Finding(f.rule, sev, f.message, tuple(f.cells) if copy else f.cells)


@pytest.mark.parametrize("seed_no", range(12))
def test_change_between_long_lists_equals_the_item_by_item_one(seed_no: int) -> None:
    rng = random.Random(seed_no)
    pool = [_finding(i) for i in range(3000)]
    before = Findings(rng.sample(pool, rng.randint(500, 2500)))
    # the next validation: the same findings as equal copies or the very same objects, a few gone, a few new
    kept = [(_finding(int(f.message.split()[1]), copy=True) if rng.random() < 0.5 else f)
            for f in before if rng.random() > 0.01 * (seed_no % 4)]
    after = Findings(kept + [_finding(3000 + i) for i in range(rng.randint(0, 6))])
    change = FindingsChange.between(before, after)
    assert change.runs == _item_by_item(before, after)
    rows = list(before)
    for i1, i2, j1, j2 in reversed(change.runs):
        rows[i1:i2] = after[j1:j2]
    assert rows == list(after)
    index = CellIndex(before)  # the window's per-cell index follows the change to the new collection's own
    index.follow(change)
    assert {k: index.at(k) for k in after.by_cell} == after.by_cell
    assert all(not index.at(k) for k in before.by_cell if k not in after.by_cell)


@pytest.mark.parametrize("seed_no", range(30))
def test_cell_index_follows_shuffled_changes_with_twins(seed_no: int) -> None:
    rng = random.Random(seed_no)
    pool = [_finding(i) for i in range(40)] + [_finding(i, copy=True) for i in range(0, 40, 3)]  # equal twins
    current = Findings(rng.sample(pool, 25))
    index = CellIndex(current)
    for _ in range(8):
        nxt = Findings([f for f in current if rng.random() > 0.2] + rng.sample(pool, rng.randint(0, 6)))
        index.follow(FindingsChange.between(current, nxt))
        assert {k: index.at(k) for k in nxt.by_cell} == nxt.by_cell
        current = nxt


# ---------------------------------------------------------------------------------------------- in the window
def _edit_through_the_grid(qtbot, window, table: str, row: str, col: str, text: str) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(TABLE_IDS.index(table))
    grid = window.grids[table]
    idx = grid.model().index_of(row, col)
    grid.setCurrentIndex(idx)
    grid.edit(idx)
    editor = next((e for e in grid.findChildren(QLineEdit) if e.isVisible()), None)
    assert editor is not None
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState, timeout=5000)


def _shown(window, doc: ReportDocument) -> None:  # type: ignore[no-untyped-def]
    """The list, the counts, the tab captions and every grid cell show the document's findings as they are."""
    panel = window.findings
    assert [panel.model.finding(r) for r in range(panel.model.rowCount())] == list(doc.findings)
    c = doc.counts()
    assert f"错误 {c['error']}" in window.counts_label.text() and f"提示 {c['info']}" in window.counts_label.text()
    for sev, button in panel.sev_buttons.items():
        assert button.text().endswith(f" {c[sev.key]}")
    for i, tid in enumerate(TABLE_IDS):
        n, _ = doc.findings.in_table(tid)
        assert window.tabs.tabText(i).endswith(f"（{n}）") if n else "（" not in window.tabs.tabText(i)
        model = window.models_for(doc)[tid]
        assert _cells(model) == _cells(ReportTableModel(doc, tid))


def test_an_edit_that_makes_a_finding_and_one_that_fixes_it_redraw_all_of_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("004"))])
    wait_loaded(qtbot, window)
    doc = window.current
    _shown(window, doc)
    known, counts = list(doc.findings), doc.counts()
    # a total that no longer adds up, typed into the grid: a new finding on the list, in the counts, on its cells
    tid, row, col, value = next(n for n in _numbers(doc) if n[0] == "requests")
    _edit_through_the_grid(qtbot, window, tid, row, col, str(value + 1000))
    assert doc.report.tables[tid].value(row, col) == value + 1000
    made = [g for g in doc.findings if g not in known]
    assert made, "the sums no longer add up"
    assert sum(doc.counts().values()) > sum(counts.values())
    _shown(window, doc)
    flagged = {(c.table, c.row, c.col) for g in made for c in g.cells}
    for t, r, c in flagged:
        model = window.models_for(doc)[t]
        cell = model.index_of(r, c)
        if cell.isValid():
            assert model.data(cell, LEGEND_ROLE) in ("error", "warning", "info", "missing")
    edited = window.models_for(doc)[tid].index_of(row, col)
    assert window.models_for(doc)[tid].data(edited, CORRECTED_ROLE) is True
    # the published value typed back: those findings go from the list, the counts and the cells
    _edit_through_the_grid(qtbot, window, tid, row, col, str(value))
    assert list(doc.findings) == known and doc.counts() == counts
    _shown(window, doc)
    doc.undo_stack.undo()
    _shown(window, doc)
    doc.undo_stack.undo()
    _shown(window, doc)
    assert list(doc.findings) == known


def test_edits_reach_the_set_within_a_second_and_before_the_report_closes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("001"))])
    wait_loaded(qtbot, window)
    doc = window.current
    tid, row, col, value = _numbers(doc)[0]
    assert doc.push_changes([CellChange(tid, row, col, value + 3)], "edit")
    assert window.set_writes.pending(doc)  # not on the edit's path ...
    qtbot.waitUntil(lambda: not window.set_writes.pending(), timeout=1000)  # ... but within a second
    assert [k.edit.new for k in window.season.set.edits(doc.entry)] == [value + 3]
    assert doc.push_changes([CellChange(tid, row, col, value + 4)], "edit")
    entry = doc.entry
    doc.mark_saved()
    window.close_document(doc)  # closing at once keeps it too
    assert [k.edit.new for k in window.season.set.edits(entry)] == [value + 3, value + 4]


def test_merged_headers_measure_anew_when_sections_or_models_change(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("001")), str(seed("003"))])
    wait_loaded(qtbot, window)
    window.tabs.setCurrentIndex(TABLE_IDS.index("requests"))
    grid = window.grids["requests"]
    def fresh(header):  # type: ignore[no-untyped-def]
        paths = header._paths()
        return paths, header._levels(paths), header._spans(paths)

    for header in (grid.horizontalHeader(), grid.verticalHeader()):
        assert header._layout() == fresh(header)
        header.resizeSection(1, header.sectionSize(1) // 2 + 10)
        assert header._layout() == fresh(header)
    window.report_list.select(window.docs[1])
    window.set_current(window.docs[1])
    for header in (grid.horizontalHeader(), grid.verticalHeader()):
        assert header._layout() == fresh(header)


def test_wrapped_label_heights_follow_text_and_font(qapp) -> None:  # type: ignore[no-untyped-def]
    from desktop.legend_bar import legend_html
    from desktop.wrapped_label import WrappedLabel

    kept, plain = WrappedLabel(legend_html()), QLabel(legend_html())
    plain.setWordWrap(True)
    for w in (120, 300, 800):
        assert kept.heightForWidth(w) == plain.heightForWidth(w)
    for label in (kept, plain):
        label.setText("短")
    assert kept.heightForWidth(120) == plain.heightForWidth(120)
    font = kept.font()
    font.setPointSize(font.pointSize() * 2)
    for label in (kept, plain):
        label.setFont(font)
    assert kept.heightForWidth(120) == plain.heightForWidth(120)


def test_tab_captions_and_source_title(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(seed("001"))])
    wait_loaded(qtbot, window)
    tabs = window.tabs
    long = "表三（" + "9" * 40 + "）"
    tabs.set_caption(1, long)
    assert tabs.tabText(1) == long
    qtbot.waitUntil(lambda: tabs.tabBar().width() >= min(tabs.tabBar().sizeHint().width(), tabs.width()))
    window.source.title.setText("原文 · 第3行 · " + "很长的单元格名称" * 20)
    assert window.source.title.toolTip() == window.source.title.text()
    assert window.source.width() < window.width()
