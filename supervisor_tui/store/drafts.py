"""Drafts of sessions in progress, saved as the lead types.

One small file per draft in ``<database>.drafts/``, written atomically and as
private as the database, so a closed terminal or a dropped SSH connection
loses nothing. A draft is deleted when its session is held or discarded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from .files import TEMP_SUFFIX, atomic_write, ensure_private_dir

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


def kept(db_path: Path) -> list[tuple[str, dict[str, Any] | str]]:
    """Every draft kept beside ``db_path``, by key: its document, or (one that could not
    be read and was set aside) its text as it is."""
    folder = directory(db_path)
    if not folder.is_dir():
        return []
    found: list[tuple[str, dict[str, Any] | str]] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix not in (".json", ".damaged"):
            continue
        raw = path.read_bytes()
        try:
            doc = orjson.loads(raw) if path.suffix == ".json" else None
        except ValueError:
            doc = None
        found.append((path.stem, doc if isinstance(doc, dict) else raw.decode("utf-8", "replace")))
    return found


def scrub(db_path: Path, keys: set[str], about: Callable[[dict[str, Any]], bool]) -> int:
    """Delete the drafts under ``keys`` (kept or set aside as damaged), any other draft
    whose document ``about`` picks, and every half-written draft; returns how many.

    Call only while holding the lock: draft writes hold it too, so a temporary
    file found then was left by a process that died writing it.
    """
    folder = directory(db_path)
    if not folder.is_dir():
        return 0
    removed = 0
    for path in list(folder.iterdir()):
        gone = path.name.endswith(TEMP_SUFFIX) or path.stem in keys
        if not gone and path.suffix == ".json":
            try:
                doc = orjson.loads(path.read_bytes())
            except (OSError, ValueError):
                doc = None
            gone = isinstance(doc, dict) and about(doc)
        if gone:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
