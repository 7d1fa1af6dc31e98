"""Her judgement on the selected finding, under the findings list: 确认 (a problem for the agency), 忽略 with a
reason (a false alarm, or accepted), a note, and the decisions that no longer match any finding (stale)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QMenu, QPushButton, QToolButton, QWidget

from core.findings import Finding
from core.season.decisions import CONFIRM, IGNORE, IGNORE_REASONS, Decision
from desktop.document import ReportDocument
from desktop.wrapped_label import WrappedLabel

OTHER_REASON = "其他原因…"


class DecisionBar(QWidget):
    decisionMade = Signal(object, object)  # Finding, Decision
    decisionCleared = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc: ReportDocument | None = None
        self._finding: Finding | None = None
        self.state = QLabel(self)
        self.confirm = QPushButton("确认问题", self)
        self.confirm.setToolTip("这是机关需要改正的问题（导出的问题清单中列出）")
        self.confirm.clicked.connect(lambda: self._decide(CONFIRM, ""))
        self.ignore = QToolButton(self)
        self.ignore.setText("忽略…")
        self.ignore.setToolTip("误报，或情况属实予以接受：不再计入问题数")
        self.ignore.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.ignore)
        for reason in (*IGNORE_REASONS, OTHER_REASON):
            menu.addAction(reason, lambda r=reason: self._ignore(r))
        self.ignore.setMenu(menu)
        self.note = QPushButton("备注…", self)
        self.note.setToolTip("给这条判断加一条备注（导出时一并写出）")
        self.note.clicked.connect(self._note)
        self.clear = QPushButton("撤销判断", self)
        self.clear.clicked.connect(self._clear)
        self.stale = WrappedLabel(self)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.state, 1)
        for w in (self.confirm, self.ignore, self.note, self.clear):
            lay.addWidget(w)
        lay.addWidget(self.stale)
        self.set_finding(None, None)

    def set_finding(self, doc: ReportDocument | None, f: Finding | None) -> None:
        self._doc, self._finding = doc, f
        d = doc.decision(f) if doc is not None and f is not None else None
        on = doc is not None and f is not None
        for w in (self.confirm, self.ignore):
            w.setEnabled(on)
        self.note.setEnabled(d is not None)
        self.clear.setEnabled(d is not None)
        if not on:
            self.state.setText("")
        elif d is None:
            self.state.setText("尚未判断")
        else:
            reason = f"：{d.reason}" if d.reason else ""
            note = f"　备注：{d.note}" if d.note else ""
            self.state.setText(f"已{d.label}{reason}{note}")
        stale = doc.stale_decisions() if doc is not None and doc.decisions else []
        self.stale.setVisible(bool(stale))
        self.stale.setText(f"{len(stale)} 条判断已不对应任何问题" if stale else "")
        self.stale.setToolTip("\n".join(f"{x.label}：{x.message}" for x in stale))

    def _decide(self, kind: str, reason: str) -> None:
        if self._finding is not None:
            old = self._doc.decision(self._finding) if self._doc is not None else None
            self.decisionMade.emit(self._finding, Decision.on(self._finding, kind, reason, old.note if old else ""))

    def _ignore(self, reason: str) -> None:
        if reason == OTHER_REASON:
            text, ok = QInputDialog.getText(self, "忽略这条问题", "忽略的原因：")
            if not ok or not text.strip():
                return
            reason = text.strip()
        self._decide(IGNORE, reason)

    def _note(self) -> None:
        d = self._doc.decision(self._finding) if self._doc is not None and self._finding is not None else None
        if d is None or self._finding is None:
            return
        text, ok = QInputDialog.getText(self, "备注", "这条判断的备注：", text=d.note)
        if ok:
            self.decisionMade.emit(self._finding, d.with_note(text.strip()))

    def _clear(self) -> None:
        if self._finding is not None:
            self.decisionCleared.emit(self._finding)
