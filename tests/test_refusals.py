"""Refusals of the non-PDF readers: every unreadable file raises UnreadableError with a Chinese message that
says what to do, and the CLI answers exit 2, PARSE.UNREADABLE and no traceback. Content sniffing reads
what the bytes are (a .txt that is HTML, a .docx that is text)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from test_reader_docx import make_docx, p

from core.cli.main import main
from core.readers import UnreadableError, read_source

FORMATS = FIXTURES / "formats"
LOL = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
       + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
       + "]>")


def _zip(members: dict[str, bytes], encrypted_flag: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    out = bytearray(buf.getvalue())
    if encrypted_flag:  # set the "encrypted" bit in the local and central headers, as ZipCrypto would
        for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            i = out.find(sig)
            while i >= 0:
                out[i + off] |= 0x1
                i = out.find(sig, i + 4)
    return bytes(out)


def _xlsx_bytes() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "一、本年新收政府信息公开申请数量"
    wb.active["B1"] = 3
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _replace_member(data: bytes, name: str, new: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    return _zip({n: (new if n == name else src.read(n)) for n in src.namelist()})


def _refusal_cases() -> dict[str, tuple[str, bytes]]:
    docx = make_docx(p("正文"))
    xlsx = _xlsx_bytes()
    return {
        "empty-txt": ("empty.txt", b""),
        "empty-docx": ("empty.docx", b""),
        "empty-html": ("empty.html", b"   \r\n"),
        "binary-junk": ("junk.bin", bytes(range(256)) * 64),
        "junk-named-docx": ("report.docx", b"\x00\x01\x02\x03garbage\x00" * 500),
        "truncated-docx": ("cut.docx", docx[: len(docx) // 2]),
        "truncated-xlsx": ("cut.xlsx", xlsx[: len(xlsx) * 2 // 3]),
        "encrypted-docx": ("encrypted.docx", (FORMATS / "encrypted.docx").read_bytes()),
        "encrypted-xlsx": ("encrypted.xlsx", (FORMATS / "encrypted.xlsx").read_bytes()),
        "zipcrypto-docx": ("zipcrypto.docx", _zip({"word/document.xml": b"x" * 50}, encrypted_flag=True)),
        "zip-bomb-ratio": ("bomb.docx", _zip({"[Content_Types].xml": b"<Types/>",
                                              "word/document.xml": b"\x00" * (8 * 1024 * 1024)})),
        "entity-bomb-docx": ("lol.docx", make_docx("", document_xml=(
            f'<?xml version="1.0"?>{LOL}<w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'))),
        "entity-bomb-xlsx": ("lol.xlsx", _replace_member(xlsx, "xl/worksheets/sheet1.xml", (
            f'<?xml version="1.0"?>{LOL}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            '2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
            "</sheetData></worksheet>").encode())),
        "plain-zip": ("archive.zip", _zip({"a.txt": b"hello", "b/c.txt": b"world"})),
        "pptx": ("slides.pptx", _zip({"[Content_Types].xml": b'<Types><Override ContentType="application/'
                                                             b'vnd.openxmlformats-officedocument.presentationml.'
                                                             b'presentation.main+xml"/></Types>'})),
        "empty-docx-body": ("blank.docx", make_docx("<w:p/>")),
        "unknown-ole": ("odd.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000),
    }


CASES = _refusal_cases()
# words each message must contain: what is wrong or what to do
MUST_SAY = {
    "empty-txt": "空", "empty-docx": "空", "empty-html": "空", "binary-junk": "二进制",
    "junk-named-docx": ".docx", "truncated-docx": "不完整", "truncated-xlsx": "不完整",
    "encrypted-docx": "密码", "encrypted-xlsx": "密码", "zipcrypto-docx": "密码",
    "zip-bomb-ratio": "压缩炸弹", "entity-bomb-docx": "DOCTYPE", "entity-bomb-xlsx": "DOCTYPE",
    "plain-zip": "解压", "pptx": "演示文稿", "empty-docx-body": "没有可读取的文字", "unknown-ole": "无法识别",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused_with_chinese_message(tmp_path, case, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no LibreOffice for the legacy cases
    name, data = CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableError) as err:
        read_source(path)
    assert MUST_SAY[case] in err.value.message
    assert "Traceback" not in err.value.message


def test_oversized_file_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr("core.readers.MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.html"
    path.write_bytes(b"<html><body>" + b"<p>x</p>" * 500 + b"</body></html>")
    with pytest.raises(UnreadableError) as err:
        read_source(path)
    assert "过大" in err.value.message


def test_total_unzipped_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr("core.readers.safezip.MAX_UNZIPPED_BYTES", 2000)
    path = tmp_path / "many.docx"
    path.write_bytes(make_docx(p("正文" * 2000)))
    with pytest.raises(UnreadableError) as err:
        read_source(path)
    assert "压缩炸弹" in err.value.message


def test_html_entity_declarations_are_not_expanded(tmp_path):
    path = tmp_path / "lol.html"
    path.write_text(f'<?xml version="1.0"?>{LOL}<html><body><p>&lol9;</p><p>正文</p></body></html>',
                    encoding="utf-8")
    doc = read_source(path)
    assert "正文" in [ln.text for ln in doc.lines]
    assert sum(len(ln.text) for ln in doc.lines) < 2000


# ------------------------------------------------------------------------------------------ sniffing


def test_txt_that_is_html_is_read_as_html(tmp_path):
    page = "<html><body><p>标题</p><table><tr><td>规章</td><td>3</td></tr></table></body></html>"
    for enc in ("utf-8", "utf-16"):
        path = tmp_path / f"page-{enc}.txt"
        path.write_bytes(page.encode(enc))
        doc = read_source(path)
        assert doc.format == "html"
        assert [[c.text for c in ln.cells] for ln in doc.lines if ln.cells] == [["规章", "3"]]


def test_html_fragment_without_html_tag_in_txt(tmp_path):
    path = tmp_path / "copied.txt"
    path.write_text("<p>一、总体情况</p>\n<table><tr><td>行政许可</td><td>5</td></tr></table>", encoding="gb18030")
    doc = read_source(path)
    assert doc.format == "html" and [ln.text for ln in doc.lines] == ["一、总体情况", "行政许可 | 5"]


def test_docx_that_is_really_html_or_text(tmp_path):
    html = tmp_path / "saved-as-web-page.doc"
    html.write_text('<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><p class=MsoNormal>'
                    "报告正文<o:p></o:p></p></body></html>", encoding="gb18030")
    assert read_source(html).format == "html"
    text = tmp_path / "renamed.docx"
    text.write_text("一、总体情况\n本年度……", encoding="utf-8")
    doc = read_source(text)
    assert doc.format == "txt" and doc.lines[0].text == "一、总体情况"


def test_xlsx_named_docx_is_read_as_a_workbook(tmp_path):
    path = tmp_path / "wrong-suffix.docx"
    path.write_bytes(_xlsx_bytes())
    assert read_source(path).format == "xlsx"


# ------------------------------------------------------------------------------------------ CLI


def test_cli_exit_2_and_parse_unreadable_for_every_refusal(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    paths = []
    for case, (name, data) in sorted(CASES.items()):
        path = tmp_path / f"{case}-{name}"
        path.write_bytes(data)
        paths.append(str(path))
    status = main(["check", "--json", *paths])
    out = capsys.readouterr()
    assert status == 2
    objs = json.loads(out.out)
    assert len(objs) == len(paths)
    for obj in objs:
        assert obj["error"] and obj["tables"] == {}
        assert [f["rule"] for f in obj["findings"]][:1] == ["PARSE.UNREADABLE"]
    assert "Traceback" not in out.err


def test_cli_subprocess_encrypted_file(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    res = subprocess.run([sys.executable, "-m", "core.cli", "check", str(FORMATS / "encrypted.docx")],
                         capture_output=True, timeout=120, env=env, cwd=str(Path(ROOT)))
    assert res.returncode == 2
    err = (res.stdout + res.stderr).decode("utf-8", "replace")
    assert "密码" in err and "Traceback" not in err
