"""Issue #16: small hostile files, each checked in a worker process under a 1 GB address-space limit
(Linux: resource.setrlimit) and within 10 s; each must give a report or a clean refusal that names what was
too large, and never an exception anywhere downstream (check --json, the exports, batch)."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT
from hostile import CASES, SEED0, seed_with_digits, write_case

from core.api import check, load_report
from core.batch.run import find_reports, run_batch
from core.cli.main import main
from core.readers import UnreadableError, read_source

sys.path.insert(0, str(ROOT / "tools"))
from fuzz import Runner  # noqa: E402

# what each case must come to: ("ok", rule that must be found) or ("refused", words the message must hold)
EXPECT = {
    "xlsx-wide-merge": ("ok", None),
    "xlsx-merge-bomb": ("ok", None),
    "xlsx-far-row": ("refused", "单元格过多"),
    "html-rowspan-zero": ("refused", "rowspan/colspan"),
    "html-big-spans": ("refused", "rowspan/colspan"),
    "html-deep-tables": ("refused", "嵌套层数"),
    "docx-lying-sizes": ("refused", "损坏"),
    "docx-long-text": ("refused", "500 万字"),
    "pdf-many-rules": ("refused", "线条过多"),
    "text-long-digits": ("ok", "CELL.NOT_NUMBER"),
    "text-4301-digits": ("ok", "CELL.NOT_NUMBER"),
    "text-309-digits": ("ok", "CELL.NOT_NUMBER"),
    "text-control-chars": ("ok", None),
}


@pytest.fixture(scope="module")
def runner():  # type: ignore[no-untyped-def]
    with Runner() as r:
        yield r


def test_every_case_has_an_expectation() -> None:
    assert set(EXPECT) == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_bounded(case: str, tmp_path: Path, runner: Runner) -> None:
    """Read, extract, validate and export (workbook, text, summary) in a worker limited to 1 GB and 10 s."""
    path = write_case(case, tmp_path)
    result = runner.run(path)
    status, want = EXPECT[case]
    assert result["status"] == status, result
    if status == "refused":
        assert want in str(result["message"]), result
        assert "资源限制" not in str(result["message"])  # a MemoryError caught late is not a budget
    elif want:
        assert want in result["rules"], result  # type: ignore[operator]
    assert float(result["seconds"]) < 10  # type: ignore[arg-type]


@pytest.mark.parametrize("digits", [309, 4301])
def test_huge_numbers_never_raise_downstream(digits: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 3: the cell is CELL.NOT_NUMBER with its raw text; check --json, every export and the cell and
    arithmetic rule families work (no PARSE.RULE_FAILED)."""
    path = tmp_path / "report.txt"
    path.write_bytes(seed_with_digits(digits))
    assert main(["check", "--json", str(path)]) in (0, 1)
    obj = json.loads(capsys.readouterr().out)
    rules = [f["rule"] for f in obj["findings"]]
    assert "CELL.NOT_NUMBER" in rules and "PARSE.RULE_FAILED" not in rules
    assert any(f["rule"] == "CELL.NOT_NUMBER" and "9" * 50 in f["message"] for f in obj["findings"])
    for kind, suffix in (("xlsx", ".xlsx"), ("text", ".txt"), ("summary", ".html")):
        assert main(["export", str(path), f"--{kind}", str(tmp_path / ("out" + suffix))]) == 0


