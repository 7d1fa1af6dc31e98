"""Runtime hook of the one-file exe: a packed library group is unpacked the first time one of its modules is imported.

build/lazy.py packs the large libraries that starting the window does not need into zips under _lazy/ of the
temporary folder the exe unpacks itself into (sys._MEIPASS), with an index of the module names that open each
group. This hook puts a finder first on sys.meta_path: importing one of those names unpacks its group into that
same folder, where PyInstaller's importers then find the files as if they had been there from the start. It finds
nothing itself. Without the index (the one-folder build, a development run) it does nothing.

Several processes of one exe share the folder (the batch's workers): each file is written under a name of its
own and renamed into place, so a file that exists is whole; a file already there is left as it is.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import threading
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

LAZY_DIR = "_lazy"
INDEX_NAME = "index.json"


class UnpackOnImport:
    """A meta-path finder that unpacks a group's zip before the first import of one of its modules."""

    def __init__(self, root: str, index: dict[str, list[str]]) -> None:
        self.root = root
        self.pending = {name: group for group, names in index.items() for name in names}
        self.unpacked: list[str] = []
        self._lock = threading.RLock()

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        group = self.pending.get(fullname.partition(".")[0])
        if group is not None:
            self.unpack(group)
        return None

    def unpack(self, group: str) -> None:
        with self._lock:
            if group not in self.pending.values():
                return  # another thread did it while this one waited
            try:
                extract(os.path.join(self.root, LAZY_DIR, f"{group}.zip"), self.root)
            except Exception as exc:  # OSError (disk full, no rights), zipfile.BadZipFile: the import fails, saying so
                raise ImportError(f"程序的 {group} 部分无法解压到临时文件夹 {self.root}：{exc}") from exc
            self.pending = {name: g for name, g in self.pending.items() if g != group}
            self.unpacked.append(group)
            importlib.invalidate_caches()  # folders the path finders saw missing now exist


def extract(zip_path: str, root: str) -> None:
    """Every file of the zip under root, each renamed into place once whole; files already there are kept."""
    import shutil  # here, not at start: the window may never need a group
    import zipfile

    tag = f".{os.getpid()}-{threading.get_ident()}.part"
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            target = os.path.join(root, *info.filename.split("/"))
            if info.is_dir():
                os.makedirs(target, exist_ok=True)
                continue
            if os.path.isfile(target) and os.path.getsize(target) == info.file_size:
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            part = target + tag
            with archive.open(info) as src, open(part, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                os.chmod(part, mode)
            try:
                os.replace(part, target)
            except OSError:
                os.remove(part)
                if not os.path.isfile(target):  # Windows refuses to replace a library another process has open
                    raise


def install(root: str) -> UnpackOnImport | None:
    """Put the finder first on sys.meta_path when root holds packed groups; None otherwise."""
    try:
        with open(os.path.join(root, LAZY_DIR, INDEX_NAME), encoding="utf-8") as fh:
            index = json.load(fh)
    except FileNotFoundError:
        return None
    finder = UnpackOnImport(root, index)
    sys.meta_path.insert(0, finder)
    return finder


if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
    install(sys._MEIPASS)
