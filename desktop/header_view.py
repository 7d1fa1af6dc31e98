"""A QHeaderView that draws the template's merged header cells from each section's header path.

The model gives every section a path of labels (HEADER_PATH_ROLE), outermost first, e.g.
("申请人情况", "法人或其他组织", "商业企业"). Neighbouring sections that share a prefix are drawn as one
merged cell at that level; a path shorter than the deepest one ends in a leaf that spans the remaining
levels, exactly as the printed template merges its header rows (or row-header columns).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

from core.layout import header_spans
from desktop.table_model import HEADER_PATH_ROLE

_PAD = 6
_GROUP_CAP = 112  # px: widest group column of a vertical header before its text wraps
_LEAF_CAP = 210  # px: widest leaf column of a vertical header (longer labels wrap: the numbers keep the room)
_ENABLED_ACTIVE = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Active
_SELECTED = QStyle.StateFlag.State_On | QStyle.StateFlag.State_Sunken
_TEXT_FLAGS = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)


_Span = tuple[int, int, int, str, bool]  # level, first logical, last logical, text, is_leaf
_Layout = tuple[list[tuple[str, ...]], list[int], list[_Span]]  # paths, level extents, merged cells


class MergedHeaderView(QHeaderView):
    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._orientation = orientation  # fixed for a header's life; asked for in every paint (a Python enum each)
        self._horizontal = orientation == Qt.Orientation.Horizontal
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sectionResized.connect(lambda *_: self.viewport().update())
        self._memo: tuple[tuple[object, ...], _Layout] | None = None
        self._extents: tuple[_Layout, tuple[int, ...], list[tuple[int, int]]] | None = None

    # ------------------------------------------------------------------ paths and levels
    def _layout(self) -> _Layout:
        """The paths, level extents and merged cells, worked out again only when what they depend on changed: the
        model (and its template), the font, the sections' order, visibility and (across a horizontal header,
        where texts wrap) sizes. Every paint measured every header text anew, and the headers repaint whenever
        the grid's cursor moves."""
        model, n = self.model(), self.count()
        horizontal = self._horizontal
        key = (model, getattr(model, "spec", None), n, self.font().key(),
               tuple(self.logicalIndex(v) for v in range(n)), tuple(self.isSectionHidden(i) for i in range(n)),
               tuple(self.sectionSize(i) for i in range(n)) if horizontal else ())
        if self._memo is None or self._memo[0] != key:
            paths = self._paths()
            self._memo = key, (paths, self._levels(paths) if paths else [], self._spans(paths) if paths else [])
        return self._memo[1]

    def _paths(self) -> list[tuple[str, ...]]:
        model = self.model()
        if model is None:
            return []
        out = []
        for i in range(self.count()):
            p = model.headerData(i, self._orientation, HEADER_PATH_ROLE)
            out.append(tuple(p) if p else (str(model.headerData(i, self._orientation) or ""),))
        return out

    def _depth(self, paths: list[tuple[str, ...]]) -> int:
        return max((len(p) for p in paths), default=1)

    def _text_height(self, text: str, width: int) -> int:
        fm = self.fontMetrics()
        r = fm.boundingRect(QRect(0, 0, max(width - 2 * _PAD, 10), 10000), int(Qt.TextFlag.TextWordWrap), text)
        return r.height() + 2 * _PAD

    def _text_width(self, text: str) -> int:
        return self.fontMetrics().horizontalAdvance(text) + 2 * _PAD + 2

    def _levels(self, paths: list[tuple[str, ...]]) -> list[int]:
        """Extent (height for a horizontal header, width for a vertical one) of each level."""
        depth = self._depth(paths)
        if not self._horizontal:
            widths = []
            for level in range(depth):
                is_last = level == depth - 1
                texts = [p[level] for p in paths if len(p) > level and (is_last or len(p) > level + 1)]
                cap = _LEAF_CAP if is_last else _GROUP_CAP
                widths.append(min(cap, max((self._text_width(t) for t in texts), default=40)))
            return widths
        heights = [self.fontMetrics().height() + 2 * _PAD] * depth
        for span in self._spans(paths):
            level, first, last, text, leaf = span
            width = sum(self.sectionSize(i) for i in range(first, last + 1))
            need = self._text_height(text, width)
            if leaf and level < depth - 1:
                have = sum(heights[level:])
                if need > have:
                    heights[-1] += need - have
            elif need > heights[level]:
                heights[level] = need
        return heights

    def _spans(self, paths: list[tuple[str, ...]]) -> list[_Span]:
        """(level, first logical, last logical, text, is_leaf) for every merged cell of the visible sections in
        visual order (moved and hidden sections followed), by core.layout's one span algorithm."""
        order = [i for i in (self.logicalIndex(v) for v in range(self.count())) if not self.isSectionHidden(i)]
        spans = header_spans([paths[i] for i in order], self._depth(paths))
        return [(s.level, order[s.index], order[s.index_end], s.text, s.leaf) for s in spans]

    # ------------------------------------------------------------------ sizes
    def sizeHint(self) -> QSize:
        base = super().sizeHint()
        paths, levels, _ = self._layout()
        total = sum(levels) if paths else 0
        if self._horizontal:
            return QSize(base.width(), max(total, base.height()))
        return QSize(max(total, base.width()), base.height())

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        paths, levels, _ = self._layout()
        if not paths or logicalIndex >= len(paths):
            return super().sectionSizeFromContents(logicalIndex)
        path = paths[logicalIndex]
        leaf_extent = sum(levels[len(path) - 1:])
        if self._horizontal:
            width = min(max(self._text_width(path[-1]), 56), 150)
            return QSize(width, sum(levels))
        height = max(self._text_height(path[-1], leaf_extent), self.fontMetrics().height() + 10)
        return QSize(sum(levels), height)

    # ------------------------------------------------------------------ painting
    def _rect(self, level: int, first: int, last: int, leaf: bool, levels: list[int]) -> QRect:
        start = self.sectionViewportPosition(first)
        end_pos = self.sectionViewportPosition(last) + self.sectionSize(last)
        across0 = sum(levels[:level])
        across1 = sum(levels) if leaf else across0 + levels[level]
        if self._horizontal:
            return QRect(start, across0, end_pos - start, across1 - across0)
        return QRect(across0, start, across1 - across0, end_pos - start)

    def _span_rects(self, layout: _Layout) -> list[tuple[_Span, QRect]]:
        """Each merged cell with its rectangle in the viewport, as `_rect` gives it: their extents along the
        header are worked out again only when the layout or a section's size changed, not for every paint (the
        headers repaint whenever the grid's cursor moves)."""
        paths, levels, spans = layout
        horizontal = self._horizontal
        if horizontal and self.isRightToLeft():
            return [(span, self._rect(span[0], span[1], span[2], span[4], levels)) for span in spans]
        sizes = tuple(self.sectionSize(i) for i in range(self.count()))
        kept = self._extents
        if kept is None or kept[0] is not layout or kept[1] != sizes:
            extents = [(self.sectionPosition(first), self.sectionPosition(last) + sizes[last])
                       for _, first, last, _, _ in spans]
            kept = self._extents = layout, sizes, extents
        offset, total = self.offset(), sum(levels)
        starts = [sum(levels[:level]) for level in range(len(levels))]
        out = []
        for span, (start, end) in zip(spans, kept[2], strict=True):
            level, leaf = span[0], span[4]
            across0 = starts[level]
            across1 = total if leaf else across0 + levels[level]
            if horizontal:
                out.append((span, QRect(start - offset, across0, end - start, across1 - across0)))
            else:
                out.append((span, QRect(across0, start - offset, across1 - across0, end - start)))
        return out

    def _selected(self, first: int, last: int) -> bool:
        sel = self.selectionModel()
        if sel is None:
            return False
        root = self.rootIndex()
        for i in range(first, last + 1):
            hit = (sel.columnIntersectsSelection(i, root) if self._horizontal
                   else sel.rowIntersectsSelection(i, root))
            if hit:
                return True
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        layout = self._layout()
        if not layout[0]:
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        style = self.style()
        dirty = event.rect()
        base = QStyleOptionHeader()  # what every merged cell's option shares, made once per paint
        self.initStyleOption(base)
        base.orientation = self._orientation
        base.state |= _ENABLED_ACTIVE if self.window().isActiveWindow() else QStyle.StateFlag.State_Enabled
        base.text = ""
        pen = self.palette().buttonText().color()
        font = painter.font()
        for (_level, first, last, text, leaf), rect in self._span_rects(layout):
            if not rect.intersects(dirty):
                continue
            opt = QStyleOptionHeader(base)
            opt.rect = rect
            opt.section = first
            selected = self._selected(first, last)
            if selected:
                opt.state |= _SELECTED
            style.drawControl(QStyle.ControlElement.CE_HeaderSection, opt, painter, self)
            font.setBold(selected and leaf)
            painter.setFont(font)
            painter.setPen(pen)
            painter.drawText(rect.adjusted(_PAD, 2, -_PAD, -2), _TEXT_FLAGS, text)
        painter.end()
