"""Builds the double-clickable app with PyInstaller, on Windows (the officers' exe) and on Linux (CI).

    python build/build.py --onefile|--onedir [--self-test] [--zip] [--installer] [--checksums] [--python PY] [--clean]
    python build/build.py --checksums          (only the checksums of what earlier runs built)

Each build makes two executables from one analysis: `ogicheck` (the window; windowed on Windows) and
`ogicheck-cli` (the command line: check / export / batch; console), in one folder sharing its files (onedir)
or as two single files (onefile).

Without --python it creates (once) and uses `.venv-build` next to pyproject.toml, made from the Python that
runs this script and holding only the app's runtime dependencies and PyInstaller (the `build` extra), so the
bundle cannot pick up test tools. PyInstaller's own folders go outside build/:
`dist-pyinstaller/<mode>/` (the result) and `work-pyinstaller/<mode>/` (its cache).
With --self-test both built executables run `--self-test` (headless), the window's is started on a bundled
sample until its window is shown (offscreen), and the console one checks a seed report (`check --json`, output
redirected to a file: it must be UTF-8 JSON and the exit status the contract's); the exit status says whether
all passed. --installer (Windows, one-folder) compiles build/ogicheck.iss with Inno Setup's ISCC; --checksums
writes SHA256SUMS.txt of the release assets in dist-pyinstaller/. The GitHub workflow
(.github/workflows/release.yml) only calls this script.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import venv
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "ogicheck.spec"
APP_NAME = "ogicheck"
CLI_NAME = "ogicheck-cli"
ISS = HERE / "ogicheck.iss"
DIST = ROOT / "dist-pyinstaller"
WORK = ROOT / "work-pyinstaller"
BUILD_VENV = ROOT / ".venv-build"
WINDOWS = os.name == "nt"
SUMMARY_SHEET = "批量核查汇总"  # core.batch.result.SUMMARY_SHEET (this script runs without the project's packages)


def _venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if WINDOWS else "bin/python")


WITH_OCR = False  # set by --with-ocr: the ogicheck-ocr flavour, built into its own folders


def use_ocr_flavour() -> None:
    """Build the flavour that carries the OCR part (bundle.OCR_MODULES) into dist-pyinstaller-ocr/."""
    global WITH_OCR, DIST, WORK, BUILD_VENV
    WITH_OCR = True
    DIST, WORK, BUILD_VENV = ROOT / "dist-pyinstaller-ocr", ROOT / "work-pyinstaller-ocr", ROOT / ".venv-build-ocr"


def build_requirements() -> list[str]:
    """The app's runtime dependencies and the `build` extra (and `ocr` for that flavour), from pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return [*project["dependencies"], *extras["build"], *(extras["ocr"] if WITH_OCR else [])]


