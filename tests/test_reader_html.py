"""HTML reader: the saved corpus page cell by cell, generated template-shaped pages in every encoding and
markup style, rowspan/colspan on the true grid, page metadata, script conversion and source lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, seed_expectations
from formats_gen import find_grid, gen_report, grid_as_read, read_rows, table_mismatches, to_html

from core.api import load_report
from core.readers import read_source
from core.readers.html import read_html

SEEDS = seed_expectations()
PAGE = CORPUS / "015_shuyangxian_fgj_2023.html"
EXPECTED_015 = CORPUS / "expected" / "015_shuyangxian_fgj_2023.json"


def _row(doc, label: str):
    return next(ln for ln in doc.lines if ln.cells and ln.cells[0].text == label)


@pytest.fixture(scope="module")
def page():
    if not PAGE.exists():
        pytest.skip("corpus page not present")
    return read_source(PAGE)


def test_corpus_page_metadata_box_and_meta(page):
    first = [ln for ln in page.lines if ln.cells][:3]
    assert [c.text for c in first[0].cells] == ["名称", "沭阳县发展和改革局2023年政府信息公开年度报告"]
    assert first[0].cells[1].span == 3
    assert [c.text for c in first[2].cells] == ["发布机构", "沭阳县发展和改革局", "公开日期", "2024-01-17"]
    assert page.meta == {"published": "2024-01-17", "title": "沭阳县发展和改革局2023年政府信息公开年度报告"}
    assert page.format == "html" and page.script == "simplified"


def test_corpus_page_grid_of_table_three(page):
    head = [ln for ln in page.lines if ln.cells and ln.cells[0].text.startswith("（本列数据")][0]
    i = page.lines.index(head)
    assert [(c.col, c.span, c.text) for c in head.cells][1] == (3, 7, "申请人情况")
    assert [(c.col, c.span, c.text) for c in page.lines[i + 1].cells] == [
        (3, 1, "自然人"), (4, 5, "法人或其他组织"), (9, 1, "总计")]
    # '商业'+'企业' were separate paragraphs of one cell
    assert [c.text for c in page.lines[i + 2].cells] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    new = _row(page, "一、本年新收政府信息公开申请数量")
    assert [(c.col, c.text) for c in new.cells[1:]] == [
        (3, "26"), (4, ""), (5, ""), (6, ""), (7, ""), (8, ""), (9, "26")]
    granted = next(ln for ln in page.lines if ln.cells and ln.cells[0].text == "三、本年度办理结果")
    assert [(c.col, c.span) for c in granted.cells[:2]] == [(0, 1), (1, 2)]
    secret = next(ln for ln in page.lines if ln.cells and any(c.text == "1.属于国家秘密" for c in ln.cells))
    assert [(c.col, c.text) for c in secret.cells[:3]] == [(1, "（三）不予公开"), (2, "1.属于国家秘密"), (3, "0")]
    # the row below the （三） group start carries no covered cells: label at col 2, values from col 3
    law = next(ln for ln in page.lines if ln.cells and ln.cells[0].text == "2.其他法律行政法规禁止公开")
    assert [c.col for c in law.cells] == [2, 3, 4, 5, 6, 7, 8, 9]


def test_corpus_page_review_row_and_locs(page):
    review = next(ln for ln in page.lines if ln.cells and len(ln.cells) == 15 and ln.cells[0].text == "0")
    assert [c.text for c in review.cells][3:5] == ["1", "1"]
    assert [c.col for c in review.cells] == list(range(15))
    src = PAGE.read_text(encoding="utf-8").splitlines()
    assert "<tr" in src[review.loc.line - 1]
    assert "<td" in src[review.cells[0].loc.line - 1]


def test_corpus_page_scripts_dropped_chrome_kept(page):
    texts = [ln.text for ln in page.lines]
    assert not any("websiteId" in t or "function(" in t for t in texts)
    assert "一、总体情况" in texts and "六、其他需要报告的事项" in texts
    assert texts[-1] == "2024年1月17日"


def test_corpus_page_every_cell_through_load_report():
    if not PAGE.exists():
        pytest.skip("corpus page not present")
    expected = json.loads(EXPECTED_015.read_text(encoding="utf-8"))
    report = load_report(PAGE)
    assert report.error is None
    assert table_mismatches(report, expected) == []
    assert (report.template_version, report.report_year, report.agency, report.published) == (
        expected["template"], expected["report_year"], expected["agency"], expected["published"])


# ------------------------------------------------------------------------------------------ generated pages

VARIANTS = {
    "plain-utf8": dict(word=False, chrome=False, charset="utf-8", encoding="utf-8"),
    "word-gbk-declared": dict(word=True, chrome=True, charset="gb2312", encoding="gb18030"),
    "word-gbk-undeclared": dict(word=True, chrome=False, charset=None, encoding="gb18030"),
    "utf16-bom": dict(word=False, chrome=True, charset="utf-16", encoding="utf-16"),
    "utf8-bom-stale-gbk-declaration": dict(word=True, chrome=False, charset="gb2312", encoding="utf-8-sig"),
}


def _write(tmp_path: Path, key: str, variant: str) -> tuple[Path, object]:
    spec = VARIANTS[variant]
    rep = gen_report(SEEDS[key])
    text = to_html(rep, word=bool(spec["word"]), chrome=bool(spec["chrome"]), charset=spec["charset"])
    path = tmp_path / f"{key}.{variant}.html"
    path.write_bytes(text.encode(str(spec["encoding"])))
    return path, rep


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("key", sorted(SEEDS))
def test_generated_page_reads_back_the_grid(tmp_path, key, variant):
    path, rep = _write(tmp_path, key, variant)
    doc = read_source(path)
    rows = read_rows(doc)
    for tid in ("active", "requests", "review"):
        assert find_grid(rows, grid_as_read(rep.grids[tid])) is not None, tid
    new = _row(doc, "一、本年新收政府信息公开申请数量")
    want = SEEDS[key]["requests"]["new_received"]
    assert [(c.col, c.text) for c in new.cells[1:]] == [
        (3 + j, "" if want[col] is None else str(want[col])) for j, col in enumerate(
            ("natural", "commercial", "research", "social", "legal", "other_org", "total"))]
    assert doc.meta.get("title") == rep.title


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_generated_word_page_tables_through_load_report(tmp_path, key):
    path, _rep = _write(tmp_path, key, "word-gbk-declared")
    report = load_report(path)
    assert report.error is None
    assert table_mismatches(report, SEEDS[key]) == []
    assert report.template_version == SEEDS[key]["template"]
    assert report.report_year == SEEDS[key]["report_year"]
    if SEEDS[key].get("published"):
        assert report.published == SEEDS[key]["published"]  # from the page's 公开日期 box


def test_word_markup_joined_inside_cells(tmp_path):
    path, _rep = _write(tmp_path, "001_741307592853c9cf.txt", "word-gbk-declared")
    doc = read_source(path)
    labels = {c.text for ln in doc.lines if ln.cells for c in ln.cells}
    # vertical one-character-per-paragraph group label and labels split over two spans come back whole
    assert {"三、本年度办理结果", "申请人情况", "（三）不予公开", "法人或其他组织"} <= labels
    assert "鹤城区2020年政府信息公开工作年度报告" in [ln.text for ln in doc.lines]
    # the hidden duplicate and the script are not read; the page-generation time is not a publication date
    assert not any("隐藏的重复内容" in ln.text or "脚本内容" in ln.text for ln in doc.lines)
    assert "published" not in doc.meta


def test_rowspan_colspan_grid_and_blank_cells():
    html = """<html><body><table>
