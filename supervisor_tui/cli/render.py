"""The day view and the team as plain text (80 columns) and as JSON.

Flagged rows carry a "!" as well as colour, so they read in 16 colours, with
NO_COLOR and in a pipe. Everything a user typed passes through ``visible``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import click
import orjson

from ..domain.entities import Person, Records
from ..domain.folding import fold
from ..domain.rules import DayView, coaching_due_on, last_held, next_planned
from ..domain.textsafe import json_for_terminal
from ..present.cells import fit
from ..present.day import NO_TEAM, DayRow, day_sections, day_title, needing_attention
from ..present.person import coaching_words

WIDTH = 80
ADD_SOMEONE = 'Add someone: sup people add "Anna Virtanen"'
JSON_FORMAT = 1
# JSON escapes C0 controls but not DEL, C1 controls (U+009B is a CSI to some terminals) or
# bidi overrides, and `sup today --json` is read in terminals too; the same set as textsafe.

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


def _row(row: DayRow) -> Row:
    ident = f"#{row.record_id}" if row.record_id is not None else ""
    when = f"{row.when} {row.at}" if row.at else row.when  # 80 columns have room for the time
    return (row.flagged, ident, row.person.name, row.what, when)


def day_text(view: DayView, records: Records, color: bool) -> str:
    """The day view as text for a terminal or a pipe."""
    team = len(records.active_people())
    title = day_title(view.today, team)
    out = [click.style(title, bold=True) if color else title]
    if not team:
        out.append(f"{NO_TEAM} {ADD_SOMEONE}")
        return "\n".join(out)
    sections = day_sections(view)
    rows = {section.name: [_row(row) for row in section.rows] for section in sections}
    # Ids grow with the database; the text column gives way so lines stay 80 wide.
    id_width = max([4, *(len(row[1]) for section in rows.values() for row in section)])
    for section in sections:
        out.append("")
        head = f"{section.title.upper()} ({len(section.rows)})"
        out.append(click.style(head, bold=True, fg="cyan") if color else head)
        if not section.rows:
            out.append(f"  {section.empty}")
        out.extend(_line(row, color, id_width) for row in rows[section.name])
    flagged = needing_attention(sections)
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
                "goals_off_track": r.goals_off_track,
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
        return f"{NO_TEAM} {ADD_SOMEONE}"
    lines = []
    for p in people:
        said = coaching_words(p, records.sessions, today, short=True, leaves=records.leaves)
        status = " (archived)" if p.archived else ""
        upcoming = said.leave if said.leave.startswith("away") else said.upcoming
        line = (
            f"{fit('@' + p.handle, 10)} {fit(p.name + status, 22)} "
            f"{fit(said.cadence, 9)} {fit(said.last, 16)} {fit(upcoming, 18)}"
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
                "due_on": coaching_due_on(p, own, records.leaves),
                "leaves": [
                    {"id": lv.id, "from": lv.starts_on, "to": lv.ends_on, "note": lv.note}
                    for lv in records.leaves
                    if lv.person_id == p.id and lv.ends_on >= today
                ],
            }
        )
    return dumps(out)
