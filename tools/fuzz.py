"""Bounded mutation fuzzer for the readers, extractor, rules and exports (issue #16).

Every input is checked in a worker process under a memory limit (1 GB address space, Linux) and a time limit
(10 s): it must give a report (checked and exported) or a clean refusal (UnreadableError, Chinese message);
an escaped exception, a timeout or a crash of the worker is a failure.

    python tools/fuzz.py                      # CI: fixed seed, a fixed number of inputs (about a minute)
    python tools/fuzz.py --count 5000 --seed 7 --keep /tmp/fuzz-failures   # longer, by hand

The test suite runs it (tests/test_fuzz.py). Inputs are mutations of small seed files: the shared seeds,
the sample reports and the format fixtures; zip containers are also mutated member by member.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import select
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 1 << 30  # bytes of address space for the worker
TIME_LIMIT = 10.0  # seconds per input


# ------------------------------------------------------------------------------------------ worker side


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # not Linux/Unix: the time limit still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def check_one(path: str, out_dir: str) -> dict[str, object]:
    """Read, extract, validate and export one file; the outcome as a small dict."""
    from core.api import load_report
    from core.readers import UnreadableError, read_source
    from core.validate import validate

    try:
        read_source(path)
    except UnreadableError as exc:
        return {"status": "refused", "message": exc.message}
    report = load_report(path)
    if report.error:
        return {"status": "refused", "message": report.error}
    findings = validate(report)
    from core.export.summary_html import export_summary
    from core.export.text_report import export_text
    from core.export.workbook import export_workbook

    out = Path(out_dir)
    export_workbook(report, findings, out / "out.xlsx")
    export_text(report, findings, out / "out.txt")
    export_summary(report, findings, out / "out.html")
    return {"status": "ok", "findings": len(findings), "rules": sorted({f.rule for f in findings})}


def worker(memory: int) -> int:
    """Reads one path per line on stdin, answers one JSON line per path on stdout."""
    _limit_memory(memory)
    sys.path.insert(0, str(ROOT))
    import core.api  # noqa: F401  (imported before the first input, so its time is not counted)

    with tempfile.TemporaryDirectory(prefix="fuzz-out-") as out_dir:
        for line in sys.stdin:
            path = line.rstrip("\n")
            t0 = time.monotonic()
            try:
                result = check_one(path, out_dir)
            except MemoryError:
                result = {"status": "error", "error": "MemoryError"}
            except Exception as exc:  # the failure the fuzzer looks for
                import traceback

                result = {"status": "error", "error": f"{type(exc).__name__}: {exc}"[:500],
                          "trace": traceback.format_exc()[-2000:]}
            result["seconds"] = round(time.monotonic() - t0, 3)
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    return 0


# ------------------------------------------------------------------------------------------ parent side


class Runner:
    """A worker process under the memory limit; restarted after a timeout or a crash."""

    def __init__(self, memory: int = MEMORY_LIMIT, timeout: float = TIME_LIMIT) -> None:
        self.memory, self.timeout = memory, timeout
        self.proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        env = dict(os.environ, PYTHONPATH=str(ROOT), OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
                   MKL_NUM_THREADS="1", PYTHONIOENCODING="utf-8")
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker",
                                      "--memory", str(self.memory)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                     encoding="utf-8", env=env, cwd=str(ROOT))
        return self.proc

    def run(self, path: str | os.PathLike[str]) -> dict[str, object]:
        proc = self.proc if self.proc and self.proc.poll() is None else self._start()
        assert proc.stdin and proc.stdout
        try:
            proc.stdin.write(os.fspath(path) + "\n")
            proc.stdin.flush()
        except OSError:
            self.close()
            return {"status": "crash", "error": "worker died"}
        # the first input of a worker waits for its imports too
        deadline = time.monotonic() + self.timeout + (20 if proc is not getattr(self, "_warm", None) else 0)
        self._warm = proc
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.close()
                return {"status": "timeout", "error": f"no answer within {self.timeout:.0f} s"}
            ready, _, _ = select.select([proc.stdout], [], [], left)
            if ready:
                line = proc.stdout.readline()
                if not line:
                    code = proc.wait()
                    self.proc = None
                    return {"status": "crash", "error": f"worker exited ({code})"}
                result: dict[str, object] = json.loads(line)
                if float(result.get("seconds", 0)) > self.timeout:  # type: ignore[arg-type]
                    result = {"status": "timeout", "error": f"took {result['seconds']} s", **result}
                return result

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def failed(result: dict[str, object]) -> bool:
    return result.get("status") not in ("ok", "refused")


# ------------------------------------------------------------------------------------------ mutations


def seed_files() -> list[Path]:
    shared = Path(os.environ.get("OGICHECK_SHARED", ROOT.parent / "shared"))
    out = sorted((shared / "seeds").glob("*.txt"))[:6]
    out += sorted(p for p in (ROOT / "resources" / "samples").glob("*") if p.is_file())
    fixtures = ROOT / "tests" / "fixtures" / "formats"
    out += sorted(p for p in fixtures.glob("*") if p.is_file() and p.stat().st_size < 400_000)
    return out


_INTERESTING = [b"9" * 400, b"9" * 5000, b"\x00", b"\xe4\xb8", b"\xef\xbb\xbf", "\u200b".encode("utf-8"), b'rowspan="0"', b'colspan="500"', b"<table><tr><td>" * 60, b"\x0b\x0c\x1f",
                b"|", b"\t", b"\r\n", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"\xff\xfe", b"-", b"1,234,567,890,123"]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        pos = rng.randrange(len(buf) + 1) if buf else 0
        if op == 0 and buf:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                buf[rng.randrange(len(buf))] = rng.randrange(256)
        elif op == 1:  # insert an interesting token
            buf[pos:pos] = rng.choice(_INTERESTING)
        elif op == 2 and buf:  # delete a chunk
            del buf[pos:pos + rng.randint(1, 2000)]
        elif op == 3 and buf:  # duplicate a chunk
            chunk = bytes(buf[pos:pos + rng.randint(1, 500)])
            buf[pos:pos] = chunk * rng.randint(2, 20)
        elif op == 4:  # truncate
            del buf[pos:]
        else:  # random bytes
            buf[pos:pos] = rng.randbytes(rng.randint(1, 64))
    return bytes(buf)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """A mutation; zip containers are mostly mutated inside a member, so the XML parsers see the damage."""
    if data.startswith(b"PK\x03\x04") and rng.random() < 0.7:
        try:
            src = zipfile.ZipFile(io.BytesIO(data))
            names = src.namelist()
            target = rng.choice([n for n in names if n.endswith(".xml")] or names)
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
                for n in names:
                    member = src.read(n)
                    out.writestr(n, mutate_bytes(member, rng) if n == target else member)
            return buf.getvalue()
        except Exception:
            pass
    return mutate_bytes(data, rng)


def fuzz(count: int, seed: int, keep: Path | None = None, budget_s: float | None = None,
         log: bool = True) -> list[tuple[str, dict[str, object]]]:
    rng = random.Random(seed)
    seeds = [(p.suffix, p.read_bytes()) for p in seed_files()]
    failures: list[tuple[str, dict[str, object]]] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fuzz-in-") as tmp, Runner() as runner:
        for i in range(count):
            if budget_s is not None and time.monotonic() - started > budget_s:
                break
            suffix, data = rng.choice(seeds)
            case = Path(tmp) / f"case{i:05d}{suffix}"
            case.write_bytes(mutate(data, rng))
            result = runner.run(case)
            if failed(result):
                failures.append((case.name, result))
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / case.name).write_bytes(case.read_bytes())
                if log:
                    print(f"FAIL {case.name}: {result.get('status')} {result.get('error')}", flush=True)
                    if result.get("trace"):
                        print(result["trace"], flush=True)
            case.unlink()
        if log:
            print(f"{i + 1} inputs in {time.monotonic() - started:.0f} s, {len(failures)} failures", flush=True)
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--keep", type=Path, help="folder to keep failing inputs in")
    ap.add_argument("--seconds", type=float, help="stop after this many seconds")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--memory", type=int, default=MEMORY_LIMIT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker(args.memory)
    return 1 if fuzz(args.count, args.seed, args.keep, args.seconds) else 0


if __name__ == "__main__":
    sys.exit(main())
