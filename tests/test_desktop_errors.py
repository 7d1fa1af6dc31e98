"""An unexpected error: logged with its traceback, a Chinese dialog naming the log file, and the app stays usable
with the open report and its edits intact."""

from __future__ import annotations

import logging

import pytest
from desktop_support import seed, wait_loaded

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QMessageBox  # noqa: E402


def test_unexpected_error_shows_log_location_and_keeps_the_work(qtbot, window, monkeypatch, config_dir) -> None:  # type: ignore[no-untyped-def]
    from desktop import errors

    log_path = errors.setup_logging()
    assert log_path.parent.parent == config_dir  # <app data>/logs/ogicheck.log
    root = logging.getLogger()
    added = [h for h in root.handlers if getattr(h, "baseFilename", None) == str(log_path)]
    try:
        _check_error_dialog(qtbot, window, monkeypatch, log_path, added)
    finally:  # leave no handler on a deleted temporary folder behind
        for h in added:
            root.removeHandler(h)
            h.close()


def _check_error_dialog(qtbot, window, monkeypatch, log_path, added) -> None:  # type: ignore[no-untyped-def]
    from desktop import errors

    window.open_paths([str(seed("002"))])
    wait_loaded(qtbot, window)
    doc = window.current
    model = window.grids["requests"].model()
    assert model.setData(model.index_of("granted", "natural"), "3")
    shown: list[tuple[str, str, str]] = []

    def exec_(box):  # type: ignore[no-untyped-def]
        shown.append((box.windowTitle(), box.text(), box.informativeText()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    try:
        raise RuntimeError("模拟的意外错误")
    except RuntimeError as exc:
        errors.handle_exception(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1
    title, text, info = shown[0]
    assert "意外错误" in title and "不受影响" in text
    assert str(log_path) in info and "模拟的意外错误" in info
    for h in added:
        h.flush()
    logged = log_path.read_text(encoding="utf-8")
    assert "模拟的意外错误" in logged and "Traceback" in logged
    # the work is intact and the window keeps working
    assert doc.modified and doc.report.tables["requests"].value("granted", "natural") == 3
    assert model.setData(model.index_of("granted", "natural"), "4")
    assert doc.undo_stack.count() == 2
