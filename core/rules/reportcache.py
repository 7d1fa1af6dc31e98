"""What the text rules derive from a report's prose, worked out once and remembered between validations.

The window re-validates a report after every cell edit, and a cell edit never changes the prose; the rules
also read the same prose several times in one validation (lines outside the tables, paragraphs, sentences).
`remember(report, key, build)` returns `build()` computed once per report *and* per state of its prose.

The prose is fingerprinted by the objects it is read from: `report.lines`, `report.sections` and
`report.regions` (lines and sections are frozen records, so a change to the text is a new object or a list of
different length). Each call compares the current fingerprint with the remembered one (element by element, by
identity first: cheap when nothing changed) and starts afresh when they differ. Anything else a derived value
depends on (the report year, the template version, the format, the officer's typo list…) must be part of its
`key`. Values are shared: they must be immutable (tuples, frozen records) or never changed by their readers.

Reports are held weakly; a few are remembered at a time. `caching(False)` turns the memory off (every call
builds afresh), which the tests use to compare with the plain evaluation.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from core.model import Report

T = TypeVar("T")

_MAX_REPORTS = 8  # a season's window keeps a few reports open; batch checks go through them one by one

Fingerprint = tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]


class _Entry:
    __slots__ = ("fingerprint", "ref", "values")

    def __init__(self, ref: weakref.ref[Report], fingerprint: Fingerprint) -> None:
        self.ref = ref
        self.fingerprint = fingerprint
        self.values: dict[Hashable, Any] = {}


_ENTRIES: dict[int, _Entry] = {}
_enabled = True


def fingerprint(report: Report) -> Fingerprint:
    return tuple(report.lines), tuple(report.sections), tuple(report.regions.items())


def _forget(key: int) -> Callable[[weakref.ref[Report]], None]:
    def drop(ref: weakref.ref[Report]) -> None:
        entry = _ENTRIES.get(key)
        if entry is not None and entry.ref is ref:
            _ENTRIES.pop(key, None)

    return drop


def _values(report: Report) -> dict[Hashable, Any]:
    key = id(report)
    fp = fingerprint(report)
    entry = _ENTRIES.get(key)
    if entry is not None and entry.ref() is report:
        if entry.fingerprint == fp:
            return entry.values
        entry.fingerprint, entry.values = fp, {}
        return entry.values
    entry = _Entry(weakref.ref(report, _forget(key)), fp)
    _ENTRIES[key] = entry
    while len(_ENTRIES) > _MAX_REPORTS:
        try:
            del _ENTRIES[next(iter(_ENTRIES))]
        except (KeyError, RuntimeError, StopIteration):  # another thread got there first
            break
    return entry.values


def remember(report: Report, key: Hashable, build: Callable[[], T]) -> T:
    """build(), remembered for this report while its prose stays the same; `key` names the value and holds every
    other input it depends on."""
    if not _enabled:
        return build()
    values = _values(report)
    try:
        return values[key]  # type: ignore[no-any-return]
    except KeyError:
        value = values[key] = build()
        return value


@contextmanager
def caching(enabled: bool) -> Iterator[None]:
    """Turn the memory on or off for a while (tests: the plain evaluation to compare with)."""
    global _enabled
    before = _enabled
    _enabled = enabled
    try:
        yield
    finally:
        _enabled = before


def clear() -> None:
    _ENTRIES.clear()
