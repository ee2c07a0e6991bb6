"""Closing the loops: acknowledging wins, answering suggestions, follow-ups done."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..domain import changes
from ..domain.entities import (
    ACCEPTED,
    DECLINED,
    Agreement,
    Suggestion,
    Win,
)
from ..domain.words import short_date
from ..store import Store
from .base import Done, fetch, fetch_person

if TYPE_CHECKING:
    pass


def acknowledge(store: Store, win_id: int, how: str, note: str, today: dt.date) -> Done:
    """Acknowledge a win."""
    with store.transaction() as txn:
        win = changes.acknowledge(fetch(txn, win_id, Win), today, how, note)
        txn.put(win)
        person = fetch_person(txn, win.person_id)
    return Done(f"Acknowledged {person.name}'s win #{win.id} ({how}).", txn.change, win)


def answer(
    store: Store,
    suggestion_id: int,
    decision: str,
    response: str,
    today: dt.date,
    come_back_by: dt.date | None = None,
) -> Done:
    """Answer a suggestion: accept, decline, or in progress until ``come_back_by``."""
    with store.transaction() as txn:
        old = fetch(txn, suggestion_id, Suggestion)
        new = changes.answer(old, decision, response, today, come_back_by)
        txn.put(new)
        person = fetch_person(txn, new.person_id)
    if decision == ACCEPTED:
        what = "accepted"
    elif decision == DECLINED:
        what = "declined"
    else:
        what = f"in progress; come back by {short_date(come_back_by, today)}"
    return Done(f"Answered {person.name}'s suggestion #{new.id}: {what}.", txn.change, new)


def mark_done(store: Store, agreement_id: int, today: dt.date) -> Done:
    """Mark a follow-up done."""
    with store.transaction() as txn:
        agreement = changes.mark_done(fetch(txn, agreement_id, Agreement), today)
        txn.put(agreement)
        person = fetch_person(txn, agreement.person_id)
    return Done(f"Done: #{agreement.id} for {person.name}.", txn.change, agreement)
