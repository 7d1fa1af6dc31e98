"""A reader that does not import is a broken build and fails loudly; only a format this machine declares it
cannot read (old Word without LibreOffice) is refused as unsupported."""

from __future__ import annotations

import builtins
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

from core.api import load_report
from core.readers import UnsupportedFormatError, read_source


def _break_import(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """Importing `module` (and so `from module import …`) raises ImportError, as a bad import inside it would."""
    real = builtins.__import__

    def fake(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002 (builtins' signature)
        if name == module:
            raise ImportError(f"cannot import name 'missing' from {module!r}")
        return real(name, globals, locals, fromlist, level)

    monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.setattr(builtins, "__import__", fake)


@pytest.mark.parametrize(("module", "data"), [
    ("core.readers.pdf", b"%PDF-1.4\n%%EOF\n"),
    ("core.readers.html", b"<html><body><table><tr><td>1</td></tr></table></body></html>"),
    ("core.readers.text", "一、总体情况\n".encode()),
])
def test_broken_reader_import_is_loud(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str,
                                      data: bytes) -> None:
    path = tmp_path / "report.bin"
    path.write_bytes(data)
    _break_import(monkeypatch, module)
    with pytest.raises(ImportError, match="cannot import name"):
        read_source(path)
    with pytest.raises(ImportError):  # not a Report with an error that a test could skip on
        load_report(path)


def test_seed_reads_once_the_import_works_again() -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    assert load_report(seed).error is None


def test_old_word_without_libreoffice_is_declared_unsupported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    from core.readers import office

    monkeypatch.setattr(office, "find_soffice", lambda: None)
    path = tmp_path / "报告.doc"
    path.write_bytes(_ole_with_stream("WordDocument"))
    with pytest.raises(UnsupportedFormatError, match="LibreOffice"):
        read_source(path)
    report = load_report(path)
    assert report.error is not None and "LibreOffice" in report.error
    assert [f.rule for f in report.parse_findings] == ["PARSE.UNREADABLE"]


def _ole_with_stream(name: str) -> bytes:
    """Enough of an OLE compound file for the reader to see a stream called `name`."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    return header + b"\0" * 504 + name.encode("utf-16-le") + b"\0" * 512
