"""The three routines as rules: pure functions of the records and today's date.

Nothing here reads the clock, the disk or the terminal. Every rule drops
archived people, and every list comes back in the order the day view shows it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .entities import (
    HELD,
    IN_PROGRESS,
    OPEN,
    PLANNED,
    Agreement,
    Leave,
    Person,
    Records,
    Session,
    Settings,
    Suggestion,
    Win,
)
from .goals import off_track_count
from .workdays import next_working_day

DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True, slots=True)
class SessionToday:
    """A session planned for today, or an earlier one nobody recorded as held."""

    session: Session
    person: Person
    open_agreements: tuple[Agreement, ...]
    last_held: Session | None
    flagged: bool  # planned on an earlier day and never recorded
    goals_off_track: int = 0  # so the lead walks in prepared


@dataclass(frozen=True, slots=True)
class DueCoaching:
    """A person whose next coaching 1:1 needs the lead's attention."""

    person: Person
    due_on: dt.date
    days_until_due: int  # negative when overdue
    last_held_on: dt.date | None
    planned: Session | None  # set when the next planned session lies past the due date
    flagged: bool


@dataclass(frozen=True, slots=True)
class WaitingSuggestion:
    """A suggestion still waiting for the lead's answer."""

    suggestion: Suggestion
    person: Person
    age_days: int
    flagged: bool


@dataclass(frozen=True, slots=True)
class WaitingWin:
    """A win nobody has acknowledged yet."""

    win: Win
    person: Person
    age_days: int
    flagged: bool


@dataclass(frozen=True, slots=True)
class FollowUp:
    """An open agreement whose follow-up date has come."""

    agreement: Agreement
    person: Person
    days_late: int
    flagged: bool


@dataclass(frozen=True, slots=True)
class DayView:
    """The five sections of the day view, each already in display order."""

    today: dt.date
    sessions_today: tuple[SessionToday, ...]
    due_for_coaching: tuple[DueCoaching, ...]
    suggestions: tuple[WaitingSuggestion, ...]
    wins: tuple[WaitingWin, ...]
    follow_ups: tuple[FollowUp, ...]


def _active(records: Records) -> dict[int, Person]:
    return {p.id: p for p in records.people if not p.archived}


def last_held(sessions: tuple[Session, ...] | list[Session]) -> Session | None:
    """The most recently held session among these, or None."""
    held = [s for s in sessions if s.status == HELD and s.held_on is not None]
    return max(held, key=lambda s: (s.held_on, s.id), default=None)


def held_ids(sessions: Iterable[Session], person_id: int) -> tuple[int, ...]:
    """The ids of the person's held sessions, in order."""
    return tuple(sorted(s.id for s in sessions if s.person_id == person_id and s.status == HELD))


def next_planned(sessions: tuple[Session, ...] | list[Session], today: dt.date) -> Session | None:
    """The earliest session still planned for today or later, or None."""
    upcoming = [
        s
        for s in sessions
        if s.status == PLANNED and s.planned_for is not None and s.planned_for.date() >= today
    ]
    return min(upcoming, key=lambda s: (s.planned_for, s.id), default=None)


def coaching_due_on(
    person: Person,
    sessions: list[Session] | tuple[Session, ...],
    leaves: Iterable[Leave] = (),
) -> dt.date:
    """When the person's next 1:1 falls due: one cadence after the last held one.

    A person never coached counts from their start date. Days on leave do not count
    towards the cadence: a leave that starts on or before the due date pushes it back
    by the leave's days after the base, so someone on leave through their due date
    falls due on their first day back at the earliest. A leave that starts after the
    due date moves nothing (they were due before they left). ``leaves`` may hold
    anyone's; only the person's own count.
    """
    held = last_held(sessions)
    base = held.held_on if held is not None and held.held_on is not None else person.started_on
    due = base + dt.timedelta(days=person.cadence_days)
    for start, end in _merged(leave for leave in leaves if leave.person_id == person.id):
        start = max(start, base + _DAY)  # days before the base were never counted
        if end < start:
            continue
        if start > due:
            break
        due += dt.timedelta(days=(end - start).days + 1)
    return due


