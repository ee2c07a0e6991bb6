"""Planning and cancelling coaching sessions, one or a month's worth at once."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..domain import changes
from ..domain.changes import DomainError
from ..domain.clock import localize
from ..domain.entities import PLANNED, Person, Records, Session
from ..domain.words import short_date
from ..store import Change, Store
from .base import CALENDAR, PLAN, Done, Next, fetch, fetch_person, moment_words

if TYPE_CHECKING:
    from collections.abc import Iterable


class PlanChangedError(DomainError):
    """A person's coaching changed (in another terminal) while a month's plan was being
    confirmed: nothing of the plan was written, and it is to be made again."""

    def __init__(self, person: Person) -> None:
        super().__init__(
            f"{person.name}'s coaching changed meanwhile (perhaps from another terminal). "
            "Nothing was planned."
        )
        self.person = person


def plan_session(store: Store, person_id: int, when: dt.datetime, now: dt.datetime) -> Done:
    """Plan the person's next session at ``when``, moving the planned one if there is one."""
    # Here, not at the top: `sup plan` and the capture bar's "plan @anna …" need them,
    # a `sup win` (which imports this module) does not.
    from ..domain.rules import coaching_due_on, leave_on, planned_too_late
    from ..present.person import leave_words

    when = localize(when)
    with store.transaction() as txn:
        person = fetch_person(txn, person_id)
        sessions = txn.table("sessions")
        session = changes.plan(person, sessions, when, now)
        own = [s for s in sessions if s.person_id == person_id]
        leaves = txn.table("leaves")
        due_on = coaching_due_on(person, own, leaves)
        away = leave_on(leaves, person_id, when.date())
        moved = session.id != 0 and session.times_moved > 0
        if session.id == 0:
            session = txn.add(session)
        else:
            txn.put(session)
    if moved:
        message = (
            f"Moved {person.name}'s session to {moment_words(when, now.date())} "
            f"(moved {session.times_moved}× so far)."
        )
    else:
        message = f"Planned {person.name}'s session for {moment_words(when, now.date())}."
    if planned_too_late(due_on, when.date(), now.date()):
        message += (
            f" That is after {person.first_name}'s due date, "
            f"{short_date(due_on, now.date())}: move it earlier if you can."
        )
    if away is not None:
        message += f" {person.first_name} {leave_words(away, now.date())}: move it if you can."
    return Done(message, txn.change, session)


def cancel_session(store: Store, session_id: int, today: dt.date) -> Done:
    """Cancel a planned session (sick leave, say); the person is then due again."""
    with store.transaction() as txn:
        session = changes.cancel(fetch(txn, session_id, Session))
        txn.put(session)
        person = fetch_person(txn, session.person_id)
    when = moment_words(session.planned_for, today)
    return Done(
        f"Cancelled {person.name}'s session of {when}.",
        txn.change,
        session,
        Next(PLAN, person),
    )


def plan_many(store: Store, proposals: Iterable[tuple[int, dt.datetime]], now: dt.datetime) -> Done:
    """Plan several people's next sessions at once (``sup plan --month``): all or none.

    Each ``(person id, naive local time)`` is planned as ``sup plan`` would. If one of
    them got a session planned meanwhile (from another terminal), nothing is planned.
    """
    from ..domain.rules import next_planned

    proposals = list(proposals)
    today = now.date()
    # The usual plan only adds sessions: appended to the journal at once, as captures
    # are, it never rewrites the file (at 100k records, a third of a second saved).
    with store.appending() as batch:
        new = _only_new(batch.records, proposals, now) if batch is not None else None
        for session in new or ():
            batch.add(session)
    if new:
        return _planned(len(new), batch.change)
    # Otherwise (a missed session moved, someone gone meanwhile): in one transaction,
    # which also says what stopped the plan.
    with store.transaction() as txn:
        planned = []
        for person_id, at in proposals:
            person = fetch_person(txn, person_id)
            own = [s for s in txn.table("sessions") if s.person_id == person_id]
            if person.archived or next_planned(own, today) is not None:
                raise PlanChangedError(person)
            session = changes.plan(person, own, localize(at), now)
            if session.id == 0:
                session = txn.add(session)
            else:
                txn.put(session)  # a session planned for an earlier day, never held: moved
            planned.append(session)
    return _planned(len(planned), txn.change)


def _only_new(
    records: Records, proposals: list[tuple[int, dt.datetime]], now: dt.datetime
) -> list[Session] | None:
    """The new sessions of the plan, checked against what is open; None unless every one
    is a new session for someone on the team with nothing planned."""
    new = []
    for person_id, at in proposals:
        person = records.person(person_id)
        if person is None or person.archived:
            return None
        own = [s for s in records.sessions if s.person_id == person_id]
        if any(s.status == PLANNED for s in own):
            return None
        session = changes.plan(person, own, localize(at), now)
        if session.id != 0:
            return None
        new.append(session)
    return new


def _planned(count: int, change: Change) -> Done:
    noun = "session" if count == 1 else "sessions"
    return Done(f"Planned {count} coaching {noun}.", change, None, Next(CALENDAR))
