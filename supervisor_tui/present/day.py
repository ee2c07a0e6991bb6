"""The day view in words: its title, its five sections and their rows.

Both interfaces read the same words from here: `sup today` lays them out in 80
columns with colour, the TUI's day view builds its rows from them. Neither
says a row's text any other way.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..domain.entities import IN_PROGRESS, Person, Record
from ..domain.rules import DayView
from ..domain.words import (
    age_in_words,
    coaching_in_words,
    due_in_words,
    late_in_words,
    open_items_in_words,
    owner_in_words,
    short_date,
)

NO_TEAM = "No one on your team yet."
NOT_RECORDED = "not recorded as held or cancelled"
PROMISED = "(promised an answer) "

# The five sections, by their field in DayView (and in `sup today --json`).
SESSIONS, DUE, SUGGESTIONS, WINS, FOLLOW_UPS = (
    "sessions_today",
    "due_for_coaching",
    "suggestions",
    "wins",
    "follow_ups",
)
TITLES = {
    SESSIONS: ("Today's sessions", "No sessions planned for today."),
    DUE: ("Due for coaching", "Everyone's coaching is on track."),
    SUGGESTIONS: ("Unanswered suggestions", "Every suggestion has its answer."),
    WINS: ("Unacknowledged wins", "Every win has been acknowledged."),
    FOLLOW_UPS: ("Follow-ups due", "No follow-ups due."),
}


class DayRow(NamedTuple):
    """One line of the day view: whom it is about, what and when, in words."""

    person: Person
    record: Record | None  # what keys act on; for a person due, the session planned too late
    record_id: int | None  # the id a lead types (`#12`); None for a person due for coaching
    what: str
    when: str
    flagged: bool
    at: str = ""  # a session left from an earlier day: its time, for a view with room for it


class DaySection(NamedTuple):
    """One of the five sections: its title, its friendly empty line, and its rows."""

    name: str  # SESSIONS, DUE, …: its field in DayView
    title: str
    empty: str
    rows: tuple[DayRow, ...]


def day_title(today: dt.date, team: int) -> str:
    """The day and the team's size: "Friday 27 November 2026 · 10 people"."""
    people = "person" if team == 1 else "people"
    return f"{today:%A} {today.day} {today:%B %Y} · {team} {people}"


def day_sections(view: DayView) -> tuple[DaySection, ...]:
    """The five sections of the day view, in order, worded for ``view.today``."""
    today = view.today
    rows: dict[str, list[DayRow]] = {name: [] for name in TITLES}
    for r in view.sessions_today:
        at = r.session.planned_for
        if r.flagged:
            what, when, time = NOT_RECORDED, short_date(at.date(), today), f"{at:%H:%M}"
        else:
            what, when, time = open_items_in_words(len(r.open_agreements)), f"{at:%H:%M}", ""
            if r.goals_off_track:  # short, so that it fits beside the name in 80 columns
                n, items = r.goals_off_track, len(r.open_agreements)
                goals = f"{n} goal{'s' if n != 1 else ''} off track"
                what = f"{items} open item{'' if items == 1 else 's'} · {goals}" if items else goals
        rows[SESSIONS].append(
            DayRow(r.person, r.session, r.session.id, what, when, r.flagged, time)
        )
    for r in view.due_for_coaching:
        planned = r.planned.planned_for.date() if r.planned else None
        what = coaching_in_words(r.last_held_on, r.person.started_on, planned, today)
        when = due_in_words(r.days_until_due)
        rows[DUE].append(DayRow(r.person, r.planned, None, what, when, r.flagged))
    for r in view.suggestions:
        s = r.suggestion
        what = (PROMISED if s.decision == IN_PROGRESS else "") + s.text
        when = age_in_words(s.received_on, today)
        rows[SUGGESTIONS].append(DayRow(r.person, s, s.id, what, when, r.flagged))
    for r in view.wins:
        w = r.win
        when = age_in_words(w.happened_on, today)
        rows[WINS].append(DayRow(r.person, w, w.id, w.text, when, r.flagged))
    for r in view.follow_ups:
        a = r.agreement
        what = f"{a.text} ({owner_in_words(a.owner, r.person.name)})"
        rows[FOLLOW_UPS].append(
            DayRow(r.person, a, a.id, what, late_in_words(r.days_late), r.flagged)
        )
    return tuple(
        DaySection(name, title, empty, tuple(rows[name])) for name, (title, empty) in TITLES.items()
    )


def needing_attention(sections: tuple[DaySection, ...]) -> int:
    """How many rows are flagged."""
    return sum(row.flagged for section in sections for row in section.rows)
