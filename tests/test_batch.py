"""`ogicheck batch` and core.batch.run_batch: discovery, own outputs skipped, last year paired, summary workbook."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import CORPUS, SEEDS
from openpyxl.utils import get_column_letter

from core.api import check, load_report
from core.atomic import OutputPathError
from core.batch.run import find_reports, run_batch
from core.catalogue import rule_name
from core.cli.batch import ProgressBar
from core.cli.main import main
from core.findings import Severity

SEED0 = SEEDS / "000_a32a2e86f64ff8e8.txt"  # 株洲市渌口区行政审批服务局, 2020
SEED4 = SEEDS / "004_d283978da91e14c9.txt"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    cur = tmp_path / "本年"
    (cur / "区县").mkdir(parents=True)
    shutil.copy(SEED0, cur / "渌口区审批局.txt")
    shutil.copy(SEED4, cur / "平安区.txt")
    shutil.copy(CORPUS / "014_shuyangxian_2025.txt", cur / "区县" / "沭阳县.txt")
    (cur / "区县" / "损坏.pdf").write_bytes(b"%PDF-1.4\n garbage that is not a pdf \n")
    (cur / ".隐藏.txt").write_text("x", encoding="utf-8")
    (cur / "~$临时.docx").write_bytes(b"x")
    (cur / "说明.csv").write_text("a,b", encoding="utf-8")
    # our printable summary of an earlier session is not a report (exported workbooks and text reports are:
    # see test_exported_workbooks_and_text_reports_are_checked)
    assert main(["export", str(SEED0), "--summary", str(cur / "导出.html")]) == 0
    return cur


def _previous_year(tmp_path: Path) -> Path:
    """Last year's report of the same agency: seed 000 moved back one year."""
    prev = tmp_path / "上年"
    prev.mkdir()
    text = SEED0.read_text(encoding="utf-8").replace("2020", "2019").replace("2021", "2020")
    (prev / "渌口区审批局2019.txt").write_text(text, encoding="utf-8")
    (prev / "平安区2018.txt").write_text(SEED4.read_text(encoding="utf-8").replace("2019", "2018"), encoding="utf-8")
    return prev


def test_find_reports_skips_hidden_temporary_and_summaries(folder: Path) -> None:
    names = [str(p.relative_to(folder)) for p in find_reports(folder)]
    assert names == ["平安区.txt", "渌口区审批局.txt", "区县/损坏.pdf", "区县/沭阳县.txt"]


def test_run_batch_results_and_workbook(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[tuple[int, int, str]] = []
    out = tmp_path / "汇总.xlsx"
    results = run_batch(folder, out, progress=lambda d, t, p: calls.append((d, t, p)))
    assert [r.path.name for r in results] == ["平安区.txt", "渌口区审批局.txt", "损坏.pdf", "沭阳县.txt"]
    assert [c[:2] for c in calls] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    broken = results[2]
    assert broken.error and broken.findings[0].rule == "PARSE.UNREADABLE"
    for r in results:
        if not r.error:
            assert r.report is not None
            assert [f.rule for f in r.findings] == [f.rule for f in check(load_report(r.path))]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["批量核查汇总", "全部问题", "汇总统计", "主要比率", "批量核查说明"]
    ws = wb["批量核查汇总"]
    header = [c.value for c in ws[1]]
    assert header == ["序号", "文件", "发布机关", "报告年度", "模板", "发布日期", "错误", "警告", "提示",
                      "上一年度报告", "无法读取的原因", "核查状态", "已忽略", "已确认"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[1] for r in rows] == ["平安区.txt", "渌口区审批局.txt", "区县/损坏.pdf", "区县/沭阳县.txt"]
    assert rows[1][2:6] == ["株洲市渌口区行政审批服务局", 2020, "2019", "2021-03-22"]
    assert rows[3][2:5] == [results[3].report.agency, 2025, "2021"]  # type: ignore[union-attr]
    assert rows[2][10] == broken.error and rows[2][6] == 1
    for r, res in zip(rows, results, strict=True):
        n = res.counts
        assert r[6:9] == [n[Severity.ERROR], n[Severity.WARNING], n[Severity.INFO]]
    findings = list(wb["全部问题"].iter_rows(min_row=2, values_only=True))
    assert len(findings) == sum(len(r.findings) for r in results)
    broken_rows = [f[:5] + f[-1:] for f in findings if f[0] == "区县/损坏.pdf"]
    # the officer reads the rule's Chinese name; the id stays in the last, technical column, hidden by default
    assert broken_rows == [("区县/损坏.pdf", None, None, "错误", rule_name("PARSE.UNREADABLE"), "PARSE.UNREADABLE")]
    fs = wb["全部问题"]
    assert fs.cell(1, fs.max_column).value == "规则编号" and fs.column_dimensions[get_column_letter(fs.max_column)].hidden
    assert not any(fs.column_dimensions[get_column_letter(j)].hidden for j in range(1, fs.max_column))
    assert all(re.fullmatch(r"[A-Z]+\.[A-Z_]+", f[-1]) and not re.search(r"[A-Z]+\.[A-Z_]+", str(f[4]))
               for f in findings)
    assert ws.auto_filter.ref == "A1:N5"


def test_previous_year_paired_by_agency_and_year(folder: Path, tmp_path: Path) -> None:
    prev = _previous_year(tmp_path)
    calls: list[tuple[int, int, str]] = []
    results = run_batch(folder, tmp_path / "汇总.xlsx", prev_dir=prev, progress=lambda *a: calls.append(a))
    paired = {r.path.name: r.prev_path.name if r.prev_path else None for r in results}
    assert paired == {"平安区.txt": "平安区2018.txt", "渌口区审批局.txt": "渌口区审批局2019.txt", "损坏.pdf": None,
                      "沭阳县.txt": None}
    assert calls[-1][:2] == (6, 6)
    ws = openpyxl.load_workbook(tmp_path / "汇总.xlsx")["批量核查汇总"]
    assert ws["J3"].value == "渌口区审批局2019.txt"


def test_cli_batch(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = folder / "汇总.xlsx"
    assert main(["batch", str(folder), "--out", str(out)]) == 1  # one file cannot be read
    captured = capsys.readouterr()
    assert "已核查 4 份报告" in captured.out and "1 份无法读取" in captured.out
    assert captured.err == ""  # no progress bar when stderr is not a terminal
    # a second run skips the summary the first one wrote into the folder
    assert main(["batch", str(folder), "--out", str(tmp_path / "again.xlsx")]) == 1
    assert "已核查 4 份报告" in capsys.readouterr().out


def test_cli_batch_refusals(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "无此目录"), "--out", str(tmp_path / "s.xlsx")]) == 2
    assert "找不到文件夹" in capsys.readouterr().err
    other = folder / "某单位报表.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "表三"  # type: ignore[union-attr]
    wb.save(other)
    before = other.read_bytes()
    assert main(["batch", str(folder), "--out", str(other)]) == 2
    assert "不能覆盖" in capsys.readouterr().err
    assert other.read_bytes() == before
    with pytest.raises(OutputPathError):
        run_batch(folder, other)


def test_progress_bar_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    bar = ProgressBar(stream)
    bar(1, 4, "/a/b/报告一.txt")
    bar(4, 4, "/a/b/报告二.txt")
    bar.close()
    text = stream.getvalue()
    assert text.startswith("\r[") and "1/4" in text and "4/4 报告二.txt" in text and text.endswith("\n")
    assert "#" * 10 in text.split("\r")[-1]
    quiet = io.StringIO()
    ProgressBar(quiet)(1, 2, "x")
    assert quiet.getvalue() == ""
