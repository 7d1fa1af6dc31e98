"""A process-pool worker ends once the process that made the pool has ended (core/season/worker_start.py): a
batch stopped from outside, or a killed window, leaves no workers, fork server or resource tracker behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.season.worker_start import owner_alive

ROOT = Path(__file__).resolve().parent.parent

_OWNER = r"""
import os, sys, time
sys.path.insert(0, {root!r})
if {which!r} == "batch":
    from core.season.checking import _new_pool
    pool = _new_pool(2)
else:
    from desktop.workers import _process_pool
    pool = _process_pool()
import concurrent.futures as cf
pids = set()
while len(pids) < 2:  # both workers started
    pids |= {{f.result() for f in [pool.submit(os.getpid) for _ in range(8)]}}
    time.sleep(0.05)
print(" ".join(map(str, sorted(pids))), flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    """Exists and is not a zombie waiting for its parent."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return owner_alive(pid) if not Path("/proc").is_dir() else False
    return "State:\tZ" not in status


def _parent(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("PPid:"):
            return int(line.split()[1])
    return 0


def test_owner_alive_tells_a_running_process_from_an_ended_one() -> None:
    assert owner_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not owner_alive(child.pid)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; Windows waits on the owner's handle")
@pytest.mark.parametrize("which", ["batch", "window"])
def test_workers_end_when_their_owner_is_killed(which: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    owner = subprocess.Popen([sys.executable, "-c", _OWNER.format(root=str(ROOT), which=which)],
                             stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert owner.stdout is not None
        workers = [int(p) for p in owner.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        helpers = {_parent(p) for p in workers} - {owner.pid}  # the fork server (Linux), if any
    finally:
        owner.send_signal(signal.SIGKILL)
        owner.wait()
    gone_by = time.monotonic() + 10
    while time.monotonic() < gone_by and any(_alive(p) for p in [*workers, *helpers]):
        time.sleep(0.1)
    assert not [p for p in [*workers, *helpers] if _alive(p)], "left running after the owner was killed"
