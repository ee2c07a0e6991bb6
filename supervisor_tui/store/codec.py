"""Documents in the file <-> domain records.

Dates are ISO dates; moments are ISO 8601 with their UTC offset. Unknown keys
in a document are ignored, so an older version can read a file a newer minor
change added fields to.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from ..domain.clock import to_local
from ..domain.entities import Agreement, Form, Note, Person, Record, Session, Suggestion, Win

KIND_OF_TABLE: dict[str, type] = {
    "people": Person,
    "sessions": Session,
    "agreements": Agreement,
    "suggestions": Suggestion,
    "wins": Win,
    "notes": Note,
}
TABLE_OF_KIND: dict[type, str] = {kind: table for table, kind in KIND_OF_TABLE.items()}

_date = dt.date.fromisoformat


def _moment(value: str) -> dt.datetime:
    # Stored with the offset it was written in; shown and counted in the local zone.
    return to_local(dt.datetime.fromisoformat(value))


def _d(value: str | None) -> dt.date | None:
    return None if value is None else _date(value)


def _m(value: str | None) -> dt.datetime | None:
    return None if value is None else _moment(value)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def table_of(record: Record) -> str:
    """The table a record lives in."""
    return TABLE_OF_KIND[type(record)]


def to_doc(record: Record) -> dict[str, Any]:
    """The document stored for ``record`` (its id is the document's key, not a field)."""
    doc: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name == "id":
            continue
        value = getattr(record, f.name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif f.name == "notes" and isinstance(record, Session):
            value = [list(pair) for pair in value]
        doc[f.name] = value
    return doc


def from_doc(table: str, key: str, doc: dict[str, Any]) -> Record:
    """The record a document stands for."""
    return _DECODERS[table](int(key), doc)


def _person(i: int, d: dict[str, Any]) -> Person:
    return Person(
        i,
        d["name"],
        d["handle"],
        _date(d["started_on"]),
        d.get("role", ""),
        d.get("cadence_days", 30),
        d.get("archived", False),
        d.get("form"),
    )


def _session(i: int, d: dict[str, Any]) -> Session:
    return Session(
        i,
        d["person_id"],
        d.get("status", "planned"),
        _m(d.get("planned_for")),
        _d(d.get("held_on")),
        d.get("times_moved", 0),
        d.get("form_name"),
        d.get("form_version"),
        tuple((item, text) for item, text in d.get("notes", ())),
    )


def _agreement(i: int, d: dict[str, Any]) -> Agreement:
    return Agreement(
        i,
        d["person_id"],
        d["text"],
        _moment(d["created"]),
        d.get("owner", "lead"),
        _d(d.get("follow_up_on")),
        d.get("session_id"),
        _d(d.get("done_on")),
        _d(d.get("dropped_on")),
    )


def _suggestion(i: int, d: dict[str, Any]) -> Suggestion:
    return Suggestion(
        i,
        d["person_id"],
        d["text"],
        _date(d["received_on"]),
        _moment(d["created"]),
        d.get("decision", "open"),
        d.get("response", ""),
        _d(d.get("answered_on")),
        _d(d.get("come_back_by")),
    )


def _win(i: int, d: dict[str, Any]) -> Win:
    return Win(
        i,
        d["person_id"],
        d["text"],
        _date(d["happened_on"]),
        _moment(d["created"]),
        _d(d.get("acknowledged_on")),
        d.get("acknowledged_how", ""),
        d.get("ack_note", ""),
    )


def _note(i: int, d: dict[str, Any]) -> Note:
    return Note(i, d["person_id"], d["text"], _moment(d["created"]), d.get("kind", "observation"))


def form_from_doc(doc: dict[str, Any]) -> Form:
    """A coaching form version from its document."""
    return Form(doc["name"], doc["version"], tuple(doc["items"]))


def form_to_doc(form: Form) -> dict[str, Any]:
    """The document stored for a coaching form version."""
    return {"name": form.name, "version": form.version, "items": list(form.items)}


_DECODERS = {
    "people": _person,
    "sessions": _session,
    "agreements": _agreement,
    "suggestions": _suggestion,
    "wins": _win,
    "notes": _note,
}


def open_filter(table: str, docs: dict[str, dict[str, Any]]) -> set[str] | None:
    """Which documents of ``table`` the day view can list; None means all of them.

    Open items, planned sessions, and each person's latest held session (the
    rules count the cadence from it). Everything else is history: the day view
    never needs it, so a large database need not decode it to show today.
    """
    if table == "people":
        return None
    if table == "notes":
        return set()
    if table == "wins":
        return {k for k, d in docs.items() if d.get("acknowledged_on") is None}
    if table == "suggestions":
        return {k for k, d in docs.items() if d.get("decision", "open") in ("open", "in_progress")}
    if table == "agreements":
        return {
            k for k, d in docs.items() if d.get("done_on") is None and d.get("dropped_on") is None
        }
    keep, latest = set(), {}
    for k, d in docs.items():
        status = d.get("status", "planned")
        if status == "planned":
            keep.add(k)
        elif status == "held" and d.get("held_on"):
            mark = (d["held_on"], int(k))
            best = latest.get(d.get("person_id"))
            if best is None or mark > best[0]:
                latest[d.get("person_id")] = (mark, k)
    return keep | {k for _, k in latest.values()}
