"""An exclusive, advisory lock shared by every process that uses one data file.

fcntl.flock rather than the filelock package: the capture path has a 65 ms
budget and filelock's import alone costs 20 ms. The kernel drops the lock when
a process dies, so a crash never leaves the file locked.
"""

from __future__ import annotations

import fcntl
import os
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
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if not _wait_for(fd, wait):  # the descriptor is the waiting thread's now
            raise BusyError(
                f"Another supervisor-tui process has kept {lock_path} locked for "
                f"{wait:.0f} seconds. Close it or wait, then try again."
            ) from None
    except BaseException:
        os.close(fd)
        raise
    try:
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _wait_for(fd: int, wait: float) -> bool:
    """Wait in the kernel for the lock on ``fd``, at most ``wait`` seconds; True once held.

    A waiter in the kernel is woken the moment the lock is let go. Polling for it lost
    that race to processes that had just started: with five shells capturing, the TUI
    waited up to two seconds to save. The kernel's wait has no timeout, so it runs in a
    thread of its own; given up on, that thread lets go of the lock once it gets it.
    """
    import threading

    held, guard, gave_up = threading.Event(), threading.Lock(), []

    def take() -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            taken = True
        except OSError:
            taken = False  # never held: the caller gives up when its wait runs out
        with guard:
            if gave_up:
                os.close(fd)
            elif taken:
                held.set()

    threading.Thread(target=take, name="supervisor-lock", daemon=True).start()
    if held.wait(wait):
        return True
    with guard:
        if held.is_set():
            return True
        gave_up.append(True)
    return False
