"""Planning a month of coaching 1:1s at once: a pure proposal the lead confirms.

Everyone who falls due within the next month (or already is overdue) and has
nothing planned gets a slot on a working day, as close to their due date as
the days allow without passing it, so sessions are neither crammed into
tomorrow nor left to slip. Nothing here reads the clock or writes anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .entities import HELD, PLANNED, Leave, Person, Records, Session, Settings
from .rules import (
    DEFAULT_SETTINGS,
    coaching_due_on,
    last_held,
    leave_on,
    next_planned,
    planned_too_late,
)
from .workdays import is_working_day, working_day_on_or_after, working_day_on_or_before

WINDOW_DAYS = 30  # how far ahead `sup plan --month` looks for people falling due
WEEKS_AHEAD = 4  # the planning screen's working weeks
SLOT = dt.timedelta(hours=1)  # sessions on one day start an hour apart
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Proposal:
    """One session the month plan proposes: whom, when (naive local time), and their due date."""

    person: Person
    at: dt.datetime
    due_on: dt.date

    @property
    def late(self) -> bool:
        """True when the session lies after the person's due date."""
        return self.at.date() > self.due_on


class _Calendar:
    """The sessions already planned on each day, and the ones this plan adds."""

    def __init__(self, records: Records, per_day: int, first: dt.time) -> None:
        self.per_day = per_day
        self.first = first
        self.taken: dict[dt.date, list[dt.datetime]] = {}
        active = {p.id for p in records.people if not p.archived}
        for s in records.sessions:
            if s.status == PLANNED and s.planned_for is not None and s.person_id in active:
                # Wall-clock time: sessions are stored in the lead's local zone.
                at = s.planned_for.replace(tzinfo=None)
                self.taken.setdefault(at.date(), []).append(at)

    def free_slot(self, day: dt.date, away: Callable[[dt.date], bool]) -> dt.datetime | None:
        """The first free time on ``day``, or None when the day is full or the person is
        ``away`` (on leave) that day."""
        taken = self.taken.get(day, [])
        if not is_working_day(day) or len(taken) >= self.per_day or away(day):
            return None
        at = dt.datetime.combine(day, self.first)
        # Each further session an hour later, stepping over any session already there.
        while at.date() == day:
            if all(abs(at - other) >= SLOT for other in taken):
                return at
            at += SLOT
        return None

    def book(self, at: dt.datetime) -> None:
        self.taken.setdefault(at.date(), []).append(at)


def propose_month(
    records: Records,
    today: dt.date,
    settings: Settings = DEFAULT_SETTINGS,
    per_day: int | None = None,
) -> tuple[Proposal, ...]:
    """Sessions for everyone due within ``WINDOW_DAYS`` (or overdue) with nothing planned.

    Rules:
    - only active people whose next session is not planned yet (today or later);
    - only Monday to Friday, starting tomorrow: today's diary is already set, and a
      session sprung on someone the same day is not a planned one;
    - at most ``per_day`` sessions a day (default ``settings.sessions_per_day``),
      sessions already planned on that day included;
    - never on a day the person is on leave (their due date already leaves out the
      days away);
    - earliest due date first (so the most overdue come first), each on the latest
      free working day on or before the due date; when there is none (the person is
      overdue, or the days are full), the nearest free working day after it;
    - the first session of a day at ``settings.session_time``, each further one an
      hour later, stepping over the times of sessions already planned.

    Returned in the order of the proposed times.
    """
    per_day = settings.sessions_per_day if per_day is None else per_day
    if per_day < 1:
        raise ValueError("per_day must be at least 1")
    start = today + _DAY
    horizon = today + dt.timedelta(days=WINDOW_DAYS)
    calendar = _Calendar(records, per_day, settings.session_time)

    wanted: list[tuple[dt.date, Person]] = []
    sessions_of: dict[int, list[Session]] = {}
    for s in records.sessions:
        sessions_of.setdefault(s.person_id, []).append(s)
    for person in records.active_people():
        own = sessions_of.get(person.id, [])
        if next_planned(own, today) is not None:
            continue
        due_on = coaching_due_on(person, own, records.leaves)
        if due_on <= horizon:
            wanted.append((due_on, person))

    proposals = []
    # active_people() is in name order and sort is stable: equal due dates go by name.
    for due_on, person in sorted(wanted, key=lambda pair: pair[0]):

        def away(day: dt.date, pid: int = person.id) -> bool:
            return leave_on(records.leaves, pid, day) is not None

        at = _on_or_before(calendar, due_on, start, away) or _after(calendar, due_on, start, away)
        calendar.book(at)
        proposals.append(Proposal(person, at, due_on))
    return tuple(sorted(proposals, key=lambda p: p.at))


def _on_or_before(
    calendar: _Calendar, due_on: dt.date, start: dt.date, away: Callable[[dt.date], bool]
) -> dt.datetime | None:
    day = due_on
    while day >= start:
        if (at := calendar.free_slot(day, away)) is not None:
            return at
        day -= _DAY
    return None


