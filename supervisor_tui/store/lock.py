"""An exclusive, advisory lock shared by every process that uses one data file.

fcntl.flock rather than the filelock package: the capture path has a 65 ms
budget and filelock's import alone costs 20 ms. The kernel drops the lock when
a process dies, so a crash never leaves the file locked.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BusyError, WriteFailedError
from .files import FILE_MODE, describe_os_error, ensure_private_dir, make_private

WAIT_SECONDS = 10.0


@contextmanager
def locked(lock_path: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the exclusive lock on ``lock_path`` for the duration of the block."""
    ensure_private_dir(lock_path.parent)
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError as exc:
        raise WriteFailedError(f"Could not open {lock_path}: {describe_os_error(exc)}.") from exc
    try:
        make_private(fd)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BusyError(
                        f"Another supervisor-tui process has kept {lock_path} locked for "
                        f"{wait:.0f} seconds. Close it or wait, then try again."
                    ) from None
                time.sleep(0.005)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
