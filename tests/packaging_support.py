"""Helpers for the packaging tests: the modules of build/ loaded by path (build/ is not a package, and `build` is
also a PyPI name)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"


def load_build_module(name: str, path: Path | None = None) -> ModuleType:
    """build/<name>.py (or `path`) under a private name, loaded once."""
    key = f"_packaging_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, path or BUILD / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module
