"""The explicit list of rule families run by core.validate, each declaring the rule ids it emits."""

from __future__ import annotations

from core.options import Rule
from core.rules import (
    active_prose,
    arithmetic,
    cells,
    compound,
    contradictions,
    crossyear,
    deadline,
    document,
    headings,
    prose,
    typos,
    years,
)

# (family name, callable); every family runs, a crash becomes a PARSE.RULE_FAILED finding
RULES: list[tuple[str, Rule]] = [
    ("cells", cells.check_cells),
    ("arithmetic", arithmetic.check_arithmetic),
    ("document", document.check_document),
    ("deadline", deadline.check_deadline),
    ("prose", prose.check_prose),
    ("active-prose", active_prose.check_active_prose),
    ("compound", compound.check_compound),
    ("headings", headings.check_headings),
    ("contradictions", contradictions.check_contradictions),
    ("years", years.check_years),
    ("typos", typos.check_typos),
    ("cross-year", crossyear.check_crossyear),
]

# rule ids each family may emit (PARSE.* other than PARSE.RULE_FAILED come from the extractor)
RULE_IDS: dict[str, tuple[str, ...]] = {
    "cells": cells.RULE_IDS,
    "arithmetic": arithmetic.RULE_IDS,
    "document": document.RULE_IDS,
    "deadline": deadline.RULE_IDS,
    "prose": prose.RULE_IDS,
    "active-prose": active_prose.RULE_IDS,
    "compound": compound.RULE_IDS,
    "headings": headings.RULE_IDS,
    "contradictions": contradictions.RULE_IDS,
    "years": years.RULE_IDS,
    "typos": typos.RULE_IDS,
    "cross-year": crossyear.RULE_IDS,
}
