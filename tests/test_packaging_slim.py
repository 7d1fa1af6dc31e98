"""build/slim.py: ICU's data trimmed to what Qt reaches and symbol tables zeroed, both in place.

Proves on the PySide6 and numpy of this environment (Linux; skipped where Qt does not ship libicudata) that
the trimmed package still parses, stays sorted and keeps every item the app needs, that the dropped bytes are
zeros and nothing outside the package moved; that Qt gives the same results on the trimmed library as on the
full one for every operation of the app that reaches ICU (tests/qt_icu_probe.py, in a subprocess with the
library preloaded), and that this comparison would notice a missing item; that zeroed symbol tables leave
libraries loadable (numpy's patchelf-edited OpenBLAS, which `strip` breaks). CI's built app then runs its
--self-test on the slimmed bundle (.ci/run).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).resolve().parent / "qt_icu_probe.py"


def _load_slim() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_packaging_slim", ROOT / "build" / "slim.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


slim = _load_slim()


def _pyside_icu() -> Path | None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found and sys.platform.startswith("linux") else None


ICU = _pyside_icu()
needs_icu = pytest.mark.skipif(ICU is None, reason="this PySide6 ships no libicudata (not Linux)")

# Items the app reaches (traced with ICU_DATA, see slim.ICU_KEEP): collation and the Chinese codecs.
REQUIRED = ("coll/ucadata.icu", "coll/root.res", "coll/zh.res", "coll/zh_Hans.res", "coll/zh_CN.res",
            "cnvalias.icu", "gb18030.cnv", "windows-936-2000.cnv", "ibm-1386_P100-2001.cnv",
            "ibm-1383_P110-1999.cnv", "windows-950-2000.cnv", "ibm-1373_P100-2002.cnv")


def _no_zh(name: str) -> bool:
    return bool(slim.icu_keep(name)) and "/coll/zh" not in name


@pytest.fixture(scope="module")
def icu_copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The full library; trimmed in place; rebuilt smaller (what the build ships); and rebuilt without
    Chinese collation (the negative control); each in its own folder under the soname the loader matches."""
    assert ICU is not None
    base = tmp_path_factory.mktemp("icu")
    original = ICU.read_bytes()
    trimmed = bytearray(original)
    slim.trim_icu(trimmed)
    made = {"full": original, "trimmed": bytes(trimmed), "shrunk": slim.shrink_icu_library(original),
            "no_zh": slim.shrink_icu_library(original, _no_zh)}
    out = {}
    for label, data in made.items():
        assert data is not None, label
        (base / label).mkdir()
        (base / label / ICU.name).write_bytes(data)
        out[label] = base / label / ICU.name
    return out


@needs_icu
def test_trimmed_package_parses_sorted_and_keeps_what_the_app_needs(icu_copies: dict[str, Path]) -> None:
    full, trimmed = icu_copies["full"].read_bytes(), icu_copies["trimmed"].read_bytes()
    assert len(trimmed) == len(full)
    before, after = slim.read_icu_package(full), slim.read_icu_package(trimmed)
    assert after.symbol == before.symbol and after.toc == before.toc
    names = [item.name for item in after.items]
    assert [n.encode() for n in names] == sorted(n.encode() for n in names)  # ICU's binary search needs it
    prefix = names[0].split("/", 1)[0] + "/"
    assert all(prefix + item in names for item in REQUIRED)
    assert all(slim.icu_keep(n) for n in names)
    assert len(names) < len(before.items) // 50
    starts = {item.name: item.start for item in before.items}
    for item in after.items:  # a kept item is where it was, byte for byte, up to where the next item began
        assert item.start == starts[item.name]
    kept = {item.name for item in after.items}
    original_items = before.items
    for i, item in enumerate(original_items):
        if item.name in kept:
            end = original_items[i + 1].start if i + 1 < len(original_items) else item.end
            assert trimmed[item.start:end] == full[item.start:end], item.name
        else:
            assert not any(trimmed[item.start:item.end]), item.name
            assert not any(trimmed[item.name_at:item.name_at + len(item.name)]), item.name
    entries_end = before.toc + 4 + 8 * len(before.items)
    assert trimmed[:before.toc] == full[:before.toc]  # ELF headers and ICU's header untouched
    assert not any(trimmed[after.toc + 4 + 8 * len(after.items):entries_end])
    last = original_items[-1].end
    assert trimmed[last:] == full[last:]  # everything after the package (ELF tables) untouched
    assert slim.read_elf(trimmed) is not None


