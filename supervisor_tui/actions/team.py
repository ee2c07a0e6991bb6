"""The team itself: adding, changing, archiving and forgetting people."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from ..domain.changes import DomainError
from ..domain.entities import (
    Person,
)
from ..store import Change, PersonGoneError, Store
from .base import Done, fetch_person

if TYPE_CHECKING:
    pass


class PersonNameMissingError(DomainError):
    """A person was added with no name."""

    def __init__(self) -> None:
        super().__init__("Give the person's name.")


class NotOneLineError(DomainError):
    """A name or role with a line break, a tab or another control character in it.

    Refused rather than quietly changed: "Carl\\r\\nBEGIN:VEVENT" is not a name, and
    storing "Carl BEGIN:VEVENT" instead would keep something nobody typed.
    """

    def __init__(self, what: str, text: str) -> None:
        from ..domain.textsafe import visible

        super().__init__(
            f"A {what} is one line of text, without line breaks, tabs or control "
            f'characters; "{visible(text)}" has some. Nothing was saved.'
        )
        self.what, self.text = what, text


def _one_line(what: str, text: str) -> str:
    """``text`` with its spaces tidied, or NotOneLineError."""
    from ..domain.textsafe import is_one_line

    if not is_one_line(text):
        raise NotOneLineError(what, text)
    return " ".join(text.split())  # spaces tidied: what was stored is said back


def add_person(
    store: Store,
    name: str,
    handle: str | None,
    cadence_days: int,
    role: str,
    started_on: dt.date,
) -> Done:
    """Add a person to the team."""
    from ..domain.folding import fold
    from ..domain.people import make_handle

    name, role = _one_line("name", name), _one_line("role", role)
    if not name:
        raise PersonNameMissingError()
    with store.transaction() as txn:
        taken = {p.handle for p in txn.records.people}
        if handle is not None:
            handle = fold(handle.lstrip("@"))
            if not handle or not handle.replace("-", "").replace("_", "").isalnum():
                raise DomainError("A handle is one word of letters and digits, e.g. --handle anna.")
            if handle in taken:
                raise DomainError(f"@{handle} is taken. Choose another with --handle.")
        person = txn.add(
            Person(
                0,
                name,
                handle or make_handle(name, taken),
                started_on,
                role=role,
                cadence_days=cadence_days,
            )
        )
    every = f"every {cadence_days} days"
    return Done(f"Added {person.name} (@{person.handle}), coached {every}.", txn.change, person)


def archive_person(store: Store, person_id: int) -> Done:
    """Archive a person: they drop out of every list; their history stays."""
    with store.transaction() as txn:
        person = fetch_person(txn, person_id)
        if person.archived:
            raise DomainError(f"{person.name} is already archived.")
        person = replace(person, archived=True)
        txn.put(person)
    return Done(f"Archived {person.name}. Their history stays until you forget them.", txn.change)


def forget_person(store: Store, person_id: int) -> Done:
    """Erase a person and everything about them: the database, the journal, every
    backup, their drafts and the leftovers of crashed writes. An interruption is
    finished by the next command (see the store's ``erase``). Cannot be undone."""
    person = store.load().person(person_id)
    if person is None:
        raise PersonGoneError(person_id)
    erased = store.erase(people=(person_id,))
    if not erased.people:
        raise PersonGoneError(person_id)  # forgotten meanwhile, from another terminal
    backups = "1 backup" if erased.backups == 1 else f"{erased.backups} backups"
    records = "1 record" if erased.records == 1 else f"{erased.records} records"
    return Done(
        f"Forgot {person.name}: {records} erased from the database and from {backups}.",
        Change(),
    )


def update_person(
    store: Store,
    person_id: int,
    *,
    form: str | None = None,
    cadence_days: int | None = None,
    role: str | None = None,
) -> Done:
    """Change a person's default coaching form, cadence or role; None leaves one as it is.

    ``form=""`` puts the person back on the team's default form.
    """
    from ..domain.forms import find_form

    if form is None and cadence_days is None and role is None:
        raise DomainError("Say what to change: --form NAME, --every 4w or --role TEXT.")
    with store.transaction() as txn:
        person = fetch_person(txn, person_id)
        said = []
        changed = person
        if form is not None:
            name = find_form(txn.records, form).name if form.strip() else None
            changed = replace(changed, form=name)
            said.append(f'form "{name}"' if name else "the team's default form")
        if cadence_days is not None:
            changed = replace(changed, cadence_days=cadence_days)
            said.append(f"coached every {cadence_days} days")
        if role is not None:
            role = _one_line("role", role)
            changed = replace(changed, role=role)
            said.append(f'role "{role}"' if role else "no role")
        if changed == person:
            return Done(
                f"No change: {person.name} already has {', '.join(said)}.", Change(), person
            )
        txn.put(changed)
    return Done(f"Updated {person.name}: {', '.join(said)}.", txn.change, changed)
