"""PDF files with a text layer → SourceDoc (prose lines and rebuilt table rows, page by page); clear refusals
for scanned, encrypted, truncated, damaged or oversized PDFs. Used by core.readers.read_source."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from core.model import Loc, SourceCellText, SourceDoc, SourceLine
from core.readers.errors import UnreadableError
from core.readers.filedate import pdf_file_dates
from core.readers.limits import MAX_PDF_PAGES
from core.readers.ocr_engine import MSG_NO_OCR, NO_HOOKS, Hooks, ocr_available
from core.readers.pdf_backend import PdfiumSource, open_source
from core.readers.pdf_page import Item, page_items
from core.textnorm import detect_script, strip_pinyin, to_simplified

ASK_FOR_TEXT = "请向发布单位索取带文字层的 PDF、Word 文档或网页版本后再检查。"
MSG_SCANNED = "这是扫描图像制成的 PDF（页面只有图片，没有可读取的文字层），本工具无法识别其中的文字。" + ASK_FOR_TEXT
MSG_OCR_EMPTY = "这是扫描图像制成的 PDF，文字识别（OCR）没有从中识别出足够的文字（图像可能过于模糊或不是报告）。" + ASK_FOR_TEXT
MSG_NO_TEXT = "PDF 中没有可读取的文字（既无文字层也无扫描图像）。" + ASK_FOR_TEXT
MSG_UNDECODED = "PDF 的文字层无法解码（字体缺少编码信息，复制出来是乱码）。" + ASK_FOR_TEXT
MSG_TRUNCATED = "PDF 文件不完整（文件结尾缺失，可能下载或复制时中断），无法可靠读取。请重新下载完整的文件。"
MSG_EMPTY = "PDF 文件没有任何页面。"


def _scanned_page_note(pages: list[int]) -> str:
    nums = "、".join(str(p) for p in pages)
    return f"第{nums}页是扫描图像，没有文字层，其中的内容未能读取，请对照原件核对。"


def _ocr_page_note(pages: list[int]) -> str:
    nums = "、".join(str(p) for p in pages)
    return (f"第{nums}页是扫描图像，已用文字识别（OCR）读取；识别把握不大的单元格已标为读取存疑，"
            "其余数字也请对照原件抽查。")


@dataclass
class _Out:
    """A line being assembled; SourceLines are built once merging across pages is done."""

    page: int
    kind: str
    text: str
    cells: list[list[Any]] | None
    ocr: bool = False  # cells carry [text, col, span, box, uncertain]: recognised in the page image


_PDF_LOCK = threading.Lock()


def _check_bytes(data: bytes) -> None:
    if len(data.strip()) < 16:
        raise UnreadableError("PDF 文件是空的或只有几个字节，不是完整的 PDF。")
    end = data.rfind(b"%%EOF")
    if end < 0:
        raise UnreadableError(MSG_TRUNCATED)
    tail = data[end + 5:]
    if any(k in tail for k in (b"endobj", b" obj", b"stream", b"xref")):  # an update cut short
        raise UnreadableError(MSG_TRUNCATED)


def read_pdf(path: str, data: bytes, backend: str = "auto", hooks: Hooks = NO_HOOKS,
             ocr: bool | None = None) -> SourceDoc:
    """Read a PDF's text layer into lines: prose paragraphs and table rows with their cells, page by page.
    `backend`: auto | pdfium | pdfminer (auto: PDFium, and pdfminer if PDFium fails on this file).
    Pages without text are recognised by OCR when `ocr` (default: when the extra is installed); `hooks` report
    pages done and may cancel. PDFium is not thread-safe: one PDF is read at a time in the process."""
    _check_bytes(data)
    use_ocr = ocr_available() if ocr is None else ocr
    with _PDF_LOCK:
        return _read_any(path, data, backend, hooks, use_ocr)


def _read_any(path: str, data: bytes, backend: str, hooks: Hooks, ocr: bool) -> SourceDoc:
    try:
        return _read(path, data, backend, hooks, ocr)
    except UnreadableError:
        raise
    except (MemoryError, RecursionError):
        raise
    except Exception:
        if backend != "auto":
            raise
        return _read(path, data, "pdfminer", hooks, ocr)


def _read(path: str, data: bytes, backend: str, hooks: Hooks = NO_HOOKS, ocr: bool = False) -> SourceDoc:
    source = open_source(data, backend)
    try:
        n = len(source)
        if n == 0:
            raise UnreadableError(MSG_EMPTY)
        if n > MAX_PDF_PAGES:
            raise UnreadableError(f"PDF 有 {n} 页，超过了 {MAX_PDF_PAGES} 页的上限，不像一份年度报告，已拒绝读取。")
        outs, scanned, stats = read_pages(source, hooks, ocr and isinstance(source, PdfiumSource))
        dates = pdf_file_dates(source.metadata())
    finally:
        source.close()
    glyphs, undecoded, images = stats
    recognised = [p for p in scanned if p < 0]
    scanned = [p for p in scanned if p > 0]
    if glyphs - undecoded < 20:
        if undecoded >= 20:
            raise UnreadableError(MSG_UNDECODED)
        if images and not ocr:
            raise UnreadableError(MSG_NO_OCR)
        if recognised:
            raise UnreadableError(MSG_OCR_EMPTY)
        raise UnreadableError(MSG_SCANNED if images else MSG_NO_TEXT)
    if undecoded > glyphs / 2:
        raise UnreadableError(MSG_UNDECODED)
    lines, script = source_lines(outs)
    pages = ["\n".join(ln.text for ln in lines if ln.loc.page == p) for p in range(1, n + 1)]
    notes = [_scanned_page_note(scanned)] if scanned else []
    meta = {"pdf_pages": str(n), **dates}
    if recognised:
        notes.append(_ocr_page_note([-p for p in recognised]))
        meta["ocr_pages"] = ",".join(str(-p) for p in recognised)
    return SourceDoc(path=path, format="pdf", lines=lines, script=script, meta=meta, pages=pages, notes=notes)


def read_pages(source: Any, hooks: Hooks = NO_HOOKS, ocr: bool = False,
                ) -> tuple[list[_Out], list[int], tuple[int, int, bool]]:
    """Lines of every page; `scanned` lists the pages without text (negative: recognised by OCR)."""
    outs: list[_Out] = []
    scanned: list[int] = []
    glyphs_total = undecoded = 0
    any_images = False
    tail: list[tuple[Item, _Out]] = []  # the last table fragment of the previous page, if it ended the page
    total = len(source)
    for page in source.pages():
        number = page.number
        if ocr and len(page.glyphs) < 10 and page.image_area > 0.3 and isinstance(source, PdfiumSource):
            from core.readers.ocr import OCR_DPI, read_image_page

            hooks.step(number - 1, total)  # progress and cancel where it takes time: pages to recognise
            page, _ = read_image_page(source.render_grey(number - 1, OCR_DPI), number, OCR_DPI)
            scanned.append(-number)
            any_images = True
        result = page_items(page)
        glyphs_total += result.glyphs
        undecoded += result.undecoded
        if result.image_area > 0:
            any_images = True
        if result.glyphs < 10 and result.image_area > 0.3:
            scanned.append(number)
        items = result.items
        body = [it for it in items if it.kind != "furniture"]
        skip: set[int] = set()
        if tail and body and body[0].grid is not None:
            skip = _continue_table(tail, [it for it in body if it.grid == body[0].grid])
        page_outs: list[tuple[Item, _Out]] = []
        for it in items:
            if id(it) in skip:
                continue
            out = _Out(number, it.kind, it.text, it.cells, page.ocr)
            outs.append(out)
            page_outs.append((it, out))
        body_outs = [(it, o) for it, o in page_outs if it.kind != "furniture"]
        last_grid = body_outs[-1][0].grid if body_outs else None
        tail = [(it, o) for it, o in body_outs if last_grid is not None and it.grid == last_grid]
    if any(p < 0 for p in scanned):
        hooks.step(total, total)
    return outs, scanned, (glyphs_total, undecoded, any_images)


def _continue_table(tail: list[tuple[Item, _Out]], head: list[Item]) -> set[int]:
    """A table cut by a page break: group labels cut in two ('（四）无' / '法提供') are joined into the line
    of the previous page, and so is the rest of a row label whose values were all on the previous page.
    Returns the ids of the items absorbed."""
    absorbed: set[int] = set()
    open_groups = [(it, o) for it, o in tail if it.kind == "group" and it.open_end]
    for it in head:
        if it.kind != "group":
            break
        match = next(((t, o) for t, o in open_groups if abs(t.x0 - it.x0) < 3), None)
        if match is not None:
            _append(match[1], it.text)
            absorbed.add(id(it))
    first_row = next((it for it in head if it.kind == "row"), None)
    last_row = next(((t, o) for t, o in reversed(tail) if t.kind == "row" and t.data), None)
    if (first_row is not None and first_row.data and last_row is not None and last_row[0].open_end
            and first_row.cells and len(first_row.cells) > 1
            and not any(c[0] for c in first_row.cells[1:]) and first_row.cells[0][0]):
        _append(last_row[1], first_row.cells[0][0])
        absorbed.add(id(first_row))
    return absorbed


def _append(out: _Out, text: str) -> None:
    if out.cells:
        out.cells[0][0] += text
        out.text = " | ".join(c[0] for c in out.cells)
    else:
        out.text += text


def source_lines(outs: list[_Out]) -> tuple[list[SourceLine], str]:
    """SourceLines with page/line locations; traditional script converted, the original kept."""
    texts: list[str] = []
    for o in outs:
        texts.append(o.text)
        texts.extend(c[0] for c in o.cells or [])
    script = detect_script("\n".join(texts))
    if script == "traditional":
        joined = to_simplified("\n".join(t.replace("\n", " ") for t in texts)).split("\n")
        converted = joined if len(joined) == len(texts) else [to_simplified(t) for t in texts]
    else:
        converted = texts
    converted = [strip_pinyin(t) for t in converted]
    lines: list[SourceLine] = []
    k = 0
    line_no: dict[int, int] = {}
    for o in outs:
        line_no[o.page] = line_no.get(o.page, 0) + 1
        loc = Loc(page=o.page, line=line_no[o.page])
        text = converted[k]
        k += 1
        cells: tuple[SourceCellText, ...] | None = None
        if o.cells is not None:
            cell_list = []
            for c in o.cells:
                if o.ocr and len(c) >= 5:
                    box = tuple(round(v, 1) for v in c[3])
                    cell_list.append(SourceCellText(converted[k], Loc(page=o.page, line=loc.line, box=box),
                                                    col=c[1], span=c[2], uncertain=bool(c[4])))
                else:
                    cell_list.append(SourceCellText(converted[k], loc, col=c[1], span=c[2]))
                k += 1
            cells = tuple(cell_list)
        lines.append(SourceLine(text, loc, cells=cells, original=o.text if o.text != text else None))
    return lines, script
