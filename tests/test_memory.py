"""The TUI gives back the memory a whole-file read or write freed (see tui/memory.py).

In a process of its own, as the TUI after a few writes at 100k records: glibc has
raised its threshold for handing large blocks straight back, the freed blocks sit
between small ones still in use, and the process stays at its peak until
`give_back` returns the pages.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import os
from supervisor_tui.tui.memory import give_back

def resident_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 2**20

once = b"x" * (8 << 20)  # one large block freed: glibc now keeps blocks this size
del once
start = resident_mb()
blocks, kept = [], []
for _ in range(60):  # 60 MB in 1 MB blocks, each followed by a small block still in use
    blocks.append(b"x" * (1 << 20))
    kept.append(b"k" * 1000)
peak = resident_mb()
del blocks
freed = resident_mb()
give_back()
print(start, peak, freed, resident_mb())
"""


def test_memory_freed_by_a_large_read_goes_back_to_the_system():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    )
    start, peak, freed, given_back = map(int, done.stdout.split())
    assert peak - start >= 55, done.stdout  # the blocks were really in memory
    assert freed - given_back >= 40, done.stdout
