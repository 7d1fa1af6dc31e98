"""PDF reader: the corpus PDFs' table rows rebuilt cell by cell, generated layouts (page breaks, vertical and
wrapped labels, unruled rows, traditional script) and every refusal (scanned, encrypted, truncated, damaged, too long)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from core.model import SourceDoc, SourceLine
from core.readers.errors import UnreadableError
from core.readers.limits import MAX_PDF_PAGES
from core.readers.pdf import read_pdf
from core.template import TEMPLATE_2021, RowSpec, hybrid_requests_2021
from core.textnorm import norm_label
from tests.conftest import CORPUS, corpus_expectations

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "pdf"))
import layouts  # noqa: E402
from pdfgen import PdfWriter  # noqa: E402

PDFS = sorted(p.stem for p in CORPUS.glob("*.pdf")) if CORPUS.exists() else []
EXPECTED = corpus_expectations() if CORPUS.exists() else {}
BACKENDS = ("pdfium", "pdfminer")
_DOCS: dict[tuple[str, str], SourceDoc] = {}


def corpus_doc(stem: str, backend: str = "auto") -> SourceDoc:
    if (stem, backend) not in _DOCS:
        path = CORPUS / f"{stem}.pdf"
        _DOCS[stem, backend] = read_pdf(str(path), path.read_bytes(), backend=backend)
    return _DOCS[stem, backend]


def row_lines(doc: SourceDoc) -> list[SourceLine]:
    return [ln for ln in doc.lines if ln.cells and len(ln.cells) > 1]


def matches(spec: RowSpec, label: str) -> bool:
    norm = norm_label(label)
    return norm in spec.exact or any(k in norm for k in spec.keys)


def lines_for(doc: SourceDoc, spec: RowSpec) -> list[SourceLine]:
    return [ln for ln in row_lines(doc) if matches(spec, ln.cells[0].text)]  # type: ignore[index]


def values_of(line: SourceLine) -> list[str]:
    return [c.text for c in line.cells[1:]]  # type: ignore[index]


def fmt(v: int | float) -> str:
    return str(v)


# ---------------------------------------------------------------- corpus


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("stem", PDFS)
def test_corpus_rows_carry_label_and_exact_values(stem: str, backend: str) -> None:
    doc = corpus_doc(stem, backend)
    exp = EXPECTED[stem]
    checked = 0
    for table_id in ("active", "requests"):
        spec = TEMPLATE_2021.table(table_id) if table_id == "active" else hybrid_requests_2021()
        for row_id, cols in exp[table_id].items():
            want = [cols[c] for c in spec.cols_for(row_id)]
            found = lines_for(doc, spec.row(row_id))
            if all(v is None for v in want):  # a row not printed in this report (2019-style （六）)
                assert not found, row_id
                continue
            assert len(found) == 1, (row_id, [ln.text for ln in found])
            got = values_of(found[0])
            assert got == [fmt(v) for v in want], (row_id, found[0].text)
            checked += 1
    assert checked >= 27


@pytest.mark.parametrize("stem", PDFS)
def test_corpus_table4_fifteen_values_in_order(stem: str) -> None:
    doc = corpus_doc(stem)
    spec = TEMPLATE_2021.table("review")
    want = [fmt(EXPECTED[stem]["review"][c.id]) for c in spec.columns]
    rows = [[c.text for c in ln.cells or ()] for ln in row_lines(doc)]
    assert [r for r in rows if len(r) == 15] == [want]


@pytest.mark.parametrize("stem", PDFS)
def test_backends_agree_line_for_line(stem: str) -> None:
    def lines(doc: SourceDoc) -> list[tuple]:
        return [(ln.loc, ln.text, tuple((c.text, c.col, c.span) for c in ln.cells or ())) for ln in doc.lines]

    assert lines(corpus_doc(stem, "pdfium")) == lines(corpus_doc(stem, "pdfminer"))


@pytest.mark.parametrize("stem", PDFS)
def test_corpus_locations_name_pages(stem: str) -> None:
    doc = corpus_doc(stem)
    assert len(doc.pages) == int(doc.meta["pdf_pages"])
    for ln in doc.lines:
        assert ln.loc.page is not None and ln.loc.line is not None
        assert doc.pages[ln.loc.page - 1].split("\n")[ln.loc.line - 1] == ln.text
        for c in ln.cells or ():
            assert c.loc == ln.loc
    assert not any("date" in k.lower() for k in doc.meta)  # CreationDate is not the publication date


def test_huaian_tables_split_across_pages() -> None:
    doc = corpus_doc("001_huaian_2024")
    by_text = {norm_label(ln.cells[0].text): ln for ln in doc.lines if ln.cells}
    assert by_text[norm_label("第二十条第（六）项")].loc.page == 3
    assert by_text["行政处罚"].loc.page == 4
    groups = [ln for ln in doc.lines if ln.cells and len(ln.cells) == 1]
    names = [g.text for g in groups]
    assert names.count("三、本年度办理结果") == 1
    assert names.count("（四）无法提供") == 1 and not any(n in ("（四）无", "法提供") for n in names)
    assert by_text[norm_label("1.本机关不掌握相关政府信息")].loc.page == 4
    assert by_text[norm_label("2.没有现成信息需要另行制作")].loc.page == 5
    assert not any("本年度办理结果" in c.text for ln in row_lines(doc) for c in ln.cells)  # type: ignore[union-attr]
    wrapped = by_text[norm_label("1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")]
    assert values_of(wrapped) == ["67", "3", "0", "0", "1", "0", "71"]
    assert [c.col for c in wrapped.cells] == [2, 3, 4, 5, 6, 7, 8, 9]  # type: ignore[union-attr]


@pytest.mark.parametrize("stem", [s for s in PDFS if s.startswith(("002", "003"))])
def test_hongze_numbers_above_label_baseline_stay_in_their_row(stem: str) -> None:
    doc = corpus_doc(stem)
    exp = EXPECTED[stem]["requests"]
    spec = hybrid_requests_2021()
    for row_id in ("denied_state_secret", "denied_three_safety", "denied_process", "denied_enforcement_case",
                   "unable_no_info", "unable_need_creation", "not_processed_complaint"):
        (line,) = lines_for(doc, spec.row(row_id))
        assert values_of(line)[0] == fmt(exp[row_id]["natural"]), row_id
    assert any(ln.cells[0].text == "2.其他法律行政止公开" for ln in row_lines(doc))  # type: ignore[index]


@pytest.mark.parametrize("stem", PDFS)
def test_load_report_reproduces_expected_cells(stem: str) -> None:
    from core.api import load_report

    report = load_report(CORPUS / f"{stem}.pdf")
    exp = EXPECTED[stem]
    assert report.error is None and report.format == "pdf"
    assert report.template_version == exp["template"] and report.report_year == exp["report_year"]
    assert report.published is None and report.agency == exp["agency"] and report.script == exp["script"]
    bad = []
    for tid in ("active", "requests"):
        table = report.tables[tid]
        for row, cols in exp[tid].items():
            for col, want in cols.items():
                got = table.value(row, col) if row in table.spec.row_index else None
                if got != want:
                    bad.append(f"{tid}.{row}.{col}: want {want}, got {got}")
    for col, want in exp["review"].items():
        if report.tables["review"].value("all", col) != want:
            bad.append(f"review.{col}")
    assert not bad, bad
    cell = report.tables["requests"].get("unable_need_creation", "natural")
    assert cell.loc is not None and cell.loc.page == (5 if stem.startswith("001") else 4 if stem.startswith("003")
                                                      else 3)


@pytest.mark.parametrize("stem", PDFS)
def test_corpus_findings_as_labelled(stem: str) -> None:
    from core.api import load_and_check

    _, findings = load_and_check(CORPUS / f"{stem}.pdf")
    rules = {f.rule for f in findings}
    exp = EXPECTED[stem]
    assert all(any(r.startswith(m) for r in rules) for m in exp["must_find"]), rules
    assert not [r for r in rules for m in exp["must_not_find"] if r.startswith(m)], rules


# ---------------------------------------------------------------- generated layouts


@pytest.fixture(scope="module", params=BACKENDS)
def split_doc(request: pytest.FixtureRequest) -> SourceDoc:
    return read_pdf("split.pdf", layouts.split_table_pdf(), backend=request.param)


def _row(doc: SourceDoc, label: str) -> SourceLine:
    (line,) = [ln for ln in row_lines(doc) if ln.cells[0].text == label]  # type: ignore[index]
    return line


def test_split_table_group_labels_once_and_joined(split_doc: SourceDoc) -> None:
    groups = [(ln.text, ln.loc.page) for ln in split_doc.lines if ln.cells and len(ln.cells) == 1]
    assert groups == [("三、本年度办理结果", 1), ("（三）不予公开", 1), ("（四）无法提供", 1)]


def test_split_table_rows_and_cells(split_doc: SourceDoc) -> None:
    first = _row(split_doc, "一、本年新收政府信息公开申请数量")  # numbers printed 3 pt above the label
    assert values_of(first) == ["5", "0", "0", "0", "0", "0", "5"]
    assert (first.cells[0].col, first.cells[0].span) == (0, 3)  # type: ignore[index]
    cut = _row(split_doc, "1.本机关不掌握相关政府信息")  # label cut by the page break, joined
    assert values_of(cut) == ["2", "0", "0", "0", "0", "0", "2"] and cut.loc.page == 1
    wrapped = _row(split_doc, "2.没有现成信息需要另行制作")
    assert values_of(wrapped) == ["3", "0", "0", "0", "0", "0", "3"] and wrapped.loc.page == 2
    blank = _row(split_doc, "3.补正后申请内容仍不明确")
    assert values_of(blank) == ["1", "", "0", "0", "0", "0", "1"]
    assert [c.col for c in blank.cells] == [2, 3, 4, 5, 6, 7, 8, 9]  # type: ignore[union-attr]
    header = next(ln for ln in row_lines(split_doc) if ln.cells[0].text == "项目")  # type: ignore[index]
    assert [c.text for c in header.cells][4:] == ["社会公益组织", "法律服务机构", "其他", "总计"]  # type: ignore[union-attr]


def test_unruled_rows_and_paragraphs(split_doc: SourceDoc) -> None:
    review = next(ln for ln in row_lines(split_doc) if len(ln.cells) == 15)  # type: ignore[arg-type]
    assert [c.text for c in review.cells] == ["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "2", "0", "1", "0", "3"]  # type: ignore[union-attr]
    assert values_of(_row(split_doc, "行政许可")) == ["97"]
    prose = [ln.text for ln in split_doc.lines if ln.cells is None]
    assert "本报告根据条例编制，报告所列数据统计期限自一月一日起至十二月三十一日止，如对本报告有疑问请与办公室联系。" in prose
    assert "一、总体情况" in prose and "- 2 -" in prose
    assert split_doc.pages[1].split("\n")[0].startswith("2.没有现成信息需要另行制作 | 3")


def test_traditional_script_converted_with_original_kept() -> None:
    doc = read_pdf("trad.pdf", layouts.traditional_pdf())
    assert doc.script == "traditional"
    first = doc.lines[0]
    assert first.text.startswith("本年度本机关收到政府资讯公开申请") and first.original is not None
    assert first.original.startswith("本年度本機關")
    row = _row(doc, "行政许可")
    assert row.original is not None and "行政許可" in row.original
    assert values_of(row) == ["97", "", "", "", "", "", "97"]


# ---------------------------------------------------------------- refusals


def _refused(data: bytes, backend: str = "auto") -> str:
    with pytest.raises(UnreadableError) as info:
        read_pdf("x.pdf", data, backend=backend)
    return info.value.message


@pytest.mark.parametrize("backend", BACKENDS)
def test_scanned_pdf_refused_with_advice(backend: str) -> None:
    msg = _refused(layouts.scanned_pdf(), backend)
    assert "扫描" in msg and "文字层" in msg and "Word" in msg


@pytest.mark.parametrize("backend", BACKENDS)
def test_partly_scanned_pdf_noted(backend: str) -> None:
    doc = read_pdf("x.pdf", layouts.partly_scanned_pdf(), backend=backend)
    assert doc.notes and "第2页" in doc.notes[0] and "扫描" in doc.notes[0]


@pytest.mark.parametrize("backend", BACKENDS)
def test_encrypted_pdf_refused_and_empty_password_read(backend: str) -> None:
    assert "加密" in _refused(layouts.text_pdf(user_password="secret"), backend)
    doc = read_pdf("x.pdf", layouts.text_pdf(user_password=""), backend=backend)
    assert doc.lines[0].text.startswith("第1页：政府信息公开")


@pytest.mark.parametrize("backend", BACKENDS)
def test_truncated_and_damaged_pdf_refused(tmp_path: Path, backend: str) -> None:
    whole = layouts.text_pdf(pages=3)
    assert "不完整" in _refused(whole[: len(whole) // 2], backend)
    junk = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
    assert "损坏" in _refused(junk, backend)
    assert "空" in _refused(b"%PDF-1.4\n", backend)
    if PDFS:
        corpus = (CORPUS / f"{PDFS[0]}.pdf").read_bytes()
        cut = tmp_path / "cut.pdf"
        cut.write_bytes(corpus[: len(corpus) * 2 // 3])
        assert "不完整" in _refused(cut.read_bytes(), backend)


def test_trailing_bytes_after_eof_are_tolerated() -> None:
    data = layouts.text_pdf() + b"\r\n" + b"\x00" * 5000 + b"<html>saved by a download helper</html>"
    assert read_pdf("x.pdf", data).lines[0].text.startswith("第1页")


@pytest.mark.parametrize("backend", BACKENDS)
def test_page_limit_refused(backend: str) -> None:
    w = PdfWriter()
    for _ in range(MAX_PDF_PAGES + 1):
        w.page()
    msg = _refused(w.to_bytes(), backend)
    assert str(MAX_PDF_PAGES) in msg and "上限" in msg


def test_cli_refuses_scanned_pdf_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from core.cli.main import main

    path = tmp_path / "scan.pdf"
    path.write_bytes(layouts.scanned_pdf())
    code = main(["check", str(path)])
    captured = capsys.readouterr()
    assert code == 2
    assert "扫描" in captured.out + captured.err and "Traceback" not in captured.err
