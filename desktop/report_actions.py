"""What the window does with the current report beyond editing: exports (on a worker thread), printing and PDF
of the summary, and the 核查设置 dialog (publication date, level, last year's report)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar

from core.export.review import Review
from core.findings import Finding
from core.model import Report, Table
from core.options import Options
from desktop.check_settings import with_window_settings
from desktop.document import ReportDocument
from desktop.exports import BY_KEY, default_path, default_pdf_path, run_export, same_file
from desktop.printing import build_document, make_printer, paint_document, print_to_pdf
from desktop.report_list import ReportList
from desktop.season_link import SeasonLink
from desktop.settings import Settings
from desktop.view_options import preview_size
from desktop.workers import TaskRunner

log = logging.getLogger(__name__)


def snapshot(report: Report) -> Report:
    """A copy of the report that later edits do not touch (cells are immutable; the dicts are copied)."""
    tables = {tid: Table(t.spec, dict(t.cells), t.found, set(t.present_rows)) for tid, t in report.tables.items()}
    return dataclasses.replace(report, tables=tables, edits=list(report.edits),
                               _published_kind=dict(report._published_kind))


def doc_review(doc: ReportDocument) -> Review:
    """Her decisions on the report's findings and the publication date she set, for its exports and printouts."""
    return Review(dict(doc.decided), doc.options.published)


class Rereads(Protocol):
    def load_tables(self, doc: ReportDocument) -> None: ...


class ReportOpsHost(Protocol):
    """What exports and printing need of the main window (also the parent of their dialogs)."""

    current: ReportDocument | None
    report_list: ReportList
    runner: TaskRunner
    settings: Settings
    docs: list[ReportDocument]
    season: SeasonLink
    lifecycle: Rereads  # reads a report again (last year's figures may settle its reading)

    def set_current(self, doc: ReportDocument | None) -> None: ...

    def statusBar(self) -> QStatusBar: ...


