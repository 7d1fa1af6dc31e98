"""The explicit list of rule families run by core.validate, each declaring the rule ids it emits."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.validate import Rule

RULES: list[tuple[str, Rule]] = []
