"""Issue #12: the officer never sees a rule id or a command-line flag. Walks every text the window shows (labels,
buttons, actions, menus, tabs, headers and cells of every view, the status bar, the window title) with a report
with many findings loaded, the overview, the start page and 核查设置 open; tooltips may carry ids. Also: the icons
are SVG and stay sharp at 125 % and 200 %."""

from __future__ import annotations

import re

import pytest
from desktop_support import seed, wait_loaded

pytest.importorskip("PySide6")

from PySide6.QtCore import QModelIndex, QSize, Qt  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

from core.catalogue import RULES  # noqa: E402

ID_PATTERN = re.compile(r"\b[A-Z]+\.[A-Z_]+\b")
FLAGS = ("--level", "--published", "--prev", "--deadline-profile", "--typos", "--apply-fixes")
RULE_IDS = tuple(r.id for r in RULES)


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    out = []
    root = QModelIndex()
    rows = model.rowCount(root)
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header() \
        if isinstance(view, QTreeView) else None
    cols = max(1, header.count()) if header is not None else 1
    for orient, n in ((Qt.Orientation.Horizontal, cols), (Qt.Orientation.Vertical, rows)):
        out += [str(model.headerData(i, orient, Qt.ItemDataRole.DisplayRole) or "") for i in range(n)]
    for r in range(min(rows, 500)):
        out += [str(model.index(r, c, root).data(Qt.ItemDataRole.DisplayRole) or "") for c in range(cols)]
    return out


def visible_texts(root: QWidget) -> list[str]:
    """Every text shown by `root` and its children (hidden pages of stacks included: they show on a click)."""
    texts = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLineEdit):
            texts += [w.text(), w.placeholderText()]
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QMenu):
            texts.append(w.title())
        if isinstance(w, QAbstractItemView):
            texts += _model_texts(w)
    texts += [a.text() for a in root.findChildren(QAction)]
    texts += [a.statusTip() for a in root.findChildren(QAction)]  # shown in the status bar on hover
    return [t for t in texts if t]


def offending(texts: list[str]) -> list[str]:
    return [t for t in texts if ID_PATTERN.search(t) or any(f in t for f in FLAGS) or any(i in t for i in RULE_IDS)]


def test_no_rule_id_or_flag_in_the_window(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = visible_texts(window)  # the start page, nothing open
    assert window.center.currentWidget() is window.start_page
    window.open_paths([str(seed("000"))])
    wait_loaded(qtbot, window)
    doc = window.current
    assert doc is not None and len(doc.findings) >= 10
    assert len({f.rule for f in doc.findings}) >= 3
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        seen += visible_texts(window)
    window.findings.view.setCurrentIndex(window.findings.view.model().index(0, 0))
    window.show_overview()
    seen += visible_texts(window)
    seen.append(window.statusBar().currentMessage())

    from desktop.dialogs.check_options import CheckOptionsDialog

    def walk_and_close(dialog: QDialog) -> int:
        seen.extend(visible_texts(dialog))
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(CheckOptionsDialog, "exec", walk_and_close)
    window.show_report_page()
    window.output.check_options()
    assert any("发布日期" in t for t in seen)  # the dialog was walked
    assert any(f.rule_name in seen_text for f in doc.findings for seen_text in seen)  # names are shown instead
    assert offending(seen) == []


def test_the_walk_would_catch_an_id() -> None:
    assert offending(["规则 ARITH.ROW_SUM 不成立", "ogicheck --published 2024-01-20", "错误 3"]) == [
        "规则 ARITH.ROW_SUM 不成立", "ogicheck --published 2024-01-20"]


@pytest.mark.parametrize("ratio", [1.25, 2.0])
def test_icons_are_sharp_at_high_dpi(qapp, ratio: float) -> None:  # type: ignore[no-untyped-def]
    from desktop.assets import icon, resource_dir

    assert (resource_dir() / "icons" / "open.svg").exists()
    pm = icon("open").pixmap(QSize(16, 16), ratio)
    side = round(16 * ratio)
    assert (pm.width(), pm.height()) == (side, side)  # drawn at the physical size, not a scaled-up 16 px
    assert pm.devicePixelRatio() == pytest.approx(ratio)
    image = pm.toImage()
    alphas = {image.pixelColor(x, y).alpha() for x in range(side) for y in range(side)}
    assert max(alphas) == 255 and min(alphas) == 0  # something is drawn, on a transparent ground
