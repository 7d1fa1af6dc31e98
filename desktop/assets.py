"""Where the app's files live (icons, style sheet, samples, the bundled CJK font) and how Qt loads them."""

from __future__ import annotations

import logging
import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QIcon

from core.readers.formats import is_report_name

log = logging.getLogger(__name__)

# Droid Sans Fallback (Apache-2.0, 4 MB): used only when the system has no Simplified Chinese font, so the
# grids, dialogs and printed/PDF summaries never show empty boxes on a bare Linux machine or CI.
BUNDLED_CJK_FILE = "DroidSansFallbackFull.ttf"
BUNDLED_CJK_FAMILY = "Droid Sans Fallback"


def resource_dir() -> Path:
    """The resources/ folder: next to the packages in a checkout, under sys._MEIPASS in a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def icon(name: str) -> QIcon:
    """An icon from resources/icons/<name>.svg (an empty icon if the file is missing); loaded once per name,
    as lists and tabs ask again after every edit."""
    cached = _ICONS.get(name)
    if cached is None:
        path = resource_dir() / "icons" / f"{name}.svg"
        cached = _ICONS[name] = QIcon(str(path)) if path.exists() else QIcon()
    return cached


_ICONS: dict[str, QIcon] = {}


def style_sheet() -> str:
    path = resource_dir() / "style.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def sample_reports() -> list[Path]:
    return sorted((resource_dir() / "samples").glob("示例*"))


def is_sample_report(path: Path, resolved: bool = False) -> bool:
    """A sample shipped with the app (the start page's 打开示例 and the first start open one)."""
    try:
        return (path if resolved else path.resolve()).parent == _samples_dir()
    except OSError:
        return False


@cache
def _samples_dir() -> Path:
    return (resource_dir() / "samples").resolve()


def is_report_file(path: Path) -> bool:
    """A file worth opening from a dropped folder: a supported suffix, not a temp file, not our own export."""
    if not is_report_name(path):
        return False
    from desktop.exports import is_export_name

    return not is_export_name(path.name)


@cache
def cjk_families() -> tuple[str, ...]:
    """Font families to put after the default one so Chinese always renders; loads the bundled font if needed.

    Call after the QApplication exists.
    """
    system = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    preferred = [f for f in ("Microsoft YaHei", "Microsoft YaHei UI", "PingFang SC", "Noto Sans CJK SC",
                             "Source Han Sans SC", "WenQuanYi Micro Hei", "SimSun") if f in system]
    if preferred:
        return (preferred[0],)
    if system:
        return (system[0],)
    path = resource_dir() / "fonts" / BUNDLED_CJK_FILE
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
    if font_id < 0:
        log.warning("no Chinese font found and the bundled one could not be loaded (%s)", path)
        return ()
    families = QFontDatabase.applicationFontFamilies(font_id)
    log.info("no system Chinese font; using bundled %s", families)
    return tuple(families) or (BUNDLED_CJK_FAMILY,)


@cache
def bundled_cjk_family() -> str | None:
    """The bundled font's family, loaded into the application (None if the file is missing or unloadable).

    Printing uses it first: some system CJK fonts (Noto Sans CJK) draw 工 and the Kangxi radical ⼯ with one glyph,
    and Qt's PDF text layer then maps the glyph back to the radical, so copying or searching the PDF gives wrong
    characters. The bundled font maps each glyph to one character. Call after the QApplication exists.
    """
    path = resource_dir() / "fonts" / BUNDLED_CJK_FILE
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
    if font_id < 0:
        log.warning("the bundled Chinese font could not be loaded (%s)", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else BUNDLED_CJK_FAMILY


def print_font(point_size: float) -> QFont:
    """The font of printed and PDF summaries: a Latin font for digits and letters (the bundled font's Latin glyphs
    come back wrong from the PDF), the bundled CJK font for Chinese, then the UI's Chinese families as fallback."""
    chinese = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    installed = set(QFontDatabase.families())
    base = QFont()
    # named fonts before the default family: that may be an alias ("Sans Serif") fontconfig resolves to a CJK font
    latin = [f for f in [*_LATIN_FONTS, *(base.families() or [base.family()])]
             if f and f in installed and f not in chinese]
    bundled = bundled_cjk_family()
    families = list(dict.fromkeys([*latin[:1], *([bundled] if bundled else []), *cjk_families()]))
    font = QFont(base)
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    return font


_LATIN_FONTS = ("Arial", "Segoe UI", "Helvetica", "DejaVu Sans", "Liberation Sans")


def ui_font(base: QFont | None = None) -> QFont:
    """The application font with the Chinese fallback family appended."""
    font = QFont(base) if base is not None else QFont()
    fams = [f for f in font.families() or [font.family()] if f]
    for fam in cjk_families():
        if fam not in fams:
            fams.append(fam)
    font.setFamilies(fams)
    return font
