"""Generator of the small hostile files of issue #16: each built in memory, each a few hundred KB at most
(the lying zip about 1 MB), each reproducing one way a file broke the checker's time or memory bounds."""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

SHARED = Path(os.environ.get("OGICHECK_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
SEED0 = SHARED / "seeds" / "000_a32a2e86f64ff8e8.txt"  # 株洲市渌口区行政审批服务局, 2020
SEED4 = SHARED / "seeds" / "004_d283978da91e14c9.txt"  # tab-separated tables
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _xlsx(sheet_xml: str) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n in src.namelist():
            z.writestr(n, sheet_xml.encode() if n == "xl/worksheets/sheet1.xml" else src.read(n))
    return out.getvalue()


def _sheet(rows: str, merges: list[str]) -> str:
    cells = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS_MAIN}"><sheetData>{rows}</sheetData>'
            f'<mergeCells count="{len(merges)}">{cells}</mergeCells></worksheet>')


def xlsx_wide_merge() -> bytes:
    """One merge A1:XFD1 over 20,000 rows: every row was padded to 16,384 columns (7 GB)."""
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 20001))
    return _xlsx(_sheet(rows, ["A1:XFD1"]))


def xlsx_merge_bomb() -> bytes:
    """Thousands of overlapping merges of 120,000 cells each over a three-row sheet (60 s, then IndexError)."""
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 4))
    return _xlsx(_sheet(rows, [f"A{1 + i % 3}:KN{400 + i}" for i in range(3000)]))


def xlsx_far_row() -> bytes:
    """A cell on the sheet's last row: a million empty rows in between."""
    return _xlsx(_sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row>',
                        []))


def html_rowspan_zero() -> bytes:
    """rowspan="0" on every cell of a 1,500-row table: each spans to the end (8.3 GB)."""
    row = "<tr>" + '<td rowspan="0">1</td>' * 5 + "</tr>"
    return ("<html><body><p>表格</p><table>" + row * 1500 + "</table></body></html>").encode()


def html_big_spans() -> bytes:
    """Large colspan × rowspan on many cells (1.8 GB)."""
    row = "<tr>" + '<td colspan="500" rowspan="500">1</td>' * 4 + "</tr>"
    return ("<html><body><p>表格</p><table>" + row * 2000 + "</table></body></html>").encode()


def html_deep_tables(depth: int = 200) -> bytes:
    """Tables nested 200 deep: libxml2 dropped the whole body without a word (“没有可读取的文字”)."""
    inner = "<table><tr><td>行政许可</td><td>5</td></tr></table>"
    return ("<html><body><p>标题</p>" + "<table><tr><td>" * depth + inner + "</td></tr></table>" * depth
            + "<p>结尾</p></body></html>").encode("utf-8")


