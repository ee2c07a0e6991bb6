"""What the day view and the person view list, as rows: the words the lead reads.

Pure functions from domain rows to `Row`s; the screens decide what keys do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ...domain.entities import (
    HELD,
    IN_PROGRESS,
    OPEN,
    PLANNED,
    WELLBEING,
    Agreement,
    Note,
    Person,
    Records,
    Session,
    Settings,
    Suggestion,
    Win,
)
from ...domain.goals import goals_of
from ...domain.rules import (
    DEFAULT_SETTINGS,
    open_agreements,
    suggestion_flagged,
    win_flagged,
)
from ...domain.words import (
    age_in_words,
    follow_up_in_words,
    owner_in_words,
    short_date,
)
from ...present import day
from ...present.goals import goal_words, row_target
from ..widgets.sectioned_list import LazyRows, Row, Section

SESSION, DUE, SUGGESTION, WIN, FOLLOW_UP, NOTE = (
    "session",
    "due",
    "suggestion",
    "win",
    "follow_up",
    "note",
)
GOAL = "goal"
HELD_SESSION, LEAVE = "held_session", "leave"  # timeline rows of the person view


# The day view's sections (by their DayView field) as the TUI keys them, and their rows.
_DAY = {
    day.SESSIONS: ("sessions", SESSION),
    day.DUE: ("due", DUE),
    day.SUGGESTIONS: ("suggestions", SUGGESTION),
    day.WINS: ("wins", WIN),
    day.FOLLOW_UPS: ("follow_ups", FOLLOW_UP),
}
_ROW_KEYS = {SESSION: "session", SUGGESTION: "suggestion", WIN: "win", FOLLOW_UP: "agreement"}


def _day_row(kind: str, row: day.DayRow) -> Row:
    pid = row.person.id
    key = f"due-{pid}" if kind == DUE else f"{_ROW_KEYS[kind]}-{row.record_id}"
    return Row(key, kind, row.when, row.person.name, row.what, pid, row.record, row.flagged)


def day_sections(worded: tuple[day.DaySection, ...]) -> list[Section]:
    """The day view's five sections (as `present.day` words them) as rows."""
    sections = []
    for section in worded:
        name, kind = _DAY[section.name]
        rows = tuple(_day_row(kind, r) for r in section.rows)
        sections.append(Section(name, section.title, rows, section.empty))
    return sections


def agreement_row(agreement: Agreement, person: Person, today: dt.date, who: str = "") -> Row:
    """An open agreement, as the person view and the session view list it."""
    late = agreement.follow_up_on is not None and agreement.follow_up_on < today
    return Row(
        f"agreement-{agreement.id}",
        FOLLOW_UP,
        follow_up_in_words(agreement.follow_up_on, today),
        who or f"agreed ({owner_in_words(agreement.owner, person.name)})",
        agreement.text,
        person.id,
        agreement,
        late,
    )


def waiting_rows(
    records: Records, person_id: int, today: dt.date, settings: Settings = DEFAULT_SETTINGS
) -> tuple[list[Row], list[Row]]:
    """The person's unanswered suggestions and unacknowledged wins, oldest first, flagged
    (`!`) as the day view flags them."""
    # Theirs first, then in order: sorting every suggestion and win of the team (45k at
    # 100k records) for each person view took most of its opening.
    their_suggestions = [s for s in records.suggestions if s.person_id == person_id]
    their_wins = [w for w in records.wins if w.person_id == person_id]
    suggestions = [
        Row(
            f"suggestion-{s.id}",
            SUGGESTION,
            age_in_words(s.received_on, today),
            "to answer",
            s.text,
            person_id,
            s,
            suggestion_flagged(s, today, settings),
        )
        for s in sorted(their_suggestions, key=lambda s: (s.received_on, s.id))
        if s.decision in (OPEN, IN_PROGRESS)
    ]
    wins = [
        Row(
            f"win-{w.id}",
            WIN,
            age_in_words(w.happened_on, today),
            "win to thank",
            w.text,
            person_id,
            w,
            win_flagged(w, today, settings),
        )
        for w in sorted(their_wins, key=lambda w: (w.happened_on, w.id))
        if w.acknowledged_on is None
    ]
    return suggestions, wins


def _open_rows(records: Records, person: Person, today: dt.date, settings: Settings) -> list[Row]:
    suggestions, wins = waiting_rows(records, person.id, today, settings)
    agreements = [agreement_row(a, person, today) for a in open_agreements(records, person.id)]
    return [*agreements, *suggestions, *wins]


