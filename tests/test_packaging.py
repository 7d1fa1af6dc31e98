"""Packaging checks that need no build: the bundle plan behind build/ogicheck.spec (data files, Qt parts kept,
modules excluded), the spec and its hooks, icon and version resource, the build script's choices, and the
self-test that the frozen app runs (`--self-test`), here in-process. CI builds the real binary separately."""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from types import ModuleType

import pytest
from packaging_support import BUILD, ROOT, load_build_module

PROJECT_PACKAGES = ("core", "desktop")


bundle = load_build_module("bundle")
version_info = load_build_module("version_info")


def _project_sources() -> list[Path]:
    files = [p for pkg in PROJECT_PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    return [*files, bundle.ENTRY_SCRIPT]


def _imported_modules(path: Path) -> set[str]:
    """Absolute module names imported anywhere in a file (top level and inside functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _all_project_imports() -> dict[str, set[Path]]:
    found: dict[str, set[Path]] = {}
    for path in _project_sources():
        for name in _imported_modules(path):
            found.setdefault(name, set()).add(path)
    return found


def _qt_translations_dir() -> Path:
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


# --- data files ---------------------------------------------------------------------------------------------

def test_every_resource_file_is_shipped_under_resources() -> None:
    shipped = {(Path(src).relative_to(ROOT).as_posix(), dest) for src, dest in bundle.resource_files()}
    expected = {(p.relative_to(ROOT).as_posix(), p.parent.relative_to(ROOT).as_posix())
                for p in (ROOT / "resources").rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")}
    assert shipped == expected
    names = {Path(src).name for src, _ in bundle.resource_files()}
    assert any(n.startswith("示例") for n in names), "the self-test needs a bundled sample"
    assert "app.svg" in names
    for src, dest in bundle.resource_files():
        assert bundle.keep_in_bundle(f"{dest}/{Path(src).name}"), src


def test_sample_reports_are_where_the_self_test_looks() -> None:
    from desktop import selftest

    samples = selftest.samples()
    assert samples and all(p.name.startswith("示例") for p in samples)
    assert selftest.resource_dir() == ROOT / "resources"


def test_frozen_resource_dir_agrees_with_the_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from desktop import assets, selftest

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert selftest.resource_dir() == assets.resource_dir() == tmp_path / "resources"


def test_qt_translation_is_the_one_the_app_loads() -> None:
    from desktop import selftest

    app_source = (ROOT / "desktop" / "app.py").read_text(encoding="utf-8")
    assert f"{selftest.QT_TRANSLATION}.qm" in bundle.QT_TRANSLATIONS
    assert f'"{selftest.QT_TRANSLATION}"' in app_source
    files = bundle.qt_translation_files(_qt_translations_dir(), "PySide6/Qt")
    assert [(Path(src).name, dest) for src, dest in files] == [("qtbase_zh_CN.qm", "PySide6/Qt/translations")]
    assert all(Path(src).is_file() for src, _ in files)
    assert bundle.keep_in_bundle("PySide6/Qt/translations/qtbase_zh_CN.qm")


def test_data_files_are_resources_plus_translations() -> None:
    datas = bundle.data_files(_qt_translations_dir(), "PySide6")
    assert datas == bundle.resource_files() + bundle.qt_translation_files(_qt_translations_dir(), "PySide6")


def test_missing_translation_fails_the_build(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        bundle.qt_translation_files(tmp_path, "PySide6")


# --- what is kept and dropped -------------------------------------------------------------------------------

@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/plugins/platforms/qoffscreen.dll",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/plugins/printsupport/windowsprintersupport.dll",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/plugins/imageformats/qjpeg.dll",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/lib/libicuuc.so.73",
    "PySide6/Qt/lib/libicudata.so.73",
    "PySide6/Qt6PrintSupport.dll",
    "PySide6/Qt6Svg.dll",
    "pdfminer/cmap/UniGB-UCS2-H.json.gz",
    "pdfminer/cmap/UniCNS-UTF16-H.json.gz",
    "pdfminer/cmap/GBK-EUC-H.json.gz",
    "pdfminer/cmap/to-unicode-Adobe-GB1.json.gz",
    "opencc/dictionary/TSPhrases.txt",
    "opencc/dictionary/TSCharacters.txt",
    "resources/fonts/DroidSansFallbackFull.ttf",
])
def test_needed_parts_are_kept(dest: str) -> None:
    assert bundle.keep_in_bundle(dest)
    assert bundle.keep_in_bundle(dest.replace("/", "\\"))


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/translations/qt_help_zh_CN.qm",
    "PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/plugins/imageformats/qwebp.dll",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/opengl32sw.dll",
    "icuuc.dll",
    "icuin73.dll",
    "icudt73.dll",
    "pdfminer/cmap/UniJIS-UCS2-H.json.gz",
    "pdfminer/cmap/KSCms-UHC-H.json.gz",
    "pdfminer/cmap/H.json.gz",
    "pdfminer/cmap/to-unicode-Adobe-Japan1.json.gz",
    "opencc/dictionary/STPhrases.txt",
    "pandas/tests/frame/test_api.py",
])
def test_unneeded_parts_are_dropped(dest: str) -> None:
    assert not bundle.keep_in_bundle(dest)


def test_svg_support_is_kept_when_icons_are_svg() -> None:
    suffixes = {p.suffix for p in (ROOT / "resources" / "icons").glob("*")}
    if ".svg" in suffixes:
        assert bundle.keep_in_bundle("PySide6/Qt/plugins/iconengines/libqsvgicon.so")
        assert bundle.keep_in_bundle("PySide6/plugins/imageformats/qsvg.dll")
        assert "PySide6.QtSvg" not in _all_project_imports() or "PySide6.QtSvg" not in bundle.EXCLUDED_MODULES


def test_project_code_imports_no_excluded_module() -> None:
    imports = _all_project_imports()
    clashes = sorted(
        f"{name} ({', '.join(sorted(p.relative_to(ROOT).as_posix() for p in paths))})"
        for name, paths in imports.items()
        for excluded in bundle.EXCLUDED_MODULES
        if name == excluded or name.startswith(excluded + ".")
    )
    assert not clashes, f"modules excluded from the bundle but imported by the product: {clashes}"


_BLOCKED_IMPORTS = """
import importlib.abc, sys
excluded = tuple(sys.argv[1].split(","))
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name in excluded or name.startswith(tuple(e + "." for e in excluded)):
            raise ImportError(f"excluded from the bundle: {name}")
        return None
sys.meta_path.insert(0, Block())
import importlib
from desktop import selftest
for name in selftest.LIBRARIES:
    importlib.import_module(name)
import lxml.html
assert lxml.html.document_fromstring("<p>表一</p>").text_content() == "表一"
from core.readers import read_source
from core.extract import extract
report = extract(read_source(sys.argv[2]))
assert report.tables and report.report_year, sys.argv[2]
print("ok")
"""


def test_the_libraries_work_with_every_excluded_module_missing() -> None:
    """What the frozen app has: every library the product uses imports, and a report reads, while each module of
    EXCLUDED_MODULES is refused (PyInstaller leaves them out of the bundle)."""
    import subprocess

    sample = next((ROOT / "resources" / "samples").glob("*.txt"))
    blocked = ",".join(bundle.EXCLUDED_MODULES)
    result = subprocess.run([sys.executable, "-c", _BLOCKED_IMPORTS, blocked, str(sample)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]
    assert {"lxml.html.diff", "lxml.sax", "lxml.builder"} <= set(bundle.EXCLUDED_MODULES)


def test_only_the_ocr_modules_import_the_optional_ocr_part() -> None:
    # the default bundle leaves the OCR part out: only these modules may import it, and only lazily
    imports = _all_project_imports()
    users = {p.relative_to(ROOT).as_posix() for name, paths in imports.items() for p in paths
             if any(name == m or name.startswith(m + ".") for m in bundle.OCR_MODULES)}
    assert users and users <= set(bundle.OCR_PROJECT_MODULES), users
    for rel in bundle.OCR_PROJECT_MODULES:
        top = [n for n in ast.parse((ROOT / rel).read_text(encoding="utf-8")).body
               if isinstance(n, ast.Import | ast.ImportFrom)]
        names = {a.name for n in top if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in top if isinstance(n, ast.ImportFrom)}
        assert not [n for n in names for m in bundle.OCR_MODULES if n == m or n.startswith(m + ".")], rel
    assert set(bundle.OCR_MODULES) <= set(bundle.excluded_modules())
    assert not set(bundle.OCR_MODULES) & set(bundle.excluded_modules(with_ocr=True))


def test_only_the_declared_qt_modules_are_used() -> None:
    used = {name.split(".")[1] for name in _all_project_imports()
            if name.startswith("PySide6.") and name.split(".")[1].startswith("Qt")}
    assert used <= set(bundle.QT_MODULES), f"Qt modules used but not declared in bundle.QT_MODULES: {used}"
    assert set(bundle.QT_MODULES) == {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtNetwork"}


def test_self_test_imports_every_third_party_library_the_product_uses() -> None:
    from desktop import selftest

    third_party = {name.split(".")[0] for name in _all_project_imports()} - set(sys.stdlib_module_names)
    third_party -= {*PROJECT_PACKAGES, "PySide6", "shiboken6", "__future__"}
    third_party -= {m.split(".")[0] for m in bundle.OCR_MODULES} | {"numpy"}  # the optional OCR part: own check
    covered = {name.split(".")[0] for name in selftest.LIBRARIES}
    assert third_party <= covered, f"add to desktop.selftest.LIBRARIES: {sorted(third_party - covered)}"


# --- spec, hooks, icon, version ---------------------------------------------------------------------------

class _Recorder:
    """Stands in for PyInstaller's build targets while the spec runs: records what each was given."""

    def __init__(self, calls: list[tuple[str, tuple, dict]], kind: str) -> None:
        self.calls, self.kind = calls, kind

    def __call__(self, *args: object, **kwargs: object) -> object:
        self.calls.append((self.kind, args, kwargs))
        if self.kind == "Analysis":
            return _Analysis()
        return (self.kind, kwargs.get("name"))


class _Analysis:
    def __init__(self) -> None:
        self.scripts, self.pure = ["script"], ["pure"]
        # one part the plan keeps and one it drops, to see the spec filter through bundle.keep_in_bundle
        self.binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "src", "BINARY"),
                         ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", "src", "BINARY"),
                         # one that the one-file exe packs, to be unpacked on first import (build/lazy.py)
                         ("numpy.libs/libscipy_openblas64_.so", __file__, "BINARY")]
        self.datas = [("PySide6/Qt/translations/qtbase_zh_CN.qm", "src", "DATA"),
                      ("PySide6/Qt/translations/qtbase_de.qm", "src", "DATA")]


