"""The release pipeline without building: the GitHub workflow (actionlint, and that it only calls the
repository's own commands), the Inno Setup script's behaviour-relevant content, and build.py's installer,
checksum and console-check helpers."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
ISS = ROOT / "build" / "ogicheck.iss"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_release_{name}", ROOT / "build" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build_script = _load("build")
bundle = _load("bundle")


def _actionlint() -> str:
    local = Path(sys.executable).parent / ("actionlint.exe" if sys.platform == "win32" else "actionlint")
    found = str(local) if local.exists() else shutil.which("actionlint")
    if found is None:
        pytest.skip("actionlint is not installed (pip install -e .[dev])")
    return found


def _lint(path: Path) -> subprocess.CompletedProcess[str]:
    # shellcheck and pyflakes integration off: the result must not depend on what else the machine has
    return subprocess.run([_actionlint(), "-no-color", "-shellcheck=", "-pyflakes=", str(path)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


# --- the workflow -------------------------------------------------------------------------------------------

def test_workflow_passes_actionlint() -> None:
    result = _lint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_really_checks(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runner.os == 'Windows'", "runner.oss == 1"),
                      encoding="utf-8")
    result = _lint(broken)
    assert result.returncode != 0 and "oss" in result.stdout


def test_workflow_runs_on_both_systems_with_python_311() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert re.search(r"os: \[windows-latest, ubuntu-latest\]", text)
    assert 'python-version: "3.11"' in text
    assert re.search(r"push:\s*\n\s*branches: \[\"\*\*\"\]\s*\n\s*tags: \[\"v\*\"\]", text)


def test_workflow_steps_are_the_repository_commands() -> None:
    """Every `run:` is a command the README documents (or a runner set-up step), so the pipeline is only
    orchestration and each step runs the same by hand."""
    text = WORKFLOW.read_text(encoding="utf-8")
    runs = re.findall(r"run: (?!\|)(?!>)(.+)", text)
    commands = " ".join(runs)
    for needed in ("python tools/dev.py test", "python build/build.py --onedir --self-test --zip",
                   "python build/build.py --onefile --self-test", "python tools/bench_binary.py",
                   "python build/build.py --checksums", "--installer"):
        assert needed in commands, needed
    assert text.index("tools/dev.py test") < text.index("build/build.py --onedir")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("build\\build.py --onedir --self-test --zip --installer", "build\\build.py --onefile --self-test",
                    "build\\build.py --checksums"):
        assert command in readme, command


def test_workflow_uploads_artifacts_and_releases_on_tags() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "actions/upload-artifact@v4" in text and "if-no-files-found: error" in text
    for path in ("dist-pyinstaller/onefile/*", "dist-pyinstaller/ogicheck-*", "dist-pyinstaller/SHA256SUMS.txt"):
        assert path in text
    assert "if: startsWith(github.ref, 'refs/tags/v')" in text
    assert "gh release create" in text and "contents: write" in text


# --- the installer script -----------------------------------------------------------------------------------

def _iss() -> dict[str, list[str]]:
    """Sections of the .iss file: name → its non-comment lines."""
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "ISCC reads a file without a UTF-8 BOM as ANSI: Chinese would break"
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in raw.decode("utf-8-sig").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(";"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", stripped)
        if m:
            current = m.group(1)
            sections.setdefault(current, [])
        else:
            sections[current].append(stripped)
    return sections


def _setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in _iss()["Setup"])


def test_installer_is_per_user_without_admin_rights() -> None:
    setup = _setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # no way to elevate
    assert setup["DefaultDirName"].startswith("{localappdata}\\Programs")
    registry = _iss()["Registry"]
    assert registry and all(line.startswith("Root: HKA;") for line in registry)  # HKCU when per user
    icons = _iss()["Icons"]
    assert all(line.startswith(('Name: "{autoprograms}', 'Name: "{autodesktop}')) for line in icons)


def test_installer_has_start_menu_entry_uninstaller_and_optional_desktop_icon() -> None:
    sections, setup = _iss(), _setup()
    assert setup["Uninstallable"] == "yes" and setup["UninstallDisplayIcon"] == "{app}\\{#AppExe}"
    assert any(line.startswith('Name: "{autoprograms}\\{#AppName}"; Filename: "{app}\\{#AppExe}"')
               for line in sections["Icons"])
    desktop = [line for line in sections["Icons"] if "{autodesktop}" in line]
    assert desktop and all("Tasks: desktopicon" in line for line in desktop)
    task = next(line for line in sections["Tasks"] if line.startswith('Name: "desktopicon"'))
    assert "Flags: unchecked" in task  # optional, off unless ticked
    files = sections["Files"]
    assert files == ['Source: "{#SourceDir}\\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs']


def test_installer_registers_ogiset_for_the_app() -> None:
    text = "\n".join(_iss()["Registry"])
    assert '#define ProgId "ogicheck.ogiset"' in ISS.read_text(encoding="utf-8-sig")
    assert 'Subkey: "Software\\Classes\\.ogiset"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"' in text
    command = next(line for line in _iss()["Registry"] if "shell\\open\\command" in line)
    assert 'ValueData: """{app}\\{#AppExe}"" ""%1"""' in command
    assert "uninsdeletekey" in next(line for line in _iss()["Registry"]
                                    if 'Subkey: "Software\\Classes\\{#ProgId}";' in line)
    assert _setup()["ChangesAssociations"] == "yes"


def test_installer_installs_the_one_folder_build_with_both_executables() -> None:
    text = ISS.read_text(encoding="utf-8-sig")
    assert f'#define AppExe "{bundle.APP_NAME}.exe"' in text
    assert f'#define CliExe "{bundle.CLI_NAME}.exe"' in text
    assert "#error" in text and "#ifndef AppVersion" in text  # the version must come from build.py
    assert _setup()["AppVersion"] == "{#AppVersion}"
    assert _setup()["OutputBaseFilename"] == "ogicheck-{#AppVersion}-setup"
    assert _setup()["SetupIconFile"] == "ogicheck.ico" and (ROOT / "build" / "ogicheck.ico").is_file()


def test_build_script_passes_version_and_folders_to_iscc() -> None:
    version = bundle.project_version()
    cmd = build_script.iscc_command(Path("C:/Program Files (x86)/Inno Setup 6/ISCC.exe"), version)
    assert f"/DAppVersion={version}" in cmd
    assert f"/DSourceDir={build_script.DIST / 'onedir' / 'ogicheck'}" in cmd
    assert f"/DOutputDir={build_script.DIST}" in cmd
    assert cmd[-1] == str(ISS)
    assert build_script.installer_path(version).name == f"ogicheck-{version}-setup.exe"


def test_installer_without_inno_setup_says_so(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(build_script, "find_iscc", lambda: None)
    assert build_script.build_installer() == 1
    assert "ISCC" in capsys.readouterr().err


def test_iscc_is_found_where_inno_setup_installs_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    iscc = tmp_path / "Programs" / "Inno Setup 6" / "ISCC.exe"
    iscc.parent.mkdir(parents=True)
    iscc.write_bytes(b"")
    for var in ("PROGRAMFILES(X86)", "PROGRAMFILES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    assert build_script.find_iscc() == iscc


# --- console check and checksums ----------------------------------------------------------------------------

@pytest.mark.parametrize(("summary", "error", "status"), [
    ({"error": 0, "warning": 3, "info": 1}, None, 0),
    ({"error": 2, "warning": 0, "info": 0}, None, 1),
    ({"error": 0, "warning": 0, "info": 0}, "无法读取", 2),
])
def test_expected_status_is_the_contracts(summary: dict[str, int], error: str | None, status: int) -> None:
    assert build_script.expected_status({"schema": "ogicheck/1", "error": error, "summary": summary}) == status
    with pytest.raises(ValueError):
        build_script.expected_status({"schema": "other"})


def test_seed_report_falls_back_to_a_bundled_sample(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OGICHECK_SHARED", str(tmp_path))
    assert build_script.seed_report().name.startswith("示例")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "001.txt").write_text("x", encoding="utf-8")
    assert build_script.seed_report() == tmp_path / "seeds" / "001.txt"


def test_checksums_file_is_sha256sum_format(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(build_script, "DIST", tmp_path)
    a, b = tmp_path / "ogicheck.exe", tmp_path / "ogicheck-0.1.0-setup.exe"
    a.write_bytes(b"exe")
    b.write_bytes(b"setup")
    out = build_script.write_checksums([a, b])
    assert out.read_text(encoding="utf-8") == (f"{hashlib.sha256(b'exe').hexdigest()}  ogicheck.exe\n"
                                               f"{hashlib.sha256(b'setup').hexdigest()}  ogicheck-0.1.0-setup.exe\n")


def test_release_assets_are_what_was_built(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(build_script, "DIST", tmp_path)
    version = bundle.project_version()
    exe = ".exe" if sys.platform == "win32" else ""
    (tmp_path / "onefile").mkdir()
    for name in (f"onefile/ogicheck{exe}", f"onefile/ogicheck-cli{exe}", f"ogicheck-{version}-windows.zip",
                 f"ogicheck-{version}-setup.exe"):
        (tmp_path / name).write_bytes(b"x")
    names = [p.name for p in build_script.release_assets()]
    assert names == [f"ogicheck{exe}", f"ogicheck-cli{exe}", f"ogicheck-{version}-setup.exe",
                     f"ogicheck-{version}-windows.zip"]


def test_both_executables_land_where_the_build_script_looks() -> None:
    exe = ".exe" if sys.platform == "win32" else ""
    assert build_script.CLI_NAME == bundle.CLI_NAME
    assert build_script.binary_path("onedir", bundle.CLI_NAME) == \
        build_script.DIST / "onedir" / "ogicheck" / f"ogicheck-cli{exe}"
    assert build_script.binary_path("onefile", bundle.CLI_NAME) == build_script.DIST / "onefile" / f"ogicheck-cli{exe}"
    spec = (ROOT / "build" / "ogicheck.spec").read_text(encoding="utf-8")
    assert "(bundle.CLI_NAME, True)" in spec and "COLLECT(" in spec and "*exes" in spec
