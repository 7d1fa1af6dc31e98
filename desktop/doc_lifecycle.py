"""Opening, reloading and closing reports for the main window: file dialogs, folders, recent files, loading off
the UI thread. Her edits are kept in the set as she makes them, so closing a report or the window asks nothing;
only when no set is open (it could not be opened) does closing warn that edits would be lost."""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, MutableMapping
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QStatusBar

from core.options import Options
from core.readers.formats import DIALOG_FILTER
from core.season.kept import summary_basis
from core.season.store import CheckSettings
from core.season.summary import ReportSummary
from desktop.assets import is_report_file
from desktop.check_settings import with_window_settings
from desktop.document import ReportDocument
from desktop.overview import OverviewPage
from desktop.report_actions import ReportOps
from desktop.report_list import ReportList
from desktop.season_link import SeasonLink
from desktop.set_writes import SetWrites
from desktop.settings import Settings
from desktop.view_frames import ViewFrames
from desktop.workers import (
    Listed,
    LoadResult,
    TaskRunner,
    load_and_validate,
    load_on_process_pool,
)

log = logging.getLogger(__name__)
SLICE = 4  # files added to the window at once when a folder is opened (the rest follow a turn at a time)
STEP = 2  # files added together (one set transaction) while the rest of a folder is added within BUDGET
MANY = 4  # more files than this at once are read on the process pool (a few are read on threads: no start-up)
BUDGET = 0.006  # seconds of UI-thread work per turn of the event loop for adding files or showing results



