"""What the day view and the person view list, as rows: the words the lead reads.

Pure functions from domain rows to `Row`s; the screens decide what keys do.
"""

from __future__ import annotations

import datetime as dt

from ...domain.entities import (
    HELD,
    IN_PROGRESS,
    OPEN,
    PLANNED,
    WELLBEING,
    Agreement,
    Person,
    Records,
)
from ...domain.folding import fold
from ...domain.rules import DayView, open_agreements
from ...domain.words import (
    age_in_words,
    coaching_in_words,
    due_in_words,
    follow_up_in_words,
    late_in_words,
    open_items_in_words,
    owner_in_words,
    short_date,
)
from ..widgets.sectioned_list import Row, Section

SESSION, DUE, SUGGESTION, WIN, FOLLOW_UP, NOTE = (
    "session",
    "due",
    "suggestion",
    "win",
    "follow_up",
    "note",
)


def _matches(person: Person, key: str) -> bool:
    if not key:
        return True
    words = [fold(person.handle), *fold(person.name).split()]
    return any(word.startswith(key) for word in words)


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
                else open_items_in_words(len(r.open_agreements))
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
        planned = r.planned.planned_for.date() if r.planned else None
        what = coaching_in_words(r.last_held_on, r.person.started_on, planned, today)
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
                    late_in_words(r.days_late),
                    r.person.name,
                    f"{a.text} ({owner_in_words(a.owner, r.person.name)})",
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


def waiting_rows(records: Records, person_id: int, today: dt.date) -> tuple[list[Row], list[Row]]:
    """The person's unanswered suggestions and unacknowledged wins, oldest first."""
    suggestions = [
        Row(
            f"suggestion-{s.id}",
            SUGGESTION,
            age_in_words(s.received_on, today),
            "to answer",
            s.text,
            person_id,
            s,
        )
        for s in sorted(records.suggestions, key=lambda s: (s.received_on, s.id))
        if s.person_id == person_id and s.decision in (OPEN, IN_PROGRESS)
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
        )
        for w in sorted(records.wins, key=lambda w: (w.happened_on, w.id))
        if w.person_id == person_id and w.acknowledged_on is None
    ]
    return suggestions, wins


def _open_rows(records: Records, person: Person, today: dt.date) -> list[Row]:
    suggestions, wins = waiting_rows(records, person.id, today)
    agreements = [agreement_row(a, person, today) for a in open_agreements(records, person.id)]
    return [*agreements, *suggestions, *wins]


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
