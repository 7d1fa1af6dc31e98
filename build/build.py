"""Builds the double-clickable app with PyInstaller, on Windows (the officers' exe) and on Linux (CI).

    python build/build.py --onefile|--onedir [--self-test] [--zip] [--python PY] [--clean]

Without --python it creates (once) and uses `.venv-build` next to pyproject.toml, made from the Python that
runs this script and holding only the app's runtime dependencies and PyInstaller (the `build` extra), so the
bundle cannot pick up test tools. PyInstaller's own folders go outside build/:
`dist-pyinstaller/<mode>/` (the result) and `work-pyinstaller/<mode>/` (its cache).
With --self-test the built binary is run with `--self-test` (headless), then started on a bundled sample
until its window is shown (offscreen); the exit status says whether both passed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "ogicheck.spec"
APP_NAME = "ogicheck"
DIST = ROOT / "dist-pyinstaller"
WORK = ROOT / "work-pyinstaller"
BUILD_VENV = ROOT / ".venv-build"
WINDOWS = os.name == "nt"


def _venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if WINDOWS else "bin/python")


def build_requirements() -> list[str]:
    """The app's runtime dependencies and the `build` extra, read from pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["build"]]


def ensure_build_venv(env: Path = BUILD_VENV) -> Path:
    """Create `.venv-build` if needed and (re)install the requirements when they changed; return its python."""
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


def binary_path(mode: str) -> Path:
    """Where the executable of a build lands (mode: "onefile" or "onedir")."""
    exe = APP_NAME + (".exe" if WINDOWS else "")
    return DIST / mode / exe if mode == "onefile" else DIST / mode / APP_NAME / exe


def bundle_size(mode: str) -> int:
    """Bytes on disk of what is handed out: the one file, or the whole one-folder tree."""
    if mode == "onefile":
        return binary_path(mode).stat().st_size
    files = (p for p in (DIST / mode / APP_NAME).rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files)


def build(mode: str, python: Path, clean: bool = False) -> Path:
    cmd = [str(python), "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
           "--distpath", str(DIST / mode), "--workpath", str(WORK / mode)]
    if clean:
        cmd.append("--clean")
    cmd += ["--", f"--{mode}"]
    print(f"构建（{mode}）：{' '.join(cmd)}", flush=True)
    started = time.perf_counter()
    # zlib level 9 also for the PYZ of Python modules (PyInstaller's default there is 6; the rest is 9)
    env = dict(os.environ, PYINSTALLER_ZLIB_COMPRESSION_LEVEL="9")
    subprocess.check_call(cmd, cwd=ROOT, env=env)
    exe = binary_path(mode)
    if not exe.is_file():
        raise SystemExit(f"构建结束但找不到可执行文件：{exe}")
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


def run_window_check(exe: Path, timeout: float = 120) -> int:
    """Start the built app on a bundled sample as if the report were dropped on its icon; it must show its
    window with the report loaded and quit by itself (OGICHECK_QUIT_AFTER_MS, desktop/app.py)."""
    sample = sorted((ROOT / "resources" / "samples").glob("示例*"))[0]
    with tempfile.TemporaryDirectory(prefix="ogicheck-build-") as home:
        env = dict(os.environ, OGICHECK_QUIT_AFTER_MS="0", OGICHECK_CONFIG_DIR=home, HOME=home,
                   XDG_CONFIG_HOME=home, APPDATA=home, LOCALAPPDATA=home, PYTHONIOENCODING="utf-8")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(f"窗口检查：{exe} {sample.name}", flush=True)
        try:
            proc = subprocess.run([str(exe), str(sample)], env=env, timeout=timeout, cwd=home,
                                  capture_output=True)
        except subprocess.TimeoutExpired:
            print(f"窗口检查超时（{timeout:.0f} 秒）。", file=sys.stderr)
            return 1
    out = proc.stdout.decode("utf-8", "replace")
    print(out.strip(), flush=True)
    shown = "可见=True" in out or (WINDOWS and not out)  # Windows' windowed exe has no stdout to print to
    if proc.returncode != 0 or not shown:
        print(proc.stderr.decode("utf-8", "replace")[-3000:], file=sys.stderr)
        return proc.returncode or 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="用 PyInstaller 构建年报核查可执行程序")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--onefile", action="store_const", const="onefile", dest="mode", help="单个可执行文件")
    mode.add_argument("--onedir", action="store_const", const="onedir", dest="mode", help="一个文件夹（启动更快）")
    parser.add_argument("--self-test", action="store_true", help="构建后运行程序自检并在无界面平台上打开一次窗口")
    parser.add_argument("--python", type=Path, help="用这个已装好依赖与 PyInstaller 的 Python 构建，不建 .venv-build")
    parser.add_argument("--clean", action="store_true", help="清除 PyInstaller 缓存后再构建")
    parser.add_argument("--zip", action="store_true", help="一个文件夹版：自检通过后另打包成 zip（Linux 为 tar.gz）便于分发")
    args = parser.parse_args(argv)

    python = args.python or ensure_build_venv()
    exe = build(args.mode, python, clean=args.clean)
    status = 0
    if args.self_test:
        status = run_self_test(exe) or run_window_check(exe)
        print("自检通过。" if status == 0 else f"自检失败（退出码 {status}）。", flush=True)
    if args.zip and args.mode == "onedir" and status == 0:
        zip_onedir()
    return status


if __name__ == "__main__":
    sys.exit(main())
