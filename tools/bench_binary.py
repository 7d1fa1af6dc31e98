"""Benchmark of the built app (not a test): prints each binary's size and its start-up time to a shown window.

    python tools/bench_binary.py [--runs N] [--onefile PATH] [--onedir PATH] [--platform offscreen|xcb]

Without paths it measures what build/build.py left in dist-pyinstaller/ (one-file and/or one-folder).
Each run starts the binary with a bundled sample report on its command line (as when a report is dropped
on the icon) and OGICHECK_QUIT_AFTER_MS=0 (desktop/app.py): the app prints "窗口：…可见=True" once the
window is shown with the report loaded, then quits. Start-up is the time from launching the process to that
line; where the binary cannot print (Windows' windowed exe) it is the time to exit, an upper bound.
Settings go to a fresh temporary folder per run, so no earlier session is restored.
On Linux and macOS it also prints the CPU time of each run (the process and its children, up to exit): on a
busy machine the wall-clock time says little, the CPU time still compares two builds.
Goals (issue #14): one-file ≤ 80 MB and ≤ 1.2 s from start to window; one-folder ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist-pyinstaller"
EXE = "ogicheck" + (".exe" if os.name == "nt" else "")
SAMPLE = sorted((ROOT / "resources" / "samples").glob("示例*"))[0]
SIZE_TARGET_MB = {"onefile": 80.0}
START_TARGET_S = {"onefile": 1.2, "onedir": 1.5}
MARKER = "窗口："


def default_binaries() -> dict[str, Path]:
    found = {"onefile": DIST / "onefile" / EXE, "onedir": DIST / "onedir" / "ogicheck" / EXE}
    return {mode: path for mode, path in found.items() if path.is_file()}


def size_bytes(mode: str, exe: Path) -> int:
    """The one file, or the whole one-folder tree (symlinks not counted twice)."""
    if mode == "onefile":
        return exe.stat().st_size
    return sum(p.stat().st_size for p in exe.parent.rglob("*") if p.is_file() and not p.is_symlink())


def children_cpu() -> float | None:
    """CPU seconds used so far by this process's finished children (None where the OS does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_once(exe: Path, platform: str, timeout: float = 60.0) -> tuple[float, bool, float | None]:
    """Seconds from launch to the shown-window line (True) or, without it, to exit (False); and the run's
    CPU seconds (None where unknown)."""
    with tempfile.TemporaryDirectory(prefix="ogicheck-bench-") as home:
        env = dict(os.environ, OGICHECK_QUIT_AFTER_MS="0", OGICHECK_CONFIG_DIR=home, QT_QPA_PLATFORM=platform,
                   HOME=home, XDG_CONFIG_HOME=home, APPDATA=home, LOCALAPPDATA=home, PYTHONIOENCODING="utf-8")
        cpu_before = children_cpu()
        started = time.perf_counter()
        proc = subprocess.Popen([str(exe), str(SAMPLE)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                env=env, cwd=home)
        shown: float | None = None
        assert proc.stdout is not None
        for raw in proc.stdout:
            if MARKER in raw.decode("utf-8", "replace") and shown is None:
                shown = time.perf_counter() - started
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise SystemExit(f"{exe} 在 {timeout:.0f} 秒内没有退出") from None
        if proc.returncode != 0:
            raise SystemExit(f"{exe} 退出码 {proc.returncode}")
        ended = time.perf_counter() - started
        cpu_after = children_cpu()
        cpu = cpu_after - cpu_before if cpu_after is not None and cpu_before is not None else None
        return (shown, True, cpu) if shown is not None else (ended, False, cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per binary (after one warm-up run)")
    parser.add_argument("--onefile", type=Path)
    parser.add_argument("--onedir", type=Path, help="the executable inside the one-folder build")
    parser.add_argument("--platform", default="xcb" if os.environ.get("DISPLAY") else "offscreen",
                        help="QT_QPA_PLATFORM for the runs (default: xcb with a DISPLAY, else offscreen)")
    args = parser.parse_args(argv)

    binaries = {m: p for m, p in (("onefile", args.onefile), ("onedir", args.onedir)) if p} or default_binaries()
    if not binaries:
        print("没有可测的程序：先运行 python build/build.py --onefile 或 --onedir", file=sys.stderr)
        return 2
    print(f"平台 {sys.platform}，QT_QPA_PLATFORM={args.platform}，每个程序 1 次预热 + {args.runs} 次计时，"
          f"打开 {SAMPLE.name}")
    ok = True
    for mode, exe in binaries.items():
        size_mb = size_bytes(mode, exe) / 1e6
        start_once(exe, args.platform)  # warm-up: fills the OS file cache, as on an officer's second start
        times, cpus, to_window = [], [], True
        for _ in range(args.runs):
            seconds, seen, cpu = start_once(exe, args.platform)
            times.append(seconds)
            cpus += [cpu] if cpu is not None else []
            to_window = to_window and seen
        median = statistics.median(times)
        size_ok = size_mb <= SIZE_TARGET_MB.get(mode, float("inf"))
        start_ok = median <= START_TARGET_S[mode]
        ok = ok and size_ok and start_ok
        what = "到窗口显示" if to_window else "到退出（程序无标准输出，上限）"
        size_goal = f"（目标 ≤ {SIZE_TARGET_MB[mode]:.0f} MB {'✓' if size_ok else '✗'}）" if mode in SIZE_TARGET_MB else ""
        print(f"{mode}: {exe}")
        print(f"  大小 {size_mb:.1f} MB{size_goal}")
        print(f"  启动{what}：中位数 {median:.2f} 秒，最快 {min(times):.2f}，最慢 {max(times):.2f}"
              f"（目标 ≤ {START_TARGET_S[mode]} 秒 {'✓' if start_ok else '✗'}）")
        if cpus:
            print(f"  CPU 时间（到退出）：中位数 {statistics.median(cpus):.2f} 秒，最少 {min(cpus):.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
