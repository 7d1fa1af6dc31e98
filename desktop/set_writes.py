"""Her edits go into the set a moment after she makes them, not on the edit's path: each write waits for the disk
(the set syncs every change), which cost an edit a few milliseconds more than the redraw itself. The window
schedules a report here after every change; its edits are written within DELAY_MS of the first change not yet
written (several quick edits, or an edit and its undo, in one go), and at once before anything else reads or
closes the set. An edit is thus on disk well within a second (what survives kill -9 after a second is tested)."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from desktop.document import ReportDocument
from desktop.season_link import SeasonLink

DELAY_MS = 250


class SetWrites(QObject):
    """The reports whose edits are still to be written to the window's set (SeasonLink.sync_edits)."""

    def __init__(self, season: SeasonLink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._season = season
        self._pending: dict[int, ReportDocument] = {}
        self.last_ms = 0.0  # how long the last write took (tools/bench_desktop.py)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(lambda: self.flush())

    def schedule(self, doc: ReportDocument) -> None:
        """The report changed: write its edits within DELAY_MS (not later: the timer is not restarted)."""
        self._pending[id(doc)] = doc
        if not self._timer.isActive():
            self._timer.start()

    def pending(self, doc: ReportDocument | None = None) -> bool:
        return bool(self._pending) if doc is None else id(doc) in self._pending

    def flush(self, doc: ReportDocument | None = None) -> None:
        """Write now: one report's edits, or (None) every report's."""
        if doc is None:
            docs = list(self._pending.values())
            self._pending.clear()
            self._timer.stop()
        else:
            one = self._pending.pop(id(doc), None)
            docs = [one] if one is not None else []
        start = time.perf_counter()
        for d in docs:
            self._season.sync_edits(d)
        if docs:
            self.last_ms = (time.perf_counter() - start) * 1000

    def cancel(self, doc: ReportDocument) -> None:
        """Its edits are being dropped from the set (reloaded from the file): nothing of them is to be written."""
        self._pending.pop(id(doc), None)
