"""Crash reports that hold no personal data.

An unexpected error (a bug) stops the CLI or the TUI with one short line and the
path of a report written here, in the user's state directory, as private as the
database. The report is for a bug report, so it is written to be shareable:

- the stack (files, lines, functions and the lines of code), never local
  variables: they hold names, notes and whole records;
- each exception's type, never its message: messages are built from what was
  being handled (``KeyError('Anna Virtanen')``, a ValueError quoting a note), and
  where the bug is shows in the stack and the type alone;
- what ran (the command's name, not its arguments: ``sup win anna "…"``), the
  versions, and the time.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from pathlib import Path
from typing import NamedTuple

from .errors import StoreError
from .files import atomic_write, ensure_private_dir
from .paths import state_dir

KEEP = 20  # the newest reports are kept; older ones go


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and the ones it came from, oldest first, as Python prints them."""
    found: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        found.append(current)
        seen.add(id(current))
        cause = current.__cause__
        if cause is None and not current.__suppress_context__:
            cause = current.__context__
        current = cause
    return found[::-1]


def _type_name(exc: BaseException) -> str:
    kind = type(exc)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def describe(exc: BaseException) -> str:
    """The traceback of ``exc`` without local variables and without exception messages."""
    parts = []
    for n, link in enumerate(_chain(exc)):
        if n:
            parts.append("\nDuring the handling of the above, or caused by it:\n\n")
        parts.append("Traceback (most recent call last):\n")
        stack = traceback.StackSummary.extract(
            traceback.walk_tb(link.__traceback__), capture_locals=False
        )
        parts.extend(stack.format())
        parts.append(f"{_type_name(link)} (its message is left out: it may hold your data)\n")
    return "".join(parts)


class Report(NamedTuple):
    """What became of an unexpected error: its type, and the report or why there is none."""

    kind: str  # the exception's type: a class name holds no user data
    path: Path | None
    failure: str = ""  # why no report could be written


def report(exc: BaseException, where: str) -> Report:
    """Write a report on ``exc`` (``where``: what was running, without user text); never
    raises, so that the one short line about the error can always be said."""
    kind = type(exc).__name__
    try:
        return Report(kind, write_report(exc, where))
    except (StoreError, OSError) as problem:
        return Report(kind, None, str(problem))


def write_report(exc: BaseException, where: str) -> Path:
    """Write a report on ``exc`` (``where``: what was running, without user text) and
    return its path; `WriteFailedError` (or OSError) if it could not be written."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"

    now = dt.datetime.now().astimezone()
    folder = state_dir()
    ensure_private_dir(folder)
    path = folder / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    textual = installed("textual") if "textual" in sys.modules else "not loaded"
    head = (
        f"supervisor-tui crash report\n"
        f"when:    {now.isoformat(timespec='seconds')}\n"
        f"where:   {where}\n"
        f"version: supervisor-tui {installed('supervisor-tui')}, Python {platform.python_version()}"
        f", textual {textual}, {platform.system()} {platform.release()}\n\n"
    )
    atomic_write(path, (head + describe(exc)).encode("utf-8", "replace"))
    for old in sorted(folder.glob("crash-*.txt"), reverse=True)[KEEP:]:
        old.unlink(missing_ok=True)
    return path
