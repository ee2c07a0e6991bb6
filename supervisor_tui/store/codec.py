"""Documents in the file <-> domain records.

Dates are ISO dates; moments are ISO 8601 with their UTC offset. Unknown keys
in a document are ignored, so an older version can read a file a newer minor
change added fields to.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from typing import Any

from ..domain.clock import to_local
from ..domain.entities import Form, Record
from ..domain.kinds import BY_TABLE, Kind, kind_of

_date = dt.date.fromisoformat


def _moment(value: str) -> dt.datetime:
    # Stored with the offset it was written in; shown and counted in the local zone.
    return to_local(dt.datetime.fromisoformat(value))


def _tuples(value: Any) -> Any:
    """JSON arrays back to the tuples the frozen records hold (pairs stay pairs)."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _lists(value: Any) -> Any:
    """Tuples as the JSON arrays they come back from the file as (so undo compares equal)."""
    return [_lists(v) for v in value] if isinstance(value, tuple) else value


def table_of(record: Record | Form) -> str:
    """The table a record lives in."""
    return kind_of(record).table


def to_doc(record: Record | Form) -> dict[str, Any]:
    """The document stored for ``record`` (its id is the document's key, not a field)."""
    doc: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name == "id":
            continue
        value = getattr(record, f.name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = _lists(value)
        doc[f.name] = value
    return doc


def from_doc(table: str, key: str, doc: dict[str, Any]) -> Record | Form:
    """The record a document stands for (KeyError: no such table)."""
    return _decoder(BY_TABLE[table])(int(key), doc)


def _decoder(kind: Kind) -> Any:
    """A function (key, doc) -> record for one kind, written out as by hand (it runs 100k
    times on a large file, so it does no per-field lookups of its own)."""
    found = _DECODERS.get(kind.table)
    if found is not None:
        return found
    defaults = {f.name: f for f in dataclasses.fields(kind.entity)}
    namespace: dict[str, Any] = {"_E": kind.entity, "_date": _date, "_moment": _moment}
    namespace["_tuples"] = _tuples
    args = []
    for n, (name, tp) in enumerate(kind.fields):
        if name == "id":
            args.append("i")
            continue
        f = defaults[name]
        if f.default is not dataclasses.MISSING:
            namespace[f"_d{n}"] = f.default
            get = f'd.get("{name}", _d{n})'
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_d{n}"] = f.default_factory()
            get = f'd.get("{name}", _d{n})'
        else:
            get = f'd["{name}"]'
        convert = {dt.date: "_date", dt.datetime: "_moment"}.get(tp)
        if convert is None and typing.get_origin(tp) is tuple:
            convert = "_tuples"
        if convert is None:
            args.append(get)
        elif get.startswith("d["):
            args.append(f"{convert}({get})")
        else:
            args.append(f"(None if (v{n} := {get}) is None else {convert}(v{n}))")
    source = f"def decode(i, d):\n    return _E({', '.join(args)})\n"
    exec(compile(source, f"<decoder of {kind.table}>", "exec"), namespace)
    _DECODERS[kind.table] = namespace["decode"]
    return namespace["decode"]


_DECODERS: dict[str, Any] = {}


def open_filter(table: str, docs: dict[str, dict[str, Any]]) -> set[str] | None:
    """Which documents of ``table`` the day view can list; None means all of them."""
    return BY_TABLE[table].open_docs(docs)
