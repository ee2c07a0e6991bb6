"""The store: one TinyDB JSON file per lead, shared safely by the TUI and the CLI.

Reads are served from memory and re-validated against the file's identity
(inode, size, mtime). Every write holds an exclusive lock, starts from the file
as it is on disk, and replaces it atomically. One-line captures append to the
journal instead (see ``journal.py``), so they cost the same at any size.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from ..domain.entities import Form, Person, Record, Records
from ..domain.kinds import BY_TABLE, KINDS, records_of
from . import backups, codec, erasure, journal, last_change, schema
from .appending import Appending, check_person
from .erasure import Erased, Pending
from .errors import PersonGoneError, UnreadableFileError, WriteFailedError
from .files import (
    atomic_write,
    exposure,
    identity,
    put_in_place,
    read_bytes,
    remove_stale_temps,
    temp_name,
    write_temp,
)
from .lock import locked
from .schema import META, Data

if TYPE_CHECKING:
    from .txn import Txn
from .change import Change

# A transaction that changes at most this many records appends them to the journal
# (one line, all or nothing) rather than writing the whole file: at 100k records an
# acknowledgement then costs an fsynced line, not 24 MB serialised and fsynced. Larger
# ones (the demo's and the bench's files, an erasure) write the whole file.
JOURNAL_AT_MOST = 64
# Kinds whose changes always write the whole file: the journal's header holds the people
# (captures resolve names from it), and forms are few and rarely change.
NEVER_JOURNALLED = frozenset({"people", "forms"})

# A capture that grows the journal past this starts a fold in the background. Every
# capture reads the whole journal to refuse a damaged one (about 1.5 ms at this size),
# and every read of the database reads it too; folds cost a process, not a capture.
FOLD_AT_BYTES = 256 << 10

Identity = tuple[int, int, int] | None

# What a store keeps in place of the bytes of a (non-empty) file it parsed: at 100k
# records they are 24 MB, and nothing needs them again (the day's first backup copies
# the file itself, under the lock).
NOT_KEPT = b"(the file on disk)"


class _Main(NamedTuple):
    """The database file as this store parsed it: its identity, its bytes (or
    `NOT_KEPT`), its data, and which entries of which journal the data holds already,
    (token, how many), when this store's own changes were journalled rather than
    written to the file (None: the data is the file's, nothing more)."""

    id: Identity
    raw: bytes | None
    data: Data
    applied: tuple[str, int] | None = None
    migrated: bool = False  # the file follows an older schema, migrated in memory


class _State(NamedTuple):
    main_id: Identity
    raw: bytes | None
    data: Data
    journal_id: Identity
    journal: journal.Journal | None
    pending: tuple[dict[str, Any], ...] = ()  # the journal's entries ``data`` lacks


class Store:
    """The lead's database file, its journal, its lock and its backups."""

    def __init__(self, path: Path | str) -> None:
        path = Path(path)
        # A data file linked into a synced folder is followed, once: every file that goes
        # with it (journal, lock, backups, drafts) lives beside the real one, and writes
        # replace the real file, never the link.
        self.path = Path(os.path.realpath(path)) if path.is_symlink() else path
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        # The journal a fold took in, kept until the next fold: what lets a process that
        # had read only part of it go on without parsing the new file (`_follow_fold`).
        self.prev_journal_path = self.journal_path.with_name(self.journal_path.name + ".prev")
        # What the day view needs (open items, people, forms), kept beside the file at
        # every write so that `sup today` and the TUI's first rows need not read the
        # whole history. Derived and disposable: ignored unless it names the file as it is.
        self.open_path = self.path.with_name(self.path.name + ".open")
        # Which file and how much of which journal the held records were read from.
        self._full_from: tuple[Identity, str | None, int] | None = None
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.fold_lock_path = self.lock_path.with_name(self.lock_path.name + ".fold")
        self._main: _Main | None = None
        self._records: tuple[tuple[Identity, Identity, bool], Records] | None = None
        # What the open view holds, decoded: the day view's records (see `load`).
        self._open_records: tuple[tuple[Identity, Identity, bool], Records] | None = None
        # The TUI reads in one thread while it writes in another; a transaction changes
        # the parsed data in place, so reads and transactions of one store take turns.
        self._mutex = threading.RLock()
        self._lock_depth = 0  # the file lock is taken once, however deeply it is asked for
        self._erasing = False

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The exclusive lock on the data file, re-entrant within this store (an erasure
        holds it across the transaction and the scrubbing that follows)."""
        with self._mutex:
            if self._lock_depth:
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            with locked(self.lock_path):
                self._lock_depth = 1
                try:
                    yield
                finally:
                    self._lock_depth = 0

    # -- reading -------------------------------------------------------------

    def stamp(self) -> tuple[Identity, Identity, Identity]:
        """Changes whenever any process changes the data; cheap enough to poll."""
        return (
            identity(self.path),
            identity(self.journal_path),
            identity(erasure.record_path(self.path)),  # a forget has begun (or was cut short)
        )

    def size(self) -> int:
        """Bytes of the file and its journal together: what reading everything parses."""
        found = (identity(self.path), identity(self.journal_path))
        return sum(ident[1] for ident in found if ident is not None)

    def load(self, *, open_only: bool = False, kinds: Iterable[str] | None = None) -> Records:
        """Everything in the database, with journalled captures, as one snapshot.

        With ``open_only``, just what the day view can list (see
        ``codec.open_filter``): at 100k records, a fraction of the work. With
        ``kinds`` (tables), only those kinds and the people; the others are
        `NotRead`, for a command that reads nothing else.
        """
        self._settle()
        with self._mutex:
            self._follow_fold()
        if kinds is not None:
            held = self.held()  # all of them, at hand
            if held is not None:
                return held
            with self._mutex:
                state = self._consistent_state()
                return self._decode(state.data, state.pending, tables_read=frozenset(kinds))
        if not open_only and not self._holds_current_file():
            return self._load_aside()
        return self._load(open_only)

    def _load(self, open_only: bool) -> Records:
        with self._mutex:
            if open_only:
                # The open view first, even when everything is held: the day view's
                # rules then look at a few hundred records, not 100k, after every write.
                now = (identity(self.path), identity(self.journal_path))
                if self._open_records is not None and self._open_records[0][:2] == now:
                    return self._open_records[1]
                viewed = self._load_open_view()
                if viewed is not None:
                    self._open_records = viewed
                    return viewed[1]
                if self._records is not None and self._records[0][:2] == now:
                    return self._records[1]  # all, or what is open: either serves
            state = self._consistent_state()
            key = (state.main_id, state.journal_id, open_only)
            if self._records is not None and self._records[0] in (key, (*key[:2], False)):
                return self._records[1]  # everything serves a read of what is open, too
            records = None if open_only else self._grown(state.main_id, state.journal)
            if records is None:
                records = self._decode(state.data, state.pending, open_only)
            self._records = (key, records)
            if not open_only:
                jour = state.journal
                self._full_from = (
                    state.main_id,
                    jour and jour.token,
                    len(jour.entries) if jour else 0,
                )
            if open_only and state.raw:
                self._write_open_view(state.main_id, state.data)
            return records

    def held(self) -> Records | None:
        """Every record, if this store holds them decoded for the file and journal as
        they are now (after its own write, say), else None: never a read of the file."""
        with self._mutex:
            now = (identity(self.path), identity(self.journal_path), False)
            return self._records[1] if self._records and self._records[0] == now else None

    def _holds_current_file(self) -> bool:
        """Whether this store has parsed the file as it is on disk now."""
        with self._mutex:
            held = self._main
        return held is not None and held[0] is not None and held[0] == identity(self.path)

    def _load_aside(self) -> Records:
        """Everything, read by a store of its own, so that this store's writes (the TUI
        saving, in its write thread) never wait the second it takes to parse and decode
        100k records someone else wrote; what it read is kept here afterwards, unless a
        write of this store has meanwhile made it out of date."""
        aside = Store(self.path)
        records = aside._load(open_only=False)
        with self._mutex:
            read = aside._main
            if (
                read is not None
                and read[0] == identity(self.path)
                and (self._main is None or self._main[0] != read[0])
            ):
                self._main, self._records, self._full_from = (
                    read,
                    aside._records,
                    aside._full_from,
                )
        return records

    def _grown(self, file_id: Identity, jour: journal.Journal | None) -> Records | None:
        """All records, from the ones held and only the journal's entries since, when the
        file is the one they were read from (the TUI, while the shell captures)."""
        held = self._records
        if held is None or held[0][2] or jour is None or self._full_from is None:
            return None
        main_id, token, count = self._full_from
        if token is None and jour.follows is None:
            token = jour.token  # read with no journal: one started since holds only what is new
        if main_id != file_id or token != jour.token or len(jour.entries) < count:
            return None
        return self._with_entries(held[1], jour.entries[count:])

    def _open_view(self, of: Identity | None = None) -> tuple[Identity, Data, bool] | None:
        """The open view, the file it describes (if that is the file as it is, or ``of``),
        and whether every record of that file was decoded without fault when it was made."""
        found = read_bytes(self.open_path)
        if not found or not found[0]:
            return None
        try:
            view = orjson.loads(found[0])
            base, data = tuple(view["base"]), view["data"]
            if not isinstance(data, dict) or META not in data:
                return None
        except (orjson.JSONDecodeError, KeyError, TypeError):
            return None  # damaged: the next read of the whole file writes it anew
        expected = identity(self.path) if of is None else of
        return (base, data, view.get("checked") is True) if base == expected else None

    def _vouched_for(self, file_id: Identity) -> bool:
        """Whether the open view says every record of the file ``file_id`` decodes."""
        view = self._open_view()
        return view is not None and view[0] == file_id and view[2]

    def _load_open_view(self) -> tuple[tuple[Identity, Identity, bool], Records] | None:
        """The day view's records from the open view, if it is there and current, with
        the key they are cached under."""
        found = self._open_view()
        if found is None:
            return None
        base, data, _ = found
        journal_id, jour = self._read_journal()
        if jour is not None and jour.base != base:
            return None  # the file is being replaced: read it whole, as always
        try:
            pending = _unfolded(data, jour)
            return (base, journal_id, True), self._decode(data, pending, open_only=True)
        except UnreadableFileError:
            # Damaged in the view or in the journal: reading the file itself says which
            # (and ignores the view, which is written anew).
            return None

    def _write_open_view(
        self,
        main_id: Identity,
        data: Data,
        since: tuple[Identity, list[tuple[str, str]]] | None = None,
        checked: bool = False,
    ) -> None:
        """Keep what the day view needs of ``data`` (the file whose identity is
        ``main_id``) beside it; a failure only costs the next read its speed.

        ``since`` is (the file the view on disk describes, the documents changed since):
        then only those are looked at, not 100k documents. The view may then keep a
        person's earlier held sessions too; the day view only needs it to hold all
        that is open. ``checked``: every record of ``data`` is known to decode (a write
        then need not decode them all again to be sure it writes back nothing damaged).
        """
        view = None
        if since is not None:
            current = self._open_view(of=since[0])  # the file this write replaced
            if current is not None:
                view = current[1]
                for table, key in since[1]:
                    doc = data.get(table, {}).get(key)
                    wanted = BY_TABLE[table].open_docs({key: doc}) if doc is not None else set()
                    if wanted is None or key in wanted:
                        view.setdefault(table, {})[key] = doc
                    else:
                        view.get(table, {}).pop(key, None)
        if view is None:
            view = {}
            for kind in KINDS:
                docs = data.get(kind.table, {})
                wanted = codec.open_filter(kind.table, docs)
                view[kind.table] = docs if wanted is None else {k: docs[k] for k in wanted}
        view[META] = data[META]
        with contextlib.suppress(WriteFailedError):
            doc = {"base": main_id, "checked": checked, "data": view}
            atomic_write(self.open_path, orjson.dumps(doc))

    def unwritable(self) -> str | None:
        """Why changes could not be saved to this file, or None when they can."""
        folder = self.path.parent
        if self.path.exists() and not os.access(self.path, os.W_OK):
            return (
                f"{self.path} can't be written by you, so nothing you change here will be "
                f"saved. Fix: chmod u+w '{self.path}', or open a copy with --db."
            )
        if not os.access(folder, os.W_OK | os.X_OK):
            return (
                f"The folder {folder} can't be written by you, so nothing you change here "
                f"will be saved. Fix its permissions, or open a copy with --db."
            )
        return None

    def exposed(self) -> str | None:
        """Why the folder of this file is not private enough, or None when it is."""
        return exposure(self.path.parent)

    def people(self) -> tuple[Person, ...]:
        """Everyone, archived or not; read from the journal's header when it is current."""
        self._settle()
        found = read_bytes(self.journal_path)
        if found and found[0]:
            header = journal.parse(self.journal_path, found[0], entries=False)
            if header.base == identity(self.path):
                return tuple(
                    self._decode_doc("people", key, doc) for key, doc in header.people.items()
                )
        return self.load(open_only=True).people  # everyone is in what is open

    def _read_main(self, *, pure: bool = False) -> _Main:
        """The file as parsed, kept while it is the file on disk; with ``pure``, never
        data that holds journalled changes of this store's besides the file's own."""
        held = self._main
        current = held is not None and held.id == identity(self.path)
        if held is not None and current and (not pure or held.applied is None):
            return held
        found = read_bytes(self.path)
        if found is None or not found[0]:
            # No file yet, or an empty one someone touched: an empty database.
            if found is not None:
                self._refuse_if_emptied()
            self._main = _Main(found[1] if found else None, None, {})
        else:
            data, migrated = self._parse(found[0])
            self._main = _Main(found[1], NOT_KEPT, data, migrated=migrated)
        return self._main

    def _parse(self, raw: bytes) -> tuple[Data, bool]:
        """The file's data, migrated to this version's schema, and whether it had to be."""
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise UnreadableFileError(
                f"{self.path} is not valid JSON (line {exc.lineno}, column {exc.colno}). "
                f"It was left untouched. {backups.restore_hint(self.path)}"
            ) from None
        migrated = schema.outdated(data)
        return schema.check(data, self.path, backups.restore_hint(self.path)), migrated

    def _refuse_if_emptied(self) -> None:
        """An empty file beside backups of it was damaged (a full disk, a bad copy), not
        made new: taking it for a new database would put an empty one over the backups'."""
        if backups.list_backups(self.path):
            raise UnreadableFileError(
                f"{self.path} is empty (0 bytes), yet backups of it exist: it was damaged, "
                f"not newly made. It was left untouched. {backups.restore_hint(self.path)}"
            )

    def _read_journal(self) -> tuple[Identity, journal.Journal | None]:
        found = read_bytes(self.journal_path)
        if found is None or not found[0]:
            return (found[1] if found else None), None
        return found[1], journal.parse(self.journal_path, found[0])

    def _consistent_state(self) -> _State:
        """Database and journal as one moment saw them.

        A fold replaces both files, so a reader between the two replacements
        could pair an old database with a new journal. The journal names the
        database it belongs to; on a mismatch, read again under the lock.
        """
        main = self._read_main()
        journal_id, jour = self._read_journal()
        if jour is not None and jour.base != main.id:
            with self._locked():
                main = self._read_main()
                journal_id, jour = self._read_journal()
        pending = _pending(main, jour)
        if pending is None:  # what this store journalled is not in the journal any more
            main = self._read_main(pure=True)
            pending = _unfolded(main.data, jour)
        if main.applied is None and jour is not None and jour.base == main.id and main.raw:
            # Where the parsed file stands in the journal: what lets it go on from there
            # when another process folds the journal into a new file (`_follow_fold`).
            with self._mutex:
                if self._main is main:
                    self._main = main._replace(
                        applied=(jour.token, len(jour.entries) - len(pending))
                    )
        return _State(main.id, main.raw, main.data, journal_id, jour, pending)

    def _follow_fold(self) -> None:
        """After another process folded the journal into a new file, go on from what this
        store holds (the parsed file, the records) when the new journal follows on from
        the one they were read with: with the entries they lack applied (from the
        journal the fold took in), they are what parsing the new file would give, without
        the second that takes at 100k records. Anything else (a whole-file write, a
        forget) is read afresh."""
        held = self._main
        file_id = identity(self.path)
        if held is None or held.id == file_id or held.applied is None:
            return
        found = read_bytes(self.journal_path)
        if not found or not found[0]:
            return
        jour = journal.parse(self.journal_path, found[0])
        if jour.base != file_id or jour.follows is None or identity(self.path) != file_id:
            return
        taken_in: list[journal.Journal] = []  # the journal the fold took in, read once

        def folded() -> journal.Journal | None:
            if not taken_in:
                nothing = journal.Journal("", None, 0, {})
                try:
                    kept = read_bytes(self.prev_journal_path)
                    prev = (
                        journal.parse(self.prev_journal_path, kept[0]) if kept and kept[0] else None
                    )
                except UnreadableFileError:
                    prev = None  # damaged or unreadable: only a shortcut, so read afresh
                taken_in.append(prev or nothing)
            return taken_in[0]

        caught_up = _caught_up(held.applied, jour, folded)
        if caught_up is not None:
            lacking, at = caught_up
            self._apply(held.data, lacking)
            self._main = held._replace(id=file_id, applied=(jour.token, at), migrated=False)
        if self._records is not None and not self._records[0][2] and self._full_from:
            caught_up = _caught_up(self._full_from[1:], jour, folded)
            if caught_up is not None:
                lacking, at = caught_up
                records = self._with_entries(self._records[1], lacking)
                self._records = (self._records[0], records)
                self._full_from = (file_id, jour.token, at)

    def _apply(self, data: Data, entries: Iterable[dict[str, Any]]) -> None:
        """Apply journal entries to ``data`` in place, each checked first."""
        for entry in entries:
            table, _ = self._check_entry(entry)
            journal.apply(data[table], entry)

    def _with_entries(self, records: Records, entries: Iterable[dict[str, Any]]) -> Records:
        """``records`` with journal entries applied, as decoding after them would give."""
        groups: dict[str, tuple[Any, ...]] = {}
        for entry in entries:
            table, key = self._check_entry(entry)
            group = groups.get(table, getattr(records, table))
            if entry.get("put"):
                groups[table] = codec.replaced(group, table, entry["id"], entry["doc"])
            else:
                groups[table] = (*group, self._decode_doc(table, key, entry["doc"]))
        if not groups:
            return records
        return records_of({k.table: groups.get(k.table, getattr(records, k.table)) for k in KINDS})

    def _decode_doc(self, table: str, key: str, doc: dict[str, Any]) -> Record:
        try:
            return codec.from_doc(table, key, doc)
        except codec.DamagedRecord as exc:
            raise self._damaged(exc) from None

    def _damaged(self, exc: codec.DamagedRecord) -> UnreadableFileError:
        """The refusal of a file holding a record that does not fit its kind."""
        what = "coaching form" if exc.table == "forms" else "record"
        return UnreadableFileError(
            f"{self.path} has a damaged {what} ({exc.table} #{exc.key}): {exc.problem}. "
            f"It was left untouched. {backups.restore_hint(self.path)}"
        )

    def _check_entry(self, entry: dict[str, Any]) -> tuple[str, str]:
        """A journal entry's table and key, once it is known to hold a readable record
        (or to remove one of a kind that exists)."""
        table, key = entry["table"], str(entry["id"])  # both checked by journal.parse
        if table not in BY_TABLE:
            raise journal.damaged(self.journal_path, f"{table} #{key}: no such table")
        if entry["doc"] is None:
            return table, key
        try:
            codec.from_doc(table, key, entry["doc"])
        except codec.DamagedRecord as exc:
            raise journal.damaged(self.journal_path, str(exc)) from None
        return table, key

    def _decode(
        self,
        data: Data,
        pending: tuple[dict[str, Any], ...],
        open_only: bool = False,
        tables_read: frozenset[str] | None = None,
    ) -> Records:
        """The records of ``data`` with the journal's ``pending`` entries applied."""
        tables: dict[str, list[Record]] = {kind.table: [] for kind in KINDS}
        changes: dict[str, list[dict[str, Any]]] = {}
        for entry in pending:
            table, _ = self._check_entry(entry)
            changes.setdefault(table, []).append(entry)
        for name in tables:
            if tables_read is not None and name != "people" and name not in tables_read:
                continue
            docs = data.get(name, {})
            if name in changes:
                docs = dict(docs)
                for entry in changes[name]:
                    journal.apply(docs, entry)
            wanted = codec.open_filter(name, docs) if open_only else None
            for key, doc in docs.items():
                if wanted is None or key in wanted:
                    tables[name].append(self._decode_doc(name, key, doc))
        return records_of(tables, tables_read)

    # -- writing -------------------------------------------------------------

    def add(self, record: Record) -> tuple[Record, Change]:
        """Save one new record (a capture) and return it with its id.

        Appends one line to the journal, which costs the same at any database size.
        A capture never rewrites the database: a missing or outdated journal is
        started afresh beside it, and a full one is folded in by a background
        process (`fold`) while captures go on.
        """
        table = codec.table_of(record)
        self._settle()
        # A new person takes the whole-file path: that restarts the journal with them
        # in its header, which is where captures and people() look people up.
        if table != "people":
            with self._locked():
                jour = self._journal_for_capture()
                if jour is not None:
                    check_person(record, jour.people)
                    saved = dataclasses.replace(record, id=jour.last_id + 1)
                    doc = codec.to_doc(saved)
                    self._append({"table": table, "id": saved.id, "doc": doc})
                    # The held records stay: the next read adds this capture to them.
            if jour is not None:
                return saved, Change(((table, saved.id, None, doc),))
        with self.transaction() as txn:
            check_person(record, {str(p.id): codec.to_doc(p) for p in txn.records.people})
            saved = txn.add(record)
        return saved, txn.change

    @contextmanager
    def appending(self) -> Iterator[Appending | None]:
        """New records added together, as captures are (see `appending`): the block
        gets what is open to check them against, under the lock, and what it adds is
        appended as one line when it ends, all of it or nothing. None when only a
        transaction will do (no database yet, say): the block then uses one."""
        self._settle()
        with self._mutex, self._locked():
            jour = self._journal_for_capture()
            if jour is None:
                yield None
                return
            batch = Appending(self._load(open_only=True), jour.last_id + 1, jour.people)
            yield batch
            if batch.entries:
                self._append({"batch": batch.entries})

    def _append(self, line: dict[str, Any]) -> None:
        """Append one line to the journal (under the lock); a line that fills it starts
        a fold in the background."""
        if journal.append(self.journal_path, line) >= FOLD_AT_BYTES:
            fold_in_background(self.path)

    def _journal_for_capture(self) -> journal.Journal | None:
        """The journal a capture appends to, started afresh if it is missing or outdated;
        None when only a whole-file write will do (no database yet, or a journal of
        captures that a database put in place by hand never took in). Under the lock."""
        main_id = identity(self.path)
        if main_id is None:
            return None
        found = read_bytes(self.journal_path)
        jour = journal.parse(self.journal_path, found[0]) if found and found[0] else None
        if jour is not None and jour.base == main_id:
            return jour
        view = self._open_view()  # people, forms, meta: all a journal header needs
        if view is not None:
            data = view[1]
            meta = schema.meta(data)
            if jour is None or not jour.entries or meta.get("folded_journal") == jour.token:
                return self._restart_journal(data, jour, main_id)
        main = self._read_main(pure=True)
        raw, data = main.raw, main.data
        if not raw:
            return None
        meta = schema.meta(data)
        if jour is not None and jour.entries and meta.get("folded_journal") != jour.token:
            return None
        # Never start a journal beside a damaged database; once it is known to decode,
        # the open view says so, and writes after this need not decode it again.
        self._decode(data, ())
        for entry in _unfolded(data, jour):
            self._check_entry(entry)
        self._write_open_view(main.id, data, checked=True)
        return self._restart_journal(data, jour, identity(self.path))

    def _restart_journal(
        self,
        data: Data,
        jour: journal.Journal | None,
        main_id: Identity,
        follows: tuple[str, int] | None = None,
    ) -> journal.Journal:
        """A fresh journal against the database as it is; entries it lacks carry over.
        ``follows``: the journal, and how many of its entries, a fold took in."""
        carried = _unfolded(data, jour)
        meta = schema.meta(data)
        added = (e["id"] for e in carried if not e.get("put"))
        next_id = min([meta["next_id"], *added])  # the ids of records added only grow
        people = data.get("people", {})
        return journal.start(
            self.journal_path, os.urandom(8).hex(), main_id, next_id, people, carried, follows
        )

    def fold(self) -> bool:
        """Fold the journal into the database; True if it did.

        The long part (reading, merging and writing the new file) runs without the
        lock, so captures go on meanwhile; the lock is held only to check that nothing
        else replaced the database, to swap the new file in and to start the journal
        afresh with the captures made meanwhile.
        """
        found = read_bytes(self.path)
        if not found or not found[0]:
            return False
        raw, main_id = found
        data, _ = self._parse(raw)
        jfound = read_bytes(self.journal_path)
        if not jfound or not jfound[0]:
            return False
        jour = journal.parse(self.journal_path, jfound[0])
        entries = _unfolded(data, jour)
        if jour.base != main_id or not entries:
            return False  # outdated: the next transaction folds it, under the lock
        self._apply(data, entries)
        meta = schema.meta(data)
        meta["next_id"] = max(meta["next_id"], jour.last_id + 1)
        _mark_folded(meta, jour)
        tmp = write_temp(self.path, orjson.dumps(data))
        try:
            with self._locked():
                if erasure.read(self.path) is not None:
                    return False  # what it read may hold what is being erased
                now = read_bytes(self.journal_path)
                latest = journal.parse(self.journal_path, now[0]) if now and now[0] else None
                if identity(self.path) != main_id or latest is None or latest.token != jour.token:
                    return False  # another process wrote meanwhile (and folded)
                backups.take_daily(self.path, dt.date.today())
                checked = self._vouched_for(main_id)
                put_in_place(tmp, self.path)
                self._write_open_view(identity(self.path), data, checked=checked)
                with contextlib.suppress(OSError):  # only a shortcut for other processes
                    kept = temp_name(self.prev_journal_path)
                    os.link(self.journal_path, kept)
                    os.replace(kept, self.prev_journal_path)
                folded = (jour.token, len(jour.entries))
                self._restart_journal(data, latest, identity(self.path), folded)
        finally:
            tmp.unlink(missing_ok=True)
        self._main, self._records = None, None
        return True

    @contextmanager
    def transaction(self) -> Iterator[Txn]:
        """Change the database under the lock; saved once, atomically, when the block ends.

        Starts from the file as it is on disk now, with the journal folded in,
        so no other process's update is lost. If the block raises, nothing is written.
        A few records changed are appended to the journal as one line; more, or people
        and forms, replace the whole file (which folds the journal in).
        """
        self._settle()
        if not self._lock_depth:
            # Parse the file before taking the lock (a second at 100k records, which the
            # shell's captures and the TUI's saves would otherwise wait out); under the
            # lock it is used only if it is still the file on disk.
            with self._mutex:
                self._follow_fold()
                self._read_main()
        with self._mutex, self._locked():
            remove_stale_temps(self.path)
            remove_stale_temps(self.journal_path)
            remove_stale_temps(self.open_path)
            backups.remove_stale_temps(self.path)
            self._follow_fold()
            # Under the lock, trust only the disk. When this store parsed exactly the
            # file that is there (the TUI, writing again), start from that instead of
            # parsing 24 MB anew at 100k records. The block changes ``data`` in place,
            # so it is no longer a cache until it is saved; a block that fails
            # leaves nothing cached, and the next read parses the file again.
            file_id = identity(self.path)
            journal_id, jour = self._read_journal()
            cached, pending = self._main, None
            if cached is not None and cached.raw and file_id is not None and cached.id == file_id:
                pending = _pending(cached, jour)
            if cached is not None and pending is not None:
                raw, data, migrated = cached.raw, cached.data, cached.migrated
                self._main = None
            else:
                cached = None
                found = read_bytes(self.path)
                raw = found[0] if found and found[0] else None
                file_id = found[1] if found else None
                if found is not None and not raw:
                    self._refuse_if_emptied()
                data, migrated = self._parse(raw) if raw else (schema.new_data(_now()), False)
                pending = _unfolded(data, jour)
            # Never write back what could not be read: a damaged record stops the
            # write here, with the message load() gives, before anything is touched.
            # Records this store already decoded from exactly these bytes (the TUI
            # keeps them) were checked then; decoding 100k records again would cost
            # every keypress a third of a second.
            from .txn import Txn  # TinyDB is needed only for whole-file writes

            key = (file_id, journal_id, False)
            known = self._records[1] if self._records and self._records[0] == key else None
            if known is None:  # the shell captured since: what is held, and those captures
                known = self._grown(file_id, jour)
            if known is None and not self._vouched_for(file_id):
                if raw is not None and (cached is None or cached.applied is None):
                    # ``data`` is the file itself: once decoded, the open view says so,
                    # and the next write (journalled, as most are) need not decode it again.
                    known = self._with_entries(self._decode(data, ()), pending)
                    self._write_open_view(file_id, data, checked=True)
                else:
                    known = self._decode(data, pending)
            self._apply(data, pending)
            if jour is not None:
                meta = schema.meta(data)
                meta["next_id"] = max(meta["next_id"], jour.last_id + 1)
            txn = Txn(data, known)  # without records, it decodes what an action reads
            try:
                yield txn
            except codec.DamagedRecord as exc:
                # A kind decoded only now, from a file an open view vouched for (written
                # by a version that checked less): refused as any read refuses it.
                raise self._damaged(exc) from None
            steps = txn.change.steps
            # What the file lacks of the journal: everything in it, or what came after
            # a fold (``data``'s meta is the file's: journalled changes leave it be).
            unfolded = _unfolded(data, jour)
            current = jour is not None and raw is not None and jour.base == file_id
            if not steps and (current or not unfolded):
                if raw is not None:  # read, not changed: the file, with the journal applied
                    applied = (jour.token, len(jour.entries)) if current and jour else None
                    self._main = _Main(file_id, NOT_KEPT, data, applied, migrated)
                return
            if current and not migrated and self._journalled(steps):
                assert jour is not None and file_id is not None
                self._append_changes(file_id, data, jour, steps, txn.decoded)
                return
            changed = [(t, str(i)) for t, i, _, _ in steps]
            changed += [(e["table"], str(e["id"])) for e in unfolded]
            self._commit(raw, data, jour, txn.decoded, (file_id, changed))

    def _journalled(self, steps: tuple[Any, ...]) -> bool:
        """Whether these changes go to the journal rather than the whole file."""
        return (
            not self._erasing
            and len(steps) <= JOURNAL_AT_MOST
            and all(table not in NEVER_JOURNALLED for table, *_ in steps)
        )

    def _append_changes(
        self,
        file_id: tuple[int, int, int],
        data: Data,
        jour: journal.Journal,
        steps: tuple[Any, ...],
        records: Records | None,
    ) -> None:
        """Save a transaction's changes as one journal line (see `journal`), and keep
        what it read and changed as the file with the journal applied."""
        entries = [{"table": t, "id": i, "doc": after, "put": True} for t, i, _, after in steps]
        line = entries[0] if len(entries) == 1 else {"batch": entries}
        # The day's first change keeps the file as it was, as a whole-file write does.
        backups.take_daily(self.path, dt.date.today())
        self._append(line)
        count = len(jour.entries) + len(entries)
        self._main = _Main(file_id, NOT_KEPT, data, (jour.token, count))
        self._records, self._full_from = None, None
        if records is not None:
            self._records = ((file_id, identity(self.journal_path), False), records)
            self._full_from = (file_id, jour.token, count)

    def _commit(
        self,
        raw: bytes | None,
        data: Data,
        jour: journal.Journal | None,
        records: Records | None,
        changed: tuple[Identity, list[tuple[str, str]]],
    ) -> None:
        meta = schema.meta(data)
        _mark_folded(meta, jour)
        if raw and not self._erasing:  # a copy of what is being erased would only be scrubbed
            backups.take_daily(self.path, dt.date.today())
        new_raw = orjson.dumps(data)
        atomic_write(self.path, new_raw)
        main_id = identity(self.path)
        self._write_open_view(main_id, data, changed, checked=True)
        people = data.get("people", {})
        # The change is saved once the file is replaced. A journal that cannot be
        # restarted now (a full disk) still names the old file, so captures take
        # the whole-file path until a write restarts it; reporting the change as
        # failed would only make the user enter it twice.
        restarted = None
        with contextlib.suppress(WriteFailedError):
            restarted = journal.start(
                self.journal_path, os.urandom(8).hex(), main_id, meta["next_id"], people
            )
        self._main = _Main(main_id, NOT_KEPT, data)
        # The transaction kept its records up to date change by change: they are what
        # decoding the new file would give, so the next read (the TUI's, right after
        # its own write) need not decode 100k records again.
        self._records, self._full_from = None, None
        if records is not None:  # a CLI write that read one kind has not decoded them all
            self._records = ((main_id, identity(self.journal_path), False), records)
            self._full_from = (main_id, restarted.token, 0) if restarted else None

    def undo(self, change: Change) -> None:
        """Revert a change, unless another process has changed the same records since."""
        with self.transaction() as txn:
            txn.revert(change)

    # -- erasing -------------------------------------------------------------------

    def erase(self, people: Iterable[int] = (), records: Iterable[int] = ()) -> Erased:
        """Erase people (with every record about them) and single records from the
        database, the journal, every backup, the drafts and the leftovers of crashed
        writes; what is erased is written down first, so an interrupted erasure is
        finished by the next process that uses the file (see `erasure`)."""
        with self._mutex, locked(self.fold_lock_path), self._locked():
            self._finish_erasure()  # one left unfinished by another process goes first
            erasure.begin(self.path, Pending(frozenset(people), frozenset(records)))
            return self._finish_erasure()

    def _settle(self) -> None:
        """Finish an erasure that a process left unfinished, before anything else."""
        if self._erasing or not os.path.lexists(erasure.record_path(self.path)):
            return
        # No fold runs meanwhile: one may be writing a whole copy of the file.
        with self._mutex, locked(self.fold_lock_path), self._locked():
            self._finish_erasure()

    def _finish_erasure(self) -> Erased:
        pending = erasure.read(self.path)
        if pending is None:
            return Erased()
        self._erasing = True
        try:
            with self.transaction() as txn:
                people, records = erasure.erase_records(txn, pending)
            self._scrub_journal(pending)
            self._scrub_open_view(pending)
            rewritten = erasure.scrub_backups(self.path, pending)
            erasure.scrub_drafts(self.path, pending)
            last_change.clear(self.path)  # it may hold a copy of what was erased
            # The journal the last fold took in holds what was erased, too.
            self.prev_journal_path.unlink(missing_ok=True)
            erasure.remove_leftovers(
                self.path, self.journal_path, self.open_path, self.prev_journal_path
            )
            erasure.done(self.path)
        finally:
            self._erasing = False
        return Erased(people, records, rewritten)

    def _scrub_journal(self, pending: Pending) -> None:
        """A journal that still names what was erased (a process died between replacing
        the file and restarting it) is started afresh without it."""
        found = read_bytes(self.journal_path)
        if not found or not found[0]:
            return
        jour = journal.parse(self.journal_path, found[0])
        if erasure.mentions(jour, pending):
            kept = tuple(
                e for e in jour.entries if not pending.about(e["table"], str(e["id"]), e["doc"])
            )
            data = self._read_main(pure=True).data
            self._restart_journal(data, jour._replace(entries=kept), identity(self.path))

    def _scrub_open_view(self, pending: Pending) -> None:
        """An open view written before the erasure (a process died before writing a new
        one) still holds what was erased: it is only a shortcut, so it goes."""
        found = read_bytes(self.open_path)
        if not found or not found[0]:
            return
        try:
            data = orjson.loads(found[0])["data"]
            clean = not any(
                pending.about(table, key, doc)
                for table, docs in data.items()
                if table != META
                for key, doc in docs.items()
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            clean = False
        if not clean:
            self.open_path.unlink(missing_ok=True)

    def kept_in_backups(self, person_id: int) -> list[tuple[str, str, str, dict[str, Any]]]:
        """What the backups still hold about a person that the file does not (earlier
        versions, records deleted since): (backup name, table, key, document), for a
        complete export. A backup that can't be read is left out. The last correction
        kept for `sup undo` counts as one (it holds what it replaced)."""
        state = self._consistent_state()
        current = {(t, k): doc for t, docs in state.data.items() for k, doc in docs.items()}
        for entry in state.pending:
            if entry["doc"] is None:
                current.pop((entry["table"], str(entry["id"])), None)
            else:
                current[(entry["table"], str(entry["id"]))] = entry["doc"]
        theirs = Pending(frozenset({person_id}))
        found = []
        for backup in backups.list_backups(self.path):
            try:
                data = orjson.loads(backup.read_bytes())
                tables = [(t, docs) for t, docs in data.items() if t != schema.META]
                for table, docs in tables:
                    for key, doc in docs.items():
                        if theirs.about(table, key, doc) and current.get((table, key)) != doc:
                            found.append((backup.name, table, key, doc))
            except (OSError, ValueError, AttributeError):
                continue
        kept = last_change.load(self.path)  # the last correction: what it replaced
        for table, record_id, *docs in kept[1].steps if kept else ():
            for doc in docs:
                key = str(record_id)
                if doc and theirs.about(table, key, doc) and current.get((table, key)) != doc:
                    found.append((last_change.path_of(self.path).name, table, key, doc))
        return found

    # -- drafts ----------------------------------------------------------------------

    def save_draft(self, key: str, doc: dict[str, Any]) -> None:
        """Keep a draft (a session in progress) safe on disk.

        A draft about a person who is no longer in the file (forgotten, perhaps from
        another terminal) is refused with `PersonGoneError`: nothing of theirs is
        written again. Under the lock, so a forget and a draft never cross.
        """
        from . import drafts

        self._settle()
        with self._mutex, self._locked():
            person_id = doc.get("person_id")
            if type(person_id) is int and not self._has_person(person_id):
                raise PersonGoneError(person_id)
            drafts.save(self.path, key, doc)

    def _has_person(self, person_id: int) -> bool:
        try:
            view = self._open_view()  # kilobytes, and it holds everyone
            data = view[1] if view is not None else self._read_main().data
        except UnreadableFileError:
            return True  # the file can't tell; the draft may be all that is left of the notes
        return str(person_id) in data.get("people", {})

    def drafts(self) -> list[tuple[str, dict[str, Any] | str]]:
        """Every kept draft by key: its document, or the text of one set aside as damaged."""
        from . import drafts

        return drafts.kept(self.path)

    def load_draft(self, key: str) -> dict[str, Any] | None:
        """A kept draft, or None."""
        from . import drafts

        return drafts.load(self.path, key)

    def discard_draft(self, key: str) -> None:
        """Forget a draft."""
        from . import drafts

        with self._mutex, self._locked():
            drafts.discard(self.path, key)

    def copy_shifted(self, target: Path, days: int) -> Store:
        """A copy of this database at ``target`` with every date moved by ``days``."""
        from .shift import copy_shifted

        copy_shifted(self.path, Path(target), days)
        return Store(target)

    def add_form(self, form: Form) -> None:
        """Store a coaching form version."""
        with self.transaction() as txn:
            txn.add_form(form)


def _unfolded(data: Data, jour: journal.Journal | None) -> tuple[dict[str, Any], ...]:
    """Journal entries the database file does not hold yet."""
    if jour is None or not data:
        return jour.entries if jour else ()
    meta = schema.meta(data)
    if meta.get("folded_journal") == jour.token:
        # Folded up to the first ``folded_count`` entries; later ones came in while the
        # fold ran. Files written before that was counted (their journals held captures
        # only) say up to which id instead, or nothing when it was all of it.
        count = meta.get("folded_count")
        if type(count) is int:
            return jour.entries[count:]
        through = meta.get("folded_through")
        return () if through is None else tuple(e for e in jour.entries if e["id"] > through)
    return jour.entries


def _mark_folded(meta: dict[str, Any], jour: journal.Journal | None) -> None:
    """Say in the file's meta that it holds every entry of ``jour`` (as read), or that
    it has no journal to speak of."""
    meta.pop("folded_through", None)
    if jour is None:
        meta["folded_journal"] = None
        meta.pop("folded_count", None)
    else:
        meta["folded_journal"], meta["folded_count"] = jour.token, len(jour.entries)


def _caught_up(
    at: tuple[Any, int],
    jour: journal.Journal,
    folded: Callable[[], journal.Journal | None],
) -> tuple[tuple[dict[str, Any], ...], int] | None:
    """How a state at ``at`` (a journal token, and how many of its entries it holds)
    stands against ``jour``: the entries it lacks up to where ``jour`` begins (from the
    journal a fold took in, ``folded()``) and how many of ``jour``'s entries it then
    holds; None when ``jour`` does not follow on from that journal."""
    token, count = at
    if jour.token == token:
        return ((), count) if count <= len(jour.entries) else None
    if jour.follows is None or jour.follows[0] != token:
        return None
    taken_in = jour.follows[1]
    if count >= taken_in:
        return ((), count - taken_in) if count - taken_in <= len(jour.entries) else None
    before = folded()
    if before is None or before.token != token or len(before.entries) < taken_in:
        return None
    return before.entries[count:taken_in], 0


def _pending(main: _Main, jour: journal.Journal | None) -> tuple[dict[str, Any], ...] | None:
    """The entries of ``jour`` that the parsed file ``main`` lacks; None when it holds
    journalled changes that ``jour`` does not (the journal was replaced since)."""
    if main.applied is None:
        return _unfolded(main.data, jour)
    token, count = main.applied
    if jour is not None and jour.token == token and len(jour.entries) >= count:
        return jour.entries[count:]
    return None


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def fold_in_background(path: Path) -> None:
    """Start a process that folds the journal of ``path`` into it, and don't wait for it."""
    import subprocess
    import sys

    with contextlib.suppress(OSError):
        subprocess.Popen(
            [sys.executable, "-m", "supervisor_tui.store.fold", str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a capture's terminal closing does not stop it
        )
