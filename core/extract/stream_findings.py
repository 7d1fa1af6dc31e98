"""The findings of a report read as a structure-less stream (core.extract.stream), made after the ordinary
extraction: how glued digits were split, which cells have other readings, and sums that do not close."""

from __future__ import annotations

from dataclasses import replace

from core.extract.solve import Number, RowSolution
from core.findings import CellRef, Finding, make
from core.layout import value_text
from core.model import Report
from core.template import TableSpec


def stream_findings(empty_rows: list[tuple[str, str]], solutions: dict[tuple[str, str], RowSolution],
                    specs: dict[str, TableSpec]) -> tuple[list[Finding], dict[tuple[str, str, str], list[Number]]]:
    """PARSE findings for the splits (`empty_rows`: rows printed with no digits after their label; `solutions`:
    every split row), and the candidate values of every uncertain cell (for the window's drop-down)."""
    findings: list[Finding] = [make(
        "PARSE.RECOVERED", "原文没有换行和单元格分隔（整篇连成一段），已按章节标题和表格栏目名称重新切分；"
        "连在一起的数字按表内合计关系拆分，无法唯一确定的已单独标出。")]
    candidates: dict[tuple[str, str, str], list[Number]] = {}
    for tid, row in empty_rows:
        spec = specs.get(tid)
        if spec is not None and row in spec.row_index:
            findings.append(make(
                "PARSE.UNCERTAIN",
                f"{spec.short_name}“{spec.row(row).label}”行在原文中标签后面没有数字，按空白读取；原文没有单元格分隔，"
                "也可能是数字与标签分开了，请对照原件核对。",
                cells=tuple(CellRef(tid, row, c) for c in spec.cols_for(row))))
    for (tid, row), sol in solutions.items():
        spec = specs.get(tid)
        if spec is None or row not in spec.row_index or sol.values is None or not sol.glued:
            continue
        cols = spec.cols_for(row)
        label = spec.row(row).label or "行政复议、行政诉讼"
        shown = "、".join(value_text(v) for v in sol.values)
        if sol.status == "exact":
            findings.append(make(
                "PARSE.RECOVERED",
                f"{spec.short_name}“{label}”行的数字在原文中连在一起（{sol.glued}），按{sol.reason}唯一地拆分为 {shown}。",
                cells=tuple(CellRef(tid, row, c) for c in cols)))
            continue
        differ = [i for i, c in enumerate(cols) if any(a[i] != sol.values[i] for a in sol.alternatives)]
        refs = tuple(CellRef(tid, row, cols[i]) for i in differ) or tuple(CellRef(tid, row, c) for c in cols)
        alts = "；".join("、".join(value_text(v) for v in a) for a in sol.alternatives[:4])
        more = f"等共 {len(sol.alternatives)} 种" if len(sol.alternatives) > 4 else ""
        findings.append(make(
            "PARSE.UNCERTAIN",
            f"{spec.short_name}“{label}”行的数字在原文中连在一起（{sol.glued}），有多种拆分都说得通；暂按最可能的 {shown} "
            f"填入，其他可能：{alts}{more}。请对照原件核对。", cells=refs))
        for i in differ:
            options = [sol.values[i]]
            for a in sol.alternatives:
                if a[i] not in options:
                    options.append(a[i])
            candidates[(tid, row, cols[i])] = options
    return findings, candidates


def mark_uncertain(tables: dict, candidates: dict[tuple[str, str, str], list[Number]]) -> None:
    for (tid, row, col) in candidates:
        t = tables.get(tid)
        if t is not None and (row, col) in t.cells:
            t.cells[(row, col)] = replace(t.cells[(row, col)], uncertain=True)


def unproven_sums(report: Report) -> list[Finding]:
    """In a stream copy a sum that does not close may be a reading error as well as a reporting error: its cells
    are marked uncertain (the arithmetic rules still report the sums themselves)."""
    from core.relations import equations, evaluate

    out: list[Finding] = []
    for t in report.tables.values():
        if not t.found:
            continue
        bad: list[tuple[str, str]] = []
        for eq in equations(t.spec):
            if not evaluate(t, eq).holds:
                bad.extend(c for c in eq.cells if c not in bad and t.get(*c).kind in ("number", "blank"))
        if not bad:
            continue
        for row, col in bad:
            t.cells[(row, col)] = replace(t.cells[(row, col)], uncertain=True)
        out.append(make(
            "PARSE.UNCERTAIN",
            f"{t.spec.short_name}有合计关系不成立；原文没有单元格分隔，这可能是报告本身的错误，也可能是数字归属读错，"
            f"涉及的 {len(bad)} 个单元格请对照原件核对。",
            cells=tuple(CellRef(t.spec.id, r, c) for r, c in bad)))
    return out
