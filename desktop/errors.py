"""Logging to a file in the user's app-data folder, and the hook that turns an uncaught exception into a
dialog (with the log's location) instead of a crash."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from desktop.settings import app_data_dir

log = logging.getLogger("desktop")
_state: dict[str, object] = {"log_file": None, "showing": False}


def setup_logging() -> Path:
    """Log INFO and above to <app data>/logs/ogicheck.log (rotated at 1 MB, 3 files kept)."""
    folder = app_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ogicheck.log"
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    _state["log_file"] = path
    return path


def log_file() -> Path | None:
    value = _state["log_file"]
    return value if isinstance(value, Path) else None


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log the exception; on the UI thread show the error dialog. The event loop keeps running."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.critical("uncaught exception\n%s", details)
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread() or _state["showing"]:
        return
    _state["showing"] = True
    try:
        from desktop.dialogs.error import show_error

        show_error(QApplication.activeWindow(), f"{exc_type.__name__}: {exc}", details, log_file())
    finally:
        _state["showing"] = False


def install_excepthook() -> None:
    sys.excepthook = handle_exception

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            handle_exception(args.exc_type, args.exc_value, args.exc_traceback)

    threading.excepthook = thread_hook
