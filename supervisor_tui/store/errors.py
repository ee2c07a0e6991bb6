"""What can go wrong with the data file, each with a message that says what to do.

Where the next step is a command or a key, the error carries the data (an id, a
person) and each interface words it.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class: the message is written for the user and says what to do next."""


class UnreadableFileError(StoreError):
    """The file is not valid JSON or not a supervisor-tui database; it was left untouched."""


class NewerSchemaError(StoreError):
    """The file was written by a newer supervisor-tui; this version refuses to touch it."""


class WriteFailedError(StoreError):
    """A write could not be completed (full disk, permissions); nothing was changed."""


class BusyError(StoreError):
    """Another process held the lock for too long."""


class NotFoundError(StoreError):
    """No record with that id."""


class UnknownIdError(NotFoundError):
    """An id that no record has (mistyped, or never existed); interfaces say where ids are."""

    def __init__(self, record_id: int) -> None:
        super().__init__(f"There is no item #{record_id}.")
        self.record_id = record_id


class PersonGoneError(NotFoundError):
    """The person a record is about was archived or removed meanwhile (another terminal)."""

    def __init__(self, person_id: int) -> None:
        super().__init__("That person was archived or removed in the meantime. Nothing was saved.")
        self.person_id = person_id


class ConflictError(StoreError):
    """The record changed in another process since it was read."""
