"""The main window's chrome: its title, the table tabs' captions and icons, the status bar's counts and edit state
and which actions are enabled, for the current report; and the window's geometry and splitters kept in settings."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QByteArray, QChildEvent, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QSplitter, QStatusBar, QTabWidget, QWidget

from core.layout import table_caption
from core.template import TABLE_IDS
from desktop.assets import icon
from desktop.document import ReportDocument
from desktop.season_link import SeasonLink
from desktop.settings import Settings
from desktop.status_text import Part, StatusText, counts_parts
from desktop.table_tabs import TableTabs
from desktop.view_options import ViewOptions, first_window_size


class _Actions(Protocol):
    def update_enabled(self, has_doc: bool, ready: bool, editable: bool) -> None: ...


class ChromeHost(Protocol):
    """What the chrome needs of the main window."""

    current: ReportDocument | None
    season: SeasonLink
    settings: Settings
    actions_: _Actions
    tabs: QTabWidget
    counts_label: StatusText
    modified_label: StatusText
    split_main: QSplitter
    split_work: QSplitter
    split_grid: QSplitter
    view_options: ViewOptions

    def setWindowTitle(self, title: str) -> None: ...

    def setWindowModified(self, modified: bool) -> None: ...

    def saveGeometry(self) -> QByteArray: ...

    def restoreGeometry(self, geometry: QByteArray) -> bool: ...

    def saveState(self, version: int = 0) -> QByteArray: ...

    def restoreState(self, state: QByteArray, version: int = 0) -> bool: ...

    def resize(self, *size: object) -> None: ...


class StatusBar(QStatusBar):
    """QStatusBar repaints itself whole whenever one of its labels asks to be laid out, as the counts and the
    edit state do after every edit; here only when a label moved, was resized, shown or hidden since (or an
    item's height may have changed), the labels repainting their own text."""

    _PLACING = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._moved = True
        self._strut: tuple[int, ...] | None = None

    def childEvent(self, event: QChildEvent) -> None:  # noqa: N802
        super().childEvent(event)
        if event.type() == QEvent.Type.ChildAdded and event.child().isWidgetType():
            event.child().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in self._PLACING:
            self._moved = True
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # its layout has placed the labels by now
            strut = (self.fontMetrics().height(), *(
                min(w.minimumSizeHint().height(), w.maximumHeight())
                for w in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)))
            if not self._moved and strut == self._strut:
                return QWidget.event(self, event)
            self._moved, self._strut = False, strut
        return super().event(event)


def update_chrome(w: ChromeHost) -> None:
    doc = w.current
    loaded = doc is not None and doc.state == "ready" and doc.report is not None  # not while its tables load
    w.actions_.update_enabled(doc is not None, loaded, bool(doc is not None and doc.editable))
    w.setWindowTitle(f"{doc.title()}[*] — 年报核查" if doc is not None else "年报核查[*]")
    w.setWindowModified(bool(doc is not None and doc.modified))
    ignored = [f for f, d in doc.decided.items() if d.ignored] if doc is not None else []
    for i, tid in enumerate(TABLE_IDS):
        if doc is not None and doc.report is not None and doc.report.tables:
            n, worst = doc.tally.in_table(tid, ignored)
            _set_tab(w.tabs, i, table_caption(tid) + (f"（{n}）" if n else ""),
                     "status-" + worst.name.lower() if worst else "status-ok")
        else:
            _set_tab(w.tabs, i, table_caption(tid), "none")
    c = doc.counts() if doc is not None else {"error": 0, "warning": 0, "info": 0}
    w.counts_label.set_parts(*counts_parts(c["error"], c["warning"], c["info"]))
    if doc is None or doc.report is None:
        w.modified_label.set_parts()
    elif doc.modified:
        kept = "已存入核查批次，尚未导出" if w.season.keeps(doc) else "未能存入核查批次"
        w.modified_label.set_parts(Part(f"修改 {len(doc.report.edits)} 处", bold=True), Part(f"（{kept}）"))
    else:
        w.modified_label.set_parts(Part("没有修改" if not doc.report.edits else "修改已导出"))


class _FirstSplit(QObject):
    """Keeps a splitter's panes in the proportions of `sizes` (remembered, or the defaults) as the window is laid
    out and resized, until she drags the splitter: sizes set before the window is shown are not kept in
    proportion, and a window opened on a smaller screen than last time should keep her proportions, not her
    pixels."""

    def __init__(self, splitter: QSplitter, sizes: list[int]) -> None:
        super().__init__(splitter)
        self.splitter, self.sizes = splitter, sizes
        self._pending, self._active = False, True
        splitter.splitterMoved.connect(self._moved)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and not self._pending:
            self._pending = True  # after the splitter's own resize handling, which shares by stretch factors
            QTimer.singleShot(0, self._apply)
        return False

    def _apply(self) -> None:
        self._pending = False
        total, want = sum(self.splitter.sizes()), sum(self.sizes)
        if total > 0 and self._active:
            first = [round(total * x / want) for x in self.sizes[:-1]]
            self.splitter.setSizes([*first, total - sum(first)])

    def _moved(self, *_: object) -> None:
        self._active = False
        self.splitter.removeEventFilter(self)
        self.splitter.splitterMoved.disconnect(self._moved)


def _set_tab(tabs: QTabWidget, i: int, text: str, icon_name: str) -> None:
    """A tab's caption and icon, set only when they change: setting either, even to the same, laid the tab bar
    out again and repainted the whole table area (most of an edit's cost in the window)."""
    bar = tabs.tabBar()
    icon_changed = bar.tabData(i) != icon_name
    if isinstance(tabs, TableTabs):  # on the tab bar alone
        tabs.set_caption(i, text, icon(icon_name) if icon_changed else None)
    else:
        if tabs.tabText(i) != text:
            tabs.setTabText(i, text)
        if icon_changed:
            tabs.setTabIcon(i, icon(icon_name))
    if icon_changed:
        bar.setTabData(i, icon_name)


def _splitters(w: ChromeHost) -> tuple[tuple[str, QSplitter], ...]:
    return (("window/split_main", w.split_main), ("window/split_work", w.split_work),
            ("window/split_grid", w.split_grid))


def restore_window(w: ChromeHost) -> None:
    s = w.settings
    geometry = s.get("window/geometry")
    if geometry.isEmpty() or not w.restoreGeometry(geometry):
        w.resize(first_window_size(w))  # type: ignore[arg-type]
    state = s.get("window/state")
    if not state.isEmpty():
        w.restoreState(state)
    for key, splitter in _splitters(w):
        sizes = s.get(key)
        if len(sizes) == splitter.count() and all(x > 0 for x in sizes):
            splitter.setSizes(sizes)
            splitter.installEventFilter(_FirstSplit(splitter, sizes))  # kept in proportion once laid out
    w.view_options.restore()


def save_window(w: ChromeHost) -> None:
    s = w.settings
    s.set("window/geometry", w.saveGeometry())
    s.set("window/state", w.saveState())
    for key, splitter in _splitters(w):
        s.set(key, splitter.sizes())
    w.view_options.save()
    s.sync()
