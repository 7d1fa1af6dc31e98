"""Shared test fixtures: paths of the seed reports, the corpus and their hand-read expectations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("OGICHECK_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed_expectations() -> dict[str, dict]:
    path = SHARED / "spec" / "seeds-expected.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def corpus_expectations() -> dict[str, dict]:
    out = {}
    for p in sorted((CORPUS / "expected").glob("*.json")):
        out[p.stem] = json.loads(p.read_text(encoding="utf-8"))
    return out


def corpus_file(stem: str) -> Path:
    matches = [p for p in CORPUS.glob(stem + ".*")]
    return matches[0]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.exists():
        pytest.skip("shared/seeds not present")
    return SEEDS


# desktop fixtures: a main window whose settings live in a temporary folder
@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("OGICHECK_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Modal dialogs never block a test: message boxes are recorded here as (title, text) and answered with
    Cancel/Ok, file dialogs are answered with nothing. A test that expects a question overrides QMessageBox.exec."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    shown: list[tuple[str, str]] = []
    B = QMessageBox.StandardButton

    def static(answer):  # type: ignore[no-untyped-def]
        def box(_parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            shown.append((str(title), str(text)))
            return answer
        return staticmethod(box)

    for name, answer in (("warning", B.Ok), ("information", B.Ok), ("critical", B.Ok), ("question", B.No)):
        monkeypatch.setattr(QMessageBox, name, static(answer))

    def exec_(box):  # type: ignore[no-untyped-def]
        shown.append((box.windowTitle(), box.text()))
        return B.Cancel

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([], "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    return shown


@pytest.fixture
def window(qtbot, config_dir: Path, dialogs: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    w = MainWindow()
    w.show()
    yield w
    # not registered with qtbot: its teardown would close the window before the edits are marked saved,
    # and the close guard's modal question would wait forever
    w.runner.pool.waitForDone(10000)
    for d in list(w.docs):
        d.mark_saved()
    w.close()
    w.deleteLater()


def skip_if_declared_unsupported(path: Path) -> None:
    """Skip only for a format this machine declares it cannot read (old Office without LibreOffice); any other
    read failure, a reader that does not import included, is left to fail the test."""
    from core.readers import UnsupportedFormatError, read_source

    try:
        read_source(path)
    except UnsupportedFormatError as exc:
        pytest.skip(f"{path.name}: {exc.message}")
