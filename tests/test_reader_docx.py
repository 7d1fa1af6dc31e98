"""DOCX reader: template-shaped Word files with real merged cells (python-docx merge → gridSpan/vMerge) read
back on the true grid and into identical tables; hand-written WordprocessingML for the harder constructs;
legacy .doc through a (stand-in) LibreOffice."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import seed_expectations
from formats_gen import find_grid, gen_report, grid_as_read, read_rows, table_mismatches, to_docx

from core.api import load_report
from core.readers import UnreadableError, read_source
from core.readers.office import read_legacy_office, read_zip_office

SEEDS = seed_expectations()
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')


def make_docx(body: str, document_xml: str | None = None, parts: dict[str, str] | None = None) -> bytes:
    """A minimal .docx whose body is the given WordprocessingML (plus any extra parts)."""
    xml = document_xml or (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                           f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", xml)
        for name, text in (parts or {}).items():
            z.writestr(name, text)
    return buf.getvalue()


def p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_generated_docx_reads_back_the_grid(tmp_path, key):
    rep = gen_report(SEEDS[key])
    path = to_docx(rep, tmp_path / f"{key}.docx")
    doc = read_source(path)
    assert doc.format == "docx"
    rows = read_rows(doc)
    for tid in ("active", "requests", "review"):
        assert find_grid(rows, grid_as_read(rep.grids[tid])) is not None, tid
    new = next(ln for ln in doc.lines if ln.cells and ln.cells[0].text == "一、本年新收政府信息公开申请数量")
    want = SEEDS[key]["requests"]["new_received"]
    assert [(c.col, c.text) for c in new.cells[1:]] == [
        (3 + j, "" if want[col] is None else str(want[col])) for j, col in enumerate(
            ("natural", "commercial", "research", "social", "legal", "other_org", "total"))]
    # loc: the 1-based index of the line in doc.lines, for the row and its cells
    i = doc.lines.index(new)
    assert new.loc.line == i + 1 and new.cells[3].loc.line == i + 1
    # paragraphs around the tables stay in document order
    texts = [ln.text for ln in doc.lines]
    assert texts[0] == rep.title
    assert texts.index("二、主动公开政府信息情况") < texts.index(new.text) < texts.index("六、其他需要报告的事项")


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_generated_docx_tables_through_load_report(tmp_path, key):
    path = to_docx(gen_report(SEEDS[key]), tmp_path / f"{key}.docx")
    report = load_report(path)
    assert report.error is None and report.format == "docx"
    assert table_mismatches(report, SEEDS[key]) == []
    assert (report.template_version, report.report_year) == (SEEDS[key]["template"], SEEDS[key]["report_year"])


def test_vertical_labels_and_split_runs_joined(tmp_path):
    path = to_docx(gen_report(SEEDS["001_741307592853c9cf.txt"]), tmp_path / "x.docx")
    labels = {c.text for ln in read_source(path).lines if ln.cells for c in ln.cells}
    assert {"三、本年度办理结果", "（五）不予处理", "申请人情况", "行政诉讼"} <= labels


def test_grid_before_gridspan_vmerge():
    span2, restart, cont = '<w:gridSpan w:val="2"/>', '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    before = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
    body = ("<w:tbl>"
            f"<w:tr>{tc('A', span2 + restart)}{tc('B')}</w:tr>"
            f"<w:tr>{tc('', span2 + cont)}{tc('')}</w:tr>"
            f"<w:tr>{before}{tc('x')}{tc('y')}</w:tr>"
            "</w:tbl>")
    doc = read_zip_office("t.docx", make_docx(body))
    assert read_rows(doc) == [[(0, 2, "A"), (2, 1, "B")], [(2, 1, "")], [(1, 1, "x"), (2, 1, "y")]]
    assert [ln.loc.line for ln in doc.lines] == [1, 2, 3]


def test_nested_layout_table_textbox_deletions_and_breaks():
    inner = f"<w:tbl><w:tr>{tc('规章')}{tc('3')}</w:tr></w:tbl>"
    body = (p("标题")
            + "<w:p><w:r><w:t>一、总体情况</w:t><w:br/><w:t>正文</w:t></w:r>"
              "<w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del>"
              "<w:ins><w:r><w:t>补充</w:t></w:r></w:ins></w:p>"
            + f"<w:tbl><w:tr><w:tc>{p('外框')}{inner}</w:tc></w:tr></w:tbl>"
            + "<w:p><w:r><w:t>图注</w:t></w:r><w:r><w:drawing><w:txbxContent>"
              + p("文本框里的字") + "</w:txbxContent></w:drawing></w:r></w:p>"
            + "<w:sdt><w:sdtContent>" + p("内容控件") + "</w:sdtContent></w:sdt>")
    doc = read_zip_office("t.docx", make_docx(body))
    assert [ln.text for ln in doc.lines] == ["标题", "一、总体情况", "正文补充", "外框", "规章 | 3", "图注",
                                             "文本框里的字", "内容控件"]
    assert read_rows(doc) == [[(0, 1, "规章"), (1, 1, "3")]]


def test_traditional_docx_simplified():
    body = p("某某局2020年政府資訊公開工作年度報告") + p("二、主動公開政府資訊情況，這裡說明。" * 15) + (
        f"<w:tbl><w:tr>{tc('一、本年新收政府資訊公開申請數量')}{tc('5')}</w:tr></w:tbl>")
    doc = read_zip_office("t.docx", make_docx(body))
    assert doc.script == "traditional"
    row = [ln for ln in doc.lines if ln.cells][0]
    assert row.cells[0].text == "一、本年新收政府资讯公开申请数量"
    assert row.original == "一、本年新收政府資訊公開申請數量 | 5"


def _fake_soffice(tmp_path: Path, docx_bytes: bytes) -> Path:
    """A stand-in for LibreOffice: writes the prepared .docx where `soffice --convert-to` would."""
    src = tmp_path / "converted.docx"
    src.write_bytes(docx_bytes)
    bindir = tmp_path / "bin"
    bindir.mkdir()
    script = bindir / "soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import shutil, sys\n"
        "args = sys.argv[1:]\n"
        "out = args[args.index('--outdir') + 1]\n"
        "stem = args[-1].rsplit('/', 1)[-1].rsplit('.', 1)[0]\n"
        f"shutil.copy({str(src)!r}, out + '/' + stem + '.' + args[args.index('--convert-to') + 1])\n",
        encoding="utf-8")
    script.chmod(0o755)
    return bindir


OLE_DOC = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00\x00"
           + b"\x00" * 1000)


@pytest.mark.skipif(sys.platform == "win32", reason="stand-in soffice is a POSIX script")
def test_legacy_doc_converted_through_libreoffice(tmp_path, monkeypatch):
    bindir = _fake_soffice(tmp_path, make_docx(p("旧版文档的正文") + f"<w:tbl><w:tr>{tc('规章')}{tc('2')}</w:tr></w:tbl>"))
    monkeypatch.setenv("PATH", str(bindir) + os.pathsep + os.environ.get("PATH", ""))
    path = tmp_path / "report.doc"
    path.write_bytes(OLE_DOC)
    doc = read_source(path)
    assert doc.format == "docx" and doc.meta["converted_from"] == "doc"
    assert [ln.text for ln in doc.lines] == ["旧版文档的正文", "规章 | 2"]


def test_legacy_doc_without_libreoffice_asks_for_docx(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("core.readers.convert.sys.platform", "linux")
    with pytest.raises(UnreadableError) as err:
        read_legacy_office("report.wps", OLE_DOC)
    assert ".docx" in err.value.message and "LibreOffice" in err.value.message and ".wps" in err.value.message


@pytest.mark.parametrize("key", ["001_741307592853c9cf.txt", "003_9e8d5b29d69cafef.txt"])
def test_table_split_in_two_word_tables(tmp_path, key):
    path = to_docx(gen_report(SEEDS[key]), tmp_path / "split.docx", split="requests")
    doc = read_source(path)
    assert sum(1 for ln in doc.lines if ln.cells and ln.cells[0].text == "二、上年结转政府信息公开申请数量") == 1
    report = load_report(path)
    assert table_mismatches(report, SEEDS[key]) == []


def test_automatic_list_numbers_are_rendered():
    def lvl(i: int, fmt: str, text: str) -> str:
        return (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/></w:lvl>')

    numbering = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
                 + lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）")
                 + lvl(2, "decimal", "%3.") + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
                 "</w:num></w:numbering>")
    styles = (f'<w:styles xmlns:w="{W}"><w:style w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/>'
              '</w:numPr></w:pPr></w:style><w:style w:styleId="H1b"><w:basedOn w:val="H1"/></w:style></w:styles>')

    def np(text: str, ilvl: int | None = None, style: str | None = None) -> str:
        ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
        if ilvl is not None:
            ppr += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>'
        return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"

    body = (np("总体情况", 0) + np("主动公开", 1) + np("依申请公开", 1) + np("主动公开政府信息情况", 0)
            + np("规章", 1) + np("属于国家秘密", 2) + np("其他法律行政法规禁止公开", 2)
            + np("收到和处理政府信息公开申请情况", style="H1b") + np("不编号的段落"))
    doc = read_zip_office("t.docx", make_docx(body, parts={"word/numbering.xml": numbering, "word/styles.xml": styles}))
    assert [ln.text for ln in doc.lines] == [
        "一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况", "（一）规章", "1.属于国家秘密",
        "2.其他法律行政法规禁止公开", "三、收到和处理政府信息公开申请情况", "不编号的段落"]