def _run_spec(mode: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
              *extra: str) -> list[tuple[str, tuple, dict]]:
    """Execute build/ogicheck.spec as PyInstaller would, with its targets recorded instead of built."""
    hooks, qt = ModuleType("PyInstaller.utils.hooks"), ModuleType("PyInstaller.utils.hooks.qt")
    hooks.collect_submodules = lambda pkg: [f"{pkg}.stub"]  # type: ignore[attr-defined]
    hooks.collect_data_files = lambda pkg: [(f"{pkg}/models/stub.onnx", pkg)]  # type: ignore[attr-defined]
    qt.pyside6_library_info = type("Info", (), {"qt_rel_dir": "PySide6/Qt"})()  # type: ignore[attr-defined]
    for name, module in (("PyInstaller", ModuleType("PyInstaller")), ("PyInstaller.utils", ModuleType("u")),
                         ("PyInstaller.utils.hooks", hooks), ("PyInstaller.utils.hooks.qt", qt)):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setitem(sys.modules, "bundle", bundle)
    monkeypatch.setitem(sys.modules, "version_info", version_info)
    monkeypatch.setattr(sys, "argv", ["ogicheck.spec", mode, *extra])
    monkeypatch.setattr(bundle, "strip_interpreter_binaries", lambda binaries, *_: binaries)
    calls: list[tuple[str, tuple, dict]] = []
    namespace = {name: _Recorder(calls, name) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}
    namespace.update(SPECPATH=str(BUILD), workpath=str(tmp_path), __file__=str(BUILD / "ogicheck.spec"))
    text = (BUILD / "ogicheck.spec").read_text(encoding="utf-8")
    exec(compile(text, "ogicheck.spec", "exec"), namespace)  # our own build spec
    return calls


