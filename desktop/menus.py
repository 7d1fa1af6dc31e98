"""The main window's actions, menus and toolbar (Chinese texts, standard shortcuts); handlers live in the window
and its helpers (lifecycle, editing, output)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QHelpEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget, QToolBar, QToolTip, QWidget

from desktop.assets import icon
from desktop.doc_lifecycle import DocumentLifecycle
from desktop.document import VERDICTS
from desktop.editing import EditHandlers
from desktop.exports import EXPORT_KINDS
from desktop.report_actions import ReportOps
from desktop.set_actions import SetActions


class ActionHost(Protocol):
    """What the actions trigger (the main window): its helpers, its tabs and undo group, and the slots it owns.
    Actions are parented to it, so it is a QObject too."""

    lifecycle: DocumentLifecycle
    editing: EditHandlers
    output: ReportOps
    sets: SetActions
    tabs: QTabWidget
    undo_group: QUndoGroup

    def close(self) -> bool: ...

    def step_finding(self, step: int) -> None: ...

    def show_about(self) -> None: ...

    def show_guide(self) -> None: ...

    def show_overview(self) -> None: ...

    def export_all(self, selected_only: bool = False) -> None: ...

    def show_about_qt(self) -> None: ...

    def set_current_verdict(self, status: str) -> None: ...


class Actions:
    """Every QAction of the window, created once; `update_enabled` follows the current report's state."""

    def __init__(self, w: ActionHost) -> None:
        def act(text: str, slot: object, shortcut: object = None, icon_name: str | None = None,
                tip: str | None = None) -> QAction:
            a = QAction(icon(icon_name) if icon_name else icon("none"), text, w)
            if shortcut is not None:
                if isinstance(shortcut, list):
                    a.setShortcuts(shortcut)
                else:
                    a.setShortcut(shortcut)
            if tip:
                a.setStatusTip(tip)
                a.setToolTip(tip)
            a.triggered.connect(slot)
            return a

        self.open = act("打开(&O)…", w.lifecycle.open_dialog, QKeySequence.StandardKey.Open, "open", "打开一份或多份年度报告")
        self.open_folder = act("打开文件夹(&D)…", w.lifecycle.open_folder_dialog, QKeySequence("Ctrl+Shift+O"), "folder",
                               "打开文件夹中的全部年度报告")
        self.new_set = act("新建核查批次(&N)…", w.sets.new_set_dialog, QKeySequence.StandardKey.New, None,
                           "新建一个核查批次文件：其中的报告、修改和核查判断随时自动保存")
        self.open_set = act("打开核查批次(&B)…", w.sets.open_set_dialog, None, None, "打开以前的核查批次，继续核查")
        self.fill_recent_sets = w.sets.fill_recent_menu
        self.close = act("关闭报告(&C)", w.lifecycle.close_current, QKeySequence.StandardKey.Close, None, "关闭当前报告")
        self.quit = act("退出(&X)", w.close, QKeySequence.StandardKey.Quit)
        self.exports = {k.key: act(f"导出{k.label}(&{i + 1})…", lambda _=False, key=k.key: w.output.export(key), None,
                                   k.icon, f"导出{k.label}（默认保存在原文件旁）")
                        for i, k in enumerate(EXPORT_KINDS)}
        self.export_all = act("全部导出(&A)…", lambda: w.export_all(False), None, "export-xlsx",
                              "每份报告的更正工作簿、按机关的问题清单和批次汇总工作簿")
        self.export_selected = act("导出总览中所选报告(&L)…", lambda: w.export_all(True), None, None,
                                   "只导出总览中选中的报告")
        self.print_preview = act("打印预览(&V)…", w.output.print_preview, None, "print-preview", "预览并打印核查摘要")
        self.print = act("打印(&P)…", w.output.print_summary, QKeySequence.StandardKey.Print, "print", "打印核查摘要")
        self.pdf = act("导出为 PDF(&F)…", lambda: w.output.export_pdf(), None, "pdf", "把核查摘要保存为 PDF 文件")

        self.undo = w.undo_group.createUndoAction(w, "撤销")
        self.undo.setIcon(icon("undo"))
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo = w.undo_group.createRedoAction(w, "重做")
        self.redo.setIcon(icon("redo"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence.StandardKey.Redo])
        self.copy = act("复制(&C)", w.editing.copy_cells, QKeySequence.StandardKey.Copy)
        self.paste = act("粘贴(&P)", w.editing.paste_cells, QKeySequence.StandardKey.Paste)
        self.clear = act("清空单元格(&D)", w.editing.clear_cells, QKeySequence.StandardKey.Delete)
        for a in (self.copy, self.paste, self.clear):  # only while a grid has the focus
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            w.tabs.addAction(a)
        self.apply_fix = act("应用所选问题的修正(&F)", w.editing.apply_selected_fix, QKeySequence("Ctrl+E"), "fix",
                             "按所选问题的建议修改单元格（可撤销）")
        self.apply_safe = act("应用全部安全修正(&S)", w.editing.apply_safe_fixes, QKeySequence("Ctrl+Shift+E"), "fix-all",
                              "应用所有无争议的修正，例如总计为 0 的行中的空白改为 0（可撤销）")

        self.recheck = act("重新核查(&R)", w.editing.recheck, QKeySequence.StandardKey.Refresh, "recheck")
        self.options = act("核查设置(&S)…", w.output.check_options, None, "settings",
                           "发布日期、层级（发布时限）和上一年度报告（跨年度核对）")
        self.verdicts = [act(f"{v}(&{i})", lambda _=False, v=v: w.set_current_verdict(v), QKeySequence(f"Ctrl+{i}"),
                             None, f"把当前报告的核查状态标为“{v}”（也可在左侧列表或总览中右键）")
                         for i, v in enumerate(VERDICTS, start=1)]
        self.next_finding = act("下一个问题(&N)", lambda: w.step_finding(1), QKeySequence("F8"))
        self.prev_finding = act("上一个问题(&P)", lambda: w.step_finding(-1), QKeySequence("Shift+F8"))

        self.guide = act("使用说明(&G)", w.show_guide, QKeySequence.StandardKey.HelpContents)
        self.show_overview = act("总览(&O)", w.show_overview, QKeySequence("Ctrl+Shift+L"), "overview",
                                 "全部报告的一览表：问题数、核查状态，可排序和筛选")
        self.about = act("关于年报核查(&A)", w.show_about, None, "about")
        self.about_qt = act("关于 &Qt", w.show_about_qt)

    def document_actions(self) -> list[QAction]:
        return [self.close, *self.exports.values(), self.print_preview, self.print, self.pdf, self.recheck,
                self.options, self.next_finding, self.prev_finding, *self.verdicts]

    def edit_actions(self) -> list[QAction]:
        return [self.paste, self.clear, self.apply_fix, self.apply_safe]

    def update_enabled(self, has_doc: bool, ready: bool, editable: bool) -> None:
        self.close.setEnabled(has_doc)
        for a in self.document_actions()[1:]:
            a.setEnabled(ready)
        for a in self.edit_actions():
            a.setEnabled(editable)
        self.copy.setEnabled(ready)


