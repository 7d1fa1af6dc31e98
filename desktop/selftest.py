"""`ogicheck-gui --self-test`: a headless end-to-end check of a (frozen) build, for CI and for a maintainer.

Opens every bundled sample (resources/samples/示例*), validates it, exports the workbook and the standardized
text report to a temporary folder through the `ogicheck export` command, reads both back with
core.api.load_report and compares every cell value with the original; then checks that every format library
is bundled (PDFium loads, pdfminer has its Chinese CMaps) and that the Qt parts the window needs load
(widgets, print support, Qt's Chinese translation). Prints the result in Chinese and
returns 0 only if everything matched. No window is created.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from core.model import Report

QT_TRANSLATION = "qtbase_zh_CN"

# Libraries the readers and exports import only when a file of their format arrives; importing them here
# proves the build holds them (tests/test_packaging.py checks that this covers every runtime dependency).
LIBRARIES = ("pandas", "openpyxl", "opencc", "charset_normalizer", "lxml.etree", "lxml.html",
             "pdfplumber", "pdfminer.pdfdocument", "pypdfium2")


class SelfTestFailure(Exception):
    """One step failed; the message (Chinese) says what and where."""


def resource_dir() -> Path:
    """resources/ next to the packages in a checkout, under sys._MEIPASS in a frozen build (no Qt import)."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parent.parent
    return base / "resources"


def samples() -> list[Path]:
    return sorted((resource_dir() / "samples").glob("示例*"))


def _value_text(value: int | float | None) -> str:
    return "空" if value is None else str(value)


def _same(a: int | float | None, b: int | float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=0.0, abs_tol=1e-9)


def compare_reports(original: Report, back: Report, what: str) -> int:
    """Every cell of the original's three tables must have the same value in `back`; returns cells compared."""
    from core.layout import cell_name

    if back.error:
        raise SelfTestFailure(f"{what}无法读回：{back.error}")
    if back.template_version != original.template_version:
        raise SelfTestFailure(f"{what}读回的模板为 {back.template_version}，原为 {original.template_version}")
    compared = 0
    for table_id, table in original.tables.items():
        other = back.tables.get(table_id)
        if other is None:
            raise SelfTestFailure(f"{what}读回后缺少{table.spec.short_name}")
        for row_id, col_id in table.spec.cells():
            a, b = table.value(row_id, col_id), other.value(row_id, col_id)
            if not _same(a, b):
                raise SelfTestFailure(f"{what}{cell_name(table.spec, row_id, col_id)}读回为 "
                                      f"{_value_text(b)}，原为 {_value_text(a)}")
            compared += 1
    return compared


def _export(kind: str, source: Path, out: Path) -> None:
    """Run `ogicheck export SOURCE --<kind> OUT` in-process (the contract's command), output captured."""
    from core.cli.main import build_parser

    args = build_parser().parse_args(["export", str(source), f"--{kind}", str(out)])
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        status = int(args.run(args))
    if status not in (0, 1) or not out.is_file():
        said = buf.getvalue().strip()
        raise SelfTestFailure(f"导出 {out.name} 失败（退出码 {status}）" + (f"：{said}" if said else ""))


def check_sample(sample: Path, folder: Path) -> str:
    """Read, validate, export and read back one sample; returns a one-line Chinese summary."""
    from core.api import load_report
    from core.validate import validate

    report = load_report(sample)
    if report.error:
        raise SelfTestFailure(f"示例无法读取：{report.error}")
    numbers = sum(1 for t in report.tables.values() for c in t.cells.values() if c.value is not None)
    missing = [t.spec.short_name for t in report.tables.values() if not t.found]
    if missing or numbers == 0:
        raise SelfTestFailure(f"示例未读出表格：{'、'.join(missing) or '没有数字'}")
    findings = validate(report)
    compared = 0
    for kind, suffix in (("xlsx", ".xlsx"), ("text", ".txt")):
        out = folder / f"{sample.stem}-自检{suffix}"
        _export(kind, sample, out)
        compared = compare_reports(report, load_report(out), f"导出的{'工作簿' if kind == 'xlsx' else '文本报告'}")
    return f"{report.template_version} 模板，{numbers} 个数字，{len(findings)} 条核查结果，{compared} 个单元格读回一致"


def check_libraries() -> str:
    """Every format library imports; PDFium's native library loads; pdfminer has its Chinese CMaps."""
    import importlib

    for name in LIBRARIES:
        importlib.import_module(name)
    import opencc
    import pypdfium2 as pdfium
    from pdfminer.cmapdb import CMapDB

    from core.textnorm import to_simplified

    if opencc.OpenCC("t2s").convert("政府資訊公開") != "政府资讯公开":
        raise SelfTestFailure("繁简转换词典不全")
    if to_simplified("政府資訊公開，乾隆年間") != opencc.OpenCC("t2s").convert("政府資訊公開，乾隆年間"):
        raise SelfTestFailure("繁简转换与 OpenCC 不一致")

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pages = len(pdf)
    pdf.close()
    if pages != 1:
        raise SelfTestFailure("PDFium 无法新建页面")
    _check_pdf_text()
    for cmap in ("UniGB-UCS2-H", "UniCNS-UCS2-H"):
        CMapDB.get_cmap(cmap)  # raises CMapNotFound when the data file is missing
    CMapDB.get_unicode_map("Adobe-GB1")
    return f"{len(LIBRARIES)} 个格式库可用，繁简转换、PDFium 与 PDF 中文字符映射齐全" + _check_ocr()


