"""What every action shares: the ``Done`` it returns and how it finds records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ..domain.entities import (
    Person,
    Record,
)
from ..domain.kinds import BY_ENTITY, WrongKindError, kind_of
from ..domain.words import short_date
from ..store import Change

if TYPE_CHECKING:
    from ..store.txn import Txn


R = TypeVar("R", bound=Record)


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
    """The record with this id, which must be of ``kind`` (WrongKindError if not)."""
    record = txn.get(record_id)
    if not isinstance(record, kind):
        raise WrongKindError(record_id, kind_of(record), BY_ENTITY[kind])
    return record


def fetch_person(txn: Txn, person_id: int) -> Person:
    return fetch(txn, person_id, Person)
