"""Saving what the lead captured: a win, a suggestion, a note or a to-do."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..domain.capture import Capture
from ..domain.entities import (
    LEAD,
    WELLBEING,
    Agreement,
    Note,
    Record,
    Suggestion,
    Win,
)
from ..domain.words import short_date
from ..store import Store
from .base import ACK, ANSWER, Done, Next
from .sessions import plan_session

if TYPE_CHECKING:
    pass


def record_for(capture: Capture, now: dt.datetime) -> Record:
    """The new record a capture line stands for (todo, win, idea, note; not plan)."""
    pid, today = capture.person.id, now.date()
    match capture.kind:
        case "win":
            return Win(0, pid, capture.text, happened_on=today, created=now)
        case "idea":
            return Suggestion(0, pid, capture.text, received_on=today, created=now)
        case "note":
            return Note(0, pid, capture.text, created=now, kind=capture.note_kind or "observation")
        case "todo":
            return Agreement(
                0, pid, capture.text, now, owner=LEAD, follow_up_on=capture.follow_up_on
            )
    raise ValueError(f"no record for a {capture.kind} capture")


def save_capture(store: Store, capture: Capture, now: dt.datetime) -> Done:
    """Save a parsed capture line."""
    if capture.kind == "plan":
        return plan_session(store, capture.person.id, capture.when, now)
    saved, change = store.add(record_for(capture, now))
    name = capture.person.name
    today = now.date()
    then = None
    match saved:
        case Win():
            message = f"Saved win #{saved.id} for {name}."
            then = Next(ACK, saved)
        case Suggestion():
            message = f"Saved {name}'s suggestion #{saved.id}."
            then = Next(ANSWER, saved)
        case Note(kind=kind):
            label = "wellbeing note" if kind == WELLBEING else "note"
            message = f"Saved {label} #{saved.id} about {name}."
        case Agreement():
            when = short_date(saved.follow_up_on, today) if saved.follow_up_on else "no date"
            message = f"Saved to-do #{saved.id} for {name}, follow up on {when}."
    return Done(message, change, saved, then)
