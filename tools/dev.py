"""Set-up commands for people and CI: `python tools/dev.py run [FILE...]` and `python tools/dev.py test`.

Each creates and fills its own virtual environment (.venv for the app, .venv-test for the tests)
with nothing but the Python that runs this script, then runs the app or the whole test suite.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"


def _bin(env: Path, name: str) -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    exe = name + (".exe" if os.name == "nt" else "")
    return env / sub / exe


def _ensure_env(env: Path, extras: str) -> Path:
    """Create the venv if needed and (re)install the project when pyproject.toml changed."""
    py = _bin(env, "python")
    if not py.exists():
        print(f"创建虚拟环境 {env.name} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(env)
    stamp = env / ".installed"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if not stamp.exists() or stamp.read_text() != want:
        print(f"安装依赖到 {env.name} …", flush=True)
        subprocess.check_call([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                               "--upgrade", "pip"])
        target = f"{ROOT}[{extras}]" if extras else str(ROOT)
        subprocess.check_call([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                               "-e", target])
        stamp.write_text(want)
    return py


def run_app(files: list[str]) -> int:
    py = _ensure_env(ROOT / ".venv", "")
    return subprocess.call([str(py), "-m", "desktop.app", *(files or [str(sorted(SAMPLES.glob("示例*"))[0])])], cwd=ROOT)


def run_tests(extra: list[str]) -> int:
    py = _ensure_env(ROOT / ".venv-test", "dev,ocr")  # the OCR tests run, never skip, in CI
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(py), "-m", "pytest", *extra], cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    return run_app(argv[1:]) if argv[0] == "run" else run_tests(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
