"""The window's current set (核查批次, core.season.SeasonSet) for the main window: every opened report is
added to it, her status, edits and decisions are written to it as they happen, and a report is restored from it
(edits replayed, a changed source flagged) whenever it is read again. A default set in the app-data folder is
used until she chooses one, so nothing is ever unsaved."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from core.model import Edit
from core.options import Options
from core.season.decisions import Decision, match
from core.season.kept import Kept, KeptSummary, KeptWriter
from core.season.store import CheckSettings, SeasonSet, SetEntry, SetFileError, replay_edits
from desktop.check_settings import with_window_settings
from desktop.document import ReportDocument
from desktop.settings import Settings, app_data_dir

log = logging.getLogger(__name__)
DEFAULT_NAME = "默认核查批次.ogiset"


def default_set_path() -> Path:
    return app_data_dir() / DEFAULT_NAME


class SeasonLink:
    """Keeps one SeasonSet open and in step with the window's documents (all on the UI thread)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.set: SeasonSet | None = None
        self._stored: dict[int, list[tuple[Edit, int]]] = {}  # id(doc) → its report's edits and their set ids
        self._prepared: dict[str, SetEntry] = {}  # resolved path → entry, for the files being opened
        self._kept: list[Kept] = []  # summaries to write (flush_kept)
        self._writer: KeptWriter | None = None  # writes them off the window's thread

    # ------------------------------------------------------------------ the set file
    def open_set(self, path: Path | str | None = None, create: bool = False) -> SeasonSet:
        """Open (or create) a set; None: the last one used, else the default set. Raises SetFileError."""
        target = Path(path) if path else Path(self.settings.get("season/current") or default_set_path())
        new = self.set_at(target, create or not target.exists())
        self.close()
        self.set = new
        self._writer = KeptWriter(new.path)
        self._stored.clear()
        self.settings.set("season/current", str(target))
        self.store_window_settings(with_window_settings(Options(), self.settings))
        if target != default_set_path():
            self.settings.add_recent_set(str(target))
        return new

    @staticmethod
    def set_at(path: Path, create: bool) -> SeasonSet:
        if create and path.exists():
            path.unlink()  # 新建 over an existing file was confirmed by the save dialog
        return SeasonSet.create(path) if create else SeasonSet.open(path)

    def close(self) -> None:
        if self.set is not None:
            self.flush_kept()
            if self._writer is not None:
                self._writer.close()  # everything kept is written before the set closes
                self._writer = None
            self.set.close()
            self.set = None

    @property
    def name(self) -> str:
        return Path(self.set.path).stem if self.set is not None else ""

    def paths(self) -> list[str]:
        return [e.path for e in self.set.entries()] if self.set is not None else []

    # ------------------------------------------------------------------ documents
    def attach(self, doc: ReportDocument) -> None:
        """A document was opened: add its file to the set and take her status from it."""
        if self.set is None:
            return
        entry = self._prepared.pop(doc.resolved, None)
        if entry is None:  # not prepared, or the same bytes as another file of the set (its entry)
            try:
                entry = self.set.add_files([doc.path])[0]
            except (OSError, SetFileError, IndexError) as exc:
                log.warning("cannot add %s to the set: %s", doc.path, exc)
                return
        doc.entry = entry.id
        doc.verdict = entry.status
        doc.changed_on_disk = entry.source_changed

    def prepare(self, paths: list[str]) -> None:
        """Add the files about to be opened to the set in one transaction (a folder costs one disk sync)."""
        if self.set is None or not paths:
            return
        try:
            entries = self.set.add_files(paths)
        except (OSError, SetFileError) as exc:
            log.warning("cannot add files to the set: %s", exc)
            return
        for e in entries:  # by the path the set keeps; a twin file is looked up again in attach
            self._prepared[e.path] = e

    def same_entry(self, doc: ReportDocument, docs: list[ReportDocument]) -> ReportDocument | None:
        """Another open document that is the same entry of the set (same file by path or SHA-256)."""
        return next((d for d in docs if d is not doc and d.entry is not None and d.entry == doc.entry), None)

    def restore(self, doc: ReportDocument) -> None:
        """After a (re-)read: flag a changed source, replay her kept edits, apply her decisions."""
        if self.set is None or doc.entry is None or doc.report is None:
            return
        s, entry = self.set, doc.entry
        known = s.entry(entry).sha256
        if known and doc.sha256 and known != doc.sha256:  # doc.sha256: of the bytes just read
            s.accept_source_change(entry)
            doc.changed_on_disk = True
        kept = s.edits(entry)
        if kept and doc.report.tables:
            before = len(doc.report.edits)
            replay_edits(doc.report, kept)
            replayed = doc.report.edits[before:]
            by_cell = {(k.edit.table, k.edit.row, k.edit.col, repr(k.edit.new)): k.id for k in kept}
            self._stored[id(doc)] = [(e, by_cell.get((e.table, e.row, e.col, repr(e.new)), 0)) for e in replayed]
        else:
            self._stored[id(doc)] = []
        doc.decisions = s.decisions(entry)
        if kept or doc.decisions:
            doc.revalidate()

    def restore_listed(self, doc: ReportDocument) -> None:
        """Before a report checked among many (its summary already includes her edits) is shown: flag a changed
        source and take her decisions (matched to its findings by the document)."""
        if self.set is None or doc.entry is None:
            return
        known = self.set.entry(doc.entry).sha256
        if known and doc.sha256 and known != doc.sha256:
            self.set.accept_source_change(doc.entry)
            doc.changed_on_disk = True
        doc.decisions = self.set.decisions(doc.entry)

    # ------------------------------------------------------------------ kept summaries
    def reusable(self, doc: ReportDocument, basis: str) -> KeptSummary | None:
        """The summary the set kept of this report, when it still holds: checked with the same `basis` (version,
        settings, edits) from the file as it is now (same size and modification time). None: check it again (a
        file whose bytes changed is then flagged by restore_listed)."""
        if self.set is None or doc.entry is None:
            return None
        kept = self.set.kept_summary(doc.entry)
        if kept is None or kept.basis != basis or kept.size is None:
            return None
        try:
            st = os.stat(doc.path)
        except OSError:
            return None
        return kept if (st.st_size, st.st_mtime_ns) == (kept.size, kept.mtime) else None

    def keep(self, doc: ReportDocument, text: str, size: int | None, mtime: int | None, basis: str) -> None:
        """Keep a report's new summary (JSON text) in the set; written by the next flush_kept."""
        if self.set is not None and doc.entry is not None:
            self._kept.append((doc.entry, text, size, mtime, basis))

    def flush_kept(self) -> None:
        kept, self._kept = self._kept, []
        if self._writer is not None and kept:
            self._writer.put(kept)

    def sync_edits(self, doc: ReportDocument) -> None:
        """Write the report's edits that are new since the last call, drop those undone (after every command)."""
        if self.set is None or doc.entry is None or doc.report is None or id(doc) not in self._stored:
            return  # not restored yet: nothing of this reading is hers
        stored = self._stored[id(doc)]
        live = {id(e) for e in doc.report.edits}
        kept = []
        for edit, edit_id in stored:
            if id(edit) in live:
                kept.append((edit, edit_id))
            elif edit_id:
                self.set.drop_edit(edit_id)
        known = {id(e) for e, _ in kept}
        for edit in doc.report.edits:
            if id(edit) not in known:
                kept.append((edit, self.set.record_edit(doc.entry, edit)))
        self._stored[id(doc)] = kept

    def discard_edits(self, doc: ReportDocument) -> None:
        if self.set is not None and doc.entry is not None:
            for kept in self.set.edits(doc.entry):
                self.set.drop_edit(kept.id)
        self.forget(doc)

    def keeps(self, doc: ReportDocument) -> bool:
        """Whether the set keeps this report's edits (it is open and the report is one of its entries)."""
        return self.set is not None and doc.entry is not None

    def forget(self, doc: ReportDocument) -> None:
        self._stored.pop(id(doc), None)

    def set_verdict(self, doc: ReportDocument, status: str) -> None:
        doc.set_verdict(status)
        if self.set is not None and doc.entry is not None:
            self.set.set_status(doc.entry, status)

    def decide(self, doc: ReportDocument, decision: Decision) -> None:
        doc.decisions = [d for d in doc.decisions if d.key != decision.key] + [decision]
        if self.set is not None and doc.entry is not None:
            self.set.set_decision(doc.entry, decision)
        doc.revalidate()

    def undecide(self, doc: ReportDocument, key: str) -> None:
        doc.decisions = [d for d in doc.decisions if d.key != key]
        if self.set is not None and doc.entry is not None:
            self.set.drop_decision(doc.entry, key)
        doc.revalidate()

    # ------------------------------------------------------------------ check settings
    def store_window_settings(self, options: Options) -> None:
        """The window-wide settings (misspelling list, deadline profile) as the set's own: a re-check of the set,
        全部导出 and `ogicheck` on the set then check as the window does."""
        if self.set is not None:
            self.set.set_settings(CheckSettings.from_options(options))

    def store_choices(self, doc: ReportDocument, published: str | None, level: str | None,
                      prev_path: str | None) -> None:
        """One report's 核查设置 (publication date, level, last year's report), kept with it in the set."""
        if self.set is not None and doc.entry is not None:
            self.set.set_settings(CheckSettings(published=published, level=level, prev_path=prev_path), doc.entry)

    def choices(self, doc: ReportDocument) -> CheckSettings:
        """The report's kept 核查设置 (empty when the set keeps none)."""
        if self.set is None or doc.entry is None:
            return CheckSettings()
        return self.set.settings(doc.entry)

    @staticmethod
    def stale(doc: ReportDocument) -> list[Decision]:
        return match(doc.findings, doc.decisions)[1]