_DAY = dt.timedelta(days=1)


def _merged(leaves: Iterable[Leave]) -> list[tuple[dt.date, dt.date]]:
    """The days of these leaves as (first, last) runs, in order, overlaps joined."""
    runs: list[tuple[dt.date, dt.date]] = []
    for leave in sorted(leaves, key=lambda leave: leave.starts_on):
        if runs and leave.starts_on <= runs[-1][1] + _DAY:
            runs[-1] = (runs[-1][0], max(runs[-1][1], leave.ends_on))
        else:
            runs.append((leave.starts_on, leave.ends_on))
    return runs


def leave_on(leaves: Iterable[Leave], person_id: int, day: dt.date) -> Leave | None:
    """The person's leave that ``day`` falls in, or None (the one ending last, if several)."""
    covering = [lv for lv in leaves if lv.person_id == person_id and lv.covers(day)]
    return max(covering, key=lambda lv: (lv.ends_on, lv.id), default=None)


def upcoming_leave(leaves: Iterable[Leave], person_id: int, today: dt.date) -> Leave | None:
    """The person's leave under way today, else their next one to come, or None."""
    ahead = [lv for lv in leaves if lv.person_id == person_id and lv.ends_on >= today]
    return min(ahead, key=lambda lv: (lv.starts_on, lv.id), default=None)


def planned_too_late(due_on: dt.date, planned_on: dt.date, today: dt.date) -> bool:
    """Whether a session on ``planned_on`` comes too late for someone due on ``due_on``.

    Too late is after the due date, except that the next working day is never too late:
    for someone already overdue it is the earliest a planned session can be (`sup plan
    --month` proposes from tomorrow on; a session sprung on someone the same day is not
    a planned one), and on a Friday a session on Monday is the next one possible.
    """
    return planned_on > max(due_on, next_working_day(today))


def _sessions_by_person(records: Records) -> dict[int, list[Session]]:
    by_person: dict[int, list[Session]] = defaultdict(list)
    for s in records.sessions:
        by_person[s.person_id].append(s)
    return by_person


def due_for_coaching(
    records: Records, today: dt.date, settings: Settings = DEFAULT_SETTINGS
) -> tuple[DueCoaching, ...]:
    """People due for coaching: overdue first, then those due within the next few days.

    A person is due when no session was held within their cadence (counted from
    the last held session, or from the start date, leave days not counted), they are
    not on leave today, and no session is planned
    on or before the due date (or the next working day, see `planned_too_late`). A planned
    session that lies past the due date is listed and flagged too, so it can be
    moved forward.
    """
    rows = []
    sessions = _sessions_by_person(records)
    for person in _active(records).values():
        if leave_on(records.leaves, person.id, today) is not None:
            continue  # not due while away; the cadence counts on when they are back
        own = sessions.get(person.id, [])
        due_on = coaching_due_on(person, own, records.leaves)
        planned = next_planned(own, today)
        days_until_due = (due_on - today).days
        held = last_held(own)
        last_on = held.held_on if held else None
        if planned is not None:
            if not planned_too_late(due_on, planned.planned_for.date(), today):
                continue
            rows.append(DueCoaching(person, due_on, days_until_due, last_on, planned, True))
        elif days_until_due <= settings.due_soon_days:
            rows.append(
                DueCoaching(person, due_on, days_until_due, last_on, None, days_until_due < 0)
            )
    return tuple(sorted(rows, key=lambda r: (r.due_on, r.person.name.casefold())))


def _is_waiting(s: Suggestion, today: dt.date) -> bool:
    if s.decision == OPEN:
        return True
    # "In progress" without a come-back date is not an answer yet.
    return s.decision == IN_PROGRESS and (s.come_back_by is None or s.come_back_by <= today)