def _after(
    calendar: _Calendar, due_on: dt.date, start: dt.date, away: Callable[[dt.date], bool]
) -> dt.datetime:
    # Always ends: an empty working day takes a session, and past the last planned one
    # and the last leave every day is free.
    day = max(due_on + _DAY, start)
    while (at := calendar.free_slot(day, away)) is None:
        day += _DAY
    return at


# -- the weeks ahead ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ahead:
    """One active person on the planning screen: due date, planned session, proposal."""

    person: Person
    due_on: dt.date
    planned: Session | None  # the next session planned for today or later
    proposal: Proposal | None  # what the month plan would give them (nothing planned yet)
    flagged: bool  # overdue in the period with nothing planned, or planned too late
    late: bool  # the planned session lies past the due date (see `planned_too_late`)
    last_held_on: dt.date | None = None

    @property
    def on(self) -> dt.date:
        """The day that places the person: the planned session's, else the due date."""
        return self.planned.planned_for.date() if self.planned is not None else self.due_on


@dataclass(frozen=True, slots=True)
class Week:
    """A Monday week of the period and the people placed in it."""

    monday: dt.date
    people: tuple[Ahead, ...]

    @property
    def friday(self) -> dt.date:
        """The week's last working day."""
        return self.monday + dt.timedelta(days=4)


@dataclass(frozen=True, slots=True)
class WeeksAhead:
    """The next working weeks, as the planning screen shows them."""

    today: dt.date
    overdue: tuple[Ahead, ...]  # overdue already, nothing planned
    weeks: tuple[Week, ...]
    later: tuple[Ahead, ...]  # due, and any session planned, after the period
    proposals: tuple[Proposal, ...]  # the month plan (`sup plan --month`), in time order

    @property
    def end(self) -> dt.date:
        """The first day after the period."""
        return self.weeks[-1].monday + dt.timedelta(days=7)


def first_monday(today: dt.date) -> dt.date:
    """The Monday of the first working week ahead: this week's on a working day (the rest
    of it is still ahead), else next week's."""
    monday = today - dt.timedelta(days=today.weekday())
    return monday if is_working_day(today) else monday + dt.timedelta(days=7)


def weeks_ahead(
    records: Records,
    today: dt.date,
    settings: Settings = DEFAULT_SETTINGS,
    weeks: int = WEEKS_AHEAD,
) -> WeeksAhead:
    """Each active person in the week of their next planned session (or, with none, of
    their due date), over the next ``weeks`` working weeks (Monday weeks, from this one
    on a working day).

    Flagged: nothing planned and due before the period ends (overdue within it), or a
    session planned too late. People overdue with nothing planned come first, on their
    own; people due, and planned, after the period last. Within a week, by day, time and name.
    """
    start = first_monday(today)
    end = start + dt.timedelta(days=7 * weeks)
    proposals = propose_month(records, today, settings)
    proposed = {p.person.id: p for p in proposals}
    sessions_of: dict[int, list[Session]] = {}
    for s in records.sessions:
        sessions_of.setdefault(s.person_id, []).append(s)
    overdue: list[Ahead] = []
    later: list[Ahead] = []
    placed: list[list[Ahead]] = [[] for _ in range(weeks)]
    for person in records.active_people():
        own = sessions_of.get(person.id, [])
        due_on = coaching_due_on(person, own, records.leaves)
        planned = next_planned(own, today)
        late = planned is not None and planned_too_late(due_on, planned.planned_for.date(), today)
        flagged = late or (planned is None and due_on < end)
        held = last_held(own)
        row = Ahead(
            person,
            due_on,
            planned,
            proposed.get(person.id),
            flagged,
            late,
            held.held_on if held is not None else None,
        )
        if planned is None and due_on < today:
            overdue.append(row)
        elif row.on >= end:
            later.append(row)
        else:
            placed[max(0, (row.on - start).days // 7)].append(row)

    def order(rows: list[Ahead]) -> tuple[Ahead, ...]:
        def key(r: Ahead) -> tuple:
            at = r.planned.planned_for.time() if r.planned is not None else dt.time.max
            return (r.on, at, r.person.name.casefold())

        return tuple(sorted(rows, key=key))

    return WeeksAhead(
        today,
        order(overdue),
        tuple(Week(start + dt.timedelta(days=7 * n), order(rows)) for n, rows in enumerate(placed)),
        order(later),
        proposals,
    )


def propose_next(
    person: Person, held_on: dt.date, at: dt.time, leaves: Iterable[Leave] = ()
) -> dt.datetime:
    """The next session one cadence ahead, pulled back to a working day (Mon–Fri).

    Pulled back rather than pushed forward, so the cadence is never exceeded. Days on
    the person's leave do not count (see `coaching_due_on`), and a day of their leave is
    never proposed: then the first working day after it.
    """
    leaves = tuple(leaves)
    held = Session(0, person.id, HELD, held_on=held_on)
    day = working_day_on_or_before(coaching_due_on(person, [held], leaves))
    while (away := leave_on(leaves, person.id, day)) is not None:
        day = working_day_on_or_after(away.ends_on + dt.timedelta(days=1))
    return dt.datetime.combine(day, at)
