"""The TUI's memory stays as it started however long it is used.

It gives back the memory a whole-file read or write freed (see tui/memory.py).

In a process of its own, as the TUI after a few writes at 100k records: glibc has
raised its threshold for handing large blocks straight back, the freed blocks sit
between small ones still in use, and the process stays at its peak until
`give_back` returns the pages.
"""

from __future__ import annotations

import gc
import subprocess
import sys

from apphelpers import demo_app, demo_copy, footer_keys, loaded, pilot_test
from textual.widget import Widget

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
    block = b"x" * (1 << 20)
    blocks.append(block)
    for _ in range(100_000):  # holes lower in the heap fill first: go on past them
        small = bytes(1000)  # a new object each time (b"k" * 1000 is one constant)
        kept.append(small)
        if id(small) > id(block):  # in CPython the address: this one lies after the block
            break
    else:
        raise SystemExit("no small block landed after the large one")
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


def widgets_alive() -> int:
    """Widgets anywhere in memory, shown or not, once garbage is collected."""
    gc.collect()
    return sum(isinstance(o, Widget) for o in gc.get_objects())


@pilot_test
async def test_moving_through_the_day_view_leaves_no_widget_behind(tmp_path):
    """The footer's keys change each time the cursor reaches a row of another kind; no
    widget may stay behind (Textual's own footer mounted new ones each time and kept
    every old one: Textualize/textual#6666)."""
    app = demo_app(demo_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        start = widgets_alive()
        footers = set()
        for key in ["j"] * 20 + ["k"] * 20:
            await pilot.press(key)
            footers.add(tuple(footer_keys(app)))
        await pilot.pause()
        assert len(footers) >= 4, "the walk went past rows of several kinds"
        assert widgets_alive() == start
