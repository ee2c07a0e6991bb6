"""The shape of the file: its tables, its schema version, and migrations forward.

A TinyDB JSON file: ``{"table": {"doc_id": {...}}}``. The ``meta`` table holds
one document that says the file is ours and which schema it follows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.kinds import KINDS
from .errors import NewerSchemaError, UnreadableFileError

APP = "supervisor-tui"
SCHEMA_VERSION = 1
META = "meta"
META_ID = "1"
TABLES = tuple(kind.table for kind in KINDS)

Data = dict[str, dict[str, dict[str, Any]]]

# version n -> function that turns a version-n file into version n+1 (in place).
MIGRATIONS: dict[int, Callable[[Data], None]] = {}


def new_data(created: str) -> Data:
    """An empty database of the current schema."""
    data: Data = {name: {} for name in TABLES}
    data[META] = {META_ID: {"app": APP, "schema": SCHEMA_VERSION, "next_id": 1, "created": created}}
    return data


def meta(data: Data) -> dict[str, Any]:
    """The file's meta document."""
    return data[META][META_ID]


def outdated(data: Any) -> bool:
    """Whether ``data`` (as read, before `check`) follows an older schema, so that
    `check` migrates it and only a whole-file write stores what it became."""
    doc = data.get(META, {}).get(META_ID) if isinstance(data, dict) else None
    version = doc.get("schema") if isinstance(doc, dict) else None
    return isinstance(version, int) and version < SCHEMA_VERSION


def check(data: Any, path: Path, restore_hint: str) -> Data:
    """Accept ``data`` as ours (migrating it forward) or refuse it with a clear message."""
    doc = data.get(META, {}).get(META_ID) if isinstance(data, dict) else None
    if not isinstance(doc, dict) or doc.get("app") != APP:
        raise UnreadableFileError(
            f"{path} is not a supervisor-tui database. It was left untouched. {restore_hint}"
        )
    version = doc.get("schema")
    if not isinstance(version, int) or version < 1:
        raise UnreadableFileError(
            f"{path} has no valid schema version. It was left untouched. {restore_hint}"
        )
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path} was written by a newer supervisor-tui (schema {version}; this version "
            f"knows up to {SCHEMA_VERSION}). It was left untouched. Upgrade supervisor-tui "
            "to open it."
        )
    for table in (*TABLES, META):
        if not isinstance(data.setdefault(table, {}), dict):
            raise UnreadableFileError(
                f"{path} has a damaged '{table}' table. It was left untouched. {restore_hint}"
            )
    while doc["schema"] < SCHEMA_VERSION:
        MIGRATIONS[doc["schema"]](data)
        doc["schema"] += 1
    return data