def test_batch_survives_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 4: a corrupt .xlsx, a 309-digit cell, a FIFO named .txt and a .txt link to /dev/zero in the folder:
    the batch finishes, writes its workbook, and each bad file is a row with its reason."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "好.txt").write_bytes(SEED0.read_bytes())
    (folder / "长数字.txt").write_bytes(seed_with_digits(309))
    good = tmp_path / "x.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "表" * 5000
    wb.save(good)
    data = bytearray(good.read_bytes())
    i = data.find(b"xl/workbook.xml") + 60  # inside the workbook part's deflated data
    data[i:i + 40] = b"\xff" * 40
    (folder / "损坏.xlsx").write_bytes(bytes(data))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "管道.txt")
        os.symlink("/dev/zero", folder / "零.txt")
    out = tmp_path / "汇总.xlsx"
    results = run_batch(folder, out)
    assert out.is_file()
    by_name = {r.path.name: r for r in results}
    assert not by_name["好.txt"].error and not by_name["长数字.txt"].error
    assert "CELL.NOT_NUMBER" in [f.rule for f in by_name["长数字.txt"].findings]
    assert by_name["损坏.xlsx"].error
    if hasattr(os, "mkfifo"):
        assert "不是普通文件" in (by_name["管道.txt"].error or "")
        assert "不是普通文件" in (by_name["零.txt"].error or "")
    rows = list(openpyxl.load_workbook(out)["批量核查汇总"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(results)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero exist only on Unix")
def test_check_refuses_fifo_and_device_links(tmp_path: Path) -> None:
    fifo = tmp_path / "a.txt"
    os.mkfifo(fifo)
    link = tmp_path / "b.txt"
    os.symlink("/dev/zero", link)
    for p in (fifo, link):
        with pytest.raises(UnreadableError) as err:
            read_source(p)
        assert "不是普通文件" in err.value.message
        report = load_report(p)  # the hash of the file is not computed by reading it forever either
        assert report.error and report.sha256 is None
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_batch_checks_exported_text_reports_and_workbooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 5: standardized text reports and exported workbooks are reports; only the summary is skipped."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        assert main(["export", str(SEED0), "--text", str(folder / f"文本{i}.txt")]) == 0
    assert main(["export", str(SEED0), "--xlsx", str(folder / "导出.xlsx")]) == 0
    out = folder / "汇总.xlsx"
    results = run_batch(folder, out)
    assert sorted(r.path.name for r in results) == ["导出.xlsx", "文本0.txt", "文本1.txt", "文本2.txt"]
    assert all(r.report is not None and r.report.agency == "株洲市渌口区行政审批服务局" for r in results)
    assert out not in find_reports(folder) and sorted(p.name for p in find_reports(folder, [out])) == \
        ["导出.xlsx", "文本0.txt", "文本1.txt", "文本2.txt"]


def test_control_characters_in_agency_line_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Item 6: XML-illegal characters are dropped from the workbook, the export succeeds."""
    path = write_case("text-control-chars", tmp_path)
    out = tmp_path / "out.xlsx"
    assert main(["export", str(path), "--xlsx", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    assert "渌口区" in text and "\x01" not in text


# ------------------------------------------------------------------------------------------ item 10


def test_one_nul_byte_is_read_around(tmp_path: Path) -> None:
    data = SEED0.read_bytes()
    path = tmp_path / "nul.txt"
    path.write_bytes(data[:200] + b"\x00" + data[200:])
    report = load_report(path)
    assert report.error is None and report.agency == "株洲市渌口区行政审批服务局"
    assert any("空字符" in f.message for f in report.parse_findings)


def test_utf8_cut_in_a_character_is_read_with_a_note(tmp_path: Path) -> None:
    data = SEED0.read_bytes().rstrip() + "结束语".encode()
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:-1])
    report = load_report(path)
    assert report.error is None and report.agency == "株洲市渌口区行政审批服务局"
    assert any("不完整的字符" in f.message for f in report.parse_findings)


@pytest.mark.parametrize("mark", ["\u200b", "\u200e", "\u200f", "\u2060", "\ufeff"])
def test_invisible_mark_inside_a_number(mark: str) -> None:
    from core.numbers import parse_cell

    assert parse_cell(f"1{mark}23").value == 123
    assert parse_cell(f"{mark}7").value == 7


def test_html_nested_tables_within_budget_are_read(tmp_path: Path) -> None:
    from hostile import html_deep_tables

    path = tmp_path / "deep.html"
    path.write_bytes(html_deep_tables(30))
    texts = [ln.text for ln in read_source(path).lines]
    assert "标题" in texts and "结尾" in texts and "行政许可 | 5" in texts


def test_long_numbers_are_text_but_glued_rows_still_split() -> None:
    from core.numbers import chinese_to_int, parse_cell

    assert parse_cell("9" * 13).kind == "text" and parse_cell("9" * 12).value == 999_999_999_999
    assert parse_cell("1" * 1_600_000).kind == "text"
    assert chinese_to_int("9" * 5000) is None
    assert check(load_report(SEED0))  # the seeds still read (glued digits covered by test_glued_digits)
