"""The TUI's writes: one at a time, in order, off the event loop.

A write at 100k records takes a good part of a second (read, check, fsync,
replace). Run on the event loop it would freeze the screen and let a person's
keys pile up; run in parallel, two writes of the same TUI could interleave.
So every write the TUI makes goes through one queue served by one thread, and
the result comes back to the app as a message.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message

log = logging.getLogger(__name__)

# A write still running when the app closes gets this long to finish (the lock waits 10 s).
DRAIN_SECONDS = 30.0


@dataclass(eq=False)
class Job:
    """One write: what to run in the thread, and what to do on the loop afterwards."""

    run: Callable[[], Any]
    on_done: Callable[[Any], None] | None = None
    on_failed: Callable[[Exception], None] | None = None
    quiet: bool = False  # a draft save: no notification when it works
    undoable: bool = True  # u can take it back (not so an undo itself)
    after: Callable[[], Any] | None = None  # run in the thread after a success (a reload)
    hint: str = ""  # said after the result's message, e.g. " u undoes it."


class Written(Message):
    """A job finished; ``result`` is what its ``run`` returned."""

    def __init__(self, job: Job, result: Any, after: Any) -> None:
        self.job = job
        self.result = result
        self.after = after
        super().__init__()


class WriteFailed(Message):
    """A job raised ``error``; nothing of it was written."""

    def __init__(self, job: Job, error: Exception) -> None:
        self.job = job
        self.error = error
        super().__init__()


class Writer:
    """A queue of jobs and the one thread that runs them."""

    def __init__(self, post: Callable[[Message], object]) -> None:
        self._post = post
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="supervisor-writes", daemon=True)
        self._started = False
        self._lock = threading.Lock()
        self._waiting = 0
        self.submitted = 0  # jobs queued so far: a write may end before anyone sees it busy

    @property
    def busy(self) -> bool:
        """Whether a write is queued or running."""
        return self._waiting > 0

    def submit(self, job: Job) -> None:
        """Queue ``job``; it runs after every job queued before it."""
        with self._lock:
            if not self._started:
                self._thread.start()
                self._started = True
            self._waiting += 1
            self.submitted += 1
        self._jobs.put(job)

    def finish(self) -> None:
        """Let the thread end once every job queued so far has run: the app has closed,
        and nothing more comes. `close` still waits for it."""
        with self._lock:
            if self._started:
                self._jobs.put(None)

    def close(self, timeout: float) -> bool:
        """Finish every queued job (at most ``timeout`` seconds); True if all finished."""
        with self._lock:
            if not self._started:
                return True
        self._jobs.put(None)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _serve(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                try:
                    result = job.run()
                except Exception as exc:  # reported to the app, which words it
                    log.debug("write failed", exc_info=True)
                    self._post(WriteFailed(job, exc))
                    continue
                try:
                    after = job.after() if job.after is not None else None
                except Exception:  # the write stands; the poll reloads later
                    log.debug("reading back after a write failed", exc_info=True)
                    after = None
                self._post(Written(job, result, after))
            finally:
                with self._lock:
                    self._waiting -= 1
