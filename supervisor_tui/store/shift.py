"""A copy of a database with every date moved by the same number of days.

The demo team ships with history anchored on one day; the demo opens a copy
moved to today, so that every section of the day view has something in it on
whatever day it runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import orjson

from ..domain.kinds import KINDS, Kind
from .files import atomic_write


def _shift_doc(doc: dict, kind: Kind, delta: dt.timedelta) -> None:
    for key, value in doc.items():
        if value is None:
            continue
        if key in kind.dates:
            doc[key] = (dt.date.fromisoformat(value) + delta).isoformat()
        elif key in kind.moments:
            # Same wall-clock time in the local zone: a 10:00 session stays at 10:00.
            naive = dt.datetime.fromisoformat(value).replace(tzinfo=None)
            doc[key] = (naive + delta).astimezone().isoformat()


def copy_shifted(source: Path, target: Path, days: int) -> None:
    """Write ``target`` as ``source`` with every date ``days`` later (earlier if negative).

    Times of day keep their wall-clock value in the local time zone.
    """
    data = orjson.loads(source.read_bytes())
    delta = dt.timedelta(days=days)
    for kind in KINDS:
        for doc in data.get(kind.table, {}).values():
            _shift_doc(doc, kind, delta)
    atomic_write(target, orjson.dumps(data))
