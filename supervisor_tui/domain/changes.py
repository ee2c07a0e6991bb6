"""How records change when the lead acts: pure functions returning new versions.

Each refuses what the routine does not allow with a ``DomainError`` whose
message says what to do instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from .entities import (
    ACCEPTED,
    ACK_WAYS,
    CANCELLED,
    DECLINED,
    HELD,
    IN_PROGRESS,
    PLANNED,
    Agreement,
    Person,
    Session,
    Suggestion,
    Win,
)
from .errors import DomainError
from .words import short_date


class PlannedInPastError(DomainError):
    """A session planned for a day already gone. A session that was held is recorded as
    held instead; each interface says how."""

    def __init__(self, person: Person, when: dt.datetime) -> None:
        super().__init__("That date is in the past.")
        self.person = person
        self.when = when


class HeldInFutureError(DomainError):
    """A session recorded as held on a day still to come; it is to be planned instead."""

    def __init__(self, held_on: dt.date) -> None:
        super().__init__("A session can't be held in the future; plan it instead.")
        self.held_on = held_on


def acknowledge(win: Win, today: dt.date, how: str, note: str = "") -> Win:
    """The win, acknowledged today in the given way."""
    if win.acknowledged_on is not None:
        raise DomainError(
            f"Win #{win.id} was already acknowledged on "
            f"{short_date(win.acknowledged_on, today)} ({win.acknowledged_how or 'no way noted'})."
        )
    if how not in ACK_WAYS:
        raise DomainError(f"Say how you acknowledged it: {', '.join(ACK_WAYS)}.")
    return replace(win, acknowledged_on=today, acknowledged_how=how, ack_note=note.strip())


def answer(
    suggestion: Suggestion,
    decision: str,
    response: str,
    today: dt.date,
    come_back_by: dt.date | None = None,
) -> Suggestion:
    """The suggestion with the lead's decision: accepted, declined, or in progress until a date."""
    response = response.strip()
    if decision == DECLINED and not response:
        raise DomainError(
            "A decline needs a response: say honestly why not, e.g. "
            '"we can\'t change the rota before spring, because…".'
        )
    if decision == IN_PROGRESS:
        if come_back_by is None:
            raise DomainError("Say when you will come back with an answer, e.g. fri or +1w.")
        if come_back_by <= today:
            raise DomainError("The come-back date must be after today, e.g. fri or +1w.")
    elif decision not in (ACCEPTED, DECLINED):
        raise DomainError("Answer with accept, decline or later (in progress).")
    return replace(
        suggestion,
        decision=decision,
        response=response,
        answered_on=today,
        come_back_by=come_back_by if decision == IN_PROGRESS else None,
    )


def _require_open(agreement: Agreement, today: dt.date) -> None:
    if agreement.done_on is not None:
        raise DomainError(
            f"#{agreement.id} was already done on {short_date(agreement.done_on, today)}."
        )
    if agreement.dropped_on is not None:
        raise DomainError(
            f"#{agreement.id} was dropped on {short_date(agreement.dropped_on, today)}."
        )


def mark_done(agreement: Agreement, today: dt.date) -> Agreement:
    """The agreement, done today."""
    _require_open(agreement, today)
    return replace(agreement, done_on=today)


def drop(agreement: Agreement, today: dt.date) -> Agreement:
    """The agreement, dropped today (no longer to be followed up)."""
    _require_open(agreement, today)
    return replace(agreement, dropped_on=today)


def carry_over(agreement: Agreement, follow_up_on: dt.date, today: dt.date) -> Agreement:
    """The agreement, still open, to be followed up on a new date."""
    _require_open(agreement, today)
    if follow_up_on < today:
        raise DomainError("A new follow-up date can't be in the past.")
    return replace(agreement, follow_up_on=follow_up_on)


def earliest_planned(sessions: tuple[Session, ...] | list[Session]) -> Session | None:
    """The earliest session still marked planned, whatever its date."""
    planned = [s for s in sessions if s.status == PLANNED and s.planned_for is not None]
    return min(planned, key=lambda s: (s.planned_for, s.id), default=None)


def plan(
    person: Person,
    sessions: tuple[Session, ...] | list[Session],
    when: dt.datetime,
    now: dt.datetime,
) -> Session:
    """A planned session for ``when``: the person's planned one moved there, or a new one.

    Moving counts: the person view shows how often, because sessions should be
    moved only as a last resort.
    """
    if when < now and when.date() < now.date():
        raise PlannedInPastError(person, when)
    existing = earliest_planned([s for s in sessions if s.person_id == person.id])
    if existing is None:
        return Session(0, person.id, PLANNED, planned_for=when)
    if existing.planned_for == when:
        return existing
    return replace(existing, planned_for=when, times_moved=existing.times_moved + 1)


def check_held_on(held_on: dt.date, today: dt.date) -> None:
    """Refuse a session held on a day after ``today``: a `HeldInFutureError`."""
    if held_on > today:
        raise HeldInFutureError(held_on)


def hold(
    person: Person,
    sessions: tuple[Session, ...] | list[Session],
    held_on: dt.date,
    form_name: str | None = None,
    form_version: int | None = None,
    notes: tuple[tuple[str, str], ...] = (),
) -> Session:
    """The session recorded as held: the person's planned one if any, else a new one."""
    existing = earliest_planned([s for s in sessions if s.person_id == person.id])
    base = existing if existing is not None else Session(0, person.id)
    return replace(
        base,
        status=HELD,
        held_on=held_on,
        form_name=form_name,
        form_version=form_version,
        notes=notes,
    )


def cancel(session: Session) -> Session:
    """The session, cancelled."""
    if session.status != PLANNED:
        raise DomainError(f"Session #{session.id} is {session.status}, not planned.")
    return replace(session, status=CANCELLED)
