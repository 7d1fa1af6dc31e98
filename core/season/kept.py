"""Summaries a set keeps of its reports for the window (core.season.store's `summary`, `size`, `mtime` and `basis`
columns): reopening a set lists an unchanged report from its kept summary instead of checking it again.

A kept summary holds while the file has the same size and modification time as when it was read and the check's
`summary_basis` (this tool's version, the settings, her edits) is the same. `KeptWriter` writes them on a thread of
its own with its own connection, so neither the writes nor SQLite's checkpoints (a disk sync now and then) ever
run on the window's thread.
"""

from __future__ import annotations

import hashlib
import json
import queue
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from core.model import Edit
from core.season.summary import ReportSummary

Kept = tuple[int, str, int | None, int | None, str]  # (entry, summary as JSON text, size, mtime in ns, basis)


class _Settings(Protocol):  # core.season.store.CheckSettings
    def to_json(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class KeptSummary:
    """A report's summary as the window kept it, with what it depended on: the file's size and modification time
    when it was read, and `basis` (summary_basis)."""

    summary_json: str
    size: int | None
    mtime: int | None  # nanoseconds
    basis: str | None

    def summary(self) -> ReportSummary:
        return ReportSummary.from_json(json.loads(self.summary_json))


def summary_basis(settings: _Settings, edits: Iterable[Edit]) -> str:
    """What a report's check depends on besides its file: this tool's version, the settings and the corrections
    applied first. A kept summary with another basis is out of date."""
    from core import __version__

    data = [__version__, settings.to_json(), [[e.table, e.row, e.col, e.new, e.source, e.rule] for e in edits]]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()


def write_kept(conn: sqlite3.Connection, kept: Iterable[Kept]) -> None:
    """Keep summaries in one transaction without waiting for the disk (a summary lost to a power cut is only
    checked again)."""
    rows = [(text, size, mtime, basis, entry) for entry, text, size, mtime, basis in kept]
    if not rows:
        return
    conn.execute("PRAGMA synchronous=NORMAL")
    try:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("UPDATE reports SET summary=?, size=?, mtime=?, basis=? WHERE id=?", rows)
    finally:
        conn.execute("PRAGMA synchronous=FULL")


class KeptWriter:
    """Writes kept summaries of one set file on a background thread (`put` returns at once); `close` waits until
    everything put is written. A write that fails is logged and dropped: those reports are checked again."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._queue: queue.SimpleQueue[list[Kept] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def put(self, kept: list[Kept]) -> None:
        if not kept:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="set-summaries", daemon=True)
            self._thread.start()
        self._queue.put(kept)

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        import logging

        conn: sqlite3.Connection | None = None
        try:
            while (kept := self._queue.get()) is not None:
                try:
                    if conn is None:
                        conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
                    write_kept(conn, kept)
                except sqlite3.Error as exc:
                    logging.getLogger(__name__).warning("summaries not kept in %s: %s", self.path, exc)
        finally:
            if conn is not None:
                conn.close()
