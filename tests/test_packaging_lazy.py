"""The one-file exe's packed library groups (build/lazy.py) and the runtime hook that unpacks a group on first
import (build/rthooks/pyi_rth_ogicheck_unpack.py): the plan, the zips, the unpacking (also by two processes at
once, or two threads), a broken zip, and that starting the window imports nothing of any group."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging_support import BUILD, ROOT, load_build_module

HOOK_FILE = BUILD / "rthooks" / "pyi_rth_ogicheck_unpack.py"


lazy = load_build_module("lazy")
hook = load_build_module("pyi_rth_ogicheck_unpack", HOOK_FILE)


# --- the plan ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("dest", "group"), [
    ("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", "numpy"),
    ("numpy.libs/libscipy_openblas64_-32a4b2a6.so", "numpy"),
    ("numpy.libs\\libscipy_openblas64_-fb1711452d4d8cee9f276fd1449ee5c7.dll", "numpy"),
    ("pandas/_libs/hashtable.cpython-311-x86_64-linux-gnu.so", "pandas"),
    ("pypdfium2_raw/libpdfium.so", "pdfium"),
    ("pdfminer/cmap/UniGB-UCS2-H.pickle.gz", "pdfminer"),
    ("cryptography/hazmat/bindings/_rust.abi3.so", "pdfminer"),
    ("_cffi_backend.cpython-311-x86_64-linux-gnu.so", "pdfminer"),
    ("_cffi_backend.cp311-win_amd64.pyd", "pdfminer"),
    ("lxml/etree.cpython-311-x86_64-linux-gnu.so", "lxml"),
    ("onnxruntime/capi/libonnxruntime.so.1.20.1", "ocr"),
    # what starting needs stays out of every group
    ("PySide6/Qt/lib/libQt6Core.so.6", None),
    ("libpython3.11.so.1.0", None),
    ("python3.11/lib-dynload/unicodedata.cpython-311-x86_64-linux-gnu.so", None),
    ("opencc/dictionary/TSCharacters.txt", None),
    ("charset_normalizer/md.cpython-311-x86_64-linux-gnu.so", None),
    ("resources/fonts/DroidSansFallbackFull.ttf", None),
    ("numpyx/other.so", None),
    ("libnumpy.so", None),
])
def test_each_bundle_path_has_its_group(dest: str, group: str | None) -> None:
    assert lazy.group_of(dest) == group


def test_every_trigger_name_is_a_module_that_exists() -> None:
    """A misspelt name would leave its group packed for ever (its import then fails in the exe)."""
    installed_ocr = importlib.util.find_spec("rapidocr_onnxruntime") is not None
    for group in lazy.LAZY_GROUPS:
        triggers = lazy.trigger_names(group)
        assert triggers, group
        if group == "ocr" and not installed_ocr:
            continue
        for name in triggers:
            assert importlib.util.find_spec(name) is not None, (group, name)


def test_starting_the_window_on_a_report_imports_no_packed_group(tmp_path: Path) -> None:
    """Packing only pays if the window starts without any group: a group imported at start would be unpacked on
    every start, in Python, after the exe's own unpacking."""
    sample = sorted((ROOT / "resources" / "samples").glob("示例*.txt"))[0]
    triggers = sorted({n for g in lazy.LAZY_GROUPS for n in lazy.trigger_names(g)})
    script = (
        "import sys, atexit\n"
        f"triggers = {triggers!r}\n"
        "atexit.register(lambda: print('IMPORTED', sorted({m.partition('.')[0] for m in sys.modules} & set(triggers))))\n"
        "from desktop.app import main\n"
        f"sys.argv = ['ogicheck', {str(sample)!r}]\n"
        "raise SystemExit(main())\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OGICHECK_QUIT_AFTER_MS="0",
               OGICHECK_CONFIG_DIR=str(tmp_path), HOME=str(tmp_path), PYTHONIOENCODING="utf-8")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "可见=True" in out.stdout  # the window was shown with the report
    assert "IMPORTED []" in out.stdout, out.stdout


def _entries(tmp_path: Path) -> list[tuple[str, str, str]]:
    files = {
        "numpy/__init__.so": b"numpy-core" * 100,
        "numpy.libs/libopenblas.so": b"blas" * 1000,
        "_cffi_backend.cpython-311-x86_64-linux-gnu.so": b"cffi",
        "pdfminer/cmap/UniGB.pickle.gz": b"cmap",
        "PySide6/Qt/lib/libQt6Core.so.6": b"qt",
        "resources/samples/a.txt": "报告".encode(),
    }
    out = []
    for dest, data in files.items():
        src = tmp_path / "src" / dest.replace("/", "__")
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_bytes(data)
        if dest.endswith(".so"):
            src.chmod(0o755)
        kind = "DATA" if dest.startswith(("resources/", "pdfminer/")) else "BINARY"
        out.append((dest, str(src), kind))
    return out


def test_pack_moves_each_group_into_its_zip_and_keeps_the_rest(tmp_path: Path) -> None:
    entries = _entries(tmp_path)
    eager, added = lazy.pack(entries, tmp_path / "lazy")
    assert [e[0] for e in eager] == ["PySide6/Qt/lib/libQt6Core.so.6", "resources/samples/a.txt"]
    assert [(e[0], e[2]) for e in added] == [("_lazy/numpy.zip", "DATA"), ("_lazy/pdfminer.zip", "DATA"),
                                            ("_lazy/index.json", "DATA")]
    with zipfile.ZipFile(tmp_path / "lazy" / "numpy.zip") as archive:
        assert archive.namelist() == ["numpy.libs/libopenblas.so", "numpy/__init__.so"]
        assert archive.read("numpy.libs/libopenblas.so") == b"blas" * 1000
        assert (archive.getinfo("numpy/__init__.so").external_attr >> 16) & 0o777 == 0o755
    index = json.loads((tmp_path / "lazy" / "index.json").read_text(encoding="utf-8"))
    assert index == {"numpy": ["numpy"], "pdfminer": ["pdfminer", "cryptography", "_cffi_backend"]}


