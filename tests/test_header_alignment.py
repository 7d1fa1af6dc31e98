"""Grid rows (HTML, DOCX, PDF) are aligned by the header text above them, not by position alone."""

from __future__ import annotations

from core.extract import extract
from core.model import Loc, SourceCellText, SourceDoc, SourceLine


def grid(n: int, *cells: tuple[int, str] | tuple[int, str, int]) -> SourceLine:
    loc = Loc(line=n)
    out = tuple(SourceCellText(c[1], loc, col=c[0], span=c[2] if len(c) > 2 else 1) for c in cells)  # type: ignore[misc]
    return SourceLine(" | ".join(c.text for c in out), loc, cells=out)


def test_colspan_header_places_values_under_their_header() -> None:
    # 2019 Shanghai style: 本年新公开数量 spans two grid columns and its value sits in the second one
    lines = [
        SourceLine("二、主动公开政府信息情况", Loc(line=1)),
        grid(2, (0, "第二十条第（一）项", 5)),
        grid(3, (0, "信息内容"), (1, "本年新制作数量"), (2, "本年新公开数量", 2), (4, "对外公开总数量")),
        grid(4, (0, "规章"), (1, "1"), (2, ""), (3, "2"), (4, "3")),
        grid(5, (0, "规范性文件"), (1, "4"), (3, "5"), (4, "6")),
        grid(6, (0, "第二十条第（五）项", 5)),
        grid(7, (0, "信息内容"), (1, "上一年项目数量"), (2, "本年增/减", 2), (4, "处理决定数量")),
        grid(8, (0, "行政许可"), (1, "10"), (2, "-1"), (3, ""), (4, "12")),
    ]
    report = extract(SourceDoc("x.html", "html", lines))
    t = report.table("active")
    assert [t.value("regulations", c) for c in ("new_made", "new_published", "total_published")] == [1, 2, 3]
    assert [t.value("normative_docs", c) for c in ("new_made", "new_published", "total_published")] == [4, 5, 6]
    assert [t.value("licensing", c) for c in ("prev_items", "change", "decisions")] == [10, -1, 12]
    assert t.get("regulations", "new_published").loc == Loc(line=4)
    assert not [f for f in report.parse_findings if f.rule in ("PARSE.EXTRA_VALUES", "PARSE.UNCERTAIN")
                and f.cells and f.cells[0].table == "active"]