def docx_lying_sizes(real: int = 1_100_000_000) -> bytes:
    """A .docx whose directory declares its document part 100 KB with a plausible compressed size while it
    inflates to over 1 GB: zipfile's read() inflated all of it before cutting (2.08 GB)."""
    comp = zlib.compressobj(1, zlib.DEFLATED, -15)
    head = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode()
    parts = [comp.compress(head)]
    block = b"a" * (1 << 24)
    for _ in range(real // len(block)):
        parts.append(comp.compress(block))
    parts.append(comp.flush())
    deflated = b"".join(parts)
    declared = 100_000
    crc = zlib.crc32((head + b"a" * declared)[:declared])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types><Default Extension="xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_STORED
        z.writestr(info, b"\x00")  # placeholder, replaced below
    data = bytearray(buf.getvalue())
    # rebuild by hand: local header + data + central directory for word/document.xml with the lie
    src = zipfile.ZipFile(io.BytesIO(bytes(data)))
    ct = src.read("[Content_Types].xml")
    out = io.BytesIO()
    entries = []
    for name, payload, method, size, c in (("[Content_Types].xml", zlib.compress(ct)[2:-4], 8, len(ct),
                                           zlib.crc32(ct)),
                                          ("word/document.xml", deflated, 8, declared, crc)):
        off = out.tell()
        nb = name.encode()
        out.write(b"PK\x03\x04" + (20).to_bytes(2, "little") + (0).to_bytes(2, "little")
                  + method.to_bytes(2, "little") + b"\x00\x00\x00\x00" + c.to_bytes(4, "little")
                  + len(payload).to_bytes(4, "little") + size.to_bytes(4, "little")
                  + len(nb).to_bytes(2, "little") + b"\x00\x00" + nb + payload)
        entries.append((nb, method, c, len(payload), size, off))
    cd = out.tell()
    for nb, method, c, csize, size, off in entries:
        out.write(b"PK\x01\x02" + (20).to_bytes(2, "little") * 2 + b"\x00\x00" + method.to_bytes(2, "little")
                  + b"\x00\x00\x00\x00" + c.to_bytes(4, "little") + csize.to_bytes(4, "little")
                  + size.to_bytes(4, "little") + len(nb).to_bytes(2, "little") + b"\x00" * 12
                  + off.to_bytes(4, "little") + nb)
    end = out.tell()
    out.write(b"PK\x05\x06" + b"\x00" * 4 + len(entries).to_bytes(2, "little") * 2
              + (end - cd).to_bytes(4, "little") + cd.to_bytes(4, "little") + b"\x00\x00")
    return out.getvalue()


def docx_long_text(chars: int = 6_000_000) -> bytes:
    """A Word document of 6 million characters (the README promises a 5-million-character limit)."""
    text = os.urandom(chars // 2).hex()
    xml = (f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'
           + "".join(f"<w:p><w:r><w:t>{text[i:i + 100_000]}</w:t></w:r></w:p>" for i in range(0, chars, 100_000))
           + "</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types><Default Extension="xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def pdf_many_rules(n: int = 20_000) -> bytes:
    """One page with 20,000 vertical rules (the grouping of rulings was quadratic: 16 s; 149 KB ran an hour)."""
    ops = "".join(f"{20 + (i % 1120) * 0.5:.1f} {20 + (i // 1120) * 0.5:.1f} m {20 + (i % 1120) * 0.5:.1f} 800 l S\n"
                  for i in range(n))
    ops += "BT /F1 12 Tf 50 810 Td (Annual report on government information disclosure) Tj ET\n"
    stream = zlib.compress(ops.encode())
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def seed_with_digits(n: int) -> bytes:
    """Seed 004 with its first 行政许可 count replaced by a run of n digits."""
    text = SEED4.read_text(encoding="utf-8")
    assert "行政许可\t0" in text
    return text.replace("行政许可\t0", "行政许可\t" + "9" * n, 1).encode("utf-8")


def text_long_digits(n: int = 400_000) -> bytes:
    """A long run of digits in a table row (Decimal → int was quadratic: 400k digits 4.2 s, 1.6M 64 s)."""
    return seed_with_digits(n)


def seed_with_control_chars() -> bytes:
    """Control characters in the agency line (openpyxl IllegalCharacterError on export)."""
    text = SEED0.read_text(encoding="utf-8")
    return text.replace("株洲市渌口区行政审批服务局 2020年", "株洲市渌口区\x01行政\x0b审批\x0c服务\x1f局 2020年", 1).encode()


CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "xlsx-wide-merge": ("wide.xlsx", xlsx_wide_merge),
    "xlsx-merge-bomb": ("merges.xlsx", xlsx_merge_bomb),
    "xlsx-far-row": ("far.xlsx", xlsx_far_row),
    "html-rowspan-zero": ("rowspan0.html", html_rowspan_zero),
    "html-big-spans": ("spans.html", html_big_spans),
    "html-deep-tables": ("deep.html", html_deep_tables),
    "docx-lying-sizes": ("lying.docx", docx_lying_sizes),
    "docx-long-text": ("long.docx", docx_long_text),
    "pdf-many-rules": ("rules.pdf", pdf_many_rules),
    "text-long-digits": ("digits.txt", text_long_digits),
    "text-4301-digits": ("d4301.txt", lambda: seed_with_digits(4301)),
    "text-309-digits": ("d309.txt", lambda: seed_with_digits(309)),
    "text-control-chars": ("ctrl.txt", seed_with_control_chars),
}


def write_case(name: str, folder: Path) -> Path:
    filename, make = CASES[name]
    path = folder / filename
    path.write_bytes(make())
    return path
