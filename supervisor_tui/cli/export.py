"""Exports: everything (or one person's records) as JSON or Markdown.

For a handover, a backup in a readable form, or a person's request to see
what is kept about them.
"""

from __future__ import annotations

import datetime as dt

from ..domain.entities import Person, Records
from ..domain.kinds import ABOUT_A_PERSON
from ..domain.words import short_date
from .markdown import md_text
from .render import dumps


def _mine(records: Records, person: Person | None, group: str) -> list:
    items = getattr(records, group)
    return [r for r in items if person is None or r.person_id == person.id]


def as_json(records: Records, person: Person | None) -> str:
    """Every record (of one person, if given) as JSON, grouped by kind.

    Records go to orjson as they are: it writes a dataclass field by field, in order,
    as `dataclasses.asdict` would, without deep-copying 100k records first.
    """
    people = [person] if person else list(records.people)
    doc = {
        "format": 1,
        "people": people,
        **{k.table: _mine(records, person, k.table) for k in ABOUT_A_PERSON},
    }
    return dumps(doc)


def as_markdown(records: Records, person: Person | None, today: dt.date) -> str:
    """A readable record, one section per person, newest first."""
    people = [person] if person else list(records.active_people())
    out = []
    for p in people:
        out.append(f"# {md_text(p.name)} (@{md_text(p.handle)})\n")
        out.append(
            f"Coached every {p.cadence_days} days; started {short_date(p.started_on, today)}.\n"
        )
        held = sorted(
            (s for s in _mine(records, p, "sessions") if s.held_on),
            key=lambda s: s.held_on,
            reverse=True,
        )
        if held:
            out.append("## Coaching sessions\n")
            for s in held:
                out.append(f"### {short_date(s.held_on, today)}\n")
                for item, text in s.notes:
                    if text.strip():
                        out.append(f"**{md_text(item)}**\n\n{md_text(text)}\n")
        for kind in ABOUT_A_PERSON:
            if kind.table == "sessions":
                continue  # above, with their notes
            title, line = _SECTIONS[kind.table]  # a new kind needs its section here
            items = _mine(records, p, kind.table)
            if items:
                out.append(f"## {title}\n")
                out.extend(f"- {line(item, today)}" for item in items)
                out.append("")
    return "\n".join(out).rstrip() + "\n"


def _agreement_line(a, today: dt.date) -> str:
    if a.done_on:
        state = f"done {short_date(a.done_on, today)}"
    elif a.dropped_on:
        state = f"dropped {short_date(a.dropped_on, today)}"
    elif a.follow_up_on:
        state = f"follow up {short_date(a.follow_up_on, today)}"
    else:
        state = "open"
    return f"{md_text(a.text)} ({a.owner}, {state})"


def _suggestion_line(s, today: dt.date) -> str:
    answer = f": {md_text(s.response)}" if s.response else ""
    decision = s.decision.replace("_", " ")
    return f"{short_date(s.received_on, today)}: {md_text(s.text)} — {decision}{answer}"


def _win_line(w, today: dt.date) -> str:
    return f"{short_date(w.happened_on, today)}: {md_text(w.text)}"


def _note_line(n, today: dt.date) -> str:
    return f"{short_date(n.created.date(), today)} ({n.kind}): {md_text(n.text)}"


_SECTIONS = {
    "agreements": ("Agreements", _agreement_line),
    "suggestions": ("Suggestions", _suggestion_line),
    "wins": ("Wins", _win_line),
    "notes": ("Notes", _note_line),
}
