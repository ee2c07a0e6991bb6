"""New records added together, as captures are: one journal line, all of them or none.

`Store.appending` hands one of these out under the lock, with what is open in the
database (people, planned sessions, the latest held ones) to check the new records
against; what it collects is appended when the block ends. A month's plan of 25
sessions then costs the same at 1k and 100k records: it never rewrites the file.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..domain.entities import Record, Records
from ..domain.kinds import WITH_IDS
from . import codec
from .change import Change, Step
from .errors import PersonGoneError

# People go through the whole-file path (the journal's header lists them for captures),
# and so does everything else that is not a plain record with an id.
ADDABLE = frozenset(kind.table for kind in WITH_IDS) - {"people"}


def check_person(record: Record, people: dict[str, dict[str, Any]]) -> None:
    """Refuse a new record about someone not on the team (forgotten or archived, perhaps
    from another terminal): `PersonGoneError`. ``people`` are stored documents by key."""
    person_id = getattr(record, "person_id", None)
    if person_id is None:
        return
    doc = people.get(str(person_id))
    if doc is None or doc.get("archived"):
        raise PersonGoneError(person_id)


class Appending:
    """The records of one batch, numbered as they are added."""

    def __init__(self, records: Records, next_id: int, people: dict[str, Any]) -> None:
        self.records = records  # what is open, journal included: to check against
        self._next_id = next_id
        self._people = people
        self.entries: list[dict[str, Any]] = []
        self._steps: list[Step] = []

    def add(self, record: Record) -> Record:
        """Add one new record to the batch; returns it with its id."""
        table = codec.table_of(record)
        if table not in ADDABLE:
            raise ValueError(f"{table} can't be added to a batch")
        check_person(record, self._people)
        saved = dataclasses.replace(record, id=self._next_id)
        self._next_id += 1
        doc = codec.to_doc(saved)
        self.entries.append({"table": table, "id": saved.id, "doc": doc})
        self._steps.append((table, saved.id, None, doc))
        return saved

    @property
    def change(self) -> Change:
        """What the batch adds, as undo takes it back."""
        return Change(tuple(self._steps))
