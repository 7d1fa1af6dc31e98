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
