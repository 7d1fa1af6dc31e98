"""One-file exe: which libraries travel packed and are unpacked on first import (for ogicheck.spec and its tests).

PyInstaller's one-file exe inflates every file into a temporary folder before Python starts: about 1 s for the
197 MB of the bundle on a 2-core machine, twice what the one-folder build needs to show its window. Starting the
window needs Qt, Python and the text reader; numpy and pandas (the summary workbook's region totals), the PDF
engines, lxml (web pages and Word files) and the OCR part are needed later or never. Their files go into one zip
per group under _lazy/, with an index of the module names that open each group; the runtime hook
build/rthooks/pyi_rth_ogicheck_unpack.py unpacks a group into the temporary folder the first time one of those
modules is imported. The one-folder build is left as it is (nothing to inflate there).

Plain Python with no PyInstaller import, so tests/test_packaging_lazy.py can check the plan without building.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

LAZY_DIR = "_lazy"
INDEX_NAME = "index.json"

# group → the top-level names in the bundle that belong to it: a package folder, a folder of its shared
# libraries (name.libs), or a top-level extension module (its name before the first dot). Each name that is a
# Python identifier opens the group when imported. A group holds what is loaded together; nothing outside a
# group may link against a library inside it (the eager part starts without them).
LAZY_GROUPS: dict[str, tuple[str, ...]] = {
    "numpy": ("numpy", "numpy.libs"),  # OpenBLAS alone is 25 MB; imported only by pandas
    "pandas": ("pandas", "pandas.libs"),  # region totals of a summary workbook (core/batch/totals.py)
    "pdfium": ("pypdfium2_raw",),  # the PDF engine, when a PDF is opened (core/readers/pdf_lib.py)
    # the fallback PDF engine and the AES decryption it imports with itself (cryptography and its cffi backend)
    "pdfminer": ("pdfminer", "cryptography", "_cffi_backend"),
    "lxml": ("lxml",),  # web pages and Word files
    # the OCR flavour: the engine, its models and image libraries, used together when a page is scanned
    "ocr": ("rapidocr_onnxruntime", "onnxruntime", "cv2", "opencv_python.libs", "PIL", "pillow.libs",
            "shapely", "shapely.libs", "pyclipper"),
}

Entry = tuple[str, str, str]  # PyInstaller TOC entry: (destination in the bundle, source file, typecode)


def group_of(dest: str, groups: dict[str, tuple[str, ...]] = LAZY_GROUPS) -> str | None:
    """The group a bundle path belongs to (None: unpacked at start)."""
    parts = dest.replace("\\", "/").split("/")
    top = parts[0]
    for group, names in groups.items():
        if top in names or (len(parts) == 1 and top.split(".", 1)[0] in names):
            return group
    return None


def trigger_names(group: str, groups: dict[str, tuple[str, ...]] = LAZY_GROUPS) -> list[str]:
    """The module names whose import opens a group."""
    return [name for name in groups[group] if name.isidentifier()]


def split(entries: Iterable[Entry],
          groups: dict[str, tuple[str, ...]] = LAZY_GROUPS) -> tuple[list[Entry], dict[str, list[Entry]]]:
    """The entries unpacked at start, and those of each group (only groups with files)."""
    eager: list[Entry] = []
    packed: dict[str, list[Entry]] = {}
    for entry in entries:
        group = group_of(entry[0], groups)
        if group is None or entry[2] not in ("BINARY", "EXTENSION", "DATA"):
            eager.append(entry)
        else:
            packed.setdefault(group, []).append(entry)
    return eager, packed


def _write_zip(path: Path, entries: list[Entry]) -> None:
    """A deterministic zip (sorted names, fixed times) of the entries' files under their bundle paths."""
    tmp = path.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for dest, src, _ in sorted(entries, key=lambda e: e[0].replace("\\", "/")):
            info = zipfile.ZipInfo(dest.replace("\\", "/"), date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            mode = Path(src).stat().st_mode & 0o777
            info.external_attr = (0o100000 | (mode or 0o644)) << 16
            with open(src, "rb") as fh, archive.open(info, "w") as out:
                while chunk := fh.read(1 << 20):
                    out.write(chunk)
    tmp.replace(path)


def pack(entries: Iterable[Entry], out_dir: Path,
         groups: dict[str, tuple[str, ...]] = LAZY_GROUPS) -> tuple[list[Entry], list[Entry]]:
    """Split the bundle's binaries and data files; write each group's zip and the index into out_dir.

    Returns the entries unpacked at start and the DATA entries of the zips and the index (under _lazy/), to add
    to the one-file exe in their place.
    """
    eager, packed = split(entries, groups)
    out_dir.mkdir(parents=True, exist_ok=True)
    added: list[Entry] = []
    index: dict[str, list[str]] = {}
    for group, members in sorted(packed.items()):
        zip_path = out_dir / f"{group}.zip"
        _write_zip(zip_path, members)
        index[group] = trigger_names(group, groups)
        added.append((f"{LAZY_DIR}/{group}.zip", str(zip_path), "DATA"))
    index_path = out_dir / INDEX_NAME
    index_path.write_text(json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    added.append((f"{LAZY_DIR}/{INDEX_NAME}", str(index_path), "DATA"))
    return eager, added