def build_menus(w: QMainWindow, a: Actions, fill_recent: Callable[[], None]) -> tuple[QMenu, QMenu]:
    """The menu bar; returns the 最近打开 menu (filled by `fill_recent` each time it opens) and the 视图 menu."""
    bar = w.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    file_menu.addActions([a.open, a.open_folder])
    recent_menu = QMenu("最近打开(&R)", w)
    recent_menu.aboutToShow.connect(fill_recent)
    file_menu.addMenu(recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([a.new_set, a.open_set])
    sets_menu = QMenu("最近使用的批次(&T)", w)
    sets_menu.aboutToShow.connect(lambda: a.fill_recent_sets(sets_menu))
    file_menu.addMenu(sets_menu)
    file_menu.addSeparator()
    file_menu.addAction(a.close)
    file_menu.addSeparator()
    file_menu.addActions([a.print_preview, a.print, a.pdf])
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit = bar.addMenu("编辑(&E)")
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addActions([a.copy, a.paste, a.clear])
    edit.addSeparator()
    edit.addActions([a.apply_fix, a.apply_safe])

    check = bar.addMenu("核查(&C)")
    check.addActions([a.recheck, a.options])
    check.addSeparator()
    check.addActions([a.next_finding, a.prev_finding])
    check.addSeparator()
    check.addMenu("核查状态(&T)").addActions(a.verdicts)

    export = bar.addMenu("导出(&X)")
    export.addActions(list(a.exports.values()))
    export.addSeparator()
    export.addAction(a.pdf)
    export.addSeparator()
    export.addActions([a.export_all, a.export_selected])

    view = bar.addMenu("视图(&V)")
    view.addAction(a.show_overview)

    help_menu = bar.addMenu("帮助(&H)")
    help_menu.addAction(a.guide)
    help_menu.addSeparator()
    help_menu.addActions([a.about, a.about_qt])
    return recent_menu, view


def _proxy(w: QObject, action: QAction, text: str) -> QAction:
    """A toolbar twin of a menu action with a short label; follows its enabled state."""
    twin = QAction(action.icon(), text, w)
    twin.setToolTip(action.toolTip() if action.toolTip() != action.text() else text)
    twin.setStatusTip(action.statusTip())
    twin.setEnabled(action.isEnabled())
    twin.triggered.connect(action.trigger)
    action.enabledChanged.connect(twin.setEnabled)
    return twin


class _LiveTips(QObject):
    """The tooltips of the toolbar's 撤销 and 重做: what the action would undo or redo (its text), read when the
    tooltip is asked for. Set on every change of that text, each edit laid out and repainted the toolbar."""

    def __init__(self, parent: QObject, tips: dict[QWidget, QAction]) -> None:
        super().__init__(parent)
        self.tips = tips
        for button in tips:
            button.installEventFilter(self)

    def tip(self, button: QWidget) -> str:
        return self.tips[button].text()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and watched in self.tips and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.tip(watched), watched)  # type: ignore[arg-type]
            return True
        return False


def build_toolbar(w: QMainWindow, a: Actions) -> QToolBar:
    tb = QToolBar("工具栏", w)
    tb.setObjectName("mainToolbar")
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    tb.addAction(_proxy(w, a.open, "打开"))
    tb.addAction(_proxy(w, a.open_folder, "打开文件夹"))
    tb.addAction(_proxy(w, a.show_overview, "总览"))
    tb.addSeparator()
    undo, redo = _proxy(w, a.undo, "撤销"), _proxy(w, a.redo, "重做")
    tb.addActions([undo, redo])
    tips = {tb.widgetForAction(undo): a.undo, tb.widgetForAction(redo): a.redo}
    _LiveTips(tb, {k: v for k, v in tips.items() if k is not None})  # kept by its parent, the toolbar
    tb.addSeparator()
    tb.addAction(_proxy(w, a.apply_safe, "安全修正"))
    tb.addSeparator()
    short = {"xlsx": "导出工作簿", "text": "导出文本", "json": "导出 JSON", "summary": "导出摘要"}
    for key, action in a.exports.items():
        tb.addAction(_proxy(w, action, short[key]))
    tb.addSeparator()
    tb.addAction(_proxy(w, a.print_preview, "打印预览"))
    w.addToolBar(tb)
    return tb