@needs_icu
def test_trim_is_repeatable() -> None:
    assert ICU is not None
    once = bytearray(ICU.read_bytes())
    slim.trim_icu(once)
    twice = bytearray(once)
    assert slim.trim_icu(twice) == []
    assert twice == once


def _probe(library: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k not in ("ICU_DATA", "LD_PRELOAD")}
    env.update(QT_QPA_PLATFORM="offscreen", LD_PRELOAD=str(library), PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, str(PROBE)], capture_output=True, env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-3000:]
    result: dict[str, object] = json.loads(proc.stdout.decode("utf-8").strip().splitlines()[-1])
    assert result.pop("icu") == str(library)  # the preloaded library is the one Qt used
    return result


@needs_icu
def test_shrunk_library_holds_the_same_items_and_loads(icu_copies: dict[str, Path]) -> None:
    import ctypes

    full, shrunk = icu_copies["full"].read_bytes(), icu_copies["shrunk"].read_bytes()
    assert len(shrunk) < len(full) // 5
    before, after = slim.read_icu_package(full), slim.read_icu_package(shrunk)
    assert after.symbol == before.symbol and after.base == before.base
    kept = [item for item in before.items if slim.icu_keep(item.name)]
    assert [item.name for item in after.items] == [item.name for item in kept]
    for old, new in zip(kept, after.items, strict=True):
        assert (new.start - after.base) % 16 == 0
        assert shrunk[new.start:new.start + old.end - old.start] == full[old.start:old.end], new.name
    assert shrunk[after.base:after.toc] == full[before.base:before.toc]  # ICU's header as it was
    elf_before, elf_after = slim.read_elf(full), slim.read_elf(shrunk)
    assert elf_before and elf_after and len(elf_after.sections) == len(elf_before.sections)
    delta = len(full) - len(shrunk)
    assert delta % 4096 == 0
    for old_sec, new_sec in zip(elf_before.sections, elf_after.sections, strict=True):
        assert old_sec.name == new_sec.name and old_sec.type == new_sec.type
        if old_sec.flags & 2 and old_sec.offset > before.base:  # loaded and after the package: moved intact
            assert new_sec.offset == old_sec.offset - delta
            assert shrunk[new_sec.offset:new_sec.offset + new_sec.size] == \
                full[old_sec.offset:old_sec.offset + old_sec.size]
    lib = ctypes.CDLL(str(icu_copies["shrunk"]))
    package = (ctypes.c_ubyte * after.size).in_dll(lib, after.symbol)
    assert bytes(package) == shrunk[after.base:after.base + after.size]


@needs_icu
def test_qt_gives_the_same_results_on_the_trimmed_icu_data(icu_copies: dict[str, Path]) -> None:
    full = _probe(icu_copies["full"])
    assert _probe(icu_copies["shrunk"]) == full
    assert _probe(icu_copies["trimmed"]) == full
    collation = full["collation"]
    assert isinstance(collation, dict)
    assert collation["default"].index("北京市") < collation["default"].index("上海市")  # pinyin: bei < shang
    html = full["html"]
    assert isinstance(html, dict) and html["gbk"] == html["utf-8"] == html["gb18030"]
    # the comparison notices a missing item: without Chinese collation, names sort by root order instead
    assert _probe(icu_copies["no_zh"])["collation"] != collation


def _libraries_with_symbols() -> list[Path]:
    import numpy

    libs = Path(numpy.__file__).parent.parent / "numpy.libs"
    return sorted(p for p in libs.glob("*.so*") if slim.unloaded_ranges(slim.read_elf(p.read_bytes())))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries")
