"""The batch written as results arrive (issue #14): the workbook is the one main wrote cell by cell (values, styles,
sheets' set-up), the totals are pandas' to the last bit, results come in file order, and the pool still hands
every file back exactly once when a worker crashes or hangs."""

from __future__ import annotations

import copy
import io
import math
import multiprocessing
import os
import random
import shutil
import time
from pathlib import Path
from typing import Any

import batch_reference as ref
import openpyxl
import pytest
from conftest import SEEDS
from season_support import REAL

from core.api import check, load_report
from core.batch import totals
from core.batch.result import BatchResult
from core.batch.run import check_folder, find_reports, result_of, run_batch
from core.batch.workbook import ABOUT_SHEET, BatchWorkbook
from core.findings import Finding
from core.model import Cell
from core.season import checking
from core.season.checking import CheckJob, check_files
from core.season.decisions import IGNORE, Decision, finding_key
from core.season.summary import summarize

SEED0 = SEEDS / "000_a32a2e86f64ff8e8.txt"
STYLE = ("font", "fill", "border", "alignment", "number_format", "protection", "quotePrefix")


def _same_workbooks(want: bytes, got: bytes) -> int:
    """Every cell's value, type and style, and every sheet's set-up, equal; the number of cells compared."""
    a, b = openpyxl.load_workbook(io.BytesIO(want)), openpyxl.load_workbook(io.BytesIO(got))
    assert a.sheetnames == b.sheetnames
    n = 0
    for name in a.sheetnames:
        x, y = a[name], b[name]
        assert x.dimensions == y.dimensions, name
        for key in sorted(set(x._cells) | set(y._cells)):
            cx, cy = x.cell(*key), y.cell(*key)
            if name == ABOUT_SHEET and key == (7, 2):  # the time of the check
                continue
            assert (cx.value, type(cx.value), cx.data_type) == (cy.value, type(cy.value), cy.data_type), (name, key)
            for attr in STYLE:
                assert copy.copy(getattr(cx, attr)) == copy.copy(getattr(cy, attr)), (name, key, attr)
            n += 1
        assert (x.freeze_panes, x.print_title_rows, x.auto_filter.ref) == (y.freeze_panes, y.print_title_rows,
                                                                           y.auto_filter.ref), name
        assert {k: (d.width, d.hidden) for k, d in x.column_dimensions.items()} == \
            {k: (d.width, d.hidden) for k, d in y.column_dimensions.items()}, name
        assert x.page_setup == y.page_setup and x.print_options == y.print_options, name
        assert x.sheet_properties == y.sheet_properties and x.views == y.views, name
    return n


def _results(root: Path) -> list[BatchResult]:
    """Every seed and corpus file, one unreadable file, and rows with hostile texts, numbers and decisions."""
    results = [result_of(summarize(r, check(r), p)) for p in REAL if (r := load_report(p)) is not None]
    results.append(BatchResult(root / "坏.pdf", None, [], error="=无法读取 <PDF> & 其他"))
    base = next(r for r in results if r.report is not None and r.findings)
    odd = ["=SUM(A1)", "+1", "-2", "@x", " 前后空格 ", "a\r\nb\tc", "<&>\"'", "\x01控制\x0b字符\ufffe", "表" * 40000,
           "", "   "]
    hostile = []
    for i, text in enumerate(odd):
        f = base.findings[i % len(base.findings)]
        hostile.append(Finding(rule=f.rule, severity=f.severity, message=text, cells=f.cells,
                               expected=[None, 1.0, 2.5, 10**20, -0.0, 7][i % 6],
                               actual=[0.1 + 0.2, None, 3, 1e-7][i % 4], hint=text or None))
    decided = [Decision(finding_key(f), f.rule, IGNORE, reason=" =理由", note="备注") for f in base.findings[:2]]
    results.append(BatchResult(root / "子" / "奇怪.txt", base.report, base.findings + hostile, status="已核实",
                               decisions=decided, prev_path=Path("/别处/上年.txt")))
    return results


def test_workbook_is_the_one_main_wrote(tmp_path: Path) -> None:
    results = _results(tmp_path)
    want = io.BytesIO()
    ref.build_batch_workbook(results, tmp_path, Path("/别处")).save(want)
    book = BatchWorkbook(tmp_path, Path("/别处"))
    for res in results:
        book.add(res)
    assert _same_workbooks(want.getvalue(), book.to_bytes()) > 1000


