"""The season's set file (.ogiset, 核查批次) for the window and the CLI: its reports, the officer's status,
edits, decisions and check settings in one SQLite file (standard library).

Every change is one transaction in WAL mode with synchronous=FULL, so what `record_edit`, `set_decision`,
`set_status` … return from survives kill -9 or a power cut. Only `add_files` commits without waiting for the
disk (synchronous=NORMAL: a power cut may lose the files just added, never the set's consistency or her work;
the next change syncs them too), so a folder is added without a disk sync on the window's thread. A session is marked open while the set is open;
a set opened after an unclean end tells what was done in that session (`unclean_session`, `changes_since`)
so the window can offer to restore or drop it. The report files themselves are only read, never written.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.model import Edit, Report
from core.season.decisions import Decision
from core.season.kept import Kept, KeptSummary, write_kept
from core.season.summary import ReportSummary

SUFFIX = ".ogiset"
SCHEMA = 1
# the officer's status of a report, in workflow order (stored as these words)
STATUSES = ("未核查", "有问题", "已核实", "已退回")
UNCHECKED = STATUSES[0]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT, added TEXT NOT NULL,
    status TEXT NOT NULL, summary TEXT, changed TEXT NOT NULL, source_changed INTEGER NOT NULL DEFAULT 0,
    settings TEXT, size INTEGER, mtime INTEGER, basis TEXT);
CREATE TABLE IF NOT EXISTS edits (
    id INTEGER PRIMARY KEY, report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    tbl TEXT NOT NULL, row TEXT NOT NULL, col TEXT NOT NULL, old TEXT, value TEXT, source TEXT NOT NULL,
    rule TEXT, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY, report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    key TEXT NOT NULL, rule TEXT NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL, note TEXT NOT NULL,
    message TEXT NOT NULL, at TEXT NOT NULL, UNIQUE (report, key));
"""


def _add_columns(conn: sqlite3.Connection) -> None:
    """A set made before reports kept their file's size, time and check basis gets those (empty) columns."""
    have = {r[1] for r in conn.execute("PRAGMA table_info(reports)")}
    for name, kind in (("size", "INTEGER"), ("mtime", "INTEGER"), ("basis", "TEXT")):
        if name not in have:
            conn.execute(f"ALTER TABLE reports ADD COLUMN {name} {kind}")


def _now() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


