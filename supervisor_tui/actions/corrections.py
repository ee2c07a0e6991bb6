"""Correcting what was captured (edit, delete) and handling a follow-up outside a session
(move to a new date, hand to the other owner, drop). Each is one transaction, and undo
reverts it exactly, as it does every other action."""

from __future__ import annotations

import datetime as dt

from ..domain import changes, corrections
from ..domain.entities import Agreement, Note, Record
from ..domain.kinds import kind_of, record_with_id
from ..domain.words import owner_in_words, short_date
from ..store import Change, Store, UnknownIdError, last_change
from .base import Done, fetch, fetch_person


def label_of(record: Record) -> str:
    """What the record is, in words: "win", "wellbeing note", "follow-up"."""
    if isinstance(record, Note):
        return "wellbeing note" if record.kind == "wellbeing" else "note"
    return kind_of(record).label.removeprefix("a ")


def editable(store: Store, record_id: int) -> Record:
    """The record ``sup edit`` would change, read without writing anything: refused
    (`UnknownIdError`, `NotEditableError`) if there is none or it is not one."""
    for records in (store.load(open_only=True), store.load()):  # what is open: kilobytes
        record = record_with_id(records, record_id)
        if record is not None:
            corrections.check_editable(record)
            return record
    raise UnknownIdError(record_id)


def edit_item(
    store: Store,
    record_id: int,
    today: dt.date,
    *,
    text: str | None = None,
    on: dt.date | None = None,
    person_id: int | None = None,
    owner: str | None = None,
) -> Done:
    """Change a captured item's text, day, person or (a follow-up's) owner."""
    current = editable(store, record_id)
    if corrections.edit(current, today, text=text, on=on, person_id=person_id, owner=owner) == (
        current
    ):  # said without a write (which would fold the journal in for nothing)
        person = next((p for p in store.people() if p.id == current.person_id), None)
        who = f" ({person.name})" if person is not None else ""
        return Done(
            f"Nothing to change: {label_of(current)} #{current.id}{who} already reads so.",
            Change(),
            current,
        )
    with store.transaction() as txn:
        old = txn.get(record_id)
        new = corrections.edit(old, today, text=text, on=on, person_id=person_id, owner=owner)
        if person_id is not None:
            fetch_person(txn, person_id)
        txn.put(new)
        person = fetch_person(txn, new.person_id)
    what = _what_changed(old, new, today, person.name)
    return Done(f"Edited {label_of(new)} #{new.id} ({person.name}): {what}.", txn.change, new)


def _what_changed(old: Record, new: Record, today: dt.date, name: str) -> str:
    said = []
    if old.text != new.text:
        line = " ".join(new.text.split())
        said.append(f'now reads "{line if len(line) <= 40 else line[:39] + "…"}"')
    day = corrections.day_of(new)
    if corrections.day_of(old) != day and day is not None:
        said.append(("follow up " if isinstance(new, Agreement) else "") + short_date(day, today))
    if old.person_id != new.person_id:
        said.append(f"now about {name}")
    if isinstance(new, Agreement) and old.owner != new.owner:
        said.append(_doer(new.owner, name))
    return ", ".join(said)


def _doer(owner: str, name: str) -> str:
    who = owner_in_words(owner, name)
    return "you do it" if who == "you" else f"{who} does it"


def delete_item(store: Store, record_id: int) -> Done:
    """Delete a captured item (u or undo brings it back exactly)."""
    with store.transaction() as txn:
        record = txn.get(record_id)
        corrections.check_editable(record)
        txn.delete(record)
        person = fetch_person(txn, record.person_id)
    return Done(f"Deleted {label_of(record)} #{record.id} ({person.name}).", txn.change, record)


def move_follow_up(
    store: Store,
    agreement_id: int,
    today: dt.date,
    follow_up_on: dt.date | None = None,
    owner: str | None = None,
) -> Done:
    """Follow an open follow-up up on a new date and/or hand it to the other owner."""
    with store.transaction() as txn:
        old = fetch(txn, agreement_id, Agreement)
        new = corrections.move(old, today, follow_up_on, owner)
        if new != old:
            txn.put(new)
        person = fetch_person(txn, new.person_id)
    said = []
    if new.follow_up_on != old.follow_up_on and new.follow_up_on is not None:
        said.append(f"follow up {short_date(new.follow_up_on, today)}")
    if new.owner != old.owner:
        said.append(_doer(new.owner, person.name))
    what = ", ".join(said) or "unchanged"
    return Done(f"Moved follow-up #{new.id} ({person.name}): {what}.", txn.change, new)


def drop_follow_up(store: Store, agreement_id: int, today: dt.date) -> Done:
    """Drop an open follow-up: no longer to be followed up."""
    with store.transaction() as txn:
        agreement = changes.drop(fetch(txn, agreement_id, Agreement), today)
        txn.put(agreement)
        person = fetch_person(txn, agreement.person_id)
    return Done(f"Dropped follow-up #{agreement.id} ({person.name}).", txn.change, agreement)


def keep_for_undo(store: Store, done: Done) -> None:
    """Keep a correction made from the shell, so that a later `sup undo` takes it back."""
    if done.change.steps:
        last_change.save(store.path, done.message, done.change)


def undo_last(store: Store) -> Done | None:
    """Take back the correction kept by `keep_for_undo` (None when none is kept)."""
    kept = last_change.load(store.path)
    if kept is None:
        return None
    message, change = kept
    store.undo(change)  # refused, changing nothing, if those records changed since
    last_change.clear(store.path)
    return Done(f"Undone: {message}", change)
