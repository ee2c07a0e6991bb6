"""Correcting what was captured: its text, its day, whom it is about; moving, handing over
or dropping a follow-up. Pure functions returning new versions, as in ``changes``.

Only what was captured can be corrected this way (a win, a suggestion, a note, a
follow-up). People and sessions have their own ways to change (`sup people set`,
planning, holding, cancelling); asking to edit one is a `NotEditableError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from .changes import DomainError, _require_open, carry_over
from .entities import OWNERS, Agreement, Note, Record, Suggestion, Win
from .kinds import Kind, kind_of
from .words import short_date

# What `sup edit` / `sup delete` and the TUI's `e` / `delete` act on.
EDITABLE: tuple[type, ...] = (Win, Suggestion, Note, Agreement)


class NotEditableError(DomainError):
    """An id of a kind that is not corrected by editing (a person, a session)."""

    def __init__(self, record_id: int, kind: Kind) -> None:
        super().__init__(
            f"#{record_id} is {kind.label}: only a win, a suggestion, a note or a follow-up "
            "can be edited or deleted this way."
        )
        self.record_id, self.kind = record_id, kind


class EmptyTextError(DomainError):
    """Text that is empty once its surrounding spaces are gone."""

    def __init__(self, record_id: int) -> None:
        super().__init__("The text can't be empty.")
        self.record_id = record_id


def check_editable(record: Record) -> None:
    """Refuse (`NotEditableError`) a record that is not corrected by editing."""
    if not isinstance(record, EDITABLE):
        raise NotEditableError(record.id, kind_of(record))


def day_of(record: Record) -> dt.date | None:
    """The day `--on` changes: when a win happened, a suggestion came, a note was
    written; when a follow-up is due."""
    match record:
        case Win():
            return record.happened_on
        case Suggestion():
            return record.received_on
        case Note():
            return record.created.date()
        case Agreement():
            return record.follow_up_on
    return None


def edit(
    record: Record,
    today: dt.date,
    *,
    text: str | None = None,
    on: dt.date | None = None,
    person_id: int | None = None,
    owner: str | None = None,
) -> Record:
    """The record with the given fields changed; the ones left None stay as they are.

    ``text`` is kept as typed but for the spaces and line breaks around it (an editor
    adds one at the end); empty, it is refused. ``on`` is the record's day (see
    `day_of`): a win, a suggestion or a note can't be dated in the future, nor a
    follow-up that is still open in the past. ``person_id`` moves a win, a suggestion
    or a note to another person; ``owner`` hands a follow-up to the lead or the person.
    """
    check_editable(record)
    new = record
    if text is not None:
        text = text.strip()
        if not text:
            raise EmptyTextError(record.id)
        new = replace(new, text=text)
    if on is not None:
        new = _redated(new, on, today)
    if person_id is not None:
        if isinstance(new, Agreement):
            raise DomainError("A follow-up stays with its person; say who does it: lead or person.")
        new = replace(new, person_id=person_id)
    if owner is not None:
        if not isinstance(new, Agreement):
            raise DomainError(f"Only a follow-up has an owner; #{record.id} is not one.")
        new = _owned(new, owner)
    return new


def _redated(record: Record, on: dt.date, today: dt.date) -> Record:
    if isinstance(record, Agreement):
        if record.is_open and on < today:
            raise DomainError("A follow-up date can't be in the past.")
        return replace(record, follow_up_on=on)
    if on > today:
        raise DomainError(
            f"{short_date(on, today)} is in the future; say when it happened (today or before)."
        )
    if isinstance(record, Win):
        return replace(record, happened_on=on)
    if isinstance(record, Suggestion):
        return replace(record, received_on=on)
    return replace(record, created=dt.datetime.combine(on, record.created.timetz()))


def _owned(agreement: Agreement, owner: str) -> Agreement:
    if owner not in OWNERS:
        raise DomainError("A follow-up is done by the lead or the person: say lead or person.")
    return replace(agreement, owner=owner)


def move(
    agreement: Agreement,
    today: dt.date,
    follow_up_on: dt.date | None = None,
    owner: str | None = None,
) -> Agreement:
    """An open follow-up, to be followed up on a new date and/or by the other owner."""
    if follow_up_on is None and owner is None:
        raise DomainError("Say the new date, the new owner (lead or person), or both.")
    if follow_up_on is not None:
        moved = carry_over(agreement, follow_up_on, today)  # refuses a closed one, too
    else:
        _require_open(agreement, today)
        moved = agreement
    return _owned(moved, owner) if owner is not None else moved
