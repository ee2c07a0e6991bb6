"""Finding what was written: text across every kind of record, and held sessions' notes.

Case- and accent-insensitive as person references are (`fold`): "naytto" finds
"näyttö". Folding 100k texts for every search would cost most of a second, so the
texts are folded once into an `Index`, which a search then scans with ``in``.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from .entities import HELD, WELLBEING, Agreement, Note, Record, Records, Suggestion, Win
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


class Hit(NamedTuple):  # a tuple: 100k of them are made in a few ms, not most of a second
    """One place the text was found: the record, whose it is, its day, and the text."""

    id: int  # the record's id (a person's id for a PERSON hit)
    kind: str
    person_id: int
    on: dt.date | None
    text: str  # the text that matched (for a session, the notes of one agenda item)
    item: str = ""  # a session's agenda item the notes are under


def _sources(records: Records) -> Iterator[tuple[str, Record, int]]:
    """Every searchable text, with its record and which of its texts it is (see `_hit`)."""
    for w in records.wins:
        yield w.text, w, 0
        if w.ack_note:
            yield w.ack_note, w, 1
    for s in records.suggestions:
        yield s.text, s, 0
        if s.response:
            yield s.response, s, 1
    for n in records.notes:
        yield n.text, n, 0
    for a in records.agreements:
        yield a.text, a, 0
    for session in records.sessions:
        if session.status == HELD:
            for which, (_, notes) in enumerate(session.notes):
                if notes.strip():
                    yield notes, session, which


def _day(record: Record, which: int) -> dt.date | None:
    """The day of one text of a record, as its hit says it (see `_hit`)."""
    match record:
        case Win():
            return record.acknowledged_on if which else record.happened_on
        case Suggestion():
            return record.answered_on if which else record.received_on
        case Note() | Agreement():
            return record.created.date()
    return record.held_on


def _hit(record: Record, which: int) -> Hit:
    """The hit for one text of a record: ``which`` is 1 for a win's acknowledgement note or
    a suggestion's answer (0: its text), and a session's agenda item by its place."""
    match record:
        case Win():
            if which:
                return Hit(
                    record.id, WIN, record.person_id, record.acknowledged_on, record.ack_note
                )
            return Hit(record.id, WIN, record.person_id, record.happened_on, record.text)
        case Suggestion():
            if which:
                return Hit(
                    record.id, SUGGESTION, record.person_id, record.answered_on, record.response
                )
            return Hit(record.id, SUGGESTION, record.person_id, record.received_on, record.text)
        case Note():
            kind = WELLBEING_NOTE if record.kind == WELLBEING else NOTE
            return Hit(record.id, kind, record.person_id, record.created.date(), record.text)
        case Agreement():
            return Hit(record.id, FOLLOW_UP, record.person_id, record.created.date(), record.text)
    item, notes = record.notes[which]
    return Hit(record.id, SESSION, record.person_id, record.held_on, notes, item)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while many small objects are made at once: with 100k records
    alive, each collection walks them all (tens of them while 40k hits are made), and
    nothing made here is garbage until the search is over."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class Index:
    """The folded texts of a snapshot of records, ready to be searched many times.

    Kept as flat lists (strings, records, small ints) rather than one tuple a text: 100k
    tuples kept alive make the garbage collector walk them all, again and again, while
    they are built (most of a second at 100k records; this takes a tenth of that).
    """

    def __init__(self, records: Records) -> None:
        """Fold every text of ``records`` once."""
        self._folded: list[str] = []
        self._records: list[Record] = []
        self._which: list[int] = []
        self._rank: list[int] = []  # newest first, as one int: (day, id); ints cost no GC
        with _collector_paused():
            for text, record, which in _sources(records):
                self._folded.append(fold(text))
                self._records.append(record)
                self._which.append(which)
                day = _day(record, which)
                self._rank.append((day.toordinal() if day else 0) << 40 | record.id)
        self._people = [(fold(f"{p.name} {p.handle}"), p) for p in records.active_people()]

    @classmethod
    def of(cls, records: Records) -> Index:
        """The index of ``records``."""
        return cls(records)

    def search(self, query: str, *, people: bool = True) -> list[Hit]:
        """What contains every word of ``query`` (folded): the people whose name or handle
        matches first (with ``people``), then the records, newest first.

        An empty query finds nothing.
        """
        return self.find(query, people=people)[0]

    def find(
        self, query: str, *, people: bool = True, limit: int | None = None
    ) -> tuple[list[Hit], int]:
        """As `search`, but only the first ``limit`` hits are made; and how many there are."""
        words = fold(query).split()
        if not words:
            return [], 0
        found: list[Hit] = []
        if people:
            found = [
                Hit(p.id, PERSON, p.id, p.started_on, p.name)
                for key, p in self._people
                if all(w in key for w in words)
            ]
        first, rest = words[0], words[1:]
        at = [i for i, key in enumerate(self._folded) if first in key]
        if rest:
            at = [i for i in at if all(w in self._folded[i] for w in rest)]
        at.sort(key=self._rank.__getitem__, reverse=True)
        total = len(found) + len(at)
        if limit is not None:
            found, at = found[:limit], at[: max(0, limit - len(found))]
        with _collector_paused():
            hits = [_hit(self._records[i], self._which[i]) for i in at]
        return found + hits, total


def search(records: Records, query: str, *, people: bool = True) -> list[Hit]:
    """Every record (and with ``people``, every person) whose text holds each word of
    ``query``, ignoring case and accents; see `Index.search`."""
    return Index.of(records).search(query, people=people)
