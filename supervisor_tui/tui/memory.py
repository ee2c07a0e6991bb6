"""Hand the memory a whole read of the file used back to the system.

At 100k records a write parses and serialises tens of MB at a time. glibc's
allocator keeps what was freed for the next time, and after a few writes it stops
giving large blocks back at all (its threshold for that grows with every large
block freed): the TUI grew by half its size over 50 acknowledgements and stayed
there. `malloc_trim` after each whole read of the file gives the freed pages back.
Not after the TUI's own writes: the trim holds the allocator's lock while it
walks the heap, and the screen, drawing the write's outcome meanwhile, waited
for it (40 ms of an acknowledgement at 100k). Where there is no glibc (macOS,
musl) it does nothing.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc's, in the process's own namespace
    except (OSError, AttributeError):
        return None


def give_back() -> None:
    """Return the freed memory to the system (a few ms; call it off the event loop)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
