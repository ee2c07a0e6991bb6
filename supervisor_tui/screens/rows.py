"""What the day view and the person view list, as rows: the words the lead reads.

Pure functions from domain rows to `Row`s; the screens decide what keys do.
"""

from __future__ import annotations

import datetime as dt

from ..domain.entities import HELD, IN_PROGRESS, LEAD, OPEN, PLANNED, WELLBEING, Person, Records
from ..domain.people import fold
from ..domain.rules import DayView, open_agreements
from ..domain.words import age_in_words, due_in_words, short_date
from ..widgets.sectioned_list import Row, Section

SESSION, DUE, SUGGESTION, WIN, FOLLOW_UP, NOTE = (
    "session",
    "due",
    "suggestion",
    "win",
    "follow_up",
    "note",
)


def late_words(days: int) -> str:
    """How late a follow-up is: "due today", "1 day late", "5 days late"."""
    if days == 0:
        return "due today"
    return "1 day late" if days == 1 else f"{days} days late"


def _owner(owner: str, person: Person) -> str:
    return "you" if owner == LEAD else person.name.split()[0]


def _matches(person: Person, key: str) -> bool:
    if not key:
        return True
    words = [fold(person.handle), *fold(person.name).split()]
    return any(word.startswith(key) for word in words)


def _open_items(count: int) -> str:
    return f"{count} open item{'' if count == 1 else 's'} to return to"


def day_sections(view: DayView, person_filter: str = "") -> list[Section]:
    """The five sections of the day view, optionally narrowed to matching people."""
    today = view.today
    key = fold(person_filter.strip().lstrip("@"))
    sessions, due, suggestions, wins, follow_ups = [], [], [], [], []
    for r in view.sessions_today:
        if _matches(r.person, key):
            at = r.session.planned_for
            when = short_date(at.date(), today) if r.flagged else f"{at:%H:%M}"
            what = (
                "not recorded as held or cancelled"
                if r.flagged
                else _open_items(len(r.open_agreements))
            )
            sessions.append(
                Row(
                    f"session-{r.session.id}",
                    SESSION,
                    when,
                    r.person.name,
                    what,
                    r.person.id,
                    r.session,
                    r.flagged,
                )
            )
    for r in view.due_for_coaching:
        if not _matches(r.person, key):
            continue
        if r.planned is not None:
            what = f"planned only for {short_date(r.planned.planned_for.date(), today)}"
        elif r.last_held_on is None:
            what = f"never coached · started {short_date(r.person.started_on, today)}"
        else:
            what = f"last held {short_date(r.last_held_on, today)}"
        due.append(
            Row(
                f"due-{r.person.id}",
                DUE,
                due_in_words(r.days_until_due),
                r.person.name,
                what,
                r.person.id,
                r.planned,
                r.flagged,
            )
        )
    for r in view.suggestions:
        if _matches(r.person, key):
            s = r.suggestion
            promised = "(promised an answer) " if s.decision == IN_PROGRESS else ""
            suggestions.append(
                Row(
                    f"suggestion-{s.id}",
                    SUGGESTION,
                    age_in_words(s.received_on, today),
                    r.person.name,
                    promised + s.text,
                    r.person.id,
                    s,
                    r.flagged,
                )
            )
    for r in view.wins:
        if _matches(r.person, key):
            wins.append(
                Row(
                    f"win-{r.win.id}",
                    WIN,
                    age_in_words(r.win.happened_on, today),
                    r.person.name,
                    r.win.text,
                    r.person.id,
                    r.win,
                    r.flagged,
                )
            )
    for r in view.follow_ups:
        if _matches(r.person, key):
            a = r.agreement
            follow_ups.append(
                Row(
                    f"agreement-{a.id}",
                    FOLLOW_UP,
                    late_words(r.days_late),
                    r.person.name,
                    f"{a.text} ({_owner(a.owner, r.person)})",
                    r.person.id,
                    a,
                    r.flagged,
                )
            )
    return [
        Section("sessions", "Today's sessions", tuple(sessions), "No sessions planned for today."),
        Section("due", "Due for coaching", tuple(due), "Everyone's coaching is on track."),
        Section(
            "suggestions",
            "Unanswered suggestions",
            tuple(suggestions),
            "Every suggestion has its answer.",
        ),
        Section("wins", "Unacknowledged wins", tuple(wins), "Every win has been acknowledged."),
        Section("follow_ups", "Follow-ups due", tuple(follow_ups), "No follow-ups due."),
    ]


