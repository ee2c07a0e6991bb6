"""The team itself: adding, changing, archiving and forgetting people."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from ..domain.changes import DomainError
from ..domain.entities import (
    Leave,
    Person,
)
from ..domain.words import short_date
from ..store import Change, PersonGoneError, Store
from .base import Done, fetch, fetch_person

if TYPE_CHECKING:
    from collections.abc import Iterable


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


class SamePersonError(DomainError):
    """Someone of the same name is on the team already (archived people too): adding a
    second one must be confirmed, so a typed-twice name never makes two people."""

    def __init__(self, name: str, existing: tuple[Person, ...]) -> None:
        who = ", ".join(
            f"{p.name} (@{p.handle}{', archived' if p.archived else ''})" for p in existing
        )
        super().__init__(f"{who} is already on the team. Nothing was added.")
        self.name, self.existing = name, existing


class HandleError(DomainError):
    """A handle that is not one word of letters and digits, or that someone else has."""

    def __init__(self, handle: str, taken_by: Person | None = None) -> None:
        if taken_by is None:
            said = "A handle is one word of letters and digits, e.g. anna."
        else:
            said = f"@{handle} is taken by {taken_by.name}. Nothing was saved."
        super().__init__(said)
        self.handle, self.taken_by = handle, taken_by


def same_name(name: str, people: Iterable[Person]) -> tuple[Person, ...]:
    """The people (archived ones too) whose name is ``name``, ignoring case, accents and
    spacing: "anna  virtanen" is "Anna Virtanen"."""
    from ..domain.folding import fold

    key = " ".join(fold(name).split())
    return tuple(p for p in people if " ".join(fold(p.name).split()) == key)


def _handle(handle: str, people: Iterable[Person], person_id: int | None = None) -> str:
    """``handle`` as stored (folded, without "@"), or HandleError if unusable or taken."""
    from ..domain.folding import fold

    handle = fold(handle.strip().lstrip("@"))
    if not handle or not handle.replace("-", "").replace("_", "").isalnum():
        raise HandleError(handle)
    owner = next((p for p in people if p.handle == handle and p.id != person_id), None)
    if owner is not None:
        raise HandleError(handle, owner)
    return handle


def add_person(
    store: Store,
    name: str,
    handle: str | None,
    cadence_days: int,
    role: str,
    started_on: dt.date,
    *,
    same_name_ok: bool = False,
    form: str | None = None,
) -> Done:
    """Add a person to the team (on the coaching ``form`` named, else the team's default).

    Someone of the same name already there (archived or not) is a `SamePersonError`
    unless ``same_name_ok``; a handle given that someone has is a `HandleError`.
    """
    from ..domain.forms import find_form
    from ..domain.people import make_handle

    name, role = _one_line("name", name), _one_line("role", role)
    if not name:
        raise PersonNameMissingError()
    with store.transaction() as txn:
        people = txn.records.people
        taken = {p.handle for p in people}
        if not same_name_ok and (existing := same_name(name, people)):
            raise SamePersonError(name, existing)
        if handle is not None:
            handle = _handle(handle, people)
        if form is not None:
            form = find_form(txn.records, form).name
        person = txn.add(
            Person(
                0,
                name,
                handle or make_handle(name, taken),
                started_on,
                role=role,
                cadence_days=cadence_days,
                form=form,
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
    return Done(
        f"Archived {person.name}. Their history stays until you forget them.",
        txn.change,
        person,
    )


def unarchive_person(store: Store, person_id: int) -> Done:
    """Bring an archived person back: they are on every list again, their history whole."""
    with store.transaction() as txn:
        person = fetch_person(txn, person_id)
        if not person.archived:
            raise DomainError(f"{person.name} is not archived.")
        person = replace(person, archived=False)
        txn.put(person)
    return Done(f"{person.name} is back on the team.", txn.change, person)


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
    name: str | None = None,
    handle: str | None = None,
    started_on: dt.date | None = None,
) -> Done:
    """Change a person's name, handle, role, cadence, coaching form or start date; None
    leaves one as it is. Every record points at the person's id, so all stay theirs.

    ``form=""`` puts the person back on the team's default form.
    """
    from ..domain.forms import find_form

    if all(v is None for v in (form, cadence_days, role, name, handle, started_on)):
        raise NothingToChangeError()
    if name is not None:
        name = _one_line("name", name)
        if not name:
            raise PersonNameMissingError()
    with store.transaction() as txn:
        person = fetch_person(txn, person_id)
        said = []
        changed = person
        if name is not None:
            changed = replace(changed, name=name)
            said.append(f'name "{name}"')
        if handle is not None:
            handle = _handle(handle, txn.records.people, person.id)
            changed = replace(changed, handle=handle)
            said.append(f"handle @{handle}")
        if form is not None:
            form_name = find_form(txn.records, form).name if form.strip() else None
            changed = replace(changed, form=form_name)
            said.append(f'form "{form_name}"' if form_name else "the team's default form")
        if cadence_days is not None:
            changed = replace(changed, cadence_days=cadence_days)
            said.append(f"coached every {cadence_days} days")
        if role is not None:
            role = _one_line("role", role)
            changed = replace(changed, role=role)
            said.append(f'role "{role}"' if role else "no role")
        if started_on is not None:
            changed = replace(changed, started_on=started_on)
            said.append(f"started {started_on.isoformat()}")
        if changed == person:
            return Done(
                f"No change: {person.name} already has {', '.join(said)}.", Change(), person
            )
        txn.put(changed)
    return Done(f"Updated {person.name}: {', '.join(said)}.", txn.change, changed)


class NothingToChangeError(DomainError):
    """`update_person` was given nothing to change; each interface says what it can take."""

    def __init__(self) -> None:
        super().__init__("Say what to change.")


def _span(leave: Leave, today: dt.date) -> str:
    return f"{short_date(leave.starts_on, today)} to {short_date(leave.ends_on, today)}"


def set_leave(
    store: Store,
    person_id: int,
    starts_on: dt.date,
    ends_on: dt.date,
    today: dt.date,
    note: str = "",
) -> Done:
    """Put the person on leave from ``starts_on`` to ``ends_on`` (both included).

    Leave of theirs that overlaps these days is replaced: this is also how a leave's
    dates are changed. The cadence does not count the days away.
    """
    if ends_on < starts_on:
        raise DomainError("A leave ends on or after the day it starts.")
    note = _one_line("note", note)
    with store.transaction() as txn:
        person = fetch_person(txn, person_id)
        replaced = [
            lv
            for lv in txn.records.leaves
            if lv.person_id == person.id and lv.starts_on <= ends_on and lv.ends_on >= starts_on
        ]
        for old in replaced:
            txn.delete(old)
        leave = txn.add(Leave(0, person.id, starts_on, ends_on, note))
    instead = f" (instead of {', '.join(_span(lv, today) for lv in replaced)})" if replaced else ""
    return Done(
        f"{person.name} is on leave {_span(leave, today)}{instead}: "
        "not due for coaching while away.",
        txn.change,
        leave,
    )


def clear_leave(store: Store, person_id: int, today: dt.date, leave_id: int | None = None) -> Done:
    """Call off a leave: the one under way today or the next to come (or ``leave_id``)."""
    from ..domain.rules import upcoming_leave

    with store.transaction() as txn:
        person = fetch_person(txn, person_id)
        if leave_id is not None:
            leave = fetch(txn, leave_id, Leave)
        else:
            leave = upcoming_leave(txn.records.leaves, person.id, today)
        if leave is None or leave.person_id != person.id:
            raise NoLeaveError(person)
        txn.delete(leave)
    return Done(f"{person.name}'s leave {_span(leave, today)} is called off.", txn.change, leave)


class NoLeaveError(DomainError):
    """The person has no leave under way or to come."""

    def __init__(self, person: Person) -> None:
        super().__init__(f"{person.name} has no leave under way or to come.")
        self.person = person