class SetFileError(Exception):
    """A set file that cannot be created or opened; `message` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


if TYPE_CHECKING:
    from core.options import Options


@dataclass(frozen=True)
class CheckSettings:
    """How the reports of a set are checked (set-wide, or per report overriding the set's)."""

    published: str | None = None  # YYYY-MM-DD, overrides the date read from the document
    level: str | None = None  # department | government
    prev_path: str | None = None  # last year's report (per report) …
    prev_dir: str | None = None  # … or a folder of last year's reports, paired by agency and year (set-wide)
    severities: dict[str, str] = field(default_factory=dict)  # rule id → severity key
    typos: tuple[tuple[str, str], ...] = ()
    deadline_profile: dict[str, Any] | None = None  # a region's own deadlines (core.deadline_profiles, as JSON)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_options(cls, options: Options) -> CheckSettings:
        """The settings of a check made with `options` (last year's report is paired per file, not kept)."""
        profile = options.deadline_profile
        return cls(published=options.published, level=options.level,
                   severities={rule: sev.key for rule, sev in options.severities.items()}, typos=options.typos,
                   deadline_profile=profile.to_json() if profile is not None else None)

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> CheckSettings:
        d = dict(d or {})
        d["typos"] = tuple(tuple(t) for t in d.get("typos") or ())
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class SetEntry:
    """One report of the set. `summary` is None until it has been checked (read from the set's JSON when first
    asked for); `source_changed` is set when the file changed on disk since it was added and was re-read (the
    window flags it)."""

    id: int
    path: str
    sha256: str | None
    added: str
    status: str
    changed: str  # her last change (status, edit, decision, settings) or its file's; a re-check is not one
    summary_json: str | None = field(default=None, repr=False, compare=False)
    source_changed: bool = False

    @cached_property
    def summary(self) -> ReportSummary | None:
        return ReportSummary.from_json(json.loads(self.summary_json)) if self.summary_json else None

    @property
    def name(self) -> str:
        return self.summary.name if self.summary is not None else Path(self.path).name


@dataclass(frozen=True)
class StoredEdit:
    """An edit as kept in the set: replay with `replay_edits`."""

    id: int
    report: int
    edit: Edit


def _dump(v: object) -> str:
    return json.dumps(v, ensure_ascii=False)


class SeasonSet:
    """An open set file. Not thread-safe: use it from one thread (the window's), or open it per thread."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._db = conn
        self.session_started = _now()
        self._unclean = self._meta("session_open")
        self._put_meta("session_open", self.session_started)

    # ------------------------------------------------------------------ opening and closing

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> SeasonSet:
        """A new, empty set at `path` (refuses an existing file)."""
        p = Path(path)
        if p.exists():
            raise SetFileError(f"文件已存在，不能新建核查批次：{p}")
        return cls._connect(p, new=True)

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> SeasonSet:
        p = Path(path)
        if not p.is_file():
            raise SetFileError(f"找不到核查批次文件：{p}")
        return cls._connect(p, new=False)

    @classmethod
    def _connect(cls, p: Path, new: bool) -> SeasonSet:
        try:
            conn = sqlite3.connect(p, isolation_level=None, timeout=10)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            if new:
                conn.executescript(_SCHEMA)
                conn.execute("INSERT INTO meta VALUES ('schema', ?), ('created', ?)", (str(SCHEMA), _now()))
            else:
                row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if row is None or int(row[0]) > SCHEMA:
                    conn.close()
                    raise SetFileError(f"该文件不是本工具可以打开的核查批次：{p}")
                _add_columns(conn)
        except sqlite3.DatabaseError as exc:
            raise SetFileError(f"无法打开核查批次文件：{p}（{exc}）") from exc
        return cls(p, conn)

    def close(self) -> None:
        """End the session cleanly (no recovery offered next time) and close the file."""
        self._db.execute("DELETE FROM meta WHERE key='session_open'")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()

    def __enter__(self) -> SeasonSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ meta and settings

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _put_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def settings(self, entry: int | None = None) -> CheckSettings:
        """The set's settings, or a report's (its own overriding the set's where given)."""
        base = json.loads(self._meta("settings") or "{}")
        if entry is not None:
            row = self._db.execute("SELECT settings FROM reports WHERE id=?", (entry,)).fetchone()
            own = json.loads(row[0]) if row and row[0] else {}
            base.update({k: v for k, v in own.items() if v not in (None, {}, [], ())})
        return CheckSettings.from_json(base)

    def set_settings(self, settings: CheckSettings, entry: int | None = None) -> None:
        data = _dump(settings.to_json())
        if entry is None:
            self._put_meta("settings", data)
        else:
            self._db.execute("UPDATE reports SET settings=?, changed=? WHERE id=?", (data, _now(), entry))

    # ------------------------------------------------------------------ reports

    def add_files(self, paths: Iterable[str | os.PathLike[str]]) -> list[SetEntry]:
        """Add report files; a file already in the set (same resolved path or same SHA-256) is not added
        again. Returns the entries of `paths` (existing or new), each once, in order."""
        out: list[SetEntry] = []
        seen: set[int] = set()
        # one transaction for a whole folder, without waiting for the disk: in WAL mode a crash loses at most
        # these additions (the files stay where they are, added again when opened), never the set's
        # consistency; the next change (synchronous=FULL) syncs them with it
        self._db.execute("PRAGMA synchronous=NORMAL")
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                ids = self._add_each(paths)
        finally:
            self._db.execute("PRAGMA synchronous=FULL")
        for i in ids:
            if i not in seen:
                seen.add(i)
                out.append(self.entry(i))
        return out

    def _add_each(self, paths: Iterable[str | os.PathLike[str]]) -> list[int]:
        from core.api import file_sha256

        ids: list[int] = []
        for raw in paths:
            p = str(Path(raw).resolve())
            row = self._db.execute("SELECT id FROM reports WHERE path=?", (p,)).fetchone()
            sha = file_sha256(p) if row is None else None  # a file of the set is not read again here
            if row is None and sha is not None:
                row = self._db.execute("SELECT id FROM reports WHERE sha256=?", (sha,)).fetchone()
            if row is None:
                now = _now()
                cur = self._db.execute("INSERT INTO reports (path, sha256, added, status, changed) "
                                       "VALUES (?, ?, ?, ?, ?)", (p, sha, now, UNCHECKED, now))
                row = (cur.lastrowid,)
            ids.append(int(row[0]))
        return ids

    def remove(self, entry: int) -> None:
        """Take a report (with its edits and decisions) out of the set; the file stays where it is."""
        self._db.execute("DELETE FROM reports WHERE id=?", (entry,))

    def _entry(self, row: tuple[Any, ...]) -> SetEntry:
        return SetEntry(row[0], row[1], row[2], row[3], row[4], row[6], row[5], bool(row[7]))

    _COLS = "id, path, sha256, added, status, summary, changed, source_changed"

    def entry(self, entry: int) -> SetEntry:
        row = self._db.execute(f"SELECT {self._COLS} FROM reports WHERE id=?", (entry,)).fetchone()
        if row is None:
            raise KeyError(entry)
        return self._entry(row)

    def entries(self) -> list[SetEntry]:
        """Every report of the set, in the order they were added."""
        return [self._entry(r) for r in self._db.execute(f"SELECT {self._COLS} FROM reports ORDER BY id")]

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM reports").fetchone()[0])

    def set_status(self, entry: int, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        self._db.execute("UPDATE reports SET status=?, changed=? WHERE id=?", (status, _now(), entry))

    def set_summary(self, entry: int, summary: ReportSummary) -> None:
        """Keep the result of a check (the overview shows it without re-reading the file)."""
        self._db.execute("UPDATE reports SET summary=?, size=NULL, mtime=NULL, basis=NULL WHERE id=?",
                         (_dump(summary.to_json()), entry))

    def set_summaries(self, summaries: Iterable[tuple[int, ReportSummary]]) -> None:
        """`set_summary` for several reports in one transaction (one disk sync for a chunk of checked files)."""
        rows = [(_dump(summary.to_json()), entry) for entry, summary in summaries]
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("UPDATE reports SET summary=?, size=NULL, mtime=NULL, basis=NULL WHERE id=?", rows)

    def kept_summary(self, entry: int) -> KeptSummary | None:
        """The summary kept by `keep_summaries` (None when none is kept)."""
        row = self._db.execute("SELECT summary, size, mtime, basis FROM reports WHERE id=?", (entry,)).fetchone()
        return KeptSummary(row[0], row[1], row[2], row[3]) if row and row[0] else None

    def keep_summaries(self, kept: Iterable[Kept]) -> None:
        """Keep the summaries (entry, summary as JSON text, size, mtime in ns, basis) the window received, in one
        transaction without waiting for the disk (the window writes them with a KeptWriter, off its thread)."""
        write_kept(self._db, kept)

    def changed_on_disk(self, entry: int) -> bool:
        """Whether the file's SHA-256 differs from the one recorded (a missing file counts as changed)."""
        from core.api import file_sha256

        e = self.entry(entry)
        return file_sha256(e.path) != e.sha256

    def accept_source_change(self, entry: int) -> None:
        """Record the file's new SHA-256 after it was re-read, and flag the report as changed on disk."""
        from core.api import file_sha256

        e = self.entry(entry)
        self._db.execute("UPDATE reports SET sha256=?, source_changed=1, changed=? WHERE id=?",
                         (file_sha256(e.path), _now(), entry))

    def clear_source_flag(self, entry: int) -> None:
        self._db.execute("UPDATE reports SET source_changed=0 WHERE id=?", (entry,))

    # ------------------------------------------------------------------ edits

    def record_edit(self, entry: int, edit: Edit) -> int:
        """Keep one correction (as Report.set_value returned it); returns its id (for `drop_edit` on undo)."""
        cur = self._db.execute(
            "INSERT INTO edits (report, tbl, row, col, old, value, source, rule, at) VALUES (?,?,?,?,?,?,?,?,?)",
            (entry, edit.table, edit.row, edit.col, _dump(edit.old), _dump(edit.new), edit.source, edit.rule,
             _now()))
        self._touch(entry)
        return int(cur.lastrowid or 0)

    def drop_edit(self, edit_id: int) -> None:
        """Forget a correction (the window undid it)."""
        row = self._db.execute("SELECT report FROM edits WHERE id=?", (edit_id,)).fetchone()
        self._db.execute("DELETE FROM edits WHERE id=?", (edit_id,))
        if row:
            self._touch(row[0])

    def edits(self, entry: int) -> list[StoredEdit]:
        """A report's corrections in the order they were made."""
        rows = self._db.execute("SELECT id, report, tbl, row, col, old, value, source, rule, at FROM edits "
                                "WHERE report=? ORDER BY id", (entry,))
        return [StoredEdit(r[0], r[1], Edit(r[2], r[3], r[4], json.loads(r[5]), json.loads(r[6]), r[7], r[8], r[9]))
                for r in rows]

    # ------------------------------------------------------------------ decisions

    def set_decision(self, entry: int, decision: Decision) -> None:
        """Keep (or replace) the decision on one finding."""
        d = decision
        self._db.execute("INSERT OR REPLACE INTO decisions (report, key, rule, kind, reason, note, message, at) "
                         "VALUES (?,?,?,?,?,?,?,?)", (entry, d.key, d.rule, d.kind, d.reason, d.note, d.message, d.at))
        self._touch(entry)

    def drop_decision(self, entry: int, key: str) -> None:
        self._db.execute("DELETE FROM decisions WHERE report=? AND key=?", (entry, key))
        self._touch(entry)

    def decisions(self, entry: int) -> list[Decision]:
        rows = self._db.execute("SELECT key, rule, kind, reason, note, message, at FROM decisions "
                                "WHERE report=? ORDER BY id", (entry,))
        return [Decision(*r) for r in rows]

    def _touch(self, entry: int) -> None:
        self._db.execute("UPDATE reports SET changed=? WHERE id=?", (_now(), entry))

    # ------------------------------------------------------------------ recovery

    def unclean_session(self) -> str | None:
        """When the set was last left without `close()` (killed, power cut): when that session started."""
        return self._unclean

    def changes_since(self, since: str) -> tuple[list[StoredEdit], list[tuple[int, Decision]]]:
        """Edits and decisions made since `since` (ISO time), for the recovery dialog."""
        edits = [e for (rid,) in self._db.execute("SELECT id FROM reports") for e in self.edits(rid)
                 if e.edit.at >= since]
        decisions = [(rid, d) for (rid,) in self._db.execute("SELECT id FROM reports").fetchall()
                     for d in self.decisions(rid) if d.at >= since]
        return edits, decisions

    def discard_changes_since(self, since: str) -> None:
        """Drop what the recovery dialog's officer chose not to restore, in one transaction."""
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM edits WHERE at>=?", (since,))
            self._db.execute("DELETE FROM decisions WHERE at>=?", (since,))


def replay_edits(report: Report, edits: Iterable[StoredEdit | Edit]) -> None:
    """Apply kept corrections to a freshly read report (Report.set_value, so they are its edits again).
    A cell the re-read report does not have (the file changed) is skipped."""
    for item in edits:
        e = item.edit if isinstance(item, StoredEdit) else item
        table = report.tables.get(e.table)
        if table is None or e.row not in table.spec.row_index or e.col not in table.spec.cols_for(e.row):
            continue
        report.set_value(e.table, e.row, e.col, e.new, source=e.source, rule=e.rule)
