"""`sup search` as text (80 columns) and as JSON (the shape is in the README)."""

from __future__ import annotations

import datetime as dt

from ..domain.entities import Records
from ..domain.search import Hit
from ..domain.words import short_date
from ..present.cells import fit
from .render import WIDTH, dumps

# A hit's kind as a person reads it.
KIND_WORDS = {
    "person": "person",
    "win": "win",
    "suggestion": "suggestion",
    "note": "note",
    "wellbeing": "wellbeing",
    "follow_up": "follow-up",
    "session": "1:1 notes",
}


# Text output shows this many hits, the newest, unless asked for all: at 100k
# records a common word finds tens of thousands, which no one reads on a terminal.
SHOWN = 50


def search_text(hits: list[Hit], found: int, records: Records, today: dt.date) -> str:
    """One line a hit: id, day, kind, person, the text (cut to fit 80 columns); ``found``
    says how many there are in all, when only the newest are given."""
    id_width = max(len(f"#{hit.id}") for hit in hits)
    text_width = WIDTH - (id_width + 1) - 16 - 11 - 17
    lines = []
    for hit in hits:
        person = records.person(hit.person_id)
        when = short_date(hit.on, today) if hit.on else ""
        text = f"{hit.item}: {hit.text}" if hit.item else hit.text
        cells = (
            f"{f'#{hit.id}':<{id_width}}",
            fit(when, 15),
            fit(KIND_WORDS[hit.kind], 10),
            fit(person.name if person else "?", 16),
            fit(" ".join(text.split()), text_width),
        )
        lines.append(" ".join(cells).rstrip())
    change = "Change one with: sup edit ID"
    if found > len(hits):
        shown = f"{found:,} found; the newest {len(hits)} are above (--all shows every one)."
        return "\n".join([*lines, "", shown, change])
    count = f"{found} found." if found != 1 else "1 found."
    return "\n".join([*lines, "", f"{count} {change}"])


def search_json(hits: list[Hit], records: Records) -> str:
    """The hits as a JSON list of {id, kind, person, on, text}, newest first."""
    doc = []
    for hit in hits:
        person = records.person(hit.person_id)
        doc.append(
            {
                "id": hit.id,
                "kind": hit.kind,
                "person": {"id": person.id, "name": person.name, "handle": person.handle}
                if person
                else None,
                "on": hit.on.isoformat() if hit.on else None,
                "text": hit.text,
            }
        )
    return dumps(doc)