class ReportOps:
    def __init__(self, window: ReportOpsHost) -> None:
        self.w = window

    def _doc(self) -> ReportDocument | None:
        doc = self.w.current
        if doc is None or doc.report is None or doc.state != "ready":
            self.w.statusBar().showMessage("请先打开一份能读取的报告。", 4000)
            return None
        return doc

    # ------------------------------------------------------------------ exports
    def export(self, kind: str, path: str | None = None, then: Callable[[], None] | None = None) -> None:
        doc = self._doc()
        if doc is None:
            return
        k = BY_KEY[kind]
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.w, f"导出{k.label}", str(default_path(doc.path, k)),
                                                  k.file_filter)
            if not path:
                return
        if same_file(path, doc.path):
            QMessageBox.warning(self.w, "导出", "不能覆盖原始报告文件，请换一个文件名。")
            return
        self.start_export(doc, kind, path, then)

    def start_export(self, doc: ReportDocument, kind: str, path: str, then: Callable[[], None] | None = None) -> None:
        assert doc.report is not None
        report, findings, prev, review = snapshot(doc.report), list(doc.findings), doc.options.prev, doc_review(doc)
        at_index = doc.undo_stack.index()
        label = BY_KEY[kind].label

        def done(_result: object) -> None:
            if kind == "xlsx" and doc.undo_stack.index() == at_index:
                doc.mark_saved()  # the edits are in the workbook's 修改记录
            self.w.settings.set("files/last_export_folder", str(Path(path).parent))
            self.w.statusBar().showMessage(f"已导出{label}：{path}", 8000)
            if then is not None:
                then()

        def failed(message: str) -> None:
            QMessageBox.warning(self.w, "导出失败", f"未能导出{label}：\n{message}")

        self.w.runner.submit(lambda: run_export(kind, report, findings, path, prev, review), done, failed, f"正在导出{label}")

    def save_workbook(self, doc: ReportDocument, then: Callable[[], None]) -> None:
        """The close guard's 保存: export the corrected workbook, then continue closing."""
        self.w.set_current(doc)
        self.w.report_list.select(doc)
        path, _ = QFileDialog.getSaveFileName(self.w, "导出更正后的工作簿", str(default_path(doc.path, "xlsx")),
                                              BY_KEY["xlsx"].file_filter)
        if path and not same_file(path, doc.path):
            self.start_export(doc, "xlsx", path, then)

    def save_all(self, docs: list[ReportDocument], then: Callable[[], None]) -> None:
        """Export each modified report's workbook in turn, then continue; a cancelled dialog stops the chain."""
        pending = [d for d in docs if d.modified]
        if not pending:
            then()
            return
        self.save_workbook(pending[0], lambda: self.save_all(pending[1:], then))

    # ------------------------------------------------------------------ printing
    def _print_doc(self) -> tuple[ReportDocument, list[Finding]] | None:
        doc = self._doc()
        return (doc, list(doc.findings)) if doc is not None else None

    def print_preview(self) -> None:
        got = self._print_doc()
        if got is None:
            return
        doc, findings = got
        assert doc.report is not None
        text_doc = build_document(doc.report, findings, doc.options.prev, doc_review(doc))
        printer = make_printer()
        dialog = QPrintPreviewDialog(printer, self.w)
        dialog.setWindowTitle(f"打印预览 — {doc.title()}")
        dialog.paintRequested.connect(lambda p: paint_document(text_doc, p, doc.identity()))
        dialog.resize(preview_size(self.w))
        dialog.exec()

    def print_summary(self) -> None:
        got = self._print_doc()
        if got is None:
            return
        doc, findings = got
        assert doc.report is not None
        printer = make_printer()
        dialog = QPrintDialog(printer, self.w)
        dialog.setWindowTitle("打印核查摘要")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            paint_document(build_document(doc.report, findings, doc.options.prev, doc_review(doc)), printer, doc.identity())

    def export_pdf(self, path: str | None = None) -> int:
        got = self._print_doc()
        if got is None:
            return 0
        doc, findings = got
        assert doc.report is not None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.w, "导出核查摘要 PDF", str(default_pdf_path(doc.path)),
                                                  "PDF 文件 (*.pdf)")
            if not path:
                return 0
        try:
            pages = print_to_pdf(doc.report, findings, path, doc.identity(), doc.options.prev,
                                 doc_review(doc))
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self.w, "导出 PDF", f"未能保存 PDF：\n{exc}")
            return 0
        self.w.statusBar().showMessage(f"已保存核查摘要 PDF（{pages} 页）：{path}", 8000)
        return pages

    # ------------------------------------------------------------------ check options
    def check_options(self) -> None:
        doc = self._doc()
        if doc is None:
            return
        from desktop.dialogs.check_options import CheckChoices, CheckOptionsDialog

        assert doc.report is not None
        opts = doc.options
        current = CheckChoices(opts.published, opts.level, opts.prev.path if opts.prev is not None else None,
                               self.w.settings.get("check/deadline_profile") or None)
        files = (self.w.settings.profiles_dir(), self.w.settings.typo_file())
        dialog = CheckOptionsDialog(current, doc.report.published, str(Path(doc.path).parent), self.w, files)
        if dialog.exec() != CheckOptionsDialog.DialogCode.Accepted:
            return
        choice = dialog.choices()
        self.apply_window_choices(doc, choice.profile_path)
        self.apply_choices(doc, choice.published, choice.level, choice.prev_path)

    def apply_choices(self, doc: ReportDocument, published: str | None, level: str | None,
                      prev_path: str | None) -> None:
        self.w.season.store_choices(doc, published, level, prev_path)
        old_prev = doc.options.prev
        if prev_path and (old_prev is None or not same_file(old_prev.path, prev_path)):
            from core.api import load_report, split_by_prev

            def loaded(prev: Report) -> None:
                if prev.error:
                    QMessageBox.warning(self.w, "上一年度报告", f"无法读取上一年度报告：\n{prev.error}")
                    return
                doc.set_options(with_window_settings(Options(prev=prev, published=published, level=level,
                                                             severities=doc.options.severities), self.w.settings))
                if doc.report is not None and split_by_prev(doc.report):  # its figures may decide 表二's glued rows
                    self.w.lifecycle.load_tables(doc)

            self.w.runner.submit(lambda: load_report(prev_path), loaded,
                                 lambda m: QMessageBox.warning(self.w, "上一年度报告", m), "正在读取上一年度报告")
            return
        doc.set_options(with_window_settings(Options(prev=old_prev if prev_path else None, published=published,
                                                     level=level, severities=doc.options.severities),
                                             self.w.settings))

    def apply_window_choices(self, current: ReportDocument, profile_path: str | None) -> None:
        """Store the chosen deadline profile and re-check the other reports with it and the misspelling list."""
        self.w.settings.set("check/deadline_profile", profile_path or "")
        self.w.season.store_window_settings(with_window_settings(Options(), self.w.settings))
        for other in self.w.docs:
            if other is not current and other.report is not None:
                other.set_options(with_window_settings(other.options, self.w.settings))
