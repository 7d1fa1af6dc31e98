"""Run as a script (tests/test_packaging_slim.py): the Qt operations of the app that reach ICU's data, and
some that should not, printed as one JSON object, so that a run on the trimmed libicudata (LD_PRELOAD) can be
compared with a run on the full one. Also prints which libicudata the process mapped."""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCollator, QDate, QEventLoop, QLocale, QTimer, QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDateEdit, QFileSystemModel, QLabel, QTextBrowser

NAMES = ["沭阳县", "鹤城区", "北京市", "上海市", "重庆市", "长沙市", "厦门市", "哈尔滨市", "西藏自治区",
         "Zhang", "zhao", "a10", "a9", "A1", "年报2", "年报10", "政府信息公开", "國務院"]
TEXT = "政府信息公开工作年度报告 國務院辦公廳 2024年"


def icu_mapped() -> str:
    maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    return next((line.split()[-1] for line in maps.splitlines() if "libicudata" in line), "")


def collation() -> dict[str, object]:
    out: dict[str, object] = {}
    for label, locale in (("default", QLocale()), ("zh_CN", QLocale("zh_CN")), ("en_US", QLocale("en_US")),
                          ("C", QLocale.c())):
        collator = QCollator(locale)
        out[label] = sorted(NAMES, key=functools.cmp_to_key(collator.compare))
        collator.setNumericMode(True)
        collator.setCaseSensitivity(collator.caseSensitivity().CaseInsensitive)
        out[label + "/numeric"] = sorted(NAMES, key=functools.cmp_to_key(collator.compare))
    return out


def locale_data() -> dict[str, object]:
    zh, tr = QLocale(), QLocale("tr_TR")
    date = QDate(2024, 3, 5)
    return {
        "name": zh.name(), "number": zh.toString(1234567.891, "f", 2), "int": zh.toString(-9876543),
        "currency": zh.toCurrencyString(1234.5), "long": zh.toString(date, QLocale.FormatType.LongFormat),
        "short": zh.toString(date, QLocale.FormatType.ShortFormat), "custom": date.toString("yyyy年M月d日"),
        "months": [zh.monthName(m) for m in range(1, 13)], "days": [zh.dayName(d) for d in range(1, 8)],
        "upper": zh.toUpper("straße ǆ ﬁ abc"), "lower": zh.toLower("ÀÉÎ ΣΑΣ ABC"),
        "tr_upper": tr.toUpper("istanbul ı i"), "tr_lower": tr.toLower("İSTANBUL I"),
    }


def html_codecs(folder: Path) -> dict[str, str]:
    """Qt decodes an HTML file by its declared charset (through ICU beyond UTF-8 and Latin-1)."""
    out = {}
    for charset, codec in (("gbk", "gbk"), ("gb2312", "gb2312"), ("gb18030", "gb18030"), ("big5", "big5"),
                           ("utf-8", "utf-8")):
        page = folder / f"{charset}.html"
        page.write_bytes(f'<html><head><meta charset="{charset}"></head><body>{TEXT}</body></html>'
                         .encode(codec, "replace"))
        browser = QTextBrowser()
        browser.setSource(QUrl.fromLocalFile(str(page)))
        out[charset] = browser.toPlainText()
    return out


def file_dialog_order(folder: Path) -> list[str]:
    """The order in which a file dialog's model lists Chinese file names (it sorts with QCollator)."""
    for name in NAMES:
        (folder / f"{name}.txt").write_text("x", encoding="utf-8")
    model = QFileSystemModel()
    loop = QEventLoop()
    model.directoryLoaded.connect(lambda _path: loop.quit())
    QTimer.singleShot(10000, loop.quit)
    root = model.setRootPath(str(folder))
    loop.exec()
    model.sort(0)
    QApplication.processEvents()
    return [model.index(row, 0, root).data() for row in range(model.rowCount(root))]


def painting() -> str:
    label = QLabel(TEXT)
    label.resize(420, 40)
    label.show()
    QApplication.processEvents()
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return hashlib.sha256(bytes(image.constBits())).hexdigest()


def main() -> int:
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))  # as desktop/app.py does
    app = QApplication(sys.argv[:1])
    edit = QDateEdit(QDate(2024, 3, 5))
    edit.setDisplayFormat("yyyy年M月d日")
    with tempfile.TemporaryDirectory() as html_dir, tempfile.TemporaryDirectory() as files_dir:
        result = {
            "icu": icu_mapped(), "collation": collation(), "locale": locale_data(), "date_edit": edit.text(),
            "html": html_codecs(Path(html_dir)), "file_dialog": file_dialog_order(Path(files_dir)),
            "painting": painting(),
        }
    print(json.dumps(result, ensure_ascii=False))
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