def expand_paths(paths: list[str], resolved: dict[str, str] | None = None) -> list[str]:
    """Files as given, folders replaced by the report files under them (recursively, sorted), each once.
    `resolved` (when given) receives each file's resolved path."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*")) if f.is_file() and is_report_file(f))
        else:
            out.append(str(p))
    unique: dict[str, str] = {}  # path → resolved
    taken: set[str] = set()
    for x in out:
        real = str(Path(x).resolve())
        if real not in taken:
            taken.add(real)
            unique[x] = real
    if resolved is not None:
        resolved.update(unique)
    return list(unique)


class LifecycleHost(Protocol):
    """What opening and closing need of the main window (also the parent of their dialogs): its open documents,
    the list, the undo group, settings, the worker, the export helper (to save before closing) and its slots."""

    docs: list[ReportDocument]
    current: ReportDocument | None
    models: MutableMapping[int, object]
    report_list: ReportList
    overview: OverviewPage
    recent_menu: QMenu
    undo_group: QUndoGroup
    settings: Settings
    runner: TaskRunner
    output: ReportOps
    season: SeasonLink
    set_writes: SetWrites

    def last_folder(self) -> str: ...

    def set_current(self, doc: ReportDocument | None) -> None: ...

    def show_current(self) -> None: ...

    def doc_changed(self, doc: ReportDocument) -> None: ...

    def statusBar(self) -> QStatusBar: ...

    def close(self) -> bool: ...


class DocumentLifecycle:
    """The window's open reports come and go through here; the window shows whichever is current."""

    def __init__(self, window: LifecycleHost) -> None:
        self.w = window
        self._many = False
        self._arrived: deque[Callable[[], None]] = deque()  # loaded reports waiting to be shown
        self._reloading: set[int] = set()  # id(doc) of unloaded reports being read again
        self._drain_timer = QTimer()
        self._drain_timer.setInterval(0)
        self._drain_timer.timeout.connect(self._drain)
        self.frames = ViewFrames(window)
        self._resolved: dict[str, str] = {}  # path → resolved path, of the files being opened
        self._listing: tuple[Options, CheckSettings, str] | None = None  # options → settings, basis without edits

    # ------------------------------------------------------------------ opening
    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.w, "打开年度报告", self.w.last_folder(), DIALOG_FILTER)
        if paths:
            self.open_paths(paths)

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.w, "打开文件夹中的全部报告", self.w.last_folder())
        if folder:
            self.open_paths([folder])

    def find_document(self, path: str) -> ReportDocument | None:
        target = str(Path(path).resolve())
        return next((d for d in self.w.docs if d.resolved == target), None)

    def open_paths(self, paths: list[str]) -> list[ReportDocument]:
        """Open files and folders (each folder: every report in it). Loading runs off the UI thread."""
        w = self.w
        files = expand_paths(paths, self._resolved)
        if not files:
            if paths:
                QMessageBox.information(w, "打开报告", "所选位置中没有可识别的年度报告文件"
                                        "（txt、html、docx、pdf、xlsx、md）。")
            return []
        self._many = len(files) > MANY
        if self._many:
            self.frames.hold()
        opened = self._open_files(files[:SLICE])
        if len(files) > SLICE:  # a big folder: the rest in slices, so the window keeps answering
            w.runner.held += 1
            QTimer.singleShot(0, lambda: self._open_rest(files[SLICE:]))
        if files:
            first = Path(files[0])
            w.settings.set("files/last_folder", str(first.parent))
            for f in files[:20]:
                w.settings.add_recent(f)
        if opened:
            w.report_list.select(opened[0])
        return opened

    def _open_rest(self, files: list[str]) -> None:
        """The next files of a big folder, a few at a time for at most BUDGET of this turn (a file of the set is
        cheap to add, a new one is hashed: a folder of large PDFs goes more slowly, never in one long block)."""
        start, done = time.perf_counter(), 0
        while done < len(files) and (done == 0 or time.perf_counter() - start < BUDGET):
            self._open_files(files[done:done + STEP])
            done += STEP
        if done < len(files):
            rest = files[done:]
            QTimer.singleShot(0, lambda: self._open_rest(rest))
        else:
            self.w.runner.held -= 1

    def _open_files(self, files: list[str]) -> list[ReportDocument]:
        with self.frames.batch():
            return self._open_each(files)

    def _open_each(self, files: list[str]) -> list[ReportDocument]:
        w = self.w
        opened: list[ReportDocument] = []
        options: Options | None = None  # the window's settings, read once for these files
        resolved = {p: self._resolved.pop(p, None) or str(Path(p).resolve()) for p in files}  # each once
        known = {d.resolved: d for d in w.docs}
        w.season.prepare([p for p in files if resolved[p] not in known])  # one set transaction per slice
        for path in files:
            doc = known.get(resolved[path])
            if doc is not None:
                if doc.modified and not self._confirm_reload(doc):
                    w.report_list.select(doc)
                    continue
                if not doc.modified:
                    w.report_list.select(doc)
                    continue
                w.set_writes.cancel(doc)
                w.season.discard_edits(doc)  # she chose to drop them: from the set too
                self._start_load(doc)
            else:
                if options is None:
                    options = with_window_settings(Options(), w.settings)
                doc = self._add_document(path, options)
                known[resolved[path]] = doc
            opened.append(doc)
        return opened

    def _add_document(self, path: str, options: Options) -> ReportDocument:
        w = self.w
        doc = ReportDocument(path, w)
        w.season.attach(doc)
        twin = w.season.same_entry(doc, w.docs)
        if twin is not None:  # the same file (by content) is open already
            doc.deleteLater()
            return twin
        doc.options = options
        own = w.season.choices(doc)  # her 核查设置 for this report, kept in the set
        if own.published or own.level:
            doc.options = replace(options, published=own.published, level=own.level)
        w.docs.append(doc)
        w.undo_group.addStack(doc.undo_stack)
        doc.changed.connect(lambda d=doc: w.doc_changed(d))
        doc.modifiedChanged.connect(lambda _m, d=doc: w.doc_changed(d))
        w.report_list.add(doc)
        w.overview.model.add(doc)
        self._start_load(doc)
        return doc

    def maybe_unload(self, doc: ReportDocument) -> None:
        """With many reports open, one she is not looking at keeps only its findings and counts in memory (not its
        tables and text): a set of 1,000 reports does not hold 1,000 Reports. Never one with undo history."""
        if len(self.w.docs) > MANY and doc is not self.w.current and doc.unload():
            self.w.models.pop(id(doc), None)

    def load_tables(self, doc: ReportDocument) -> None:
        """Read an unloaded report again (she opened it): its list row keeps its counts meanwhile."""
        if id(doc) not in self._reloading:
            self._reloading.add(id(doc))
            self._start_load(doc, quiet=True)

    def _start_load(self, doc: ReportDocument, quiet: bool = False) -> None:
        if not quiet:
            doc.state = "loading"
            self.w.report_list.update_doc(doc)
            self.w.overview.model.update(doc)
        path, options = doc.path, doc.options
        if not quiet and not os.path.exists(path):  # e.g. a report of the set moved or deleted since
            doc.set_failed(f"找不到文件：{path}（可能已被移动、改名或删除）")
            return
        if self._many and not quiet and options.prev is None and doc is not self.w.current:
            self._start_listing(doc)
            return
        # while many files are being read, her report too is read in another process (a reading on a thread here
        # would hold this process's interpreter for its whole length: the window would stutter)
        pooled = self._many and (not quiet or self.w.runner.pending > 0)
        load = load_on_process_pool if pooled else load_and_validate
        hooks = None if pooled else self.w.runner.read_hooks(os.path.basename(path))  # a scan's pages and 取消
        prev_path = self.w.season.choices(doc).prev_path if options.prev is None else None
        self.w.runner.submit(lambda: load(path, options, hooks, prev_path),
                             lambda res: self._queue(lambda: self._loaded(doc, res)),
                             lambda msg: self._queue(lambda: self._load_failed(doc, msg)), "正在读取报告")

    def _start_listing(self, doc: ReportDocument) -> None:
        """One of many: checked on the process pool with the set's edits into a summary, which the set keeps; its
        tables are read only when she opens it (load_tables). A summary the set kept from an earlier check of the
        same file (same size and time) with the same settings and edits is shown without checking it again."""
        self.w.set_writes.flush(doc)
        season = self.w.season
        edits = tuple(e.edit for e in season.set.edits(doc.entry)) \
            if season.set is not None and doc.entry is not None else ()
        if self._listing is None or self._listing[0] is not doc.options:  # the reports opened together share them
            settings = CheckSettings.from_options(doc.options)
            self._listing = (doc.options, settings, summary_basis(settings, ()))
        settings, basis = self._listing[1], self._listing[2]
        own_prev = season.choices(doc).prev_path  # last year's report she chose for this one, kept in the set
        if own_prev:
            settings = replace(settings, prev_path=own_prev)
        if edits or own_prev:
            basis = summary_basis(settings, edits)
        kept = season.reusable(doc, basis)
        if kept is not None:
            self._queue(lambda: self._listed(doc, kept.summary()))
            return
        self.w.runner.submit_summary(doc.path, settings, edits,
                                     lambda res: self._queue(lambda: self._listed(doc, res.summary, res, basis)),
                                     lambda msg: self._queue(lambda: self._load_failed(doc, msg)), "正在读取报告")

    def _listed(self, doc: ReportDocument, summary: ReportSummary, checked: Listed | None = None,
                basis: str = "") -> None:
        w = self.w
        if doc not in w.docs or doc.state != "loading":
            return
        twin = next((d for d in w.docs if d is not doc and summary.sha256 and d.sha256 == summary.sha256), None)
        if twin is not None:
            self._remove(doc)
            return
        doc.sha256 = summary.sha256 or ""
        w.set_writes.flush(doc)
        w.season.forget(doc)
        w.season.restore_listed(doc)
        if checked is not None:
            w.season.keep(doc, checked.text, checked.size, checked.mtime, basis)
        doc.set_listed(summary)
        if doc is w.current:
            w.show_current()  # she is looking at it: its tables are read now

    def _queue(self, apply: Callable[[], None]) -> None:
        """Loaded reports are shown a few at a time (at most BUDGET of work per turn of the event loop), so a
        folder whose reports all finish at once never blocks the window."""
        if not self._arrived:
            self.w.runner.held += 1  # still work to do: `pending` stays non-zero until every result is shown
            self._drain_timer.start()
        self._arrived.append(apply)

    def _drain(self) -> None:
        start = time.perf_counter()
        with self.frames.batch():
            while self._arrived and time.perf_counter() - start < BUDGET:
                apply = self._arrived.popleft()
                try:
                    apply()
                except Exception:  # one report's trouble must not leave the others unshown
                    log.exception("showing a loaded report failed")
        self.w.season.flush_kept()  # the summaries of this turn in one transaction
        if not self._arrived:
            self._drain_timer.stop()
            self.w.runner.held -= 1

    def _loaded(self, doc: ReportDocument, result: LoadResult) -> None:
        w = self.w
        if doc not in w.docs:
            return
        twin = next((d for d in w.docs if d is not doc and result.sha256 and d.sha256 == result.sha256), None)
        if twin is not None:  # the same file from another folder: it appears once
            self._remove(doc)
            w.report_list.select(twin)
            w.statusBar().showMessage(f"“{Path(doc.path).name}”与已打开的“{twin.file_name}”内容相同，未重复打开。", 8000)
            return
        w.models.pop(id(doc), None)
        self._reloading.discard(id(doc))
        doc.sha256 = result.sha256
        if result.prev is not None:  # last year's report kept in the set for this one, read with it
            doc.options = replace(doc.options, prev=result.prev)
        w.set_writes.flush(doc)
        w.season.forget(doc)
        doc.set_loaded(result.report, result.findings)
        w.season.restore(doc)
        w.report_list.update_doc(doc)  # restore may have flagged a changed source without a re-check
        w.overview.model.update(doc)
        self.maybe_unload(doc)
        log.info("loaded %s in %.0f ms (%d findings)", doc.path, result.seconds * 1000, len(result.findings))
        if doc.state == "error":
            w.statusBar().showMessage(f"无法读取“{doc.file_name}”：{doc.error}", 8000)
        if doc is w.current:
            w.show_current()

    def _load_failed(self, doc: ReportDocument, message: str) -> None:
        w = self.w
        self._reloading.discard(id(doc))
        if doc not in w.docs:
            return
        doc.set_failed(f"读取时出错：{message}")
        w.statusBar().showMessage(f"无法读取“{doc.file_name}”：{message}", 8000)
        if doc is w.current:
            w.show_current()

    def _confirm_reload(self, doc: ReportDocument) -> bool:
        n = len(doc.report.edits) if doc.report else 0
        box = QMessageBox(QMessageBox.Icon.Question, "重新打开",
                          f"“{doc.title()}”已经打开，并有 {n} 处修改。\n"
                          "重新读取文件会丢弃这些修改（核查批次中保存的也一并删除）。",
                          QMessageBox.StandardButton.NoButton, self.w)
        reload_btn = box.addButton("放弃修改并重新读取", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is reload_btn

    def fill_recent_menu(self) -> None:
        menu = self.w.recent_menu
        menu.clear()
        recent = self.w.settings.recent_files()
        for path in recent:
            a = menu.addAction(Path(path).name, lambda p=path: self.open_paths([p]))
            a.setToolTip(path)
            a.setStatusTip(path)
        if recent:
            menu.addSeparator()
            menu.addAction("清除列表", self.w.settings.clear_recent)
        else:
            menu.addAction("（无）").setEnabled(False)

    # ------------------------------------------------------------------ closing
    def _at_risk(self, doc: ReportDocument) -> bool:
        """Edits that closing would lose: only when the set does not keep them (no set could be opened)."""
        return doc.modified and not self.w.season.keeps(doc)

    def _ask_unsaved(self, docs: list[ReportDocument]) -> str:
        """'save' | 'discard' | 'cancel' for reports whose edits no set keeps."""
        names = "、".join(f"“{d.title()}”" for d in docs[:3]) + (" 等" if len(docs) > 3 else "")
        box = QMessageBox(QMessageBox.Icon.Warning, "修改未保存",
                          f"{names}有修改，但没有打开核查批次，修改未能保存。\n关闭后这些修改将丢失。",
                          QMessageBox.StandardButton.NoButton, self.w)
        box.setInformativeText("是否先导出更正后的工作簿（含修改记录）？")
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def close_current(self) -> None:
        if self.w.current is not None:
            self.close_document(self.w.current)

    def close_document(self, doc: ReportDocument) -> bool:
        """Close a report; its edits, status and decisions stay in the set (reopening it restores them)."""
        if self._at_risk(doc):
            answer = self._ask_unsaved([doc])
            if answer == "cancel":
                return False
            if answer == "save":
                self.w.output.save_workbook(doc, then=lambda: self._remove(doc))
                return False
        self._remove(doc)
        return True

    def _remove(self, doc: ReportDocument) -> None:
        w = self.w
        if doc not in w.docs:
            return
        w.docs.remove(doc)
        w.report_list.remove(doc)
        w.overview.model.remove(doc)
        w.set_writes.flush(doc)  # her last edits are kept before the set lets go of the report
        w.season.forget(doc)
        w.undo_group.removeStack(doc.undo_stack)
        if doc is w.current:
            w.set_current(w.report_list.current())
        w.models.pop(id(doc), None)
        doc.deleteLater()

    def close_all(self) -> None:
        """Close every report without asking: their edits, status and decisions are kept in the set."""
        for doc in list(self.w.docs):
            doc.mark_saved()
            self._remove(doc)

    def may_close_window(self) -> bool:
        """The window's close guard: True when it may close now (every edit kept in the set, or discarded)."""
        unsaved = [d for d in self.w.docs if self._at_risk(d)]
        if not unsaved:
            return True
        answer = self._ask_unsaved(unsaved)
        if answer == "cancel":
            return False
        if answer == "save":
            self.w.output.save_all(unsaved, then=self.w.close)
            return False
        for d in unsaved:
            d.mark_saved()
        return True
