"""Finding what was written: text across every kind of record, and held sessions' notes.

Case- and accent-insensitive as person references are (`fold`): "naytto" finds
"näyttö". Folding 100k texts for every search would cost most of a second, so the
texts are folded once into an `Index`, which a search then scans with ``in``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from .entities import HELD, WELLBEING, Person, Records
from .folding import fold

# Kinds of hit, as `sup search --json` names them.
PERSON, WIN, SUGGESTION, NOTE, WELLBEING_NOTE, FOLLOW_UP, SESSION = (
    "person",
    "win",
    "suggestion",
    "note",
    "wellbeing",
    "follow_up",
    "session",
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One place the text was found: the record, whose it is, its day, and the text."""

    id: int  # the record's id (a person's id for a PERSON hit)
    kind: str
    person_id: int
    on: dt.date | None
    text: str  # the text that matched (for a session, the notes of one agenda item)
    item: str = ""  # a session's agenda item the notes are under


def _texts(records: Records) -> Iterator[tuple[str, Hit]]:
    """Every searchable text with the hit it stands for, newest day first within a kind."""
    for w in records.wins:
        yield w.text, Hit(w.id, WIN, w.person_id, w.happened_on, w.text)
        if w.ack_note:
            yield w.ack_note, Hit(w.id, WIN, w.person_id, w.acknowledged_on, w.ack_note)
    for s in records.suggestions:
        yield s.text, Hit(s.id, SUGGESTION, s.person_id, s.received_on, s.text)
        if s.response:
            yield s.response, Hit(s.id, SUGGESTION, s.person_id, s.answered_on, s.response)
    for n in records.notes:
        kind = WELLBEING_NOTE if n.kind == WELLBEING else NOTE
        yield n.text, Hit(n.id, kind, n.person_id, n.created.date(), n.text)
    for a in records.agreements:
        yield a.text, Hit(a.id, FOLLOW_UP, a.person_id, a.created.date(), a.text)
    for session in records.sessions:
        if session.status != HELD:
            continue
        for item, notes in session.notes:
            if notes.strip():
                yield (
                    notes,
                    Hit(session.id, SESSION, session.person_id, session.held_on, notes, item),
                )


@dataclass(frozen=True)
class Index:
    """The folded texts of a snapshot of records, ready to be searched many times."""

    entries: tuple[tuple[str, Hit], ...]
    people: tuple[tuple[str, Person], ...]

    @classmethod
    def of(cls, records: Records) -> Index:
        """Fold every text of ``records`` once."""
        entries = tuple((fold(text), hit) for text, hit in _texts(records))
        people = tuple(
            (fold(f"{p.name} {p.handle}"), p) for p in records.active_people() if not p.archived
        )
        return cls(entries, people)

    def search(self, query: str, *, people: bool = True) -> list[Hit]:
        """What contains every word of ``query`` (folded): the people whose name or handle
        matches first (with ``people``), then the records, newest first.

        An empty query finds nothing.
        """
        words = fold(query).split()
        if not words:
            return []
        found: list[Hit] = []
        if people:
            found = [
                Hit(p.id, PERSON, p.id, p.started_on, p.name)
                for key, p in self.people
                if all(w in key for w in words)
            ]
        if len(words) == 1:
            (word,) = words
            hits = [hit for key, hit in self.entries if word in key]
        else:
            hits = [hit for key, hit in self.entries if all(w in key for w in words)]
        hits.sort(key=lambda h: (h.on or dt.date.min, h.id), reverse=True)
        return found + hits


def search(records: Records, query: str, *, people: bool = True) -> list[Hit]:
    """Every record (and with ``people``, every person) whose text holds each word of
    ``query``, ignoring case and accents; see `Index.search`."""
    return Index.of(records).search(query, people=people)
