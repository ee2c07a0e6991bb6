"""Drafts of sessions in progress, saved as the lead types.

One small file per draft in ``<database>.drafts/``, written atomically and as
private as the database, so a closed terminal or a dropped SSH connection
loses nothing. A draft is deleted when its session is held or discarded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson

from .files import atomic_write, ensure_private_dir

_KEY = re.compile(r"[a-z0-9-]+")


def directory(db_path: Path) -> Path:
    """Where the drafts of ``db_path`` live."""
    return db_path.with_name(db_path.name + ".drafts")


def _file(db_path: Path, key: str) -> Path:
    if not _KEY.fullmatch(key):
        raise ValueError(f"bad draft key {key!r}")
    return directory(db_path) / f"{key}.json"


def save(db_path: Path, key: str, doc: dict[str, Any]) -> None:
    """Write (or replace) one draft."""
    ensure_private_dir(directory(db_path))
    atomic_write(_file(db_path, key), orjson.dumps(doc))


def load(db_path: Path, key: str) -> dict[str, Any] | None:
    """One draft, or None if there is none (or it cannot be read: it is set aside)."""
    path = _file(db_path, key)
    try:
        return orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        # Keep the damaged draft for a human to look at; never offer it back.
        path.replace(path.with_suffix(".damaged"))
        return None


def discard(db_path: Path, key: str) -> None:
    """Delete one draft, if it exists."""
    _file(db_path, key).unlink(missing_ok=True)


def discard_matching(db_path: Path, prefix: str) -> int:
    """Delete every draft whose key starts with ``prefix``; returns how many."""
    found = list(directory(db_path).glob(f"{prefix}*.json")) if directory(db_path).exists() else []
    for path in found:
        path.unlink(missing_ok=True)
    return len(found)
