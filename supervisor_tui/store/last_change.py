"""The last correction made from the shell (`sup edit`, `delete`, `move`, `drop`), kept
beside the file so that `sup undo` can take it back in a later process.

One change only, replaced by the next; it holds the records as they were (a deleted
win's text), so it is private like the file, and forget and purge remove it whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from .change import Change
from .files import atomic_write, read_bytes


def path_of(db_path: Path) -> Path:
    """Where the last correction of ``db_path`` is kept."""
    return db_path.with_name(db_path.name + ".undo")


def save(db_path: Path, message: str, change: Change) -> None:
    """Keep ``change`` (and what it did, in words) as the one `sup undo` takes back."""
    doc = {"message": message, "steps": [list(step) for step in change.steps]}
    atomic_write(path_of(db_path), orjson.dumps(doc))


def load(db_path: Path) -> tuple[str, Change] | None:
    """The kept correction, or None (none kept, or a file that can't be read)."""
    found = read_bytes(path_of(db_path))
    if not found or not found[0]:
        return None
    try:
        doc: dict[str, Any] = orjson.loads(found[0])
        steps = tuple((str(t), int(i), b, a) for t, i, b, a in doc["steps"])
        return str(doc["message"]), Change(steps)
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None


def clear(db_path: Path) -> None:
    """Forget the kept correction."""
    path_of(db_path).unlink(missing_ok=True)
