"""Holding a coaching session: one transaction for everything the session decided.

The held session (with its form version and notes), what happened to the
agreements from last time, the new agreements, and the next session one
cadence ahead, so nobody drops off the schedule.
"""

from __future__ import annotations

import datetime as dt

from ..domain import changes
from ..domain.clock import localize
from ..domain.drafts import CARRY, DONE, DROP, SessionDraft
from ..domain.entities import (
    ACTIVE,
    BEHAVIOUR,
    FROM_SESSION,
    METRIC,
    PLANNED,
    Agreement,
    CheckIn,
    Goal,
    Person,
    Session,
)
from ..domain.rules import held_ids
from ..domain.words import short_date
from ..store import NotFoundError, Store
from .base import Done


class HeldElsewhere(changes.DomainError):
    """The session was held by another process while this draft was being written."""

    def __init__(self, message: str, held: tuple[int, ...]) -> None:
        super().__init__(message)
        self.held = held


def hold_session(
    store: Store,
    draft: SessionDraft,
    held_on: dt.date,
    next_at: dt.datetime | None,
    now: dt.datetime,
) -> Done:
    """Record the session in ``draft`` as held on ``held_on`` and plan the next at ``next_at``."""
    changes.check_held_on(held_on, now.date())
    if next_at is not None and localize(next_at) <= now:
        when = f"{short_date(next_at.date(), now.date())} {next_at:%H:%M}"
        raise changes.DomainError(
            f"The next session can't be planned in the past ({when}); give a later date."
        )
    with store.transaction() as txn:
        # Only the kinds it reads: decoding all 100k records would hold the lock a second.
        person = next((p for p in txn.table("people") if p.id == draft.person_id), None)
        if person is None:
            raise NotFoundError("That person was removed in the meantime; nothing was saved.")
        sessions = txn.table("sessions")
        held = held_ids(sessions, person.id)
        before = held if draft.held_before is None else draft.held_before  # None: unknown
        since = set(held) - set(before)
        if since:
            latest = max((s for s in sessions if s.id in since), key=lambda s: (s.held_on, s.id))
            raise HeldElsewhere(
                f"{person.name}'s session was recorded as held on "
                f"{short_date(latest.held_on, now.date())} from elsewhere while this one was "
                "open, so nothing was written twice. Your notes stay in the draft; to record "
                "them as a session of their own, hold again.",
                held,
            )
        session = changes.hold(
            person, sessions, held_on, draft.form_name, draft.form_version, draft.notes
        )
        if session.id == 0:
            session = txn.add(session)
        else:
            txn.put(session)
        closed = _apply_outcomes(txn, draft, now.date())
        for new in draft.new_agreements:
            txn.add(
                Agreement(
                    0,
                    person.id,
                    new.text,
                    now,
                    owner=new.owner,
                    follow_up_on=new.follow_up_on,
                    session_id=session.id,
                )
            )
        _record_goals(txn, draft, person, session)
        planned = _plan_next(txn, person, session, next_at)
    store.discard_draft(draft.key)
    message = f"Held {person.name}'s session on {short_date(held_on, now.date())}"
    if draft.new_agreements or closed or draft.goal_values or draft.new_goals:
        message += f" ({draft.summary()})"
    message += "."
    if planned is not None:
        when = planned.planned_for
        message += f" Next one planned for {short_date(when.date(), now.date())} {when:%H:%M}."
    kept = None if draft.is_empty else (draft.key, draft.to_doc())  # undo brings it back
    return Done(message, txn.change, session, draft=kept)


def hold_without_notes(
    store: Store, person_id: int, held_on: dt.date, next_at: dt.datetime | None, now: dt.datetime
) -> Done:
    """Hold the person's session with nothing written down (`sup held anna`)."""
    from ..domain.forms import form_for

    records = store.load(open_only=True)
    person = records.person(person_id)
    if person is None:
        raise NotFoundError("That person was removed in the meantime; nothing was saved.")
    draft = SessionDraft.start(person_id, form_for(person, records))
    return hold_session(store, draft, held_on, next_at, now)


def _apply_outcomes(txn, draft: SessionDraft, today: dt.date) -> int:
    """Close or carry the agreements the session went through; returns how many changed."""
    changed = 0
    for agreement_id, outcome in draft.outcomes:
        try:
            agreement = txn.get(agreement_id)
        except NotFoundError:
            continue  # removed elsewhere in the meantime: nothing left to decide
        if not isinstance(agreement, Agreement) or not agreement.is_open:
            continue
        if outcome.action == DONE:
            agreement = changes.mark_done(agreement, today)
        elif outcome.action == DROP:
            agreement = changes.drop(agreement, today)
        elif outcome.action == CARRY and outcome.follow_up_on is not None:
            agreement = changes.carry_over(agreement, outcome.follow_up_on, today)
        else:
            continue
        txn.put(agreement)
        changed += 1
    return changed


def _record_goals(txn, draft: SessionDraft, person: Person, session: Session) -> None:
    """This session's goal values as check-ins, and the goals it set, with the session."""
    from .goals import put_check_in

    for entered in draft.goal_values:
        try:
            goal = txn.get(entered.goal_id)
        except NotFoundError:
            continue  # removed elsewhere in the meantime
        if not isinstance(goal, Goal) or goal.person_id != person.id or goal.status != ACTIVE:
            continue
        check_in = CheckIn(
            0,
            goal.id,
            person.id,
            session.held_on,
            entered.value,
            entered.level,
            source=FROM_SESSION,
            session_id=session.id,
        )
        put_check_in(txn, goal, check_in)
    for new in draft.new_goals:
        kind = METRIC if new.op is not None else BEHAVIOUR
        txn.add(
            Goal(
                0,
                person.id,
                new.title,
                session.held_on,
                kind,
                new.op,
                new.target,
                new.unit,
                new.review_on,
                session.id,
            )
        )


def _plan_next(txn, person: Person, held: Session, next_at: dt.datetime | None) -> Session | None:
    """Plan the next session unless one is already planned after this one."""
    if next_at is None:
        return None
    later = [
        s
        for s in txn.table("sessions")
        if s.person_id == person.id and s.status == PLANNED and s.id != held.id
    ]
    # As everywhere, a planned session without a time (a file edited by hand) is none.
    later = [s for s in later if s.planned_for is not None]
    if later:
        return min(later, key=lambda s: s.planned_for)
    return txn.add(Session(0, person.id, planned_for=localize(next_at)))