def _check_pdf_text() -> None:
    """The PDF reader's own PDFium binding (core/readers/pdf_lib.py) reads a text layer: a page written here with
    PDFium's standard font is read back through read_source, as a report PDF is."""
    import ctypes
    import tempfile

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from core.readers import read_source

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    for i in range(12):
        obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 14.0)
        text = ctypes.create_string_buffer(f"OGI selftest {i} 801 0 81\x00".encode("utf-16-le"))
        raw.FPDFText_SetText(obj, ctypes.cast(text, raw.FPDF_WIDESTRING))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, 780 - 24 * i)
        raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/selftest.pdf"
        pdf.save(path)
        pdf.close()
        read = " ".join(ln.text for ln in read_source(path).lines)
    if "selftest11801081" not in read.replace(" ", ""):
        raise SelfTestFailure("PDF 阅读器无法读取文字层")


OCR_LINE = "政府信息公开工作年度报告"  # what the OCR check renders and must read back


def _check_ocr() -> str:
    """The OCR part, when this build carries it (ogicheck-ocr): its models find a line of Chinese drawn with
    the bundled font on an image and read it back (detection and recognition, as on a scanned page)."""
    from core.readers.ocr_engine import detect, ocr_available

    if not ocr_available():
        return "；未含文字识别（OCR）组件"
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    fonts = sorted((resource_dir() / "fonts").glob("*.[ot]t[fc]"))
    if not fonts:
        raise SelfTestFailure("找不到内置字体，无法检查文字识别（OCR）组件")
    image = Image.new("L", (40 * len(OCR_LINE) + 40, 80), 255)
    ImageDraw.Draw(image).text((20, 20), OCR_LINE, font=ImageFont.truetype(str(fonts[0]), 36), fill=0)
    try:
        lines = detect(np.asarray(image))
    except Exception as exc:
        raise SelfTestFailure(f"文字识别（OCR）组件无法运行：{exc}") from exc
    read = "".join(text for _box, text, _score in lines)
    if read != OCR_LINE:
        raise SelfTestFailure(f"文字识别（OCR）读出“{read}”，应为“{OCR_LINE}”")
    return "；文字识别（OCR）组件可用，读出图片中的文字"


def _check_collation() -> None:
    """Qt sorts Chinese by pinyin (as its file dialogs do): on Linux this needs ICU's Chinese collation data,
    which the build keeps when it trims ICU (build/slim.py); code-point order would put 上海 first."""
    import functools

    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    order = sorted(["天津", "上海", "北京"], key=functools.cmp_to_key(collator.compare))
    if order != ["北京", "上海", "天津"]:
        raise SelfTestFailure(f"Qt 的中文排序数据不全：拼音顺序应为 北京、上海、天津，实为 {'、'.join(order)}")


def check_qt() -> str:
    """The Qt modules of the window load, and Qt's Chinese translation is bundled where QLibraryInfo looks."""
    from PySide6 import QtPrintSupport, QtWidgets  # noqa: F401 - loading the libraries is the check
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if not translator.load(QT_TRANSLATION, folder):
        raise SelfTestFailure(f"找不到 Qt 中文翻译 {QT_TRANSLATION}.qm（{folder}）")
    cancel = translator.translate("QPlatformTheme", "Cancel")
    if cancel != "取消":
        raise SelfTestFailure(f"Qt 中文翻译内容不对：Cancel → {cancel!r}")
    _check_collation()
    fonts = sorted(p.name for p in (resource_dir() / "fonts").glob("*.[ot]t[fc]"))
    return "界面组件与中文翻译可用，中文按拼音排序" + (f"，内置字体 {'、'.join(fonts)}" if fonts else "")


def _describe(exc: BaseException) -> str:
    """The exception and its causes, innermost last, each with the place it was raised."""
    parts = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        tb = current.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = f"（{Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}）" if tb is not None else ""
        parts.append(f"{type(current).__name__}: {current}{where}")
        current = current.__cause__ or current.__context__
    return " ← ".join(parts)


def _console() -> TextIO | None:
    """Where to print: stdout, or on Windows' windowed exe (no stdout) the console it was started from."""
    if sys.stdout is not None:
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
        return sys.stdout
    if os.name == "nt":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # type: ignore[attr-defined]
            return open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - lives for the process
    return None


def run() -> int:
    """Run every step; print one line per step and the verdict; 0 only if all passed."""
    out = _console()

    def say(text: str) -> None:
        if out is not None:
            print(text, file=out, flush=True)

    started = time.perf_counter()
    steps: list[tuple[str, Callable[[], str]]] = []
    found = samples()
    if not found:
        say(f"自检失败：找不到示例报告（{resource_dir() / 'samples'}）")
        return 1
    folder = Path(tempfile.mkdtemp(prefix="ogicheck-selftest-"))
    for sample in found:
        steps.append((f"示例 {sample.name}", lambda s=sample: check_sample(s, folder)))
    steps.append(("格式库", check_libraries))
    steps.append(("Qt", check_qt))
    failed = 0
    try:
        for name, step in steps:
            try:
                say(f"✓ {name}：{step()}")
            except SelfTestFailure as exc:
                failed += 1
                say(f"✗ {name}：{exc}")
            except Exception as exc:  # noqa: BLE001 - an unexpected error is a failed step, reported in full
                failed += 1
                say(f"✗ {name}：意外错误 {_describe(exc)}")
    finally:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    seconds = time.perf_counter() - started
    if failed:
        say(f"自检失败：{failed} 项未通过（{seconds:.1f} 秒）。")
        return 1
    say(f"自检通过：{len(steps)} 项全部一致（{seconds:.1f} 秒）。")
    return 0


if __name__ == "__main__":
    sys.exit(run())
