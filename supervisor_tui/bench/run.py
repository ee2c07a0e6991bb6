"""`make bench`: median wall time and peak memory of the commands a lead runs most.

Generates (once) databases of 1k, 10k and 100k records under .bench/, then runs
each command as a real process, the way a shell would, and prints the median
milliseconds and the peak resident memory. Every capture is timed against a
database that already holds everything the earlier ones wrote.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

SIZES = (1_000, 10_000, 100_000)
RUNS = 21
ROOT = Path(".bench")
SUP = Path(sys.executable).with_name("sup")


def _run(args: list[str]) -> tuple[float, int]:
    """Run one command; its wall time in ms and its peak memory in MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def _measure(args_for_run, runs: int = RUNS) -> tuple[float, int]:
    _run(args_for_run(-1))  # warm-up: page cache, and the journal set up after a copy
    results = [_run(args_for_run(i)) for i in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def database(size: int) -> Path:
    """A fresh working copy of the generated database of ``size`` records."""
    source = ROOT / f"gen-{size}.json"
    if not source.exists():
        ROOT.mkdir(exist_ok=True)
        # In a child process: a forked child's peak memory counts the parent's pages,
        # so this process must stay small for the figures to mean anything.
        module = "supervisor_tui.bench.generate"
        subprocess.run([sys.executable, "-m", module, str(size), str(source)], check=True)
    work = ROOT / "work" / f"db-{size}.json"
    shutil.rmtree(work.parent, ignore_errors=True)
    work.parent.mkdir(parents=True)
    shutil.copyfile(source, work)
    return work


def main() -> None:
    """Print the benchmark table."""
    # An installed package has bytecode; a checkout may not (PYTHONDONTWRITEBYTECODE).
    import compileall

    import supervisor_tui

    compileall.compile_dir(Path(supervisor_tui.__file__).parent, quiet=1)
    print(f"{'command':<16}{'records':>9}{'median ms':>11}{'peak MB':>9}")
    for size in SIZES:
        db = database(size)
        base = [str(SUP), "--db", str(db)]
        rows = {
            "sup win": lambda i, base=base: [*base, "win", "anna", f"benchmark capture {i}"],
            "sup today": lambda i, base=base: [*base, "today"],
        }
        for name, args in rows.items():
            ms, mb = _measure(args)
            print(f"{name:<16}{size:>9,}{ms:>11.1f}{mb:>9}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
