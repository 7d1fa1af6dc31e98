"""Findings as data: frozen records with rule id, ordered severity, cells, numbers, message, hint and fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def key(self) -> str:
        return self.name.lower()

    @property
    def label(self) -> str:
        return {"INFO": "提示", "WARNING": "警告", "ERROR": "错误"}[self.name]


@dataclass(frozen=True)
class CellRef:
    table: str
    row: str
    col: str

    def to_json(self) -> dict[str, str]:
        return {"table": self.table, "row": self.row, "col": self.col}


@dataclass(frozen=True)
class FixItem:
    table: str
    row: str
    col: str
    value: int | float | None

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "row": self.row, "col": self.col, "value": self.value}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    cells: tuple[CellRef, ...] = ()
    expected: int | float | None = None
    actual: int | float | None = None
    hint: str | None = None
    fix: tuple[FixItem, ...] | None = None
    fix_safe: bool = False
    evidence: str | None = None  # quoted sentence or source excerpt (not part of the JSON contract)

    @property
    def family(self) -> str:
        return self.rule.split(".", 1)[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.key,
            "message": self.message,
            "cells": [c.to_json() for c in self.cells],
            "expected": self.expected,
            "actual": self.actual,
            "hint": self.hint,
            "fix": [f.to_json() for f in self.fix] if self.fix else None,
            "fix_safe": self.fix_safe,
        }


# Default severity of every rule id in the contract (users may override in settings).
DEFAULT_SEVERITY: dict[str, Severity] = {
    "PARSE.UNREADABLE": Severity.ERROR,
    "PARSE.TABLE_MISSING": Severity.ERROR,
    "PARSE.ROW_MISSING": Severity.ERROR,
    "PARSE.EXTRA_VALUES": Severity.WARNING,
    "PARSE.UNCERTAIN": Severity.WARNING,
    "PARSE.UNKNOWN_TEMPLATE": Severity.ERROR,
    "PARSE.RULE_FAILED": Severity.WARNING,
    "PARSE.RECOVERED": Severity.INFO,
    "CELL.MISSING": Severity.WARNING,
    "CELL.NOT_NUMBER": Severity.ERROR,
    "CELL.NEGATIVE": Severity.ERROR,
    "CELL.FRACTION": Severity.ERROR,
    "CELL.UNIT": Severity.INFO,
    "T3.BALANCE": Severity.ERROR,
    "T3.RESULT_SUM": Severity.ERROR,
    "T3.ROW_SUM": Severity.ERROR,
    "T4.GROUP_SUM": Severity.ERROR,
    "DOC.TITLE_MISSING": Severity.WARNING,
    "DOC.TITLE_FORMAT": Severity.WARNING,
    "DOC.SECTION_MISSING": Severity.ERROR,
    "DOC.SECTION_ORDER": Severity.WARNING,
    "DOC.SECTION_EMPTY": Severity.WARNING,
    "DOC.PERIOD": Severity.WARNING,
    "DOC.LATE": Severity.ERROR,
    "DOC.PUBLISHED_UNKNOWN": Severity.INFO,
    "DOC.TEMPLATE_OUTDATED": Severity.ERROR,
    "DOC.TEMPLATE_HYBRID": Severity.WARNING,
    "DOC.FEE_NOT_REPORTED": Severity.WARNING,
    "TEXT.MISMATCH": Severity.WARNING,
    "XYEAR.CARRY": Severity.WARNING,
    "XYEAR.IN_FORCE": Severity.WARNING,
    "XYEAR.ITEMS": Severity.INFO,
    "XYEAR.COPY": Severity.WARNING,
}


def make(rule: str, message: str, **kw: Any) -> Finding:
    """A finding with the rule's default severity."""
    return Finding(rule, DEFAULT_SEVERITY[rule], message, **kw)


def sort_key(f: Finding) -> tuple[int, str, str]:
    first = f.cells[0] if f.cells else None
    return (-int(f.severity), f.rule, f"{first.table}.{first.row}.{first.col}" if first else "")


def summarize(findings: list[Finding]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        out[f.severity.key] += 1
    return out
