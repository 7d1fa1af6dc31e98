"""Packaging checks that need no build: the bundle plan behind build/ogicheck.spec (data files, Qt parts kept,
modules excluded), the spec and its hooks, icon and version resource, the build script's choices, and the
self-test that the frozen app runs (`--self-test`), here in-process. CI builds the real binary separately."""

from __future__ import annotations

import ast
import copy
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
PROJECT_PACKAGES = ("core", "desktop")


def _load(name: str) -> ModuleType:
    """A module from build/ under a private name (build/ is not a package; `build` is also a PyPI name)."""
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", BUILD / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bundle = _load("bundle")
version_info = _load("version_info")
build_script = _load("build")


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
    assert set(bundle.QT_MODULES) == {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"}


def test_self_test_imports_every_third_party_library_the_product_uses() -> None:
    from desktop import selftest

    third_party = {name.split(".")[0] for name in _all_project_imports()} - set(sys.stdlib_module_names)
    third_party -= {*PROJECT_PACKAGES, "PySide6", "shiboken6", "__future__"}
    third_party -= {m.split(".")[0] for m in bundle.OCR_MODULES} | {"numpy"}  # the optional OCR part: own check
    covered = {name.split(".")[0] for name in selftest.LIBRARIES}
    assert third_party <= covered, f"add to desktop.selftest.LIBRARIES: {sorted(third_party - covered)}"


# --- spec, hooks, icon, version ---------------------------------------------------------------------------

def test_spec_parses_and_takes_everything_from_the_plan() -> None:
    text = (BUILD / "ogicheck.spec").read_text(encoding="utf-8")
    ast.parse(text)
    for needle in ("SPECPATH", "bundle.data_files", "bundle.keep_in_bundle", "bundle.excluded_modules(",
                   "--with-ocr", "bundle.OCR_DATA_PACKAGES",
                   "bundle.ENTRY_SCRIPT", 'bundle.BUILD_DIR / "hooks"', "collect_submodules(\"core\")",
                   "collect_submodules(\"desktop\")", "--onefile", "--onedir", "version_info.vs_version_info",
                   "bundle.ICON_ICO", "upx=False"):
        assert needle in text, needle
    assert "/work" not in text and "C:\\" not in text


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
    entry = _load("ogicheck_main")
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


# --- build script and CI ------------------------------------------------------------------------------------

def test_build_requirements_are_the_runtime_dependencies_and_pyinstaller() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = build_script.build_requirements()
    assert set(project["dependencies"]) <= set(reqs)
    assert any(r.lower().startswith("pyinstaller") for r in reqs)
    assert not any(r.lower().startswith(("pytest", "hypothesis", "ruff", "mypy")) for r in reqs)


def test_pyinstaller_folders_are_outside_build_and_ignored() -> None:
    for folder in (build_script.DIST, build_script.WORK):
        assert BUILD not in folder.parents and folder != BUILD
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert "/dist-pyinstaller/" in ignored and "/work-pyinstaller/" in ignored
    exe = "ogicheck.exe" if sys.platform.startswith("win") else "ogicheck"
    assert build_script.binary_path("onefile") == build_script.DIST / "onefile" / exe
    assert build_script.binary_path("onedir") == build_script.DIST / "onedir" / "ogicheck" / exe


def test_ci_builds_and_self_tests_the_binary_after_the_tests() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    assert ci.index("tools/dev.py test") < ci.index("build/build.py --onedir --self-test")


# --- the self-test itself -------------------------------------------------------------------------------------

def test_self_test_passes_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop import selftest

    status = selftest.run()
    out = capsys.readouterr().out
    assert status == 0, out
    assert "自检通过" in out and "✗" not in out
    assert out.count("读回一致") == len(selftest.samples())


def test_self_test_comparison_names_a_changed_cell() -> None:
    from core.api import load_report
    from desktop import selftest

    original = load_report(selftest.samples()[0])
    changed = copy.deepcopy(original)
    table = changed.tables["requests"]
    row, col = next((r, c) for r, c in table.spec.cells() if table.value(r, c) is not None)
    changed.set_value("requests", row, col, (table.value(row, col) or 0) + 1)
    assert selftest.compare_reports(original, copy.deepcopy(original), "副本") == sum(
        len(t.spec.cells()) for t in original.tables.values())
    with pytest.raises(selftest.SelfTestFailure) as err:
        selftest.compare_reports(original, changed, "导出的工作簿")
    message = str(err.value)
    assert message.startswith("导出的工作簿表三")
    assert f"“{table.spec.col(col).label}”列" in message


def test_self_test_fails_when_the_samples_are_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from desktop import selftest

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert selftest.run() == 1
    assert "找不到示例报告" in capsys.readouterr().out


def test_windows_version_resource_builds() -> None:
    # PyInstaller's version-resource module imports pywin32 and pefile: it loads on Windows only
    if not sys.platform.startswith("win"):
        pytest.skip("PyInstaller's version resource classes exist on Windows only")
    pytest.importorskip("PyInstaller")
    text = str(version_info.vs_version_info("0.1.0", "ogicheck"))
    assert "filevers=(0, 1, 0, 0)" in text
    assert "年报核查" in text and "ogicheck.exe" in text and "080404B0" in text
