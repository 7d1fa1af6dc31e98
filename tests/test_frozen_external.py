"""LibreOffice started from the built app gets this computer's library search path, not the bundle's: the
bootloader points LD_LIBRARY_PATH (and on Windows the DLL folder) into the app's folder, which a child process
inherits, so a system LibreOffice would load the app's libz, expat, ICU and Qt plugins (core/readers/convert.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.readers import convert
from core.readers.office import read_zip_office


def _frozen(monkeypatch: pytest.MonkeyPatch, bundle: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)


def test_from_source_the_environment_is_left_alone(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert convert.external_env({"LD_LIBRARY_PATH": "/x"}) is None


def test_frozen_environment_restored_for_external_programs(tmp_path, monkeypatch):
    bundle = tmp_path / "_MEI12345"
    _frozen(monkeypatch, bundle)
    env = convert.external_env({
        "LD_LIBRARY_PATH": f"{bundle}{os.pathsep}/opt/lib", "LD_LIBRARY_PATH_ORIG": "/opt/lib",
        "QT_PLUGIN_PATH": str(bundle / "PySide6" / "Qt" / "plugins"), "_PYI_APPLICATION_HOME_DIR": str(bundle),
        "PATH": f"{bundle}{os.pathsep}/usr/bin", "HOME": str(tmp_path), "OTHER": str(tmp_path / "_MEI123456"),
    })
    assert env == {"LD_LIBRARY_PATH": "/opt/lib", "PATH": "/usr/bin", "HOME": str(tmp_path),
                   "OTHER": str(tmp_path / "_MEI123456")}
    # no library path before the app started: none for the program either
    assert convert.external_env({"LD_LIBRARY_PATH": str(bundle), "HOME": "/h"}) == {"HOME": "/h"}


@pytest.mark.skipif(sys.platform == "win32", reason="stand-in soffice is a POSIX script")
def test_frozen_app_starts_libreoffice_without_its_library_path(tmp_path, monkeypatch):
    bundle = tmp_path / "_MEI12345"
    bundle.mkdir()
    _frozen(monkeypatch, bundle)
    dump = tmp_path / "env.txt"
    bindir = tmp_path / "bin"
    bindir.mkdir()
    script = bindir / "soffice"
    script.write_text(f"#!/bin/sh\nenv > '{dump}'\nexit 1\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(bundle))
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    monkeypatch.setenv("QT_PLUGIN_PATH", str(bundle / "plugins"))
    odt = tmp_path / "report.odt"
    import zipfile

    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    with pytest.raises(Exception, match="LibreOffice"):
        read_zip_office(str(odt), odt.read_bytes())
    seen = dump.read_text(encoding="utf-8")
    assert str(bundle) not in seen and "LD_LIBRARY_PATH=" not in seen


def test_windows_build_lifts_its_dll_folder_while_libreoffice_starts(tmp_path, monkeypatch):
    bundle = tmp_path / "_MEI12345"
    _frozen(monkeypatch, bundle)
    monkeypatch.setattr(convert.sys, "platform", "win32")
    calls: list[object] = []

    class Kernel32:
        def SetDllDirectoryW(self, path: str | None) -> int:  # noqa: N802 - the Windows name
            calls.append(("dll", path))
            return 1

    import ctypes

    monkeypatch.setattr(ctypes, "WinDLL", lambda *a, **k: Kernel32(), raising=False)
    real_popen = subprocess.Popen

    def popen(cmd, **kwargs):  # type: ignore[no-untyped-def]
        calls.append("start")
        kwargs.pop("env", None)
        return real_popen([sys.executable, "-c", "pass"], **kwargs)

    monkeypatch.setattr(convert.subprocess, "Popen", popen)
    convert.run_external(["soffice"], timeout=60)
    assert calls == [("dll", None), "start", ("dll", str(bundle))]


def test_a_program_that_hangs_is_killed(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    with pytest.raises(subprocess.TimeoutExpired):
        convert.run_external([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)


def _build_script():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("_frozen_build", Path(__file__).resolve().parent.parent / "build"
                                                  / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(sys.platform == "win32", reason="the build's check is POSIX only")
def test_build_check_tells_a_leaked_library_path(monkeypatch):
    """build.py's self-test check passes on a clean start of LibreOffice and fails when it gets the bundle's path
    (here the source CLI started with a library path into a made-up bundle folder, which it keeps)."""
    build = _build_script()
    source_cli = [sys.executable, "-m", "core.cli"]
    assert build.run_cli_libreoffice_check(Path("ogicheck-cli"), command=source_cli) == 0
    leaking = ["env", f"LD_LIBRARY_PATH={os.sep}tmp{os.sep}_MEI999", *source_cli]
    assert build.run_cli_libreoffice_check(Path("ogicheck-cli"), command=leaking) == 1
    body = Path(build.__file__).read_text(encoding="utf-8")
    checks = body[body.index("def self_test_all"):body.index("def find_iscc")]
    assert "run_cli_libreoffice_check(cli)" in checks and "run_window_pair_check(gui)" in checks
