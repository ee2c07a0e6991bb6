"""Folding a full capture journal into its database, as a process of its own.

A capture that fills the journal starts ``python -m supervisor_tui.store.fold DB``
and returns at once; this process does the whole-file write, holding the lock only
for the moment it swaps the new file in (see `Store.fold`). One fold at a time:
a second one started meanwhile sees the first at work and leaves.
"""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path

from .errors import StoreError
from .files import FILE_MODE
from .store import Store


def main(argv: list[str]) -> int:
    """Fold the journal of the database named in ``argv``; 0 when done or not needed."""
    if len(argv) != 1:
        print("usage: python -m supervisor_tui.store.fold DATABASE", file=sys.stderr)
        return 2
    store = Store(Path(argv[0]))
    try:
        fd = os.open(store.fold_lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError:
        return 1
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return 0  # another fold is at work
    try:
        store.fold()
    except StoreError as exc:
        print(exc, file=sys.stderr)  # the next command the lead runs says it too
        return 1
    finally:
        os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
