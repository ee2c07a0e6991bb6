"""What a held coaching session records, gathered for reading back (`sup session show`).

Pure: built from the records, with the agenda of the exact form version the
session followed, so a later edit of the form never changes an old record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .entities import HELD, Agreement, CheckIn, Form, Goal, Person, Records, Session
from .forms import version_of


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A held session as the lead (or the person) reads it back."""

    session: Session
    person: Person
    form: Form | None  # None when the session recorded no form, or the version is unknown
    notes: tuple[tuple[str, str], ...]  # (agenda item, notes), in the form's order
    agreed: tuple[Agreement, ...]  # made in this session
    closed: tuple[Agreement, ...]  # earlier agreements done or dropped on the day it was held
    carried: tuple[Agreement, ...] = ()  # earlier agreements still open after it: carried over
    # The goals discussed: each with the value recorded in this session, in the order set.
    goal_values: tuple[tuple[Goal, CheckIn], ...] = ()
    goals_set: tuple[Goal, ...] = ()  # set in this session


# The kinds a session record is gathered from (besides the people): a reader of one
# session need not decode years of wins and notes.
RECORD_KINDS = ("sessions", "agreements", "goals", "check_ins", "forms")


def held_sessions(records: Records, person_id: int) -> tuple[Session, ...]:
    """The person's held sessions, oldest first."""
    held = [
        s
        for s in records.sessions
        if s.person_id == person_id and s.status == HELD and s.held_on is not None
    ]
    return tuple(sorted(held, key=lambda s: (s.held_on, s.id)))


def session_record(records: Records, session: Session) -> SessionRecord:
    """Everything ``sup session show`` tells about one held session."""
    person = records.person(session.person_id)
    if person is None:
        raise ValueError(f"session #{session.id} belongs to no one")
    form = None
    if session.form_name is not None and session.form_version is not None:
        form = version_of(records, session.form_name, session.form_version)
    items = list(form.items) if form else []
    # Notes under items the form does not list (an unknown version) still show, after.
    items += [item for item, _ in session.notes if item not in items]
    notes = tuple((item, session.note_for(item)) for item in items)
    agreed = tuple(
        sorted(
            (a for a in records.agreements if a.session_id == session.id),
            key=lambda a: a.id,
        )
    )
    closed = tuple(
        sorted(
            (
                a
                for a in records.agreements
                if a.person_id == person.id
                and a.session_id != session.id
                and session.held_on in (a.done_on, a.dropped_on)
            ),
            key=lambda a: a.id,
        )
    )
    held_on = session.held_on
    carried = tuple(
        sorted(
            (
                a
                for a in records.agreements
                if a.person_id == person.id
                and a.session_id != session.id
                and a.created.date() <= held_on
                and _open_after(a, held_on)
            ),
            key=lambda a: a.id,
        )
    )
    goals = {g.id: g for g in records.goals}
    values = tuple(
        sorted(
            (
                (goals[c.goal_id], c)
                for c in records.check_ins
                if c.session_id == session.id and c.goal_id in goals
            ),
            key=lambda pair: (pair[0].set_on, pair[0].id),
        )
    )
    set_here = tuple(g for g in records.goals if g.session_id == session.id)
    return SessionRecord(session, person, form, notes, agreed, closed, carried, values, set_here)


def _open_after(agreement: Agreement, day: dt.date) -> bool:
    """Whether the agreement was still open at the end of ``day`` (closed later, or not yet).

    The session went through every open agreement; one it left open was carried over
    (to a new follow-up date, or the same one)."""
    return all(
        closed is None or closed > day for closed in (agreement.done_on, agreement.dropped_on)
    )


def agreement_status(agreement: Agreement) -> tuple[str, dt.date | None]:
    """("done", day), ("dropped", day) or ("open", follow-up day)."""
    if agreement.done_on is not None:
        return "done", agreement.done_on
    if agreement.dropped_on is not None:
        return "dropped", agreement.dropped_on
    return "open", agreement.follow_up_on
