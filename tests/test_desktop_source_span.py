"""The source pane highlights the cell's own number on its line (QA: on a PDF's 表四 line “10 | 1 | 0 | 0 …” every
cell highlighted the first number, and a "0" was found inside "10")."""

from __future__ import annotations

import pytest

from desktop.source_view import cell_span

LINE = "10 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 5 | 0 | 0 | 0 | 0"


def test_the_number_is_matched_whole_and_by_its_column() -> None:
    starts = [i for i, ch in enumerate(LINE) if ch.isdigit() and (i == 0 or not LINE[i - 1].isdigit())]
    assert cell_span(LINE, "0", 12) == (starts[2], starts[2] + 1)  # the third cell of fifteen
    assert cell_span(LINE, "5", 4) == (starts[10], starts[10] + 1)
    assert cell_span(LINE, "0") == (starts[2], starts[2] + 1)  # without its column: the first whole "0"
    assert cell_span(LINE, "10", 14) == (0, 2)
    assert cell_span("8.属于行政查询事项 3 0 12", "12", 0) == (15, 17)
    assert cell_span(LINE, "7", 3) is None
    assert cell_span("其他 — 无", "—") == (3, 4)


def test_window_highlights_the_cell_of_a_pdf_row(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from desktop_support import wait_loaded

    from tests.conftest import CORPUS

    pytest.importorskip("PySide6")
    window.open_paths([str(CORPUS / "002_hongzequ_2023.pdf")])
    wait_loaded(qtbot, window)
    table = window.current.report.tables["review"]
    grid = window.grids["review"]
    window.tabs.setCurrentIndex(2)
    model = grid.model()
    for col, want in (("review_other", 2), ("suit_direct_total", 9)):
        index = next(model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                     if model.cell_key(model.index(r, c)) == ("review", "all", col))
        grid.setCurrentIndex(index)
        line, hit = window.source.highlighted_text()[:2]
        from PySide6.QtGui import QTextCursor

        selections = window.source.text.extraSelections()
        cursor = QTextCursor(selections[1].cursor)
        numbers = [i for i, ch in enumerate(line) if ch.isdigit() and (i == 0 or not line[i - 1].isdigit())]
        assert hit == table.get("all", col).raw and cursor.selectionStart() - cursor.block().position() == numbers[want]


def test_tab_count_leaves_out_ignored_findings(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """QA: after ignoring the only 表三 warning, its tab still read “表三 依申请公开（1）”."""
    from desktop_support import SAMPLES, wait_loaded

    from core.season.decisions import IGNORE, Decision

    window.open_paths([str(sorted(SAMPLES.glob("*.txt"))[0])])
    wait_loaded(qtbot, window)
    doc = window.current
    i = 1  # 表三
    before = window.tabs.tabText(i)
    target = next(f for f in doc.findings if any(c.table == "requests" for c in f.cells))
    n = sum(1 for f in doc.findings if any(c.table == "requests" for c in f.cells))
    assert f"（{n}）" in before
    window.season.decide(doc, Decision.on(target, IGNORE, "误报（工具判断有误）"))
    qtbot.waitUntil(lambda: window.tabs.tabText(i) != before, timeout=5000)
    assert (f"（{n - 1}）" in window.tabs.tabText(i)) if n > 1 else "（" not in window.tabs.tabText(i)
