"""Windows facts checked by simulation on Linux: a workbook held open by Excel/WPS, drive-letter, UNC and long
paths, names GBK cannot encode, console encodings, and where the app keeps its data (%APPDATA%)."""

from __future__ import annotations

import io
import ntpath
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core import atomic, console, winpath
from core.cli.main import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = sorted((ROOT / "resources" / "samples").glob("示例*"))[0]
IN_USE = "文件正被其他程序打开（例如 Excel），请关闭后重试"


# --- a workbook open in Excel or WPS --------------------------------------------------------------------------

@pytest.fixture
def excel_holds_open(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Windows behaviour: os.replace onto a file Excel has open fails with PermissionError (WinError 32)."""
    refused: list[str] = []
    real_replace = os.replace

    def replace(src: str, dst: str | os.PathLike[str]) -> None:
        if Path(dst).exists():
            refused.append(os.fspath(dst))
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", os.fspath(dst))
        real_replace(src, dst)

    monkeypatch.setattr(atomic, "WINDOWS", True)
    monkeypatch.setattr(atomic.os, "replace", replace)
    return refused


def test_export_over_an_open_workbook_keeps_the_old_file(tmp_path: Path, excel_holds_open: list[str],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "更正.xlsx"
    out.write_bytes(b"previous workbook")
    status = cli_main(["export", str(SAMPLE), "--xlsx", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert IN_USE in err and str(out) in err
    assert out.read_bytes() == b"previous workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["更正.xlsx"], "no temporary file may be left"
    assert excel_holds_open == [str(out)]


def test_the_error_carries_the_chinese_message_for_the_window(tmp_path: Path, excel_holds_open: list[str]) -> None:
    out = tmp_path / "a.txt"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(atomic.FileInUseError) as err:
        atomic.atomic_write_text(out, "new")
    assert isinstance(err.value, PermissionError)
    assert err.value.message == f"{IN_USE}：{out}"  # desktop.workers shows `message` in the 导出失败 dialog
    assert err.value.strerror == IN_USE
    assert out.read_text(encoding="utf-8") == "old"


def test_desktop_export_failure_shows_the_message(tmp_path: Path, excel_holds_open: list[str]) -> None:
    from core.api import check, load_report
    from desktop.exports import run_export

    report = load_report(SAMPLE)
    out = tmp_path / "更正.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(atomic.FileInUseError) as err:
        run_export("xlsx", report, check(report), str(out))
    assert getattr(err.value, "message", "").startswith(IN_USE)
    assert out.read_bytes() == b"old"


def test_a_new_file_and_other_systems_are_not_blamed_on_excel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             excel_holds_open: list[str]) -> None:
    new = tmp_path / "新.txt"
    atomic.atomic_write_text(new, "x")  # nothing to replace: written
    assert new.read_text(encoding="utf-8") == "x"
    monkeypatch.setattr(atomic, "WINDOWS", False)  # on Linux a PermissionError means permissions
    with pytest.raises(PermissionError) as err:
        atomic.atomic_write_text(new, "y")
    assert not isinstance(err.value, atomic.FileInUseError)


def test_batch_summary_open_in_excel(tmp_path: Path, excel_holds_open: list[str],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "年报"
    folder.mkdir()
    (folder / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "汇总.xlsx"
    assert cli_main(["batch", str(folder), "--out", str(out)]) in (0, 1)  # new file: written
    before = out.read_bytes()
    capsys.readouterr()
    assert cli_main(["batch", str(folder), "--out", str(out)]) == 2  # last year's summary still open in Excel
    assert IN_USE in capsys.readouterr().err
    assert out.read_bytes() == before


# --- drive letters, UNC shares, long paths -------------------------------------------------------------------

LONG_DIR = "\\".join(["各区县政府信息公开工作年度报告汇总材料"] * 14)


@pytest.mark.parametrize(("given", "expected"), [
    ("D:\\年报\\2024\\鹤城区.pdf", "D:\\年报\\2024\\鹤城区.pdf"),  # short: unchanged
    ("\\\\server\\share\\年报\\鹤城区.pdf", "\\\\server\\share\\年报\\鹤城区.pdf"),
    (f"D:\\{LONG_DIR}\\鹤城区.pdf", f"\\\\?\\D:\\{LONG_DIR}\\鹤城区.pdf"),
    (f"D:/{LONG_DIR}/鹤城区.pdf".replace("\\", "/"), f"\\\\?\\D:\\{LONG_DIR}\\鹤城区.pdf"),
    (f"\\\\server\\share\\{LONG_DIR}\\鹤城区.pdf", f"\\\\?\\UNC\\server\\share\\{LONG_DIR}\\鹤城区.pdf"),
    (f"\\\\?\\D:\\{LONG_DIR}\\a.pdf", f"\\\\?\\D:\\{LONG_DIR}\\a.pdf"),  # already extended
])
def test_windows_paths_in_extended_form(given: str, expected: str) -> None:
    assert winpath.extended(given, windows=True) == expected
    assert winpath.extended(given, windows=False) == given


def test_long_path_limit_and_unc_detection() -> None:
    assert len(f"D:\\{LONG_DIR}\\鹤城区.pdf") > 260 > winpath.LONG_PATH
    assert winpath.is_unc("\\\\server\\share\\年报") and winpath.is_unc("//server/share/年报")
    assert not winpath.is_unc("\\\\?\\C:\\a") and not winpath.is_unc("C:\\a")


def test_default_export_path_stays_on_the_share() -> None:
    """desktop.exports.default_path only swaps the file name, so the workbook lands next to the report."""
    src = ntpath.join("\\\\server\\share\\年报", "鹤城区2024年报告.pdf")
    folder, name = ntpath.split(src)
    assert folder == "\\\\server\\share\\年报"
    assert ntpath.splitdrive(src)[0] == "\\\\server\\share"


def test_reading_and_exporting_in_a_deep_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder path far over 260 characters, with Chinese names: read, check, export (what Windows gets via
    the extended form, Linux does natively)."""
    deep = tmp_path
    while len(str(deep)) < 320:
        deep = deep / "各区县政府信息公开年度报告"
    Path(winpath.extended(deep)).mkdir(parents=True)  # on Windows only the extended form gets that deep
    src = deep / SAMPLE.name
    Path(winpath.extended(src)).write_bytes(SAMPLE.read_bytes())
    out = deep / "更正后的工作簿.xlsx"
    assert cli_main(["export", str(src), "--xlsx", str(out)]) == 0
    assert Path(winpath.extended(out)).is_file() and len(str(out)) > 260
    capsys.readouterr()


# --- names GBK cannot encode, console and redirected output --------------------------------------------------

ODD_NAME = "鹤城区𠮷年报😀é.txt"  # 𠮷 (CJK Ext. B), an emoji and é: none exist in GBK


def test_odd_names_are_not_gbk() -> None:
    with pytest.raises(UnicodeEncodeError):
        ODD_NAME.encode("gbk")


@pytest.mark.parametrize(("windows", "is_console", "console_io", "cp", "expected"), [
    (False, True, False, None, "utf-8"),      # Linux terminal
    (False, False, False, None, "utf-8"),     # Linux redirected
    (True, False, False, 936, "utf-8"),       # Windows, > 结果.txt or a pipe: UTF-8, not the ANSI code page
    (True, True, True, 936, "utf-8"),         # Windows console through Python's console writer (UTF-16)
    (True, True, False, 936, "cp936"),        # console written as bytes (legacy stdio): GBK
    (True, True, False, 65001, "utf-8"),      # chcp 65001
    (True, True, False, None, "utf-8"),
])
def test_console_encoding_decision(windows: bool, is_console: bool, console_io: bool, cp: int | None,
                                   expected: str) -> None:
    assert console.choose_encoding(windows=windows, is_console=is_console, console_io=console_io,
                                   console_cp=cp) == expected


class _Tty(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_gbk_console_prints_odd_names_without_crashing() -> None:
    raw = io.BytesIO()
    stream = _Tty(raw, encoding="utf-8")
    assert console.configure_stream(stream, windows=True, console_cp=936) == "cp936"
    print(f"已核查：{ODD_NAME}（鹤城区）", file=stream)
    stream.flush()
    shown = raw.getvalue().decode("gbk")
    assert shown.startswith("已核查：鹤城区") and "?" in shown and "（鹤城区）" in shown


def test_redirected_output_is_utf8_on_windows() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp936")  # what Python picks for a file on a Chinese Windows
    assert console.configure_stream(stream, windows=True, console_cp=936) == "utf-8"
    print(ODD_NAME, file=stream)
    stream.flush()
    assert raw.getvalue().decode("utf-8") == ODD_NAME + "\n"


def test_check_of_an_odd_name_redirected_to_a_file(tmp_path: Path) -> None:
    src = tmp_path / ODD_NAME
    src.write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "结果.txt"
    # Python on a Chinese Windows writes redirected output in the ANSI code page (GBK): simulated here
    env = dict(os.environ, PYTHONIOENCODING="gbk", PYTHONUTF8="0")
    with out.open("wb") as fh:
        status = subprocess.run([sys.executable, "-m", "core.cli", "check", str(src)], stdout=fh,
                                stderr=subprocess.PIPE, cwd=ROOT, env=env, timeout=120).returncode
    assert status in (0, 1)
    assert ODD_NAME in out.read_bytes().decode("utf-8")


def test_double_click_detection() -> None:
    assert console.owns_console(1) is True  # only this process on the console: Explorer opened it
    assert console.owns_console(2) is False  # cmd.exe or PowerShell is attached too
    if not console.WINDOWS:
        assert console.owns_console() is False


# --- where the app keeps its data ----------------------------------------------------------------------------

def test_data_folder_is_under_appdata_and_the_readme_says_so() -> None:
    """Qt's AppDataLocation on Windows is %APPDATA%\\<organisation>\\<application>."""
    from desktop import settings

    folder = f"%APPDATA%\\{settings.ORG}\\{settings.APP}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert folder in readme
    assert "ogicheck.ini" in readme and "logs\\ogicheck.log" in readme
    iss = (ROOT / "build" / "ogicheck.iss").read_text(encoding="utf-8-sig")
    assert f"{{userappdata}}\\{settings.ORG}" in iss  # the uninstaller's note names the same folder


def test_app_data_dir_follows_qt_and_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import settings

    monkeypatch.setenv(settings.CONFIG_ENV, str(tmp_path / "cfg"))
    assert settings.app_data_dir() == tmp_path / "cfg"
    monkeypatch.delenv(settings.CONFIG_ENV)
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is None:
        pytest.skip("no Qt application in this process")
    name, org = app.applicationName(), app.organizationName()
    try:
        app.setApplicationName(settings.APP)
        app.setOrganizationName(settings.ORG)
        if os.name == "nt":  # the real fact, on the Windows CI runner
            assert settings.app_data_dir() == Path(os.environ["APPDATA"]) / settings.ORG / settings.APP
        else:
            monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
            assert settings.app_data_dir() == tmp_path / "data" / settings.ORG / settings.APP
    finally:
        app.setApplicationName(name)
        app.setOrganizationName(org)
