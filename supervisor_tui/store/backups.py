"""Daily backups beside the database, kept for a week, as private as the database.

Before the first write of a day, the file as it stood is copied to
``<name>.<YYYY-MM-DD>.bak.json``. Backups older than the newest ``KEEP`` are removed.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .files import atomic_write

KEEP = 7


def backup_path(path: Path, day: dt.date) -> Path:
    """Where the backup of ``path`` taken on ``day`` lives."""
    return path.with_name(f"{path.stem}.{day.isoformat()}.bak{path.suffix}")


def list_backups(path: Path) -> list[Path]:
    """The existing backups of ``path``, newest first."""
    pattern = re.compile(
        re.escape(path.stem) + r"\.(\d{4}-\d{2}-\d{2})\.bak" + re.escape(path.suffix) + "$"
    )
    found = [
        p for p in path.parent.glob(f"{path.stem}.*.bak{path.suffix}") if pattern.match(p.name)
    ]
    return sorted(found, reverse=True)


def take_daily(path: Path, current: bytes, today: dt.date) -> None:
    """Keep ``current`` (the file before today's first write) as today's backup, then rotate."""
    target = backup_path(path, today)
    if target.exists():
        return
    atomic_write(target, current)
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
