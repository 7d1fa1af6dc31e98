"""After an edit the window redraws only what changed: the findings list moves only the rows that changed (never
reset), the grid announces only the cells whose value or findings changed. Behaviour, not time."""

from __future__ import annotations

import random

import pytest
from desktop_support import SAMPLES

from core.findings import CellRef, Findings, FindingsChange, Severity, make

pytest.importorskip("PySide6")

from core.api import load_report  # noqa: E402
from core.validate import validate  # noqa: E402
from desktop.document import ReportDocument  # noqa: E402
from desktop.findings_panel import FindingsPanel  # noqa: E402
from desktop.table_model import ReportTableModel  # noqa: E402


def _finding(i: int) -> object:
    sev = (Severity.ERROR, Severity.WARNING, Severity.INFO)[i % 3]
    f = make("CELL.MISSING", f"问题 {i}", cells=(CellRef("requests", f"r{i % 7}", f"c{i % 5}"),))
    return f.__class__(f.rule, sev, f.message, f.cells)


@pytest.mark.parametrize("seed", range(40))
def test_change_runs_turn_the_old_list_into_the_new(seed: int) -> None:
    rng = random.Random(seed)
    pool = [_finding(i) for i in range(60)]
    before = Findings(rng.sample(pool, rng.randint(0, 40)))  # type: ignore[arg-type]
    kept = [f for f in before if rng.random() < 0.8]
    after = Findings(kept + rng.sample(pool, rng.randint(0, 8)))  # type: ignore[arg-type]
    change = FindingsChange.between(before, after)
    rows = list(before)
    for i1, i2, j1, j2 in reversed(change.runs):
        rows[i1:i2] = after[j1:j2]
    assert rows == list(after)
    touched = {(c.table, c.row, c.col) for f in set(before) ^ set(after) for c in f.cells}
    assert touched <= change.cells
    assert change.empty == (list(before) == list(after))


def _doc(path) -> ReportDocument:  # type: ignore[no-untyped-def]
    report = load_report(path)
    doc = ReportDocument(str(path))
    doc.set_loaded(report, validate(report))
    return doc


def _first_number(doc: ReportDocument) -> tuple[str, str, str, int]:
    assert doc.report is not None
    t = doc.report.tables["requests"]
    row, col = next((r.id, c) for r in t.spec.rows for c in t.spec.cols_for(r.id) if isinstance(t.value(r.id, c), int))
    return "requests", row, col, int(t.value(row, col))  # type: ignore[arg-type]


class _Watch:
    """Counts what a model announces."""

    def __init__(self, model) -> None:  # type: ignore[no-untyped-def]
        self.resets = 0
        self.inserted = 0
        self.removed = 0
        self.changed: list[tuple[int, int, int, int]] = []
        model.modelReset.connect(self._reset)
        model.rowsInserted.connect(lambda _p, a, b: setattr(self, "inserted", self.inserted + b - a + 1))
        model.rowsRemoved.connect(lambda _p, a, b: setattr(self, "removed", self.removed + b - a + 1))
        model.dataChanged.connect(lambda tl, br, *_: self.changed.append((tl.row(), tl.column(), br.row(),
                                                                          br.column())))

    def _reset(self) -> None:
        self.resets += 1


@pytest.fixture
def doc(qapp) -> ReportDocument:  # type: ignore[no-untyped-def]
    return _doc(sorted(SAMPLES.glob("示例1*"))[0])


def test_findings_list_is_not_reset_by_an_edit(doc: ReportDocument, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_document(doc)
    doc.changed.connect(panel.refresh)
    watch = _Watch(panel.model)
    doc.revalidate()  # nothing changed: no row moves, no reset
    assert (watch.resets, watch.inserted, watch.removed) == (0, 0, 0)
    table, row, col, value = _first_number(doc)
    before = list(doc.findings)
    assert doc.push_changes([_change(table, row, col, value + 1000)], "edit")
    assert watch.resets == 0
    assert [panel.model.finding(r) for r in range(panel.model.rowCount())] == list(doc.findings)
    assert watch.inserted - watch.removed == len(doc.findings) - len(before)
    assert watch.inserted + watch.removed > 0  # the sums no longer add up
    doc.undo_stack.undo()
    assert watch.resets == 0
    assert [panel.model.finding(r) for r in range(panel.model.rowCount())] == before == list(doc.findings)


def test_selected_finding_stays_selected_across_an_edit(doc: ReportDocument, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_document(doc)
    doc.changed.connect(panel.refresh)
    last = doc.findings[-1]
    assert panel.select_finding(last)
    table, row, col, value = _first_number(doc)
    doc.push_changes([_change(table, row, col, value + 1000)], "edit")
    if last in doc.findings:
        assert panel.current_finding() == last


def test_grid_announces_only_the_cells_that_changed(doc: ReportDocument) -> None:
    model = ReportTableModel(doc, "requests")
    watch = _Watch(model)
    table, row, col, value = _first_number(doc)
    doc.push_changes([_change(table, row, col, value + 1000)], "edit")
    assert watch.resets == 0
    idx = model.index_of(row, col)
    cells = {(r, c) for r, c, r2, c2 in watch.changed if (r, c) == (r2, c2)}
    assert (idx.row(), idx.column()) in cells
    assert all((r, c) == (r2, c2) for r, c, r2, c2 in watch.changed), "no whole-table announcement"
    assert model.data(idx) == str(value + 1000)
    flagged = doc.last_update.findings
    assert flagged is not None
    expected = {(model.index_of(k[1], k[2]).row(), model.index_of(k[1], k[2]).column())
                for k in flagged.cells | {(table, row, col)} if k[0] == "requests" and model.index_of(k[1], k[2]).isValid()}
    assert cells == expected
    applicable = sum(len(model.spec.cols_for(r.id)) for r in model.spec.rows)  # type: ignore[union-attr]
    assert len(cells) < applicable


def _change(table: str, row: str, col: str, value: int):  # type: ignore[no-untyped-def]
    from desktop.undo_commands import CellChange

    return CellChange(table, row, col, value)
