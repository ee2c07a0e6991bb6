"""What every action shares: the ``Done`` it returns and how it finds records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ..domain.entities import (
    Form,
    Person,
    Record,
)
from ..domain.kinds import BY_ENTITY, WrongKindError, kind_of
from ..domain.words import short_date
from ..store import Change

if TYPE_CHECKING:
    from ..store.txn import Txn


R = TypeVar("R", bound=Record)


# What the lead may do next, after an action (see `Next`).
ACK, ANSWER, PLAN, CALENDAR, GIVE_FORM = "ack", "answer", "plan", "calendar", "give_form"


class Next(NamedTuple):
    """What the lead may want to do next, as data: ACK a win, ANSWER a suggestion, PLAN
    a person's next session, put the sessions just planned in the CALENDAR, GIVE_FORM
    (a new one) to someone. The CLI words it as a command to type; the TUI leaves it
    out, as its footer shows the keys that apply to the highlighted row."""

    step: str
    about: Record | Form | None = None  # the win, the suggestion, the person or the form


class Done(NamedTuple):
    """The outcome of an action: what to tell the user, and what undo would revert."""

    message: str
    change: Change
    record: Record | None = None
    next: Next | None = None  # what the lead may want to do next
    draft: tuple[str, dict] | None = None  # a draft that undo brings back (key, doc)


def moment_words(moment: dt.datetime, today: dt.date) -> str:
    return f"{short_date(moment.date(), today)} {moment:%H:%M}"


def fetch(txn: Txn, record_id: int, kind: type[R]) -> R:
    """The record with this id, which must be of ``kind`` (WrongKindError if not)."""
    record = txn.get(record_id)
    if not isinstance(record, kind):
        raise WrongKindError(record_id, kind_of(record), BY_ENTITY[kind])
    return record


def fetch_person(txn: Txn, person_id: int) -> Person:
    return fetch(txn, person_id, Person)