def suggestion_flagged(
    s: Suggestion, today: dt.date, settings: Settings = DEFAULT_SETTINGS
) -> bool:
    """An unanswered suggestion stands out once it has waited a week, or when a promised
    come-back date has passed; one "in progress" until a later date is answered for now."""
    if not _is_waiting(s, today):
        return False
    age = (today - s.received_on).days
    promise_broken = (
        s.decision == IN_PROGRESS and s.come_back_by is not None and s.come_back_by < today
    )
    return age >= settings.suggestion_flag_days or promise_broken


def win_flagged(w: Win, today: dt.date, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """An unacknowledged win stands out once it is two days old."""
    return (today - w.happened_on).days >= settings.win_flag_days


def unanswered_suggestions(
    records: Records, today: dt.date, settings: Settings = DEFAULT_SETTINGS
) -> tuple[WaitingSuggestion, ...]:
    """Suggestions still waiting for an answer, oldest first.

    Open ones, and "in progress" ones whose come-back date has arrived. Flagged
    once they have waited a week, or when a promised come-back date has passed.
    """
    people = _active(records)
    rows = []
    for s in records.suggestions:
        person = people.get(s.person_id)
        if person is None or not _is_waiting(s, today):
            continue
        age = (today - s.received_on).days
        rows.append(WaitingSuggestion(s, person, age, suggestion_flagged(s, today, settings)))
    return tuple(sorted(rows, key=lambda r: (r.suggestion.received_on, r.suggestion.id)))


def unacknowledged_wins(
    records: Records, today: dt.date, settings: Settings = DEFAULT_SETTINGS
) -> tuple[WaitingWin, ...]:
    """Wins nobody has acknowledged, oldest first; flagged after two days."""
    people = _active(records)
    rows = []
    for w in records.wins:
        person = people.get(w.person_id)
        if person is None or w.acknowledged_on is not None:
            continue
        age = (today - w.happened_on).days
        rows.append(WaitingWin(w, person, age, win_flagged(w, today, settings)))
    return tuple(sorted(rows, key=lambda r: (r.win.happened_on, r.win.id)))


def follow_ups_due(records: Records, today: dt.date) -> tuple[FollowUp, ...]:
    """Open agreements whose follow-up date is today or past; late ones flagged."""
    people = _active(records)
    rows = []
    for a in records.agreements:
        person = people.get(a.person_id)
        if person is None or not a.is_open or a.follow_up_on is None or a.follow_up_on > today:
            continue
        late = (today - a.follow_up_on).days
        rows.append(FollowUp(a, person, late, late > 0))
    return tuple(sorted(rows, key=lambda r: (r.agreement.follow_up_on, r.agreement.id)))


def open_agreements(records: Records, person_id: int) -> tuple[Agreement, ...]:
    """The person's agreements that are neither done nor dropped, soonest follow-up first."""
    far = dt.date.max
    own = [a for a in records.agreements if a.person_id == person_id and a.is_open]
    return tuple(sorted(own, key=lambda a: (a.follow_up_on or far, a.id)))


def sessions_today(records: Records, today: dt.date) -> tuple[SessionToday, ...]:
    """Sessions planned for today, each with what to return to.

    A session planned for an earlier day that was never recorded as held or
    cancelled is listed too, flagged: otherwise it would slip silently.
    """
    people = _active(records)
    sessions = _sessions_by_person(records)
    rows = []
    for s in records.sessions:
        person = people.get(s.person_id)
        if person is None or s.status != PLANNED or s.planned_for is None:
            continue
        day = s.planned_for.date()
        if day > today:
            continue
        rows.append(
            SessionToday(
                s,
                person,
                open_agreements(records, person.id),
                last_held(sessions[person.id]),
                day < today,
                off_track_count(records, person.id, today),
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.session.planned_for, r.session.id)))


def day_view(records: Records, today: dt.date, settings: Settings = DEFAULT_SETTINGS) -> DayView:
    """Everything the day view shows, for one day."""
    return DayView(
        today=today,
        sessions_today=sessions_today(records, today),
        due_for_coaching=due_for_coaching(records, today, settings),
        suggestions=unanswered_suggestions(records, today, settings),
        wins=unacknowledged_wins(records, today, settings),
        follow_ups=follow_ups_due(records, today),
    )
