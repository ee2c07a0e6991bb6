"""One transaction's view of the database: TinyDB tables over a private in-memory copy.

The store hands a ``Txn`` the file's contents as they are on disk under the
lock; every change is recorded as a ``Change`` (before and after each document),
which is what undo replays backwards.

Documents are read through TinyDB's tables; changes are made to the same
TinyDB-shaped dict directly (``{"table": {"id": doc}}``), as TinyDB would leave it.
TinyDB's own table writes copy the whole table for every document they change:
at 100k records that was 90 ms of every acknowledgement, and 25 times over in a
month's plan.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from ..domain.entities import Form, Record, Records
from ..domain.kinds import BY_TABLE, KINDS, WITH_IDS, records_of
from . import codec, schema
from .change import Change, Step
from .errors import ConflictError, NotFoundError, UnknownIdError
from .schema import Data


class _InMemory(Storage):
    """A TinyDB storage over a dict that the transaction owns."""

    def __init__(self, data: Data) -> None:
        self.data = data

    def read(self) -> Data:
        return self.data

    def write(self, data: Data) -> None:
        self.data = data


class Txn:
    """Reads and writes inside one locked transaction."""

    def __init__(self, data: Data, records: Records | None = None) -> None:
        """A transaction over ``data``; ``records``, if given, is ``data`` already decoded."""
        self._db = TinyDB(storage=_InMemory, data=data)
        self._data = data
        self._steps: list[Step] = []
        self._records = records
        self._tables: dict[str, tuple[Any, ...]] = {}  # kinds decoded one by one

    @property
    def change(self) -> Change:
        """Everything this transaction changed so far."""
        return Change(tuple(self._steps))

    @property
    def records(self) -> Records:
        """The database as it stands inside this transaction."""
        if self._records is None:
            self._records = records_of({kind.table: self.table(kind.table) for kind in KINDS})
        return self._records

    @property
    def decoded(self) -> Records | None:
        """Every record, if the transaction has them decoded already; else None."""
        return self._records

    def table(self, table: str) -> tuple[Any, ...]:
        """The records of one kind, decoding only that kind if need be (a month's plan
        reads the sessions, not 100k wins and notes)."""
        if self._records is not None:
            return getattr(self._records, table)
        if table not in self._tables:
            docs = self._data.get(table, {})
            decoded = [codec.from_doc(table, key, doc) for key, doc in docs.items()]
            order = BY_TABLE[table].order
            self._tables[table] = tuple(sorted(decoded, key=order) if order else decoded)
        return self._tables[table]

    def _next_id(self) -> int:
        meta = schema.meta(self._data)
        new_id = meta["next_id"]
        meta["next_id"] = new_id + 1
        return new_id

    def _doc(self, table: str, record_id: int) -> dict[str, Any] | None:
        doc = self._db.table(table).get(doc_id=record_id)
        return dict(doc) if doc is not None else None

    def get(self, record_id: int) -> Record:
        """The record with this id, whatever its kind."""
        for kind in WITH_IDS:
            doc = self._doc(kind.table, record_id)
            if doc is not None:
                return codec.from_doc(kind.table, str(record_id), doc)
        raise UnknownIdError(record_id)

    def add(self, record: Record) -> Record:
        """Insert a new record; returns it with its new id."""
        saved = dataclasses.replace(record, id=self._next_id())
        table = codec.table_of(saved)
        doc = codec.to_doc(saved)
        self._set(table, saved.id, doc)
        self._steps.append((table, saved.id, None, doc))
        self._keep(table, saved.id, doc)
        return saved

    def put(self, record: Record) -> None:
        """Replace an existing record with this version of it."""
        table = codec.table_of(record)
        before = self._doc(table, record.id)
        if before is None:
            raise NotFoundError(f"There is no item #{record.id}; it may have been removed.")
        after = codec.to_doc(record)
        self._replace(table, record.id, after)
        self._steps.append((table, record.id, before, after))

    def delete(self, record: Record) -> None:
        """Remove a record."""
        table = codec.table_of(record)
        before = self._doc(table, record.id)
        if before is None:
            return
        self._set(table, record.id, None)
        self._steps.append((table, record.id, before, None))
        self._keep(table, record.id, None)

    def add_form(self, form: Form) -> None:
        """Store one version of a coaching form."""
        doc = codec.to_doc(form)
        new_id = self._next_id()
        self._set("forms", new_id, doc)
        self._steps.append(("forms", new_id, None, doc))
        self._keep("forms", new_id, doc)

    def _replace(self, table: str, record_id: int, doc: dict[str, Any] | None) -> None:
        self._set(table, record_id, doc)
        self._keep(table, record_id, doc)

    def _set(self, table: str, record_id: int, doc: dict[str, Any] | None) -> None:
        """Remove the document with this id, then put ``doc`` in at the end, as a TinyDB
        remove and insert would (so a changed record comes last, as it always has)."""
        documents = self._data.setdefault(table, {})
        documents.pop(str(record_id), None)
        if doc is not None:
            documents[str(record_id)] = doc

    def _keep(self, table: str, record_id: int, doc: dict[str, Any] | None) -> None:
        """Bring the decoded snapshot up to date with one changed document, rather than
        decoding every record again (`sup plan --month` adds 25 sessions to 100k records)."""
        if self._records is None and table not in self._tables:
            return
        group = getattr(self._records, table) if self._records else self._tables[table]
        group = codec.replaced(group, table, record_id, doc)
        if self._records is None:
            self._tables[table] = group
        else:
            self._records = dataclasses.replace(self._records, **{table: group})

    def revert(self, change: Change) -> None:
        """Put back what ``change`` replaced, refusing if those records changed since."""
        for table, record_id, _before, after in change.steps:
            if self._doc(table, record_id) != after:
                raise ConflictError(
                    "That change can't be undone: the same item was changed since "
                    "(perhaps from another terminal). Nothing was undone."
                )
        for table, record_id, before, after in reversed(change.steps):
            self._replace(table, record_id, before)
            self._steps.append((table, record_id, after, before))

    def add_many(self, records: list[Record]) -> list[Record]:
        """Insert many new records at once (the demo and the bench's large files)."""
        saved = [dataclasses.replace(r, id=self._next_id()) for r in records]
        by_table: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        for record in saved:
            doc = codec.to_doc(record)
            table = codec.table_of(record)
            by_table.setdefault(table, []).append((record.id, doc))
            self._set(table, record.id, doc)
            self._steps.append((table, record.id, None, doc))
        self._tables.clear()  # kinds decoded one by one are decoded again when read
        if self._records is not None:
            self._records = records_of(
                {
                    kind.table: [
                        *getattr(self._records, kind.table),
                        *(
                            codec.from_doc(kind.table, str(record_id), doc)
                            for record_id, doc in by_table.get(kind.table, ())
                        ),
                    ]
                    for kind in KINDS
                }
            )
        return saved
