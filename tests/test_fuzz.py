"""CI run of the bounded mutation fuzzer (tools/fuzz.py): a fixed seed and count, about a minute; every input
read, checked and exported in a worker limited to 1 GB of address space and 10 s, or cleanly refused.
Run longer by hand: python tools/fuzz.py --count 5000 --seed 7 --keep /tmp/fuzz-failures"""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from fuzz import fuzz  # noqa: E402

CI_SEED = 16
CI_COUNT = 500


def test_fuzzer_runs_clean() -> None:
    failures = fuzz(CI_COUNT, CI_SEED, budget_s=120, log=False)
    assert failures == []
