"""Erasing whole: a person (forget) or old records (purge), from every file that holds them.

Personal data lives in more places than the database: the capture journal, a
week of daily backups, session drafts, and the temporary files of writes that a
crash cut short. An erasure must reach all of them, and a process killed half-way
must not leave a copy behind for good. So, before anything is touched, an
*erasure record* is written beside the database (``<db>.erasure``): the ids to
erase and nothing else, never a name. Then the database and the journal, every
backup, the drafts and the leftovers are scrubbed, and the record is removed
last. A process that finds a record (see `Store`) finishes that erasure before it
does anything else, so "forgotten" stays true whenever a forget was interrupted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from ..domain.kinds import ABOUT_A_PERSON
from . import backups, drafts
from .errors import UnreadableFileError
from .files import atomic_write, fsync_dir, read_bytes, remove_stale_temps

if TYPE_CHECKING:
    from .journal import Journal
    from .txn import Txn

FORMAT = 1


class Pending(NamedTuple):
    """What an erasure erases: people (with every record about them) and single records."""

    people: frozenset[int] = frozenset()
    records: frozenset[int] = frozenset()

    def about(self, table: str, key: str, doc: dict[str, Any] | None) -> bool:
        """Whether the stored document ``table[key]`` is one this erasure erases (None:
        a journal's word that the record was removed, which names it by id only)."""
        if doc is not None and doc.get("person_id") in self.people:
            return True
        if table == "forms" or not key.isdigit():
            return False  # coaching forms are the team's, and have no id of their own
        return int(key) in (self.people if table == "people" else self.records)


class Erased(NamedTuple):
    """What an erasure did: people and records taken out of the database, backups rewritten."""

    people: int = 0
    records: int = 0
    backups: int = 0


def record_path(db_path: Path) -> Path:
    """Where the erasure record of ``db_path`` lives while an erasure is under way."""
    return db_path.with_name(db_path.name + ".erasure")


def begin(db_path: Path, pending: Pending) -> None:
    """Write down what is about to be erased, durably, before any of it is touched."""
    doc = {"erasure": FORMAT, "people": sorted(pending.people), "records": sorted(pending.records)}
    atomic_write(record_path(db_path), orjson.dumps(doc))


def read(db_path: Path) -> Pending | None:
    """The unfinished erasure of ``db_path``, or None when there is none."""
    path = record_path(db_path)
    found = read_bytes(path)
    if found is None:
        return None
    try:
        doc = orjson.loads(found[0])
        if doc.get("erasure") != FORMAT:
            raise ValueError("not an erasure record")
        people, records = doc["people"], doc["records"]
        if not all(type(i) is int for i in [*people, *records]):
            raise ValueError("an id that is not a number")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UnreadableFileError(
            f"{path} (what an interrupted erasure was to erase) is damaged, so that erasure "
            f"can't be finished. Nothing was changed. Run the forget again, then remove the "
            f"file: rm '{path}'."
        ) from None
    return Pending(frozenset(people), frozenset(records))


def erase_records(txn: Txn, pending: Pending) -> tuple[int, int]:
    """Delete from the database what ``pending`` names; (people, other records) deleted."""
    everything = txn.records
    mine = [
        record
        for kind in ABOUT_A_PERSON
        for record in getattr(everything, kind.table)
        if record.person_id in pending.people or record.id in pending.records
    ]
    people = [person for person in everything.people if person.id in pending.people]
    for record in [*mine, *people]:
        txn.delete(record)
    return len(people), len(mine)


def mentions(jour: Journal, pending: Pending) -> bool:
    """Whether the journal still holds anything ``pending`` erases (its header lists people)."""
    if any(str(person_id) in jour.people for person_id in pending.people):
        return True
    return any(pending.about(e["table"], str(e["id"]), e["doc"]) for e in jour.entries)


def scrub_backups(db_path: Path, pending: Pending) -> int:
    """Erase ``pending`` from every backup; returns how many were rewritten."""
    return backups.scrub(db_path, pending.about)


def scrub_drafts(db_path: Path, pending: Pending) -> int:
    """Delete the drafts about the erased people (damaged ones too) and half-written drafts."""
    # Here, not at the top: every store opens this module, and the drafts' dataclasses
    # cost each `sup win` 8 ms to define; only an erasure needs them.
    from ..domain.drafts import draft_key

    keys = {draft_key(person_id) for person_id in pending.people}
    return drafts.scrub(db_path, keys, lambda doc: doc.get("person_id") in pending.people)


def remove_leftovers(db_path: Path, *beside: Path) -> None:
    """Delete the temporary files of every interrupted write of the database and the files
    ``beside`` it (journal, open view): each may hold a copy of what was erased. Call only
    while holding the lock (and no fold running)."""
    for path in (db_path, *beside, record_path(db_path)):
        remove_stale_temps(path)
    backups.remove_stale_temps(db_path)


def done(db_path: Path) -> None:
    """The erasure is complete: remove its record, durably."""
    path = record_path(db_path)
    path.unlink(missing_ok=True)
    fsync_dir(path.parent)