def _open_rows(records: Records, person: Person, today: dt.date) -> list[Row]:
    pid, rows = person.id, []
    for a in open_agreements(records, pid):
        if a.follow_up_on is None:
            when, late = "no date", False
        elif a.follow_up_on <= today:
            when, late = late_words((today - a.follow_up_on).days), a.follow_up_on < today
        else:
            when, late = f"by {short_date(a.follow_up_on, today)}", False
        rows.append(
            Row(
                f"agreement-{a.id}",
                FOLLOW_UP,
                when,
                f"agreed ({_owner(a.owner, person)})",
                a.text,
                pid,
                a,
                late,
            )
        )
    for s in records.suggestions:
        if s.person_id == pid and s.decision in (OPEN, IN_PROGRESS):
            rows.append(
                Row(
                    f"suggestion-{s.id}",
                    SUGGESTION,
                    age_in_words(s.received_on, today),
                    "suggestion",
                    s.text,
                    pid,
                    s,
                )
            )
    for w in records.wins:
        if w.person_id == pid and w.acknowledged_on is None:
            rows.append(
                Row(
                    f"win-{w.id}",
                    WIN,
                    age_in_words(w.happened_on, today),
                    "win to thank",
                    w.text,
                    pid,
                    w,
                )
            )
    return rows


def _timeline(records: Records, person: Person, today: dt.date) -> tuple[Row, ...]:
    pid = person.id
    events: list[tuple[dt.date, int, Row]] = []

    def add(day: dt.date, record_id: int, row: Row) -> None:
        events.append((day, record_id, row))

    for s in records.sessions:
        if s.person_id != pid:
            continue
        if s.status == HELD and s.held_on is not None:
            summary = next((text for _, text in s.notes if text.strip()), "")
            add(
                s.held_on,
                s.id,
                Row(
                    f"t-session-{s.id}",
                    "held_session",
                    short_date(s.held_on, today),
                    "1:1 held",
                    summary,
                    pid,
                    s,
                ),
            )
        elif s.status == PLANNED and s.planned_for is not None:
            moved = f" · moved {s.times_moved}×" if s.times_moved else ""
            add(
                s.planned_for.date(),
                s.id,
                Row(
                    f"t-session-{s.id}",
                    SESSION,
                    short_date(s.planned_for.date(), today),
                    "1:1 planned",
                    f"{s.planned_for:%H:%M}{moved}",
                    pid,
                    s,
                ),
            )
    for w in records.wins:
        if w.person_id == pid:
            thanked = (
                f" — thanked ({w.acknowledged_how})" if w.acknowledged_on else " — not thanked yet"
            )
            add(
                w.happened_on,
                w.id,
                Row(
                    f"t-win-{w.id}",
                    WIN,
                    short_date(w.happened_on, today),
                    "win",
                    w.text + thanked,
                    pid,
                    w,
                ),
            )
    for s in records.suggestions:
        if s.person_id == pid:
            answer = f" → {s.decision.replace('_', ' ')}" + (
                f": {s.response}" if s.response else ""
            )
            add(
                s.received_on,
                s.id,
                Row(
                    f"t-suggestion-{s.id}",
                    SUGGESTION,
                    short_date(s.received_on, today),
                    "suggestion",
                    s.text + answer,
                    pid,
                    s,
                ),
            )
    for a in records.agreements:
        if a.person_id == pid:
            state = " ✓ done" if a.done_on else (" — dropped" if a.dropped_on else "")
            day = a.created.date()
            add(
                day,
                a.id,
                Row(
                    f"t-agreement-{a.id}",
                    FOLLOW_UP,
                    short_date(day, today),
                    "agreed",
                    a.text + state,
                    pid,
                    a,
                ),
            )
    for n in records.notes:
        if n.person_id == pid:
            day = n.created.date()
            label = "wellbeing" if n.kind == WELLBEING else "note"
            add(
                day,
                n.id,
                Row(f"t-note-{n.id}", NOTE, short_date(day, today), label, n.text, pid, n),
            )
    return tuple(row for _, _, row in sorted(events, key=lambda e: (e[0], e[1]), reverse=True))


def person_sections(records: Records, person: Person, today: dt.date) -> list[Section]:
    """The person view's lists: open items, then a timeline of everything, newest first."""
    return [
        Section(
            "open",
            "Open items",
            tuple(_open_rows(records, person, today)),
            "Nothing open for this person.",
        ),
        Section("timeline", "Timeline", _timeline(records, person, today), "Nothing recorded yet."),
    ]
