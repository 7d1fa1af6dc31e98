"""Issue 14: extraction made faster must read every report exactly as before. Every seed and corpus report in
every format, and variants of the text ones that take the extractor's other paths (tests/extract_variants.py),
are read and extracted; a digest of each part of the Report (tables with every cell's value, raw text and
origin, sections, metadata, regions, lines, findings) must equal the one pinned in
tests/golden/extract_fingerprints.json, made with the code before the speed work (main 9cd5897).

Regenerate (only for an intended change of what is read): OGICHECK_REGEN_GOLDEN=1 pytest tests/test_extract_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.extract_variants import fingerprints

GOLDEN = Path(__file__).resolve().parent / "golden" / "extract_fingerprints.json"

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds not present")


def test_every_report_extracted_as_pinned(tmp_path: Path) -> None:
    got = fingerprints(tmp_path)
    if os.environ.get("OGICHECK_REGEN_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(got) == sorted(want), "the set of inputs changed"
    differ = [f"{name}: {', '.join(k for k in want[name] if got[name].get(k) != want[name][k])}"
              for name in sorted(want) if got[name] != want[name]]
    assert not differ, "extraction changed for:\n" + "\n".join(differ)
