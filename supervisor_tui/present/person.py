"""A person in words: where their coaching stands (cadence, last and next session, moves).

`sup people` shows it short, one column each in an 80-column line; the TUI's
person view says it in full under the name. Both take the words from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from ..domain.entities import Leave, Person, Session
from ..domain.rules import coaching_due_on, last_held, next_planned, upcoming_leave
from ..domain.words import due_in_words, short_date


class CoachingWords(NamedTuple):
    """Where a person's coaching stands, one phrase a part."""

    cadence: str  # "Coached every 30 days", short "every 30d"
    last: str  # "last 1:1 Tue 24 Nov", short "last Tue 24 Nov"; "never coached"
    upcoming: str  # "next Tue 1 Dec 10:00", short "next Tue 1 Dec"; else when they fall due
    moved: str  # "moved 2×": how often their sessions were moved; "" when never
    moves: int  # the same as a number (moving should be a last resort)
    # "on leave until Fri 4 Dec", "on leave from Mon 7 Dec to Fri 18 Dec"; "" when none
    # is under way or to come. Short: "away to Fri 4 Dec", "leave Mon 7 Dec".
    leave: str = ""


def leave_in_words(leave: Leave | None, today: dt.date, *, short: bool = False) -> str:
    """A leave under way or to come, in words; "" for None."""
    if leave is None:
        return ""
    until = short_date(leave.ends_on, today)
    if leave.starts_on <= today:
        return f"away to {until}" if short else f"on leave until {until}"
    start = short_date(leave.starts_on, today)
    return f"leave {start}" if short else f"on leave from {start} to {until}"


def coaching_words(
    person: Person,
    sessions: Iterable[Session],
    today: dt.date,
    *,
    short: bool = False,
    leaves: Iterable[Leave] = (),
) -> CoachingWords:
    """How the person's coaching stands on ``today``; ``short`` for a table column.

    ``leaves`` (anyone's; the person's own count) push the due date back by the days away.
    """
    own = [s for s in sessions if s.person_id == person.id]
    leaves = tuple(leaves)
    held = last_held(own)
    nxt = next_planned(own, today)
    moves = sum(s.times_moved for s in own)
    if held is None:
        last = "never coached"
    else:
        last = f"{'last' if short else 'last 1:1'} {short_date(held.held_on, today)}"
    if nxt is not None:
        at = nxt.planned_for
        upcoming = f"next {short_date(at.date(), today)}" + ("" if short else f" {at:%H:%M}")
    else:
        due = due_in_words((coaching_due_on(person, own, leaves) - today).days)
        upcoming = due if short else f"nothing planned ({due})"
    every = person.cadence_days
    cadence = f"every {every}d" if short else f"Coached every {every} days"
    away = leave_in_words(upcoming_leave(leaves, person.id, today), today, short=short)
    moved = f"moved {moves}×" if moves else ""
    return CoachingWords(cadence, last, upcoming, moved, moves, away)


def leave_words(leave: Leave, today: dt.date) -> str:
    """'is on leave that day (Mon 7 Dec – Fri 18 Dec)'."""
    return (
        f"is on leave that day ({short_date(leave.starts_on, today)} – "
        f"{short_date(leave.ends_on, today)})"
    )
