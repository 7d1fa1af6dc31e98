"""文件 → 新建核查批次 / 打开核查批次 / 最近使用的批次 for the main window, the start of a session (the set's
reports reopened) and the recovery offer after an unclean end (killed, power cut)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QStatusBar, QWidget

from core.season.decisions import Decision
from core.season.store import SUFFIX, SetFileError, StoredEdit
from desktop.document import ReportDocument
from desktop.season_link import SeasonLink, default_set_path
from desktop.settings import Settings

log = logging.getLogger(__name__)
SET_FILTER = f"核查批次 (*{SUFFIX})"
Ask = Callable[[list[StoredEdit], list[tuple[int, Decision]]], bool]


class SetHost(Protocol):
    """What set handling needs of the main window (also the parent of its dialogs)."""

    docs: list[ReportDocument]
    season: SeasonLink
    settings: Settings

    def open_paths(self, paths: list[str]) -> list[ReportDocument]: ...

    def close_all_documents(self) -> None: ...

    def last_folder(self) -> str: ...

    def statusBar(self) -> QStatusBar: ...

    def setWindowFilePath(self, path: str) -> None: ...


class SetActions:
    def __init__(self, window: SetHost) -> None:
        self.w = window

    def _window(self) -> QWidget:
        assert isinstance(self.w, QWidget)
        return self.w

    def open_initial(self) -> None:
        """The last set used, or the default one (a broken last set falls back to the default)."""
        try:
            self.w.season.open_set(None)
        except SetFileError as exc:
            log.warning("last set unusable: %s", exc.message)
            self.w.season.open_set(default_set_path())
        self._show_name()

    def _show_name(self) -> None:
        s = self.w.season.set
        self.w.statusBar().showMessage(f"当前核查批次：{self.w.season.name}" if s is not None else "", 5000)

    def resume(self, extra: list[str], ask: Ask | None = None) -> None:
        """Start of a session: offer to recover an unclean end, reopen the set's reports, then open `extra`."""
        self.recover(ask)
        paths = self.w.season.paths()  # a report whose file is gone is listed with the reason
        self.w.open_paths(paths + list(extra)) if paths or extra else None

    def recover(self, ask: Ask | None = None) -> bool | None:
        """After an unclean end: list the edits and decisions of that session and keep them (accepted) or drop
        them. None when there was nothing to recover."""
        s = self.w.season.set
        since = s.unclean_session() if s is not None else None
        if s is None or since is None:
            return None
        edits, decisions = s.changes_since(since)
        if not edits and not decisions:
            return None
        from desktop.dialogs.recovery import ask_recovery

        keep = (ask or (lambda e, d: ask_recovery(self._window(), s, e, d)))(edits, decisions)
        if not keep:
            s.discard_changes_since(since)
        log.info("recovery: %d edits, %d decisions %s", len(edits), len(decisions), "kept" if keep else "dropped")
        return keep

    # ------------------------------------------------------------------ menu commands
    def new_set_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window(), "新建核查批次",
                                              str(Path(self.w.last_folder()) / f"核查批次{SUFFIX}"), SET_FILTER)
        if path:
            self.switch_to(path if path.endswith(SUFFIX) else path + SUFFIX, create=True)

    def open_set_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window(), "打开核查批次", self.w.last_folder(), SET_FILTER)
        if path:
            self.switch_to(path)

    def switch_to(self, path: str, create: bool = False) -> bool:
        """Close the open reports (all their work is in the current set), open another set and its reports."""
        self.w.close_all_documents()
        try:
            self.w.season.open_set(path, create=create)
        except SetFileError as exc:
            QMessageBox.warning(self._window(), "核查批次", exc.message)
            self.w.season.open_set(None if Path(self.w.settings.get("season/current")).exists() else
                                   default_set_path())
            return False
        self._show_name()
        self.resume([])
        return True

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        menu.addAction("默认核查批次", lambda: self.switch_to(str(default_set_path())))
        recent = [p for p in self.w.settings.recent_sets() if Path(p).exists()]
        if recent:
            menu.addSeparator()
        for path in recent:
            a = menu.addAction(Path(path).stem, lambda p=path: self.switch_to(p))
            a.setToolTip(path)
            a.setStatusTip(path)
