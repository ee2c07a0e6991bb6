"""Changing the coaching forms: a new version of a form, or a new form.

A form is never changed in place: every edit stores the next version, so the
sessions held on an older version still read the agenda they followed. Like
``actions``, each operation is one store transaction returning a ``Done``.
"""

from __future__ import annotations

from ..domain.changes import DomainError
from ..domain.entities import Form, Records
from ..domain.forms import FormError, find_form, latest_forms, parse_items, revise
from ..domain.textsafe import visible
from ..store import Change, Store
from .base import GIVE_FORM, Done, Next

# `sup people set --form default` means "the team's default form", so no form may be called that.
RESERVED_NAMES = ("default",)
MAX_NAME = 40


class FormNameMissingError(FormError):
    """A new form was given no name."""

    def __init__(self) -> None:
        super().__init__("Give the form a name.")


class FormExistsError(FormError):
    """A new form was given the name of one that exists; that one is to be edited instead."""

    def __init__(self, existing: str) -> None:
        super().__init__(f'There is already a form called "{existing}".')
        self.existing = existing


def clean_name(name: str) -> str:
    """A form name as it will be stored: one line, single spaces; refused if unusable."""
    name = " ".join(name.split())
    if not name:
        raise FormNameMissingError()
    if visible(name) != name:
        raise FormError("A form name can't contain control characters.")
    if len(name) > MAX_NAME:
        raise FormError(f"Keep the form name to {MAX_NAME} characters; it heads every session.")
    if name.casefold() in RESERVED_NAMES:
        raise FormError(f'"{name}" means the team\'s default form; choose another name.')
    return name


def revise_form(store: Store, name: str, text: str, base_version: int) -> Done:
    """Store the agenda in ``text`` as the next version of form ``name``.

    ``base_version`` is the version the text was edited from: if someone stored a
    newer one meanwhile (another terminal), nothing is saved rather than losing theirs.
    Saving the same items again stores nothing.
    """
    items = parse_items(text)
    with store.transaction() as txn:
        current = find_form(txn.records, name)
        if current.version != base_version:
            raise DomainError(
                f'"{current.name}" was changed elsewhere while you were editing (it is now '
                f"version {current.version}). Nothing was saved; edit it again."
            )
        new = revise(current, items)
        if new is None:
            return Done(f"No change; still version {current.version}.", Change(), None)
        txn.add_form(new)
    return Done(
        f'Saved "{new.name}" version {new.version} ({_count(new)}). '
        f"Sessions held before keep version {current.version}.",
        txn.change,
        None,
    )


def new_name(records: Records, name: str) -> str:
    """``name`` cleaned (see ``clean_name``); refused if a form is called that already."""
    name = clean_name(name)
    for existing in latest_forms(records):
        if existing.casefold() == name.casefold():
            raise FormExistsError(existing)
    return name


def create_form(store: Store, name: str, text: str) -> Done:
    """Store a new form called ``name``, version 1, with the agenda in ``text``."""
    items = parse_items(text)
    with store.transaction() as txn:
        form = Form(new_name(txn.records, name), 1, items)
        txn.add_form(form)
    return Done(
        f'Created "{form.name}" version 1 ({_count(form)}).',
        txn.change,
        None,
        Next(GIVE_FORM, form),
    )


def _count(form: Form) -> str:
    n = len(form.items)
    return f"{n} agenda item" if n == 1 else f"{n} agenda items"
