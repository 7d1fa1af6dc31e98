"""Issue 13: a cell with several possible readings (Report.candidates) is edited with a drop-down of them; the
choice is an ordinary undoable edit."""

from __future__ import annotations

import pytest
from desktop_support import SAMPLES

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem, QWidget  # noqa: E402

from core.api import load_report  # noqa: E402
from core.validate import validate  # noqa: E402
from desktop.document import ReportDocument  # noqa: E402
from desktop.grid_view import BLANK_CHOICE, NumberDelegate  # noqa: E402
from desktop.table_model import ReportTableModel  # noqa: E402


def test_candidates_offered_in_a_drop_down_and_picked_undoably(qapp) -> None:  # type: ignore[no-untyped-def]
    path = sorted(SAMPLES.glob("示例1*"))[0]
    report = load_report(path)
    report.candidates[("requests", "granted", "natural")] = [12, 1, None]
    doc = ReportDocument(str(path))
    doc.set_loaded(report, validate(report))
    model = ReportTableModel(doc, "requests")
    delegate = NumberDelegate()
    parent = QWidget()
    idx = model.index_of("granted", "natural")
    assert model.candidate_texts(idx) == ["12", "1", ""]

    editor = delegate.createEditor(parent, QStyleOptionViewItem(), idx)
    assert isinstance(editor, QComboBox) and editor.isEditable()
    assert [editor.itemText(i) for i in range(editor.count())] == ["12", "1", BLANK_CHOICE]
    delegate.setEditorData(editor, idx)
    before = report.tables["requests"].value("granted", "natural")
    editor.setCurrentIndex(1)
    delegate.setModelData(editor, model, idx)
    assert report.tables["requests"].value("granted", "natural") == 1
    assert report.edits[-1].source == "user" and doc.undo_stack.count() == 1
    editor.setCurrentIndex(2)
    delegate.setModelData(editor, model, idx)
    assert report.tables["requests"].value("granted", "natural") is None
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert report.tables["requests"].value("granted", "natural") == before and report.edits == []
    editor.setEditText("7")  # typing stays possible
    delegate.setModelData(editor, model, idx)
    assert model.data(idx, Qt.ItemDataRole.EditRole) == "7"

    other = model.index_of("partial", "natural")
    assert isinstance(delegate.createEditor(parent, QStyleOptionViewItem(), other), QLineEdit)


def test_scan_progress_and_cancel_in_the_window(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    hooks = window.runner.read_hooks("扫描件.pdf")
    assert hooks.progress is not None and hooks.cancelled is not None
    hooks.progress(1, 6)
    qtbot.waitUntil(lambda: window.cancel_button.isVisible())
    assert window.progress.isVisible() and "文字识别" in window.progress.format() and "2/6" in window.progress.format()
    assert not hooks.cancelled()
    window.cancel_button.click()
    assert hooks.cancelled()
    from core.readers import UnreadableError

    with pytest.raises(UnreadableError, match="取消"):
        hooks.step(2, 6)
    hooks.progress(6, 6)
    qtbot.waitUntil(lambda: not window.cancel_button.isVisible())
    assert not window.progress.isVisible()


def test_source_pane_shows_the_scanned_page_with_the_cell_outlined(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("cv2")
    from conftest import CORPUS
    from scans import scan_pdf

    from core.model import Loc
    from desktop.source_view import SourceView

    stem = CORPUS / "002_hongzequ_2023.pdf"
    if not stem.exists():
        pytest.skip("corpus not present")
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_pdf(stem, dpi=100, pages=[0, 1]))
    view = SourceView()
    qtbot.addWidget(view)
    view.show()
    view.image.set_path(str(path))
    assert view.image.show_box(Loc(page=2, line=3, box=(100.0, 200.0, 160.0, 215.0)))
    assert view.image.isVisible()
    pix = view.image.label.pixmap()
    assert pix.width() == pytest.approx(595 * 150 / 72, abs=3)  # the page at the reader's 150 dpi
    red = pix.toImage().pixelColor(int(100 * 150 / 72) - 3, int(207 * 150 / 72))
    assert red.red() > 200 and red.green() < 80  # the outline on the cell's left edge
    assert not view.image.show_box(Loc(page=2, line=3)) and not view.image.isVisible()  # a text-layer place