def test_totals_are_pandas_sums() -> None:
    """Counts exactly as pandas summed them; amounts with decimals to far below the 4 decimals shown."""
    reports = [r for r in (load_report(p) for p in REAL) if not r.error]
    rng = random.Random(14)
    many = []
    for i in range(60):  # amounts with cents and odd fractions: where the order and the compensation of sums matter
        r = copy.deepcopy(reports[i % len(reports)])
        for t in r.tables.values():
            for key in list(t.cells)[:40]:
                t.cells[key] = Cell(round(rng.uniform(0, 1e6), 2) if rng.random() < 0.7 else rng.random() * 1e-3,
                                    kind="number")
        many.append(r)
    for batch, exact in ((reports * 7, True), (many, False)):
        want, got = ref.batch_totals(batch), totals.batch_totals(batch)
        assert [(b.year, b.template, b.spec.id, b.reports, b.agencies) for b in want] == \
            [(b.year, b.template, b.spec.id, b.reports, b.agencies) for b in got]
        for w, g in zip(want, got, strict=True):
            for row in w.spec.rows:
                for col in w.spec.columns:
                    v, mine = w.frame.at[row.id, col.id], g.sums.get((row.id, col.id))
                    assert (v != v) == (mine is None), (row.id, col.id)
                    if mine is not None:
                        whole = exact and float(v).is_integer()  # counts: exact; amounts: to the last bits
                        assert mine == float(v) if whole else math.isclose(mine, float(v), rel_tol=1e-14)
                    assert ref.cell_total(w, row.id, col.id) == totals.cell_total(g, row.id, col.id)
        for x, y in zip(ref.region_ratios(want), totals.region_ratios(got), strict=True):
            assert (x.year, x.template, x.reports, x.values.keys()) == (y.year, y.template, y.reports, y.values.keys())
            for k, v in x.values.items():
                assert v == y.values[k] if v is None else math.isclose(v, y.values[k] or 0, rel_tol=1e-12)


def test_results_in_file_order_workbook_as_before(tmp_path: Path) -> None:
    folder = tmp_path / "报告"
    folder.mkdir()
    for i in range(24):
        src = REAL[i % len(REAL)]
        shutil.copy(src, folder / f"{i:02d}{src.suffix}")
    order: list[str] = []
    out = tmp_path / "汇总.xlsx"
    check_folder(folder, out, workers=2, each=lambda r: order.append(r.path.name))
    assert order == [p.name for p in find_reports(folder)]
    results = run_batch(folder, None, workers=1)
    want = io.BytesIO()
    ref.build_batch_workbook(results, folder).save(want)
    _same_workbooks(want.getvalue(), out.read_bytes())


def _crashes_or_hangs(jobs: list[CheckJob]) -> list[Any]:
    """check_chunk, but a file named 崩溃 brings its worker down and one named 卡住 never finishes."""
    for job in jobs:
        if "崩溃" in job.path:
            os._exit(3)
        if "卡住" in job.path:
            time.sleep(60)
    return [checking.check_one(job) for job in jobs]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork to patch the worker")
def test_pool_hands_every_file_back_when_a_worker_crashes_or_hangs(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checking, "_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(checking, "check_chunk", _crashes_or_hangs)
    names = [f"{i:02d}.txt" for i in range(14)]
    names[5], names[11] = "崩溃.txt", "卡住.txt"
    for name in names:
        shutil.copy(SEED0, tmp_path / name)
    jobs = [CheckJob(str(tmp_path / n), tag=n) for n in names]
    got: dict[str, Any] = {}
    for job, summary in check_files(jobs, workers=2, timeout=3):
        assert job.tag not in got
        got[job.tag] = summary
    assert sorted(got) == sorted(names)
    assert got["崩溃.txt"].error == checking.CRASHED
    assert "秒仍未完成" in got["卡住.txt"].error
    others = {n: s.error for n, s in got.items() if n not in ("崩溃.txt", "卡住.txt")}
    assert others == dict.fromkeys(others), others


def _slow_first(jobs: list[CheckJob]) -> list[Any]:
    """check_chunk, but each file named 慢 takes 1 s."""
    for job in jobs:
        if "慢" in job.path:
            time.sleep(1.0)
    return [checking.check_one(job) for job in jobs]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork to patch the worker")
def test_a_chunk_waiting_in_the_pool_is_not_late(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two chunks per worker wait in the pool; a chunk's time runs from when a worker can take it, so chunks queued
    behind slow ones are not taken for hanging (no pool killed, no file retried or blamed)."""
    monkeypatch.setattr(checking, "_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(checking, "check_chunk", _slow_first)
    kills: list[object] = []
    monkeypatch.setattr(checking, "_kill", lambda pool: kills.append(pool))
    names = [f"{i:02d}{'慢' if i < 8 else ''}.txt" for i in range(16)]  # chunks of 2: four slow ones first
    for name in names:
        shutil.copy(SEED0, tmp_path / name)
    jobs = [CheckJob(str(tmp_path / n), tag=n) for n in names]
    assert checking.chunk_size(len(jobs), 2) == 2
    got = {job.tag: summary.error for job, summary in check_files(jobs, workers=2, timeout=1.25)}
    assert got == dict.fromkeys(names)
    assert kills == []
