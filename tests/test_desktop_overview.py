"""Issue #11 item 2: the report list shows counts and status in the row, names a report without an agency by its
file name, shows the same file once; the 总览 over a set of 50 reports (seeds, corpus, generated) sorts, filters,
edits her status and opens a report on double-click."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS
from desktop_support import SAMPLES, seed, wait_loaded

pytest.importorskip("PySide6")


def make_fifty(folder: Path) -> list[Path]:
    """Seeds, corpus reports and the samples, then generated reports up to 50 files."""
    from reportgen import render, row

    from core.readers.formats import is_report_name

    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    for src in [*sorted(SEEDS.glob("*.txt")), *sorted(p for p in CORPUS.glob("*") if is_report_name(p))]:
        files.append(Path(shutil.copy(src, folder / src.name)))
    i = 0
    while len(files) < 50:
        i += 1
        values = {"table3": {"一、本年新收政府信息公开申请数量": row(i, 0, 0, 0, 0, 0, i)}} if i % 3 == 0 else {}
        p = folder / f"gen_{i:03d}.txt"
        p.write_text(render("2019" if i % 2 else "2021", values, agency=f"测试县第{i}局", year=2020 + i % 3),
                     encoding="utf-8")
        files.append(p)
    return files


def test_list_rows_show_counts_status_and_file_names(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hashed = seed("002")  # a seed whose agency is not recognised: named by its file name
    copy = tmp_path / "other" / hashed.name
    copy.parent.mkdir()
    shutil.copy(hashed, copy)
    window.open_paths([str(hashed), str(hashed), str(copy)])  # same path twice, and the same bytes elsewhere
    wait_loaded(qtbot, window)
    assert len(window.docs) == 1 and window.report_list.list.count() == 1
    doc = window.docs[0]
    text = window.report_list.list.item(0).text()
    c = doc.counts()
    assert f"错误 {c['error']} · 警告 {c['warning']} · 提示 {c['info']}" in text and "未核查" in text
    if doc.report is not None and not doc.report.agency:
        assert text.startswith(hashed.name)
    window.set_verdict(doc, "已核实")
    assert "已核实" in window.report_list.list.item(0).text()


def test_list_sorts_and_filters(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(SEEDS), str(SAMPLES)])
    wait_loaded(qtbot, window)
    lst = window.report_list
    lst.sort.setCurrentText("按问题多少")
    errors = [d.counts()["error"] for d in lst.docs_in_order() if d.state == "ready"]
    assert errors == sorted(errors, reverse=True) and errors[0] > 0
    lst.sort.setCurrentText("按名称")
    names = [d.title() for d in lst.docs_in_order()]
    assert names == sorted(names)
    lst.filter.setText("鹤城")
    assert [d.title() for d in lst.visible_docs()] and all("鹤城" in d.title() or "鹤城" in d.path
                                                             for d in lst.visible_docs())
    lst.filter.clear()
    assert len(lst.visible_docs()) == len(window.docs)


def test_overview_of_fifty_reports_sorts_filters_and_opens(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from desktop.overview import COL_AGENCY, COL_ERROR, COL_VERDICT

    files = make_fifty(tmp_path / "season")
    window.open_paths([str(tmp_path / "season")])
    wait_loaded(qtbot, window, timeout=120000)
    page = window.overview
    window.show_overview()
    assert window.center.currentWidget() is page
    assert page.model.rowCount() == len(files) == 50
    assert "共 50 份报告" in page.summary.text()
    # sort by errors, most first
    page.view.sortByColumn(COL_ERROR, Qt.SortOrder.DescendingOrder)
    shown = [page.doc_at(r) for r in range(page.proxy.rowCount())]
    keys = [d.counts()["error"] if d.state == "ready" else 10**6 for d in shown]
    assert keys == sorted(keys, reverse=True)
    # only with errors
    page.only_errors.setChecked(True)
    with_errors = [d for d in window.docs if d.state == "error" or d.counts()["error"]]
    assert 0 < page.proxy.rowCount() == len(with_errors) < 50
    page.only_errors.setChecked(False)
    # text filter
    page.search.setText("测试县第1")
    assert {page.doc_at(r).title() for r in range(page.proxy.rowCount())} == \
        {f"测试县第{i}局" for i in (1, *range(10, 20))}
    page.search.clear()
    # her status, edited in the status column, then filtered on
    target = page.doc_at(0)
    assert page.model.setData(page.model.index(page.model.docs().index(target), COL_VERDICT), "已退回")
    assert target.verdict == "已退回"
    page.verdict.setCurrentIndex(page.verdict.findData("已退回"))
    assert page.proxy.rowCount() == 1 and page.doc_at(0) is target
    page.verdict.setCurrentIndex(0)
    # double-click opens the report in the grids
    row = next(r for r in range(page.proxy.rowCount()) if page.doc_at(r).state == "ready")
    index = page.proxy.index(row, COL_AGENCY)
    page.view.doubleClicked.emit(index)
    assert window.current is page.doc_at(row) and window.center.currentWidget() is window.split_work


def test_overview_model_passes_the_model_tester(qtbot, qtmodeltester, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([str(SEEDS)])
    wait_loaded(qtbot, window)
    qtmodeltester.check(window.overview.model)
    qtmodeltester.check(window.overview.proxy)


def test_many_reports_keep_counts_not_tables_and_reload_when_opened(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = make_fifty(tmp_path / "season")[:12]
    window.open_paths([str(p) for p in files])
    wait_loaded(qtbot, window, timeout=120000)
    current = window.current
    others = [d for d in window.docs if d is not current and d.state == "ready"]
    assert others and current is not None and current.report is not None
    # the reports she is not looking at keep their counts and names, not their tables
    assert all(d.report is None and d.tables_unloaded for d in others)
    rows = {window.report_list.item_for(d).text() for d in others}
    assert all("错误" in t and "年度" in t for t in rows)
    assert sum(d.counts()["error"] for d in others) > 0
    # opening one in the grids reads its tables again; the one she left lets go of its tables
    target = next(d for d in others if d.counts()["error"])
    before = target.counts()
    window.report_list.select(target)
    qtbot.waitUntil(lambda: target.report is not None and window.stack.currentIndex() == 0, timeout=30000)
    assert target.counts() == before and window.grids["requests"].model() is not None
    assert current.report is None