@pytest.mark.parametrize("mode", ["--onedir", "--onefile"])
def test_spec_builds_both_executables_from_the_plan(mode: str, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    calls = _run_spec(mode, monkeypatch, tmp_path)
    kind, args, analysis = calls[0]
    assert kind == "Analysis" and args[0] == [str(bundle.ENTRY_SCRIPT)]
    assert list(analysis["excludes"]) == list(bundle.excluded_modules())
    assert analysis["hookspath"] == [str(BUILD / "hooks")]
    assert {"core.stub", "desktop.stub"} <= set(analysis["hiddenimports"])
    from PySide6.QtCore import QLibraryInfo

    translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert analysis["datas"] == bundle.data_files(translations_dir=translations, qt_rel_dir="PySide6/Qt")
    exes = [kw for k, _, kw in calls if k == "EXE"]
    assert [e["name"] for e in exes] == [bundle.APP_NAME, bundle.CLI_NAME]
    assert all(e["upx"] is False and e["strip"] is False for e in exes)
    assert exes[1]["console"] is True  # the command line always has a console
    if mode == "--onefile":
        assert not any(k == "COLLECT" for k, _, _ in calls)
        onefile_args = [args for k, args, _ in calls if k == "EXE"][0]
        kept = [entry[0] for entry in onefile_args[2]]
        assert kept == ["PySide6/Qt/lib/libQt6Core.so.6"]  # filtered through bundle.keep_in_bundle; numpy packed
        assert [entry[0] for entry in onefile_args[3]] == ["PySide6/Qt/translations/qtbase_zh_CN.qm",
                                                           "_lazy/numpy.zip", "_lazy/index.json"]
        assert analysis["runtime_hooks"] == [str(BUILD / "rthooks" / "pyi_rth_ogicheck_unpack.py")]
    else:
        (collect,) = [(args, kw) for k, args, kw in calls if k == "COLLECT"]
        assert collect[1]["name"] == bundle.APP_NAME and collect[1]["upx"] is False
        assert [a for a in collect[0] if isinstance(a, tuple)] == [("EXE", bundle.APP_NAME), ("EXE", bundle.CLI_NAME)]
        assert all(e["exclude_binaries"] is True for e in exes)


def test_spec_with_ocr_keeps_the_ocr_part_and_its_models(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    analysis = _run_spec("--onedir", monkeypatch, tmp_path, "--with-ocr")[0][2]
    assert list(analysis["excludes"]) == list(bundle.excluded_modules(True))
    assert not set(bundle.OCR_MODULES) & set(analysis["excludes"])
    assert {f"{pkg}/models/stub.onnx" for pkg in bundle.OCR_DATA_PACKAGES} <= {src for src, _ in analysis["datas"]}


def test_every_used_qt_module_has_a_filtering_hook() -> None:
    for module in bundle.QT_MODULES:
        hook = BUILD / "hooks" / f"hook-PySide6.{module}.py"
        assert "filtered_qt_dependencies(__file__)" in hook.read_text(encoding="utf-8"), hook


def test_entry_script_runs_the_desktop_main() -> None:
    assert "from desktop.app import main" in bundle.ENTRY_SCRIPT.read_text(encoding="utf-8")
    from desktop import app

    assert callable(app.main)


def test_entry_script_tells_the_two_executables_apart(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    entry = load_build_module("ogicheck_main")
    assert bundle.CLI_NAME.endswith(entry.CLI_SUFFIX) and not bundle.APP_NAME.endswith(entry.CLI_SUFFIX)
    for name in ("ogicheck-cli.exe", "C:\\年报核查\\OGICHECK-CLI.EXE", "/opt/ogicheck/ogicheck-cli"):
        assert entry.is_cli(name.replace("\\", "/")), name
    for name in ("ogicheck.exe", "/opt/ogicheck/ogicheck", "python3"):
        assert not entry.is_cli(name), name
    sample = sorted((ROOT / "resources" / "samples").glob("示例*"))[0]
    monkeypatch.setattr(sys, "executable", "/opt/ogicheck/ogicheck-cli")
    monkeypatch.setattr(sys, "argv", ["ogicheck-cli", "check", str(sample), "--json"])
    status = entry.main()
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "ogicheck/1"
    assert status == (1 if data["summary"]["error"] else 0)
    monkeypatch.setattr(sys, "argv", ["ogicheck-cli"])
    assert entry.main() == 0
    assert "check" in capsys.readouterr().out  # usage, not the window


def test_icon_has_small_and_large_frames() -> None:
    from PIL import Image

    with Image.open(bundle.ICON_ICO) as ico:
        sizes = ico.info["sizes"]
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(sizes)
    with Image.open(bundle.ICON_PNG) as png:
        assert png.size == (256, 256) and png.mode == "RGBA"


def test_version_resource_follows_pyproject() -> None:
    assert version_info.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert version_info.version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    assert version_info.version_tuple("2") == (2, 0, 0, 0)
    version = bundle.project_version()
    table = version_info.string_table(version, bundle.APP_NAME)
    assert table["ProductVersion"] == table["FileVersion"] == version
    assert table["OriginalFilename"] == "ogicheck.exe"
    assert "年报核查" in table["ProductName"]