def ensure_build_venv(env: Path | None = None) -> Path:
    """Create `.venv-build` if needed and (re)install the requirements when they changed; return its python."""
    env = env or BUILD_VENV
    py = _venv_python(env)
    if not py.exists():
        print(f"创建构建用虚拟环境 {env.name} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(env)
    reqs = build_requirements()
    want = hashlib.sha256(json.dumps([sys.version, reqs]).encode()).hexdigest()
    stamp = env / ".installed"
    if not stamp.exists() or stamp.read_text() != want:
        print(f"安装构建依赖到 {env.name} …", flush=True)
        pip = [str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.check_call([*pip, "--upgrade", "pip"])
        subprocess.check_call([*pip, *reqs])
        stamp.write_text(want)
    return py


def binary_path(mode: str, name: str = APP_NAME) -> Path:
    """Where an executable of a build lands (mode: "onefile" or "onedir"; name: APP_NAME or CLI_NAME)."""
    exe = name + (".exe" if WINDOWS else "")
    return DIST / mode / exe if mode == "onefile" else DIST / mode / APP_NAME / exe


def bundle_size(mode: str) -> int:
    """Bytes on disk of what is handed out: the one file, or the whole one-folder tree."""
    if mode == "onefile":
        return binary_path(mode).stat().st_size  # the window's exe; the console one is the same size
    files = (p for p in (DIST / mode / APP_NAME).rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files)


def build(mode: str, python: Path, clean: bool = False) -> Path:
    cmd = [str(python), "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
           "--distpath", str(DIST / mode), "--workpath", str(WORK / mode)]
    if clean:
        cmd.append("--clean")
    cmd += ["--", f"--{mode}", *(["--with-ocr"] if WITH_OCR else [])]
    print(f"构建（{mode}）：{' '.join(cmd)}", flush=True)
    started = time.perf_counter()
    # zlib level 9 also for the PYZ of Python modules (PyInstaller's default there is 6; the rest is 9)
    env = dict(os.environ, PYINSTALLER_ZLIB_COMPRESSION_LEVEL="9")
    subprocess.check_call(cmd, cwd=ROOT, env=env)
    exe = binary_path(mode)
    for path in (exe, binary_path(mode, CLI_NAME)):
        if not path.is_file():
            raise SystemExit(f"构建结束但找不到可执行文件：{path}")
    print(f"完成：{exe}（{bundle_size(mode) / 1e6:.1f} MB，用时 {time.perf_counter() - started:.0f} 秒）",
          flush=True)
    return exe


def project_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def zip_onedir() -> Path:
    """The one-folder build's ogicheck/ folder as dist-pyinstaller/ogicheck-<version>-windows.zip, or on Linux
    as a .tar.gz (tar keeps the bundle's symlinks; zip would store every linked Qt library twice)."""
    import shutil

    system = "windows" if WINDOWS else sys.platform
    base = DIST / f"{APP_NAME}-{project_version()}-{system}"
    archive = Path(shutil.make_archive(str(base), "zip" if WINDOWS else "gztar", root_dir=DIST / "onedir",
                                       base_dir=APP_NAME))
    print(f"打包：{archive}（{archive.stat().st_size / 1e6:.1f} MB）", flush=True)
    return archive


def run_self_test(exe: Path, timeout: float = 600) -> int:
    """Run the built binary's --self-test without a display; its exit status is the result."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"自检：{exe} --self-test", flush=True)
    try:
        return subprocess.run([str(exe), "--self-test"], env=env, timeout=timeout, cwd=exe.parent).returncode
    except subprocess.TimeoutExpired:
        print(f"自检超时（{timeout:.0f} 秒）。", file=sys.stderr)
        return 1


def run_window_check(exe: Path, timeout: float = 120, folder: Path | None = None, reports: int = 1) -> int:
    """Start the built app on a bundled sample as if the report were dropped on its icon (or on a folder of
    `reports` reports, which the window reads on its process pool); it must show its window with every report
    loaded and quit by itself (OGICHECK_QUIT_AFTER_MS, desktop/app.py)."""
    target = folder or sorted((ROOT / "resources" / "samples").glob("示例*"))[0]
    with tempfile.TemporaryDirectory(prefix="ogicheck-build-") as home:
        env = dict(os.environ, OGICHECK_QUIT_AFTER_MS="0", OGICHECK_CONFIG_DIR=home, HOME=home,
                   XDG_CONFIG_HOME=home, APPDATA=home, LOCALAPPDATA=home, PYTHONIOENCODING="utf-8")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(f"窗口检查：{exe} {target.name}", flush=True)
        try:
            proc = subprocess.run([str(exe), str(target)], env=env, timeout=timeout, cwd=home,
                                  capture_output=True)
        except subprocess.TimeoutExpired:
            print(f"窗口检查超时（{timeout:.0f} 秒）。", file=sys.stderr)
            return 1
    out = proc.stdout.decode("utf-8", "replace")
    print(out.strip(), flush=True)
    if WINDOWS and not out:  # Windows' windowed exe has no stdout to print to: its exit status says it all
        return proc.returncode
    loaded = len(re.findall(r"^已打开：.*｜ready｜", out, flags=re.MULTILINE))
    if proc.returncode != 0 or "可见=True" not in out or loaded != reports:
        print(f"窗口检查失败：退出码 {proc.returncode}，读完 {loaded} 份（应为 {reports}）", file=sys.stderr)
        print(proc.stderr.decode("utf-8", "replace")[-3000:], file=sys.stderr)
        return proc.returncode or 1
    return 0


def run_window_folder_check(exe: Path, timeout: float = 120) -> int:
    """The window opens a folder of reports (more than a few: read on its process pool, workers started from
    the exe itself)."""
    reports = batch_reports()
    with tempfile.TemporaryDirectory(prefix="ogicheck-set-") as folder:
        for report in reports:
            shutil.copy2(report, Path(folder) / report.name)
        distinct = len({hashlib.sha256(r.read_bytes()).digest() for r in reports})  # a copy is opened once
        return run_window_check(exe, timeout, Path(folder), distinct)


def run_window_pair_check(exe: Path, timeout: float = 120) -> int:
    """Two starts at once, each with a sample (what opening two reports together from Explorer does): one opens the
    window with both reports, the other hands its file over and exits (desktop/single_instance.py start_lock)."""
    samples = sorted((ROOT / "resources" / "samples").glob("示例*"))[:2]
    with tempfile.TemporaryDirectory(prefix="ogicheck-pair-") as home:
        env = dict(os.environ, OGICHECK_QUIT_AFTER_MS="5000", OGICHECK_CONFIG_DIR=home, HOME=home,
                   XDG_CONFIG_HOME=home, APPDATA=home, LOCALAPPDATA=home, PYTHONIOENCODING="utf-8")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(f"窗口同时启动两次：{exe} {' / '.join(s.name for s in samples)}", flush=True)
        starts = [subprocess.Popen([str(exe), str(sample)], env=env, cwd=home, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE) for sample in samples]
        try:
            outs = [proc.communicate(timeout=timeout) for proc in starts]
        except subprocess.TimeoutExpired:
            for proc in starts:
                proc.kill()
            print(f"窗口同时启动检查超时（{timeout:.0f} 秒）。", file=sys.stderr)
            return 1
    texts = [out.decode("utf-8", "replace") for out, _ in outs]
    if WINDOWS and not any(texts):  # the windowed exe has no stdout: the exit statuses say what they can
        return max(proc.returncode for proc in starts)
    handed = [t for t in texts if "已交给正在运行的窗口：1 个文件" in t]
    windows = [t for t in texts if "可见=True" in t]
    loaded = len(re.findall(r"^已打开：.*｜ready｜", windows[0], flags=re.MULTILINE)) if windows else 0
    if any(proc.returncode for proc in starts) or len(handed) != 1 or len(windows) != 1 or loaded != 2:
        print(f"窗口同时启动检查失败：交出 {len(handed)} 次、窗口 {len(windows)} 个、读完 {loaded} 份（应为 1、1、2）",
              file=sys.stderr)
        for text, (_, err) in zip(texts, outs, strict=True):
            print(text.strip(), err.decode("utf-8", "replace")[-1500:], sep="\n", file=sys.stderr)
        return 1
    return 0


def seed_report() -> Path:
    """A report for the console check: the first shared seed when shared/ is beside the repository (CI here),
    else the first bundled sample (a clone on GitHub or a maintainer's machine)."""
    shared = Path(os.environ.get("OGICHECK_SHARED", ROOT.parent / "shared")) / "seeds"
    seeds = sorted(p for p in shared.glob("*") if p.is_file()) if shared.is_dir() else []
    return seeds[0] if seeds else sorted((ROOT / "resources" / "samples").glob("示例*"))[0]


def expected_status(data: object) -> int:
    """The contract's exit status of `check` for one report's JSON (contract.md §1)."""
    if not isinstance(data, dict) or data.get("schema") != "ogicheck/1":
        raise ValueError("不是 ogicheck/1 的 JSON")
    if data.get("error"):
        return 2
    return 1 if data["summary"]["error"] else 0


def run_cli_check(exe: Path, timeout: float = 300) -> int:
    """The console exe checks a seed with --json, stdout redirected to a file (so it must write UTF-8), and
    exits with the contract's status for what it found."""
    seed = seed_report()
    with tempfile.TemporaryDirectory(prefix="ogicheck-cli-") as folder:
        out = Path(folder) / "结果.json"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONIOENCODING", "PYTHONUTF8"))}
        print(f"命令行检查：{exe.name} check {seed.name} --json > {out.name}", flush=True)
        try:
            with out.open("wb") as fh:
                proc = subprocess.run([str(exe), "check", str(seed), "--json"], stdout=fh,
                                      stderr=subprocess.PIPE, env=env, cwd=folder, timeout=timeout)
        except subprocess.TimeoutExpired:
            print(f"命令行检查超时（{timeout:.0f} 秒）。", file=sys.stderr)
            return 1
        try:
            data = json.loads(out.read_bytes().decode("utf-8"))
            want = expected_status(data)
        except (UnicodeDecodeError, ValueError, KeyError) as exc:
            print(f"命令行输出不是 UTF-8 的契约 JSON：{exc}", file=sys.stderr)
            print(proc.stderr.decode("utf-8", "replace")[-3000:], file=sys.stderr)
            return 1
    summary = data["summary"]
    print(f"  退出码 {proc.returncode}（契约：{want}）；错误 {summary['error']} 警告 {summary['warning']} "
          f"提示 {summary['info']}", flush=True)
    if proc.returncode != want:
        print(proc.stderr.decode("utf-8", "replace")[-3000:], file=sys.stderr)
        return 1
    return 0


def batch_reports() -> list[Path]:
    """The reports of the console batch check: the bundled samples and the shared seeds when they are there."""
    shared = Path(os.environ.get("OGICHECK_SHARED", ROOT.parent / "shared")) / "seeds"
    seeds = sorted(p for p in shared.glob("*") if p.is_file()) if shared.is_dir() else []
    return sorted((ROOT / "resources" / "samples").glob("示例*")) + seeds


def workbook_rows(path: Path, sheet_name: str) -> int:
    """How many rows one sheet of an .xlsx holds (read with the standard library: the build's Python may have
    no openpyxl)."""
    with zipfile.ZipFile(path) as book:
        names = re.findall(r'<sheet [^>]*name="([^"]+)"', book.read("xl/workbook.xml").decode("utf-8"))
        if sheet_name not in names:
            raise ValueError(f"工作簿中没有“{sheet_name}”工作表（有：{'、'.join(names)}）")
        sheet = book.read(f"xl/worksheets/sheet{names.index(sheet_name) + 1}.xml").decode("utf-8")
    return len(re.findall(r"<row[ >]", sheet))


def run_cli_batch(exe: Path, timeout: float = 300, command: list[str] | None = None) -> int:
    """The console exe checks a folder of reports on its process pool (workers started from the exe itself) and
    writes the summary workbook: one row per report under the header. `command` runs instead of the exe (tests)."""
    reports = batch_reports()
    with tempfile.TemporaryDirectory(prefix="ogicheck-batch-") as folder:
        src = Path(folder) / "报告"
        src.mkdir()
        for report in reports:
            shutil.copy2(report, src / report.name)
        out = Path(folder) / "汇总.xlsx"
        print(f"命令行批量核查：{exe.name} batch {src.name} --out {out.name}（{len(reports)} 份）", flush=True)
        try:
            proc = subprocess.run([*(command or [str(exe)]), "batch", str(src), "--out", str(out)], capture_output=True,
                                  cwd=folder, timeout=timeout)
        except subprocess.TimeoutExpired:
            print(f"命令行批量核查超时（{timeout:.0f} 秒）。", file=sys.stderr)
            return 1
        said = proc.stdout.decode("utf-8", "replace").strip()
        print(f"  {said}", flush=True)
        try:
            rows = workbook_rows(out, SUMMARY_SHEET) if out.is_file() else 0
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            print(f"汇总工作簿无法读取：{exc}", file=sys.stderr)
            rows = 0
    if proc.returncode not in (0, 1) or f"已核查 {len(reports)} 份报告" not in said or rows != len(reports) + 1:
        print(f"批量核查失败：退出码 {proc.returncode}，汇总表 {rows} 行（应为 {len(reports) + 1}）", file=sys.stderr)
        print(proc.stderr.decode("utf-8", "replace")[-3000:], file=sys.stderr)
        return 1
    return 0


def run_cli_libreoffice_check(exe: Path, timeout: float = 120, command: list[str] | None = None) -> int:
    """The console exe converts an OpenDocument file with "LibreOffice" (a stand-in on PATH that writes down its
    environment): the program must get this computer's library path, not the bundle's (core/readers/convert.py).
    POSIX only: on Windows the bundle's DLL folder reaches a child through an API call, not the environment.
    `command` runs instead of the exe (tests)."""
    if WINDOWS:
        return 0
    with tempfile.TemporaryDirectory(prefix="ogicheck-soffice-") as folder:
        bindir, dump, odt = Path(folder) / "bin", Path(folder) / "env.txt", Path(folder) / "报告.odt"
        bindir.mkdir()
        (bindir / "soffice").write_text(f"#!/bin/sh\nenv > '{dump}'\nexit 1\n", encoding="utf-8")
        (bindir / "soffice").chmod(0o755)
        with zipfile.ZipFile(odt, "w") as package:
            package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            package.writestr("content.xml", "<x/>")
        env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
        print(f"命令行调用 LibreOffice：{exe.name} check {odt.name}", flush=True)
        try:
            proc = subprocess.run([*(command or [str(exe)]), "check", str(odt)], capture_output=True, cwd=folder, env=env,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            print(f"LibreOffice 调用检查超时（{timeout:.0f} 秒）。", file=sys.stderr)
            return 1
        seen = dump.read_text(encoding="utf-8", errors="replace") if dump.is_file() else None
    if seen is None:
        print("程序没有调用 LibreOffice（替身未运行）。", file=sys.stderr)
        print(proc.stderr.decode("utf-8", "replace")[-3000:], file=sys.stderr)
        return 1
    marks = (f"{os.sep}_MEI", str(exe.parent / "_internal"))  # the one-file exe's temporary folder, the one-folder's
    leaked = [line for line in seen.splitlines() if any(mark in line for mark in marks)]
    if leaked:
        print("LibreOffice 继承了程序包的库路径：" + "；".join(leaked), file=sys.stderr)
        return 1
    return 0


def self_test_all(mode: str) -> int:
    """Every check of a build: both self-tests, the window on a sample, on a folder and started twice at once, the
    console exe on a seed and on a folder (the two process pools) and with LibreOffice (a program of this
    computer)."""
    gui, cli = binary_path(mode), binary_path(mode, CLI_NAME)
    return (run_self_test(gui) or run_window_check(gui) or run_window_folder_check(gui) or run_window_pair_check(gui)
            or run_self_test(cli)
            or run_cli_check(cli) or run_cli_batch(cli) or run_cli_libreoffice_check(cli))


def find_iscc() -> Path | None:
    """Inno Setup 6's compiler: on PATH, or where its installer puts it (all users or per user)."""
    import shutil

    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES"),
                 os.path.join(os.environ.get("LOCALAPPDATA", ""), "Programs")):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").is_file():
            return Path(base) / "Inno Setup 6" / "ISCC.exe"
    return None


def iscc_command(iscc: Path, version: str) -> list[str]:
    """The ISCC call: version from pyproject.toml, the one-folder build as source, output in dist-pyinstaller."""
    return [str(iscc), "/Q", f"/DAppVersion={version}", f"/DSourceDir={DIST / 'onedir' / APP_NAME}",
            f"/DOutputDir={DIST}", str(ISS)]


def installer_path(version: str | None = None) -> Path:
    return DIST / f"{APP_NAME}-{version or project_version()}-setup.exe"


def build_installer() -> int:
    """Compile the Inno Setup installer from the one-folder build (Windows, with Inno Setup 6 installed)."""
    iscc = find_iscc()
    if iscc is None:
        print("找不到 Inno Setup 6 的编译器 ISCC.exe（https://jrsoftware.org/isinfo.php），未生成安装程序。",
              file=sys.stderr)
        return 1
    cmd = iscc_command(iscc, project_version())
    print(f"安装程序：{' '.join(cmd)}", flush=True)
    subprocess.check_call(cmd, cwd=HERE)
    out = installer_path()
    if not out.is_file():
        print(f"ISCC 结束但找不到安装程序：{out}", file=sys.stderr)
        return 1
    print(f"完成：{out}（{out.stat().st_size / 1e6:.1f} MB）", flush=True)
    return 0


def release_assets() -> list[Path]:
    """What a release hands out, as far as it was built: the one-file exes, the one-folder archive, the setup."""
    version = project_version()
    candidates = [binary_path("onefile"), binary_path("onefile", CLI_NAME), installer_path(version),
                  *sorted(DIST.glob(f"{APP_NAME}-{version}-*.zip")), *sorted(DIST.glob(f"{APP_NAME}-{version}-*.tar.gz"))]
    return [p for p in candidates if p.is_file()]


def write_checksums(assets: list[Path] | None = None) -> Path:
    """dist-pyinstaller/SHA256SUMS.txt in the format of sha256sum (checked with `sha256sum -c` or certutil)."""
    lines = []
    for path in assets if assets is not None else release_assets():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.name}")
        print(f"SHA-256 {digest}  {path.name}", flush=True)
    out = DIST / "SHA256SUMS.txt"
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="用 PyInstaller 构建年报核查可执行程序")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--onefile", action="store_const", const="onefile", dest="mode", help="单个可执行文件")
    mode.add_argument("--onedir", action="store_const", const="onedir", dest="mode", help="一个文件夹（启动更快）")
    parser.add_argument("--self-test", action="store_true", help="构建后运行程序自检并在无界面平台上打开一次窗口")
    parser.add_argument("--python", type=Path, help="用这个已装好依赖与 PyInstaller 的 Python 构建，不建 .venv-build")
    parser.add_argument("--clean", action="store_true", help="清除 PyInstaller 缓存后再构建")
    parser.add_argument("--zip", action="store_true", help="一个文件夹版：自检通过后另打包成 zip（Linux 为 tar.gz）便于分发")
    parser.add_argument("--installer", action="store_true",
                        help="一个文件夹版（Windows）：自检通过后用 Inno Setup 生成按用户安装的安装程序")
    parser.add_argument("--checksums", action="store_true", help="最后写出 dist-pyinstaller/SHA256SUMS.txt")
    parser.add_argument("--with-ocr", action="store_true",
                        help="带文字识别（OCR）组件的版本，放在 dist-pyinstaller-ocr/（约大 100 MB）")
    args = parser.parse_args(argv)
    if args.with_ocr:
        use_ocr_flavour()
    if args.installer and args.mode != "onedir":
        parser.error("--installer 需要 --onedir（安装程序装的是文件夹版）")
    if args.mode is None:
        if not args.checksums:
            parser.error("请给出 --onefile 或 --onedir（只写校验和时用 --checksums）")
        write_checksums()  # of what earlier runs built
        return 0

    python = args.python or ensure_build_venv()
    build(args.mode, python, clean=args.clean)
    status = 0
    if args.self_test:
        status = self_test_all(args.mode)
        print("自检通过。" if status == 0 else f"自检失败（退出码 {status}）。", flush=True)
    if args.zip and args.mode == "onedir" and status == 0:
        zip_onedir()
    if args.installer and status == 0:
        status = build_installer()
    if args.checksums and status == 0:
        write_checksums()
    return status


if __name__ == "__main__":
    sys.exit(main())
