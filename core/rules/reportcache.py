"""What the rules derive from a report, worked out once and remembered between validations while its inputs stay.

The window re-validates a report after every cell edit: the prose never changes then, and of the three tables only
the edited one does. The rules also read the same prose several times in one validation (lines outside the
tables, paragraphs, sentences). Two memories serve them:

- `remember(report, key, build)`: `build()` once per report and per state of its prose. The prose is
  fingerprinted by the objects it is read from: `report.lines`, `report.sections` and `report.regions`.
- `remember_table(table, key, build)`: `build()` once per table and per state of its cells, fingerprinted by its
  spec and `table.cells` (keys and Cell records, in order).

Lines, sections and cells are frozen records, so any edit puts a new object in place (or changes a length). Each
call compares the current fingerprint with the remembered one (element by element, by identity first: cheap
when nothing changed) and starts afresh when they differ. Anything else a value depends on (the report year, the
template version, the format, the officer's typo list…) must be part of its `key`. Values are shared: they must
be immutable (tuples, frozen records) or never changed by their readers.

Within one validation (`one_validation()`, entered by core.validate) each report and table is fingerprinted
once. Reports and tables are held weakly, and only a few at a time. `caching(False)` turns both memories off (every
call builds afresh), which the tests use to compare with the plain evaluation.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any, Generic, TypeVar

from core.model import Report, Table
from core.relations import Equation, State, evaluate_all

T = TypeVar("T")
Obj = TypeVar("Obj")

_MAX_REPORTS = 8  # a season's window keeps a few reports open; batch checks go through them one by one


class _Entry(Generic[Obj]):
    __slots__ = ("fingerprint", "ref", "values")

    def __init__(self, ref: weakref.ref[Obj], fingerprint: tuple[Any, ...]) -> None:
        self.ref = ref
        self.fingerprint = fingerprint
        self.values: dict[Hashable, Any] = {}


class _Memory(Generic[Obj]):
    """Values per object (held weakly, a bounded number of them) while the object's fingerprint stays equal."""

    def __init__(self, fingerprint: Callable[[Obj], tuple[Any, ...]], size: int) -> None:
        self.fingerprint = fingerprint
        self.size = size
        self.entries: dict[int, _Entry[Obj]] = {}

    def _forget(self, key: int) -> Callable[[weakref.ref[Obj]], None]:
        def drop(ref: weakref.ref[Obj]) -> None:
            entry = self.entries.get(key)
            if entry is not None and entry.ref is ref:
                self.entries.pop(key, None)

        return drop

    def values(self, obj: Obj) -> dict[Hashable, Any]:
        scope = _SCOPE.get()
        if scope is not None:
            hit = scope.get((id(self), id(obj)))
            if hit is not None and hit[0] is obj:
                return hit[1]
        values = self._check(obj)
        if scope is not None:
            scope[(id(self), id(obj))] = (obj, values)
        return values

    def _check(self, obj: Obj) -> dict[Hashable, Any]:
        key = id(obj)
        fp = self.fingerprint(obj)
        entry = self.entries.get(key)
        if entry is not None and entry.ref() is obj:
            if entry.fingerprint != fp:
                entry.fingerprint, entry.values = fp, {}
            return entry.values
        entry = _Entry(weakref.ref(obj, self._forget(key)), fp)
        self.entries[key] = entry
        while len(self.entries) > self.size:
            try:
                del self.entries[next(iter(self.entries))]
            except (KeyError, RuntimeError, StopIteration):  # another thread got there first
                break
        return entry.values

    def remember(self, obj: Obj, key: Hashable, build: Callable[[], T]) -> T:
        if not _enabled:
            return build()
        values = self.values(obj)
        try:
            return values[key]  # type: ignore[no-any-return]
        except KeyError:
            value = values[key] = build()
            return value


def prose_fingerprint(report: Report) -> tuple[Any, ...]:
    return tuple(report.lines), tuple(report.sections), tuple(report.regions.items())


def cells_fingerprint(table: Table) -> tuple[Any, ...]:
    return table.spec, tuple(table.cells), tuple(table.cells.values())


# within one validation (core.validate) the report and its tables do not change: each is fingerprinted once
_SCOPE: ContextVar[dict[tuple[int, int], tuple[Any, dict[Hashable, Any]]] | None] = ContextVar("reportcache_scope",
                                                                                               default=None)
_PROSE: _Memory[Report] = _Memory(prose_fingerprint, _MAX_REPORTS)
_CELLS: _Memory[Table] = _Memory(cells_fingerprint, 3 * _MAX_REPORTS)
_enabled = True


def remember(report: Report, key: Hashable, build: Callable[[], T]) -> T:
    """build(), remembered for this report while its prose stays the same; `key` names the value and holds every
    other input it depends on."""
    return _PROSE.remember(report, key, build)


def remember_table(table: Table, key: Hashable, build: Callable[[], T]) -> T:
    """build(), remembered for this table while its spec and cells stay the same; `key` names the value and holds
    every other input it depends on."""
    return _CELLS.remember(table, key, build)


def states(table: Table) -> dict[Equation, State]:
    """Every relation of the table evaluated (core.relations.evaluate_all), shared by the cell and arithmetic rules
    while the cells stay the same; the dictionary must not be changed."""
    return remember_table(table, "states", partial(evaluate_all, table))


@contextmanager
def one_validation() -> Iterator[None]:
    """While the rules of one validation run: the report and its tables are taken as unchanged, so each is
    fingerprinted once rather than at every look-up."""
    token = _SCOPE.set({})
    try:
        yield
    finally:
        _SCOPE.reset(token)


@contextmanager
def caching(enabled: bool) -> Iterator[None]:
    """Turn the memories on or off for a while (tests: the plain evaluation to compare with)."""
    global _enabled
    before = _enabled
    _enabled = enabled
    try:
        yield
    finally:
        _enabled = before


def clear() -> None:
    _PROSE.entries.clear()
    _CELLS.entries.clear()
