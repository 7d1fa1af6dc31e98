"""How serious a finding is: an ordered severity with its JSON key and Chinese label, for findings and the catalogue."""

from __future__ import annotations

from enum import IntEnum


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