<tr><td rowspan="2" colspan="2">A</td><td colspan="2">B</td></tr>
<tr><td>b1</td><td>&nbsp;</td></tr>
<tr><td>x</td><td></td><td rowspan="0">z</td><td>y</td></tr>
<tr><td>p</td><td>q</td><td>r</td></tr>
</table></body></html>"""
    doc = read_html("t.html", html.encode())
    assert read_rows(doc) == [
        [(0, 2, "A"), (2, 2, "B")],
        [(2, 1, "b1"), (3, 1, "")],
        [(0, 1, "x"), (1, 1, ""), (2, 1, "z"), (3, 1, "y")],
        [(0, 1, "p"), (1, 1, "q"), (3, 1, "r")],
    ]


def test_layout_table_is_flattened_and_br_splits_lines():
    html = """<html><body><table><tr><td class="nav">首页</td><td>
<p>示例局2023年政府信息公开工作年度报告</p><p>一、总体情况<br>本年度情况良好。</p>
<table><tr><td>规章</td><td>1</td></tr></table>
</td></tr></table></body></html>"""
    doc = read_html("t.html", html.encode())
    assert [ln.text for ln in doc.lines] == [
        "首页", "示例局2023年政府信息公开工作年度报告", "一、总体情况", "本年度情况良好。", "规章 | 1"]
    assert read_rows(doc) == [[(0, 1, "规章"), (1, 1, "1")]]
    assert (doc.lines[2].loc.line, doc.lines[4].loc.line) == (2, 3)


def test_traditional_page_is_simplified_with_original_kept():
    import opencc

    rep = gen_report(SEEDS["003_9e8d5b29d69cafef.txt"])
    text = opencc.OpenCC("s2t").convert(to_html(rep, charset="big5"))
    doc = read_html("t.html", text.encode("big5hkscs", errors="xmlcharrefreplace"))
    assert doc.script == "traditional"
    new = _row(doc, "一、本年新收政府信息公开申请数量")
    assert [c.text for c in new.cells[1:]] == ["21", "2", "0", "0", "0", "0", "23"]
    assert new.original is not None and "申請數量" in new.original
    assert doc.meta["title"].endswith("年政府信息公开工作年度报告")


def test_published_from_cms_meta_tag_and_not_from_collection_time():
    page = ('<html><head><meta name="PubDate" content="2024-01-30 09:12"><title>标题</title></head>'
            '<body><p>采集时间：2025-12-30</p><p>正文</p></body></html>')
    assert read_html("t.html", page.encode()).meta["published"] == "2024-01-30"
    page2 = '<html><body><p>采集时间：2025-12-30</p><p>发布时间：2024年2月1日 来源：本站</p></body></html>'
    assert read_html("t.html", page2.encode()).meta["published"] == "2024-02-01"
    page3 = '<html><head><meta name="others" content="页面生成时间 2024-05-28"></head><body><p>正文</p></body></html>'
    assert "published" not in read_html("t.html", page3.encode()).meta


def test_single_file_web_archive_mht(tmp_path):
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    rep = gen_report(SEEDS["001_741307592853c9cf.txt"])
    msg = MIMEMultipart("related")
    msg.attach(MIMEText(to_html(rep, word=True, charset="gb2312"), "html", "gb2312"))
    path = tmp_path / "saved.mht"
    path.write_bytes(msg.as_bytes())
    doc = read_source(path)
    assert doc.format == "html"
    assert find_grid(read_rows(doc), grid_as_read(rep.grids["requests"])) is not None
    assert table_mismatches(load_report(path), SEEDS["001_741307592853c9cf.txt"]) == []


def test_word_html_islands_and_list_markers():
    page = ('<html><body><p class=MsoListParagraph><![if !supportLists]><span>一、<span>&nbsp;&nbsp; </span>'
            "</span><![endif]>总体情况</p><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml>"
            "<p>正文<span lang=EN-US>20</span><span lang=EN-US>23</span>年</p></body></html>")
    assert [ln.text for ln in read_html("t.html", page.encode()).lines] == ["一、 总体情况", "正文2023年"]


def test_prose_layout_cell_flattened_but_footnote_row_keeps_table():
    prose = "".join(f"<p>第{i}段：本机关认真贯彻落实政府信息公开条例，做好各项工作。" + "内容" * 40 + "</p>" for i in range(4))
    layout = f"<html><body><table><tr><td>{prose}</td></tr></table></body></html>"
    lines = read_html("t.html", layout.encode()).lines
    assert len(lines) == 4 and all(ln.cells is None for ln in lines)
    data = ("<html><body><table><tr><td>规章</td><td>1</td><td>0</td></tr>"
            f'<tr><td colspan="3">{prose}</td></tr></table></body></html>')
    rows = read_rows(read_html("t.html", data.encode()))
    assert rows[0] == [(0, 1, "规章"), (1, 1, "1"), (2, 1, "0")] and rows[1][0][:2] == (0, 3)
