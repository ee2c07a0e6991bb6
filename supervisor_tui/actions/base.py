"""What every action shares: the ``Done`` it returns and how it finds records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ..domain.changes import DomainError
from ..domain.entities import (
    Agreement,
    Note,
    Person,
    Record,
    Session,
    Suggestion,
    Win,
)
from ..domain.words import short_date
from ..store import Change

if TYPE_CHECKING:
    from ..store.txn import Txn


R = TypeVar("R", bound=Record)


_KIND_NAMES = {
    Win: ("win", "sup ack"),
    Suggestion: ("suggestion", "sup answer"),
    Agreement: ("follow-up", "sup done"),
    Session: ("session", "sup held"),
    Note: ("note", None),
    Person: ("person", None),
}


class Done(NamedTuple):
    """The outcome of an action: what to tell the user, and what undo would revert."""

    message: str
    change: Change
    record: Record | None = None
    hint: str = ""  # what to type next in the shell; the TUI shows keys instead
    draft: tuple[str, dict] | None = None  # a draft that undo brings back (key, doc)


def moment_words(moment: dt.datetime, today: dt.date) -> str:
    return f"{short_date(moment.date(), today)} {moment:%H:%M}"


def fetch(txn: Txn, record_id: int, kind: type[R]) -> R:
    record = txn.get(record_id)
    if not isinstance(record, kind):
        have, command = _KIND_NAMES[type(record)]
        want, _ = _KIND_NAMES[kind]
        hint = f" Use `{command} {record_id}` for that." if command else ""
        raise DomainError(f"#{record_id} is a {have}, not a {want}.{hint}")
    return record


def fetch_person(txn: Txn, person_id: int) -> Person:
    return fetch(txn, person_id, Person)
