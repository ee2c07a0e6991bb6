"""Daily backups beside the database, kept for a week, as private as the database.

Before the first write of a day, the file as it stood is copied to
``<name>.<YYYY-MM-DD>.bak.json``. Backups older than the newest ``KEEP`` are removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .files import FILE_MODE, TEMP_SUFFIX, atomic_write

KEEP = 7


def backup_path(path: Path, day: dt.date) -> Path:
    """Where the backup of ``path`` taken on ``day`` lives."""
    return path.with_name(f"{path.stem}.{day.isoformat()}.bak{path.suffix}")


def _backup_name(path: Path) -> str:
    """A regular expression for the name of any backup of ``path``."""
    return re.escape(path.stem) + r"\.(\d{4}-\d{2}-\d{2})\.bak" + re.escape(path.suffix)


def list_backups(path: Path) -> list[Path]:
    """The existing backups of ``path``, newest first."""
    pattern = re.compile(_backup_name(path) + "$")
    found = [
        p for p in path.parent.glob(f"{path.stem}.*.bak{path.suffix}") if pattern.match(p.name)
    ]
    return sorted(found, reverse=True)


def remove_stale_temps(path: Path) -> None:
    """Delete half-written backups of ``path`` left by a process that died taking one.

    They hold the same personal data as the database, and nothing else would
    ever remove them. Call only while holding the lock.
    """
    pattern = re.compile(r"\." + _backup_name(path) + r"\..+" + re.escape(TEMP_SUFFIX) + "$")
    for leftover in path.parent.glob(f".{path.stem}.*.bak{path.suffix}.*{TEMP_SUFFIX}"):
        if pattern.match(leftover.name):
            leftover.unlink(missing_ok=True)


def take_daily(path: Path, today: dt.date) -> None:
    """Keep the file at ``path`` as today's backup, unless one was taken today, then
    rotate. Called before a write, under the lock: the file as it was before the day's
    first change."""
    target = backup_path(path, today)
    if target.exists():
        return
    atomic_write(target, path)
    make_private(path)
    for old in list_backups(path)[KEEP:]:
        old.unlink(missing_ok=True)


def restore_hint(path: Path) -> str:
    """A sentence telling the user how to restore ``path`` from its newest backup."""
    backups = list_backups(path)
    if not backups:
        return "There are no backups of it yet; if you have a copy elsewhere, put it back in place."
    names = ", ".join(b.name for b in backups)
    return (
        f"To restore the newest backup: cp '{backups[0]}' '{path}'. "
        f"Backups in {path.parent}: {names}."
    )


def scrub(path: Path, erased: Callable[[str, str, dict[str, Any]], bool]) -> int:
    """Drop every document ``erased(table, key, doc)`` picks from every backup of ``path``;
    returns how many backups were rewritten.

    Erasing (forgetting someone, purging old records) must reach the backups too, or
    the data would live on for another week. A backup that cannot be read is removed
    rather than kept.
    """
    import orjson

    rewritten = 0
    for backup in list_backups(path):
        try:
            data = orjson.loads(backup.read_bytes())
            tables = [(n, t) for n, t in data.items() if isinstance(t, dict) and n != "meta"]
        except (OSError, ValueError, AttributeError):
            backup.unlink(missing_ok=True)
            continue
        dropped = 0
        for name, table in tables:
            for key in [k for k, doc in table.items() if isinstance(doc, dict)]:
                if erased(name, key, table[key]):
                    del table[key]
                    dropped += 1
        if dropped:
            atomic_write(backup, orjson.dumps(data))
            rewritten += 1
    return rewritten


def make_private(path: Path) -> None:
    """Backups kept from before the app made them 0600 (or copied in by hand) become 0600."""
    for backup in list_backups(path):
        with contextlib.suppress(OSError):
            if backup.stat().st_mode & 0o777 != FILE_MODE:
                backup.chmod(FILE_MODE)
