"""Packaging checks of the build script, CI and the frozen app's self-test that need no build: what build.py
installs and where it builds, that CI builds and self-tests both binaries after the tests, the checks the
self-test runs on a built binary (a batch, a folder opened in the window), and the self-test itself, here
in-process."""

from __future__ import annotations

import ast
import copy
import importlib.util
import sys
from pathlib import Path

import pytest
from packaging_support import BUILD, ROOT, load_build_module

bundle = load_build_module("bundle")
version_info = load_build_module("version_info")
build_script = load_build_module("build")


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
    assert ci.index("tools/dev.py test") < ci.index("build/build.py --onefile --self-test")
    assert ci.index("tools/dev.py test") < ci.index("build/build.py --onedir --self-test")


def test_frozen_entry_runs_multiprocessing_helpers_before_the_app() -> None:
    """The batch's and the window's process pools start workers (and the fork server, the resource tracker) from
    the exe itself: the entry must hand those over to multiprocessing before running the app (a frozen app
    otherwise runs the CLI or opens a window with the pool's arguments; the window's folder load then hung).
    build.py's self-test proves it on the built binaries (run_cli_batch, run_window_folder_check)."""
    tree = ast.parse(bundle.ENTRY_SCRIPT.read_text(encoding="utf-8"))
    (guard,) = [n for n in tree.body if isinstance(n, ast.If) and "__main__" in ast.unparse(n.test)]
    calls = [ast.unparse(n.func) for n in ast.walk(guard) if isinstance(n, ast.Call)]
    assert calls.index("multiprocessing.freeze_support") < calls.index("main")
    assert build_script.self_test_all.__doc__ and "folder" in build_script.self_test_all.__doc__
    source = Path(build_script.__file__).read_text(encoding="utf-8")
    body = source[source.index("def self_test_all"):source.index("def find_iscc")]
    assert "run_cli_batch(cli)" in body and "run_window_folder_check(gui)" in body


def test_build_batch_check_reads_a_real_batch_workbook(tmp_path: Path) -> None:
    from core.batch.result import SUMMARY_SHEET

    assert build_script.SUMMARY_SHEET == SUMMARY_SHEET
    status = build_script.run_cli_batch(Path("ogicheck-cli"), command=[sys.executable, "-m", "core.cli"])
    assert status == 0
    src = tmp_path / "in"
    src.mkdir()
    for report in build_script.batch_reports()[:2]:
        (src / report.name).write_bytes(report.read_bytes())
    import subprocess

    subprocess.run([sys.executable, "-m", "core.cli", "batch", str(src), "--out", str(tmp_path / "o.xlsx")],
                   cwd=ROOT, capture_output=True, check=False)
    assert build_script.workbook_rows(tmp_path / "o.xlsx", SUMMARY_SHEET) == 3
    with pytest.raises(ValueError, match="没有"):
        build_script.workbook_rows(tmp_path / "o.xlsx", "不存在的表")


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


def test_bundle_sizes_lists_the_largest_files_with_their_reasons(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("_packaging_bundle_sizes", ROOT / "tools" / "bundle_sizes.py")
    assert spec and spec.loader
    sizes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sizes)
    for rel, size in (("_internal/PySide6/Qt/lib/libicudata.so.73", 30), ("ogicheck", 20),
                      ("_internal/cryptography/hazmat/bindings/_rust.abi3.so", 10), ("_internal/mystery.so", 5)):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x" * size)
    rows, total = sizes.largest(tmp_path, 3)
    assert [rel for _, rel in rows] == ["_internal/PySide6/Qt/lib/libicudata.so.73", "ogicheck",
                                        "_internal/cryptography/hazmat/bindings/_rust.abi3.so"]
    assert total == 65
    assert all(sizes.reason(rel) != "?" for _, rel in rows)
    assert sizes.reason("_internal/mystery.so") == "?"