def _timeline(records: Records, person: Person, today: dt.date) -> Sequence[Row]:
    """Everything recorded about the person, newest first; worded as it is listed."""
    pid = person.id
    dated: list[tuple[dt.date, int, Any]] = []
    for s in records.sessions:
        if s.person_id == pid:
            if s.status == HELD and s.held_on is not None:
                dated.append((s.held_on, s.id, s))
            elif s.status == PLANNED and s.planned_for is not None:
                dated.append((s.planned_for.date(), s.id, s))
    dated += [(w.happened_on, w.id, w) for w in records.wins if w.person_id == pid]
    dated += [(s.received_on, s.id, s) for s in records.suggestions if s.person_id == pid]
    dated += [(a.created.date(), a.id, a) for a in records.agreements if a.person_id == pid]
    dated += [(n.created.date(), n.id, n) for n in records.notes if n.person_id == pid]
    dated += [(lv.starts_on, lv.id, lv) for lv in records.leaves if lv.person_id == pid]
    dated.sort(key=lambda e: (e[0], e[1]), reverse=True)
    items = [record for _, _, record in dated]
    return LazyRows(items, lambda record: _timeline_row(record, pid, today), (pid, today))


def _timeline_row(record: Any, pid: int, today: dt.date) -> Row:
    """One line of the timeline."""
    if isinstance(record, Session):
        if record.status == HELD and record.held_on is not None:
            summary = next((text for _, text in record.notes if text.strip()), "")
            when = short_date(record.held_on, today)
            return Row(
                f"t-session-{record.id}", HELD_SESSION, when, "1:1 held", summary, pid, record
            )
        assert record.planned_for is not None
        moved = f" · moved {record.times_moved}×" if record.times_moved else ""
        return Row(
            f"t-session-{record.id}",
            SESSION,
            short_date(record.planned_for.date(), today),
            "1:1 planned",
            f"{record.planned_for:%H:%M}{moved}",
            pid,
            record,
        )
    if isinstance(record, Win):
        thanked = (
            f" — thanked ({record.acknowledged_how})"
            if record.acknowledged_on
            else " — not thanked yet"
        )
        when = short_date(record.happened_on, today)
        return Row(f"t-win-{record.id}", WIN, when, "win", record.text + thanked, pid, record)
    if isinstance(record, Suggestion):
        answer = f" → {record.decision.replace('_', ' ')}" + (
            f": {record.response}" if record.response else ""
        )
        when = short_date(record.received_on, today)
        what = record.text + answer
        return Row(f"t-suggestion-{record.id}", SUGGESTION, when, "suggestion", what, pid, record)
    if isinstance(record, Agreement):
        state = " ✓ done" if record.done_on else (" — dropped" if record.dropped_on else "")
        when = short_date(record.created.date(), today)
        what = record.text + state
        return Row(f"t-agreement-{record.id}", FOLLOW_UP, when, "agreed", what, pid, record)
    if isinstance(record, Note):
        label = "wellbeing" if record.kind == WELLBEING else "note"
        when = short_date(record.created.date(), today)
        return Row(f"t-note-{record.id}", NOTE, when, label, record.text, pid, record)
    days = (record.ends_on - record.starts_on).days + 1
    span = f"until {short_date(record.ends_on, today)} ({days} days)"
    what = f"{span}: {record.note}" if record.note else span
    return Row(
        f"t-leave-{record.id}",
        LEAVE,
        short_date(record.starts_on, today),
        "on leave",
        what,
        pid,
        record,
    )


def goal_rows(records: Records, person: Person, today: dt.date) -> tuple[Row, ...]:
    """The person's goals: where each stands, its target, its trend and its last values;
    active ones first, then those met or dropped."""
    own = goals_of(records, person.id, everything=True)
    rows = []
    for goal in sorted(own, key=lambda g: g.status != "active"):
        said = goal_words(records, goal, today)
        review = " · review due" if said.review_due else ""
        what = f"{row_target(goal)} {said.trend} {said.last}".strip() + review
        key, status = f"goal-{goal.id}", said.status_words
        rows.append(Row(key, GOAL, status, goal.title, what, person.id, goal, said.flagged))
    return tuple(rows)


def person_sections(
    records: Records, person: Person, today: dt.date, settings: Settings = DEFAULT_SETTINGS
) -> list[Section]:
    """The person view's lists: open items, goals, then a timeline of everything, newest
    first."""
    return [
        Section(
            "open",
            "Open items",
            tuple(_open_rows(records, person, today, settings)),
            "Nothing open for this person.",
        ),
        Section("goals", "Goals", goal_rows(records, person, today), "No goals yet: G sets one."),
        Section("timeline", "Timeline", _timeline(records, person, today), "Nothing recorded yet."),
    ]