def test_zeroed_symbol_tables_leave_only_unloaded_bytes_changed(tmp_path: Path) -> None:
    found = _libraries_with_symbols()
    if not found:
        pytest.skip("numpy.libs has no library with a symbol table here")
    for lib in found:
        original = lib.read_bytes()
        data = bytearray(original)
        zeroed = slim.zero_unloaded(data)
        assert zeroed > 0 and len(data) == len(original)
        elf = slim.read_elf(data)
        assert elf is not None
        ranges = slim.unloaded_ranges(elf)
        changed = [i for i in range(0, len(data), 4096) if data[i:i + 4096] != original[i:i + 4096]]
        for block in changed:
            assert any(start - 4096 < block < end for start, end in ranges)
        for seg in elf.segments:
            if seg.type == 1:  # PT_LOAD: every byte the loader maps is unchanged
                assert data[seg.offset:seg.offset + seg.filesz] == original[seg.offset:seg.offset + seg.filesz]
        for start, end in ranges:
            assert not any(data[start:end])
        assert slim.zero_unloaded(data) == zeroed and slim.read_elf(data) == elf


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries")
def test_numpy_runs_on_its_patchelf_edited_libraries_with_symbols_zeroed(tmp_path: Path) -> None:
    """`strip` breaks numpy.libs (why PyInstaller's strip stays off); zeroing must not: numpy computes with
    the zeroed OpenBLAS preloaded in place of its own."""
    found = _libraries_with_symbols()
    if not found:
        pytest.skip("numpy.libs has no library with a symbol table here")
    preload = []
    for lib in found[0].parent.iterdir():  # all of numpy.libs: the zeroed ones find their siblings ($ORIGIN)
        data = bytearray(lib.read_bytes())
        if lib in found:
            slim.zero_unloaded(data)
            preload.append(str(tmp_path / lib.name))
        (tmp_path / lib.name).write_bytes(bytes(data))
    code = ("import json, pathlib, sys\n"
            "import numpy as np\n"
            "a = np.arange(1.0, 401.0).reshape(20, 20) / 7.0 + np.eye(20)\n"
            "maps = pathlib.Path('/proc/self/maps').read_text()\n"
            "print(json.dumps([float(np.linalg.det(a)), float((a @ a.T).sum()),\n"
            "                  sorted({l.split()[-1] for l in maps.splitlines() if sys.argv[1] in l})]))\n")
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    runs = []
    for extra in ({}, {"LD_PRELOAD": " ".join(preload)}):
        proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                              timeout=120, env={**env, **extra}, check=False)
        assert proc.returncode == 0, proc.stderr[-3000:]
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert runs[0][:2] == runs[1][:2]
    assert runs[0][2] == [] and set(preload) <= set(runs[1][2])  # numpy used the zeroed copies


def test_slim_binaries_swaps_only_libraries_with_something_to_cut(tmp_path: Path) -> None:
    plain = tmp_path / "data.bin"
    plain.write_bytes(b"not an ELF file")
    toc = [("PySide6/Qt/lib/data.so.1", str(plain), "BINARY"), ("x/y.txt", str(plain), "DATA"),
           ("libfoo.so.1", "PySide6/Qt/lib/libfoo.so.1", "SYMLINK")]
    assert slim.slim_binaries(toc, tmp_path / "out") == toc
    if ICU is None:
        return
    dest = f"PySide6/Qt/lib/{ICU.name}"
    out = slim.slim_binaries([(dest, str(ICU), "BINARY")], tmp_path / "out")
    copy = Path(out[0][1])
    assert out[0][0] == dest and out[0][2] == "BINARY" and copy.parent == tmp_path / "out"
    assert copy.read_bytes() == slim.shrink_icu_library(ICU.read_bytes())
    stamp = copy.stat().st_mtime_ns
    slim.slim_binaries([(dest, str(ICU), "BINARY")], tmp_path / "out")  # unchanged bytes: not rewritten
    assert copy.stat().st_mtime_ns == stamp


def test_icu_keep_patterns() -> None:
    for item in REQUIRED:
        assert slim.icu_keep(f"icudt73l/{item}")
    for item in ("zh.res", "zone/zh.res", "brkitr/cjdict.dict", "coll/ko.res", "coll/zhuyin.res",
                 "translit/root.res", "ibm-943_P15A-2003.cnv", "unames.icu", "coll/zh.res.bak"):
        assert not slim.icu_keep(f"icudt73l/{item}"), item
    assert all(re.compile(pattern) for pattern, _ in slim.ICU_KEEP)


def test_spec_slims_the_linux_binaries_after_stripping_the_interpreter() -> None:
    spec = (ROOT / "build" / "ogicheck.spec").read_text(encoding="utf-8")
    strip_at, slim_at = spec.index("bundle.strip_interpreter_binaries("), spec.index("slim.slim_binaries(")
    assert strip_at < slim_at
    lines = spec.splitlines()
    strip_line = next(i for i, line in enumerate(lines) if "bundle.strip_interpreter_binaries(" in line)
    assert lines[strip_line - 1].strip() == "if not WINDOWS:"  # Linux (and macOS, where nothing is ELF)


def test_icu_data_that_is_not_an_elf_package_is_left_whole(capsys: pytest.CaptureFixture[str]) -> None:
    assert slim.slimmed(b"\x7fELF\x01\x01" + bytes(100), True) is None  # 32-bit: not read
    assert slim.slimmed(b"not a library at all", True) is None
    assert "ICU data left whole" in capsys.readouterr().err
    assert slim.slimmed(b"not a library at all", False) is None
