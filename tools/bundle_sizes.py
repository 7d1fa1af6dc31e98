"""The largest files of the one-folder bundle, each with the reason it is there (README: What is in the bundle).

    python tools/bundle_sizes.py [--top N] [--folder PATH]

Reads what build/build.py --onedir left in dist-pyinstaller/onedir/ogicheck/ (or PATH), prints the N largest
files (default 15) with their size and the reason they are kept, and the folder's total. A file that no reason
below matches is printed with "?": a new large file to look at (keep it and give its reason here, or drop it in
build/bundle.py).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONEDIR = ROOT / "dist-pyinstaller" / "onedir" / "ogicheck"

# (pattern on the path inside the bundle, "/" separated; why the app needs the file)
REASONS: tuple[tuple[str, str], ...] = (
    (r"libicudata", "ICU data, rebuilt with only collation and Chinese codecs (build/slim.py); Qt6Core links it"),
    (r"libicu(i18n|uc)", "ICU: Qt6Core links it on Linux (the Windows wheels use the ICU of Windows)"),
    (r"libQt6Core", "Qt core (the window and the command line's event loop)"),
    (r"libQt6Gui", "Qt GUI (painting, fonts, images)"),
    (r"libQt6Widgets", "Qt widgets (the window, grids, dialogs)"),
    (r"libQt6PrintSupport", "Qt printing (print preview, print to PDF)"),
    (r"libQt6Network", "Qt network: the local socket that keeps one window"),
    (r"libQt6(XcbQpa|DBus|Svg|OpenGL)", "Qt platform support on Linux: X11 window, desktop bus, SVG icons"),
    (r"libQt6Pdf", "?"),
    (r"PySide6/Qt(Core|Gui|Widgets|PrintSupport|Network)\.", "PySide6 binding of a Qt module the app uses"),
    (r"libpyside6|libshiboken6", "PySide6 / Shiboken runtime"),
    (r"pypdfium2_raw/.*pdfium", "PDFium, the main PDF engine"),
    (r"resources/fonts/", "fallback CJK font for printing and display where no Chinese font is installed"),
    (r"numpy\.libs/libscipy_openblas|numpy\.libs/libopenblas", "OpenBLAS: numpy's core extension links it (as every PyPI numpy wheel does); pandas needs numpy"),
    (r"numpy\.libs/libgfortran", "gfortran runtime of numpy's OpenBLAS"),
    (r"numpy/_core/_multiarray_umath", "numpy core (pandas: the region's figures)"),
    (r"pandas/_libs/", "pandas (the region's figures of a set, core/batch/totals.py)"),
    (r"cryptography/", "cryptography: pdfminer (the PDF fallback) imports it at load, AES for encrypted PDFs"),
    (r"libpython3", "the Python interpreter"),
    (r"lxml/", "lxml (Word and web pages)"),
    (r"opencc/dictionary/", "OpenCC's traditional→simplified dictionaries"),
    (r"pdfminer/cmap/", "pdfminer's Chinese CMaps"),
    (r"base_library\.zip", "the Python standard library (compiled)"),
    (r"(^|/)ogicheck(-cli)?(\.exe)?$", "the window / the command line; each carries all compiled Python modules (PYZ)"),
    (r"libcrypto|libssl", "OpenSSL, linked by cryptography's Rust extension or Qt"),
    (r"charset_normalizer/", "charset_normalizer (text files of unknown encoding)"),
    (r"libstdc\+\+|libgcc_s|libz\.|libfreetype|libfontconfig|libxcb|libX|libxkb|libglib|libpng|libharfbuzz",
     "system library Qt links against"),
)


def reason(rel: str) -> str:
    for pattern, why in REASONS:
        if re.search(pattern, rel):
            return why
    return "?"


def largest(folder: Path, top: int) -> tuple[list[tuple[int, str]], int]:
    files = [(p.stat().st_size, p.relative_to(folder).as_posix()) for p in folder.rglob("*")
             if p.is_file() and not p.is_symlink()]
    files.sort(key=lambda item: (-item[0], item[1]))
    return files[:top], sum(size for size, _ in files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--folder", type=Path, default=ONEDIR)
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"没有一文件夹版：先运行 python build/build.py --onedir（找不到 {args.folder}）", file=sys.stderr)
        return 2
    rows, total = largest(args.folder, args.top)
    print(f"{'MB':>6s}  {'file':60s}  why it is there")
    for size, rel in rows:
        print(f"{size / 1e6:6.1f}  {rel[:60]:60s}  {reason(rel)}")
    shown = sum(size for size, _ in rows)
    print(f"{shown / 1e6:6.1f}  the {len(rows)} largest files of {total / 1e6:.1f} MB in {args.folder.name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
