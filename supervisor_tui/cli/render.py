"""The day view and the team as plain text (80 columns) and as JSON.

Flagged rows carry a "!" as well as colour, so they read in 16 colours, with
NO_COLOR and in a pipe. Everything a user typed passes through ``visible``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import click
import orjson

from ..domain.entities import IN_PROGRESS, Person, Records
from ..domain.folding import fold
from ..domain.rules import DayView, coaching_due_on, last_held, next_planned
from ..domain.textsafe import json_for_terminal
from ..domain.words import (
    age_in_words,
    coaching_in_words,
    due_in_words,
    late_in_words,
    open_items_in_words,
    owner_in_words,
    short_date,
)
from ..present.cells import fit

WIDTH = 80
JSON_FORMAT = 1
# JSON escapes C0 controls but not DEL, C1 controls (U+009B is a CSI to some terminals) or
# bidi overrides, and `sup today --json` is read in terminals too; the same set as textsafe.

SECTIONS = (
    ("sessions_today", "Today's sessions", "No sessions planned for today."),
    ("due_for_coaching", "Due for coaching", "Everyone's coaching is on track."),
    ("suggestions", "Unanswered suggestions", "Every suggestion has its answer."),
    ("wins", "Unacknowledged wins", "Every win has been acknowledged."),
    ("follow_ups", "Follow-ups due", "No follow-ups due."),
)

Row = tuple[bool, str, str, str, str]  # flagged, id, who, what, when


def _line(row: Row, color: bool, id_width: int) -> str:
    flagged, ident, who, what, when = row
    when_width = 17  # "10 months overdue"
    what_width = WIDTH - 2 - (id_width + 1) - 17 - 1 - when_width
    mark = "!" if flagged else " "
    text = (
        f"{mark} {ident:>{id_width}} {fit(who, 16)} {fit(what, what_width)} {fit(when, when_width)}"
    )
    text = text.rstrip()
    if flagged and color:
        return click.style(text, fg="yellow", bold=True)
    return text


def _rows(view: DayView, today: dt.date) -> dict[str, list[Row]]:
    sessions = []
    for r in view.sessions_today:
        at = r.session.planned_for
        when = f"{at:%H:%M}" if not r.flagged else f"{short_date(at.date(), today)} {at:%H:%M}"
        what = open_items_in_words(len(r.open_agreements))
        if r.flagged:
            what = "not recorded as held or cancelled"
        sessions.append((r.flagged, f"#{r.session.id}", r.person.name, what, when))
    due = []
    for r in view.due_for_coaching:
        planned = r.planned.planned_for.date() if r.planned else None
        what = coaching_in_words(r.last_held_on, r.person.started_on, planned, today)
        due.append((r.flagged, "", r.person.name, what, due_in_words(r.days_until_due)))
    suggestions = []
    for r in view.suggestions:
        s = r.suggestion
        what = s.text
        if s.decision == IN_PROGRESS:
            what = f"(promised an answer) {what}"
        suggestions.append(
            (r.flagged, f"#{s.id}", r.person.name, what, age_in_words(s.received_on, today))
        )
    wins = [
        (
            r.flagged,
            f"#{r.win.id}",
            r.person.name,
            r.win.text,
            age_in_words(r.win.happened_on, today),
        )
        for r in view.wins
    ]
    follow_ups = []
    for r in view.follow_ups:
        a = r.agreement
        owner = owner_in_words(a.owner, r.person.name)
        when = late_in_words(r.days_late)
        follow_ups.append((r.flagged, f"#{a.id}", r.person.name, f"{a.text} ({owner})", when))
    return {
        "sessions_today": sessions,
        "due_for_coaching": due,
        "suggestions": suggestions,
        "wins": wins,
        "follow_ups": follow_ups,
    }


def day_text(view: DayView, records: Records, color: bool) -> str:
    """The day view as text for a terminal or a pipe."""
    today = view.today
    team = len(records.active_people())
    title = f"{today:%A} {today.day} {today:%B %Y} · {team} {'person' if team == 1 else 'people'}"
    out = [click.style(title, bold=True) if color else title]
    if not team:
        out.append('No one on your team yet. Add someone: sup people add "Anna Virtanen"')
        return "\n".join(out)
    rows = _rows(view, today)
    # Ids grow with the database; the text column gives way so lines stay 80 wide.
    id_width = max([4, *(len(row[1]) for section in rows.values() for row in section)])
    for key, heading, empty in SECTIONS:
        section = rows[key]
        out.append("")
        head = f"{heading.upper()} ({len(section)})"
        out.append(click.style(head, bold=True, fg="cyan") if color else head)
        if not section:
            out.append(f"  {empty}")
        out.extend(_line(row, color, id_width) for row in section)
    flagged = sum(row[0] for section in rows.values() for row in section)
    if flagged:
        out.append("")
        out.append(
            f"! = needs attention ({flagged}). Act with: sup ack ID, sup answer ID, sup done ID"
        )
    return "\n".join(out)


def dumps(doc: object) -> str:
    """``doc`` as indented JSON, safe to print to a terminal."""
    return json_for_terminal(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode())


def _person_json(p: Person) -> dict:
    return {"id": p.id, "name": p.name, "handle": p.handle}


def day_json(view: DayView) -> str:
    """The day view as JSON; the shape is documented in the README and kept stable."""
    doc = {
        "format": JSON_FORMAT,
        "today": view.today,
        "counts": {
            "sessions_today": len(view.sessions_today),
            "due_for_coaching": len(view.due_for_coaching),
            "suggestions": len(view.suggestions),
            "wins": len(view.wins),
            "follow_ups": len(view.follow_ups),
        },
        "sessions_today": [
            {
                "id": r.session.id,
                "person": _person_json(r.person),
                "planned_for": r.session.planned_for,
                "flagged": r.flagged,
                "last_held_on": r.last_held.held_on if r.last_held else None,
                "open_agreements": [
                    {"id": a.id, "text": a.text, "owner": a.owner, "follow_up_on": a.follow_up_on}
                    for a in r.open_agreements
                ],
            }
            for r in view.sessions_today
        ],
        "due_for_coaching": [
            {
                "person": _person_json(r.person),
                "due_on": r.due_on,
                "days_until_due": r.days_until_due,
                "last_held_on": r.last_held_on,
                "planned_for": r.planned.planned_for if r.planned else None,
                "flagged": r.flagged,
            }
            for r in view.due_for_coaching
        ],
        "suggestions": [
            {
                "id": r.suggestion.id,
                "person": _person_json(r.person),
                "text": r.suggestion.text,
                "received_on": r.suggestion.received_on,
                "decision": r.suggestion.decision,
                "come_back_by": r.suggestion.come_back_by,
                "age_days": r.age_days,
                "flagged": r.flagged,
            }
            for r in view.suggestions
        ],
        "wins": [
            {
                "id": r.win.id,
                "person": _person_json(r.person),
                "text": r.win.text,
                "happened_on": r.win.happened_on,
                "age_days": r.age_days,
                "flagged": r.flagged,
            }
            for r in view.wins
        ],
        "follow_ups": [
            {
                "id": r.agreement.id,
                "person": _person_json(r.person),
                "text": r.agreement.text,
                "owner": r.agreement.owner,
                "follow_up_on": r.agreement.follow_up_on,
                "days_late": r.days_late,
                "flagged": r.flagged,
            }
            for r in view.follow_ups
        ],
    }
    return dumps(doc)


def _team(records: Records, show_all: bool) -> Iterable[Person]:
    people = records.people if show_all else records.active_people()
    return sorted(people, key=lambda p: fold(p.name))


def people_text(records: Records, today: dt.date, show_all: bool, color: bool) -> str:
    """The team, one person a line: handle, name, cadence, last and next session."""
    people = list(_team(records, show_all))
    if not people:
        return 'No one on your team yet. Add someone: sup people add "Anna Virtanen"'
    sessions = records.sessions
    lines = []
    for p in people:
        own = [s for s in sessions if s.person_id == p.id]
        held = last_held(own)
        nxt = next_planned(own, today)
        last = f"last {short_date(held.held_on, today)}" if held else "never coached"
        upcoming = (
            f"next {short_date(nxt.planned_for.date(), today)}"
            if nxt
            else due_in_words((coaching_due_on(p, own) - today).days)
        )
        status = " (archived)" if p.archived else ""
        line = (
            f"{fit('@' + p.handle, 10)} {fit(p.name + status, 22)} "
            f"{fit(f'every {p.cadence_days}d', 9)} {fit(last, 16)} {fit(upcoming, 18)}"
        )
        lines.append(line.rstrip())
    return "\n".join(lines)


def people_json(records: Records, today: dt.date, show_all: bool) -> str:
    """The team as JSON."""
    out = []
    for p in _team(records, show_all):
        own = [s for s in records.sessions if s.person_id == p.id]
        held = last_held(own)
        nxt = next_planned(own, today)
        out.append(
            {
                **_person_json(p),
                "role": p.role,
                "cadence_days": p.cadence_days,
                "form": p.form,
                "started_on": p.started_on,
                "archived": p.archived,
                "last_held_on": held.held_on if held else None,
                "next_planned_for": nxt.planned_for if nxt else None,
                "due_on": coaching_due_on(p, own),
            }
        )
    return dumps(out)