def test_pack_is_repeatable(tmp_path: Path) -> None:
    entries = _entries(tmp_path)
    lazy.pack(entries, tmp_path / "one")
    lazy.pack(list(reversed(entries)), tmp_path / "two")
    for name in ("numpy.zip", "pdfminer.zip", "index.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


# --- the runtime hook -------------------------------------------------------------------------------------------

def _extension() -> Path:
    """A real compiled extension module of the standard library, to load from an unpacked group."""
    for name in ("array", "_bisect", "_random", "math"):
        spec = importlib.util.find_spec(name)
        if spec and spec.origin and spec.origin.endswith((".so", ".pyd")):
            return Path(spec.origin)
    pytest.skip("this Python has no standard extension module as a file")  # pragma: no cover


@pytest.fixture
def frozen_root(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder laid out as the one-file exe's: a packed group holding a package with a compiled module."""
    root = tmp_path / "meipass"
    package = f"lazypkg_{os.getpid()}_{id(tmp_path)}"
    ext = _extension()
    members = {f"{package}/__init__.py": b"from . import " + ext.name.split(".")[0].encode() + b" as native\n",
               f"{package}/{ext.name}": ext.read_bytes(),
               f"{package}/data/notes.txt": "说明".encode()}
    (root / "_lazy").mkdir(parents=True)
    with zipfile.ZipFile(root / "_lazy" / "grp.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data)
    (root / "_lazy" / "index.json").write_text(json.dumps({"grp": [package]}), encoding="utf-8")
    sys.path.insert(0, str(root))
    saved_meta = list(sys.meta_path)
    try:
        yield root, package
    finally:
        sys.meta_path[:] = saved_meta
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m.partition(".")[0] == package]:
            del sys.modules[name]
        importlib.invalidate_caches()


def test_first_import_unpacks_the_group_and_loads_its_compiled_module(frozen_root: tuple[Path, str]) -> None:
    root, package = frozen_root
    finder = hook.install(str(root))
    assert finder is not None and sys.meta_path[0] is finder
    assert not (root / package).exists()
    module = importlib.import_module(package)
    assert module.native.__file__.startswith(str(root / package))  # the compiled module, from the unpacked file
    assert (root / package / "data" / "notes.txt").read_text(encoding="utf-8") == "说明"
    assert finder.unpacked == ["grp"] and finder.pending == {}
    assert not list(root.rglob("*.part"))


def test_files_already_there_are_kept_and_a_short_one_is_replaced(frozen_root: tuple[Path, str]) -> None:
    """A second process of the same exe finds the group unpacked (or half unpacked by a process that stopped)."""
    root, package = frozen_root
    hook.extract(str(root / "_lazy" / "grp.zip"), str(root))
    whole = root / package / "__init__.py"
    os.utime(whole, (1_000_000, 1_000_000))
    notes = root / package / "data" / "notes.txt"
    notes.write_bytes(b"x")
    hook.extract(str(root / "_lazy" / "grp.zip"), str(root))
    assert whole.stat().st_mtime == 1_000_000  # left as it was
    assert notes.read_text(encoding="utf-8") == "说明"


def test_two_threads_importing_at_once_unpack_once(frozen_root: tuple[Path, str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root, package = frozen_root
    finder = hook.install(str(root))
    assert finder is not None
    calls: list[str] = []
    real = hook.extract
    monkeypatch.setattr(hook, "extract", lambda *a: (calls.append(a[0]), real(*a)))
    errors: list[BaseException] = []

    def run() -> None:
        try:
            importlib.import_module(package)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors and len(calls) == 1


def test_two_processes_unpacking_into_one_folder_both_get_whole_files(frozen_root: tuple[Path, str]) -> None:
    root, package = frozen_root
    code = (f"import importlib.util, sys; spec = importlib.util.spec_from_file_location('h', {str(HOOK_FILE)!r}); "
            "h = importlib.util.module_from_spec(spec); spec.loader.exec_module(h); "
            f"sys.path.insert(0, {str(root)!r}); h.install({str(root)!r}); import {package}; print('ok')")
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert outs == ["ok\n"] * 3
    assert not list(root.rglob("*.part"))


def test_a_broken_zip_fails_the_import_with_a_chinese_reason(frozen_root: tuple[Path, str]) -> None:
    root, package = frozen_root
    (root / "_lazy" / "grp.zip").write_bytes(b"not a zip")
    hook.install(str(root))
    with pytest.raises(ImportError, match="无法解压"):
        importlib.import_module(package)


def test_without_an_index_nothing_is_installed(tmp_path: Path) -> None:
    before = list(sys.meta_path)
    assert hook.install(str(tmp_path)) is None
    assert sys.meta_path == before


def test_the_spec_names_the_hook_and_the_hook_has_no_build_dependency() -> None:
    spec_text = (BUILD / "ogicheck.spec").read_text(encoding="utf-8")
    assert '"rthooks" / "pyi_rth_ogicheck_unpack.py"' in spec_text
    assert "lazy.pack(" in spec_text
    # the frozen app imports the hook before anything else: it may use the standard library only
    top = {line.split()[1].split(".")[0] for line in HOOK_FILE.read_text(encoding="utf-8").splitlines()
           if line.startswith(("import ", "from "))}
    assert top <= set(sys.stdlib_module_names) | {"__future__"}, top
