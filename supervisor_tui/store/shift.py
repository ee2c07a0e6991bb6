"""A copy of a database with every date moved by the same number of days.

The demo team ships with history anchored on one day; the demo opens a copy
moved to today, so that every section of the day view has something in it on
whatever day it runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import orjson

from .files import atomic_write
from .schema import TABLES

DATE_FIELDS = frozenset(
    {
        "started_on",
        "held_on",
        "follow_up_on",
        "done_on",
        "dropped_on",
        "received_on",
        "answered_on",
        "come_back_by",
        "happened_on",
        "acknowledged_on",
    }
)
MOMENT_FIELDS = frozenset({"planned_for", "created"})


def _shift_doc(doc: dict, delta: dt.timedelta) -> None:
    for key, value in doc.items():
        if value is None:
            continue
        if key in DATE_FIELDS:
            doc[key] = (dt.date.fromisoformat(value) + delta).isoformat()
        elif key in MOMENT_FIELDS:
            # Same wall-clock time in the local zone: a 10:00 session stays at 10:00.
            naive = dt.datetime.fromisoformat(value).replace(tzinfo=None)
            doc[key] = (naive + delta).astimezone().isoformat()


def copy_shifted(source: Path, target: Path, days: int) -> None:
    """Write ``target`` as ``source`` with every date ``days`` later (earlier if negative).

    Times of day keep their wall-clock value in the local time zone.
    """
    data = orjson.loads(source.read_bytes())
    delta = dt.timedelta(days=days)
    for table in TABLES:
        for doc in data.get(table, {}).values():
            _shift_doc(doc, delta)
    atomic_write(target, orjson.dumps(data))
