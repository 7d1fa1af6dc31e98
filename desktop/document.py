"""One open report in the window: the core Report, its current findings, its undo stack and check options."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from core.findings import CellKey, Finding, Findings, FindingsChange, Severity
from core.model import Report
from core.options import Options
from core.season.decisions import Decision, match
from core.season.summary import ReportSummary
from core.validate import validate
from desktop.finding_tally import CellIndex, FindingTally
from desktop.undo_commands import CellChange, CellEditsCommand, effective

VERDICTS = ("未核查", "有问题", "已核实", "已退回")  # her status of a report, as the set keeps it


@dataclass(frozen=True)
class DocUpdate:
    """What the last `changed` signal changed, so views redraw only that: either everything (a report loaded, or
    failed to load), or the cells whose value was set plus how the findings changed."""

    values: frozenset[CellKey] = frozenset()
    findings: FindingsChange | None = None  # None: everything changed

    @property
    def full(self) -> bool:
        return self.findings is None


@dataclass(frozen=True)
class ReportMeta:
    """What the list and the 总览 show of a report whose tables are not in memory (see ReportDocument.unload)."""

    agency: str | None = None
    report_year: int | None = None
    template: str | None = None  # the template's version


class ReportDocument(QObject):
    """State of one report open in the window. `changed` fires after every re-validation (edit, undo, options);
    `last_update` then says what changed."""

    changed = Signal()
    modifiedChanged = Signal(bool)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = str(path)
        self.resolved = str(Path(path).resolve())  # for "is this file open already"
        self.report: Report | None = None  # None while loading, when unreadable, or unloaded (tables_unloaded)
        self.meta = ReportMeta()
        self.findings = Findings()
        self.tally = FindingTally()  # per-table counts and safe-fix cells of `findings`, kept up to date per edit
        self.by_cell = CellIndex()  # each cell's findings, kept up to date per edit
        self.last_update = DocUpdate()
        self.options = Options()
        self.state = "loading"  # loading | ready | error
        self.error: str | None = None
        self.validate_ms = 0.0
        self.sha256 = ""  # of the file as read (filled by the loader)
        self.verdict = VERDICTS[0]
        self.ignored_count = 0  # findings she ignored (counted apart)
        self.changed_on_disk = False  # the source changed since it was added to the set and was re-read
        self.entry: int | None = None  # its id in the window's set
        self.decisions: list[Decision] = []  # hers, kept in the set; matched to findings after every check
        self.decided: dict[Finding, Decision] = {}
        self._stale: tuple[object, object, list[Decision]] = (None, None, [])
        self.last_change = 0.0  # time of the last load, edit, decision or status change (for the overview)
        self._counts: dict[str, int] | None = None  # counts() of the current findings and decisions
        self._status: str | None = None
        self.undo_stack = QUndoStack(self)
        # a bound slot, not a lambda: Qt drops the connection when this object is destroyed (the stack, a child,
        # may still report a change while being deleted with it)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(not clean)

    # ------------------------------------------------------------------ loading
    def set_loaded(self, report: Report, findings: list[Finding]) -> None:
        self.report = report
        self.meta = ReportMeta(report.agency, report.report_year, report.template.version if report.template else None)
        self.error = report.error
        self.state = "error" if report.error else "ready"
        self.undo_stack.clear()
        self._set_findings(findings)

    def set_listed(self, summary: ReportSummary) -> None:
        """Checked among many (core.season ReportSummary): findings, counts and meta, the tables not in memory."""
        self.report = None
        self.meta = ReportMeta(summary.agency, summary.report_year, summary.template)
        self.error = summary.error
        self.state = "error" if summary.error else "ready"
        self.undo_stack.clear()
        self._set_findings(summary.findings)

    def unload(self) -> bool:
        """Let go of the report's tables and text (many reports open at once), keeping its findings, counts and
        meta for the list and the 总览; only with no undo history to lose. Opening it again reloads them."""
        if self.state != "ready" or self.report is None or self.undo_stack.count():
            return False
        self.report = None
        return True

    @property
    def tables_unloaded(self) -> bool:
        return self.state == "ready" and self.report is None

    def set_failed(self, message: str) -> None:
        self.state = "error"
        self.error = message
        self.report = None
        self._set_findings([])

    # ------------------------------------------------------------------ validation
    def revalidate(self, values: Iterable[CellKey] = ()) -> None:
        """Check the report again; `values` are the cells whose value was just set (an edit or its undo)."""
        if self.report is None:
            return
        start = time.perf_counter()
        findings = Findings(validate(self.report, self.options))
        self.validate_ms = (time.perf_counter() - start) * 1000
        self._set_findings(findings, frozenset(values))

    def set_options(self, options: Options) -> None:
        self.options = options
        self.revalidate()

    def _set_findings(self, findings: list[Finding] | Findings, values: frozenset[CellKey] | None = None) -> None:
        """New findings; `values` None means everything changed (a report loaded), else the cells set since."""
        before = self.findings
        self.findings = findings if isinstance(findings, Findings) else Findings(findings)
        if values is None:
            self.last_update = DocUpdate()
            self.tally = FindingTally(self.findings)
            self.by_cell = CellIndex(self.findings)
        else:
            change = FindingsChange.between(before, self.findings)
            self.last_update = DocUpdate(values, change)
            self.tally.follow(change)
            self.by_cell.follow(change)
        self.decided, stale = match(self.findings, self.decisions) if self.decisions else ({}, [])
        self._stale = (self.findings, self.decisions, stale)  # what they were matched on (see stale_decisions)
        self.ignored_count = sum(1 for d in self.decided.values() if d.ignored)
        self._counts = self._status = None
        self.last_change = time.time()
        self.changed.emit()

    def set_verdict(self, status: str) -> None:
        """Her status of the report (one of VERDICTS)."""
        if status not in VERDICTS:
            raise ValueError(status)
        self.verdict = status
        self.last_change = time.time()
        self.changed.emit()

    def cell_findings(self, table: str, row: str, col: str) -> list[Finding]:
        return self.by_cell.at((table, row, col))

    # ------------------------------------------------------------------ editing
    @property
    def editable(self) -> bool:
        return self.state == "ready" and self.report is not None and bool(self.report.tables)

    def push_changes(self, changes: list[CellChange], text: str) -> bool:
        """Push one undoable command for the changes that alter a value; False when nothing would change."""
        todo = effective(self, changes)
        if not todo or not self.editable:
            return False
        self.undo_stack.push(CellEditsCommand(self, todo, text))
        return True

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_saved(self) -> None:
        self.undo_stack.setClean()

    # ------------------------------------------------------------------ presentation
    def counts(self) -> dict[str, int]:
        """Errors, warnings and notes still counted (findings she ignored are counted apart: ignored_count)."""
        if self._counts is None:  # the list, the 总览 and its filter ask for every report on every change
            self._counts = self.findings.summary() if not self.ignored_count else Findings(self.counted()).summary()
        return dict(self._counts)

    def counted(self) -> list[Finding]:
        return [f for f in self.findings if not self.is_ignored(f)]

    def is_ignored(self, f: Finding) -> bool:
        d = self.decided.get(f) if self.decided else None  # no hashing of the finding when she decided nothing
        return d is not None and d.ignored

    def stale_decisions(self) -> list[Decision]:
        """Her decisions that match no finding (kept from the last check when they and the findings are the
        ones matched then, else matched now)."""
        findings, decisions, stale = self._stale
        if findings is self.findings and decisions is self.decisions:
            return stale
        return match(self.findings, self.decisions)[1] if self.decisions else []

    def decision(self, f: Finding) -> Decision | None:
        return self.decided.get(f) if self.decided else None

    def status(self) -> str:
        """loading | unreadable | error | warning | info | ok (for the report list icon)."""
        if self.state == "loading":
            return "loading"
        if self.state == "error":
            return "unreadable"
        if self._status is None:
            # without ignored findings the worst is read from the counts (no pass over a long list per edit)
            worst = self.findings.worst() if not self.ignored_count else \
                max((f.severity for f in self.counted()), default=None)
            self._status = worst.name.lower() if worst is not None else "ok"
        return self._status

    def worst(self) -> Severity | None:
        return self.findings.worst()

    @property
    def file_name(self) -> str:
        return Path(self.path).name

    def title(self) -> str:
        """Agency (or, when none was recognised, the file name) for lists and window titles; a bundled sample says
        so ("示例：鹤城区…"), so nobody takes it for a real agency's report."""
        name = self.meta.agency or self.file_name
        return f"示例：{name}" if self.is_sample else name

    @property
    def is_sample(self) -> bool:
        """One of the sample reports shipped with the app (resources/samples)."""
        from desktop.assets import is_sample_report

        cached: tuple[str, bool] | None = getattr(self, "_sample", None)  # the list asks for every row's title often: resolved once per path
        if cached is None or cached[0] != self.resolved:
            cached = self._sample = (self.resolved, is_sample_report(Path(self.resolved), resolved=True))
        return cached[1]

    def subtitle(self) -> str:
        if self.state == "loading":
            return "正在读取…"
        if self.state == "error":
            return "无法读取"
        m = self.meta
        year = f"{m.report_year}年度" if m.report_year else "年度未识别"
        tpl = f"{m.template}版表格" if m.template else "模板未识别"
        return f"{year} · {tpl}"

    def identity(self) -> str:
        """The report's identity for printed headers: agency, year, file."""
        parts = [self.title()]
        if self.meta.report_year:
            parts.append(f"{self.meta.report_year}年度报告")
        parts.append(self.file_name)
        return " · ".join(parts)
