"""The capture journal: an append-only file of records not yet folded into the database.

Rewriting a large database for every one-line capture is slow, so a capture
appends one fsynced line here instead, in well under a millisecond at any
size. The next whole-file write folds the journal into the database.

Line 1 is a header: a random ``token`` naming this journal, the identity
(inode, size, mtime) of the database file it was started against, the next
free record id then, and the people, so that a capture can resolve ``@anna``
without reading the database. Every further line is one entry:
``{"table": ..., "id": ..., "doc": {...}}`` adds a record (a capture);
``{"table": ..., "id": ..., "doc": {...} or null, "put": true}`` replaces a record
with ``doc``, or removes it (null), as a transaction that changed a few records
would have; several entries saved together (a month's plan, an acknowledgement and
its follow-up) are one line, all of them or none: ``{"batch": [entry, ...]}``. A batch
is read as its entries, in order: nothing but this module sees the difference.
Entries are applied in order by `apply`, which gives exactly what the same changes
written to the whole file would have given, down to the order of the records.

A journal started by a fold says which journal it ``follows`` and after how many of
its entries: [token, count]. The database then holds exactly what the earlier journal's
first entries made of the file before, so a process holding that state (the TUI, at
100k records) goes on from it instead of parsing the new file.

A line is confirmed only once it ends in a newline and has been fsynced; a
torn last line (a crash mid-append) was never confirmed and is ignored, then
cut off by the next append.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from .errors import UnreadableFileError, WriteFailedError
from .files import FILE_MODE, atomic_write, describe_os_error, make_private

FORMAT = 1


class Journal(NamedTuple):
    """A parsed journal: its header and its confirmed entries."""

    token: str
    base: tuple[int, int, int] | None
    next_id: int
    people: dict[str, dict[str, Any]]
    entries: tuple[dict[str, Any], ...] = ()
    follows: tuple[str, int] | None = None  # (journal token, entries the fold took in)

    @property
    def last_id(self) -> int:
        """The highest record id handed out so far, counting the entries."""
        return max([self.next_id - 1, *(e["id"] for e in self.entries)])


def apply(docs: dict[str, dict[str, Any]], entry: dict[str, Any]) -> None:
    """Apply one entry to its table's documents (``{key: doc}``), in place.

    A record added is kept if the table holds its id already (a capture folded
    before); a record replaced goes last, as a whole-file write puts it."""
    key = str(entry["id"])
    if not entry.get("put"):
        docs.setdefault(key, entry["doc"])
        return
    docs.pop(key, None)
    if entry["doc"] is not None:
        docs[key] = entry["doc"]


def header_line(
    token: str,
    base: tuple[int, int, int] | None,
    next_id: int,
    people: dict[str, Any],
    follows: tuple[str, int] | None = None,
) -> bytes:
    """The first line of a fresh journal."""
    header = {"journal": FORMAT, "token": token, "base": base, "next_id": next_id, "people": people}
    if follows is not None:
        header["follows"] = list(follows)
    return orjson.dumps(header) + b"\n"


def start(
    path: Path,
    token: str,
    base: tuple[int, int, int] | None,
    next_id: int,
    people: dict,
    entries: tuple[dict[str, Any], ...] = (),
    follows: tuple[str, int] | None = None,
) -> Journal:
    """Replace the journal with a fresh one against ``base``, atomically; ``entries`` are
    captures the database does not hold yet, carried over as they were; ``follows``: the
    journal (and how many of its entries) a fold took into ``base``."""
    header = header_line(token, base, next_id, people, follows)
    atomic_write(path, b"".join([header, *(orjson.dumps(e) + b"\n" for e in entries)]))
    return Journal(token, base, next_id, people, entries, follows)


def parse(path: Path, raw: bytes, *, entries: bool = True) -> Journal:
    """Parse a journal's bytes, ignoring a torn (unconfirmed) last line.

    With ``entries=False`` only the header is read (its people), at the same cost
    however long the journal is.
    """
    complete = raw[: raw.rfind(b"\n") + 1]
    try:
        first_end = complete.index(b"\n")
        header = orjson.loads(complete[:first_end])
        if header.get("journal") != FORMAT:
            raise ValueError("not a journal header")
        found: tuple[Any, ...] = ()
        if entries:
            lines = complete[first_end:].splitlines()
            found = tuple(e for line in lines if line for e in _records_of(orjson.loads(line)))
        previous = header["next_id"] - 1
        if not isinstance(previous, int) or not isinstance(header["people"], dict):
            raise ValueError("a damaged header")
        for entry in found:
            if not _well_formed(entry, previous):
                raise ValueError("a damaged entry")
            previous = max(previous, entry["id"])
        base, follows = header["base"], header.get("follows")
        if follows is not None:
            token, count = follows
            if not isinstance(token, str) or type(count) is not int or count < 0:
                raise ValueError("a damaged header")
            follows = (token, count)
        return Journal(
            header["token"],
            tuple(base) if base else None,
            header["next_id"],
            header["people"],
            found,
            follows,
        )
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise damaged(path) from exc


def _well_formed(entry: Any, previous: int) -> bool:
    """Whether ``entry`` is an entry at all: a record added takes a new id (above
    ``previous``); a record replaced or removed names one that was handed out."""
    if not (
        isinstance(entry, dict)
        and isinstance(entry.get("table"), str)
        and type(entry.get("id")) is int
        and entry["id"] > 0
    ):
        return False
    if entry.get("put") is True:
        return entry.get("doc") is None or isinstance(entry["doc"], dict)
    return "put" not in entry and entry["id"] > previous and isinstance(entry.get("doc"), dict)


def _records_of(line: Any) -> tuple[Any, ...]:
    """The records one line holds: itself, or a batch's (checked by the caller)."""
    if isinstance(line, dict) and "batch" in line:
        batch = line["batch"]
        if not isinstance(batch, list) or not batch:
            raise ValueError("a damaged batch")
        return tuple(batch)
    return (line,)


def damaged(path: Path, which: str = "") -> UnreadableFileError:
    """The one refusal for a journal that can't be read, whoever finds it; ``which`` says
    what is wrong with which entry, when that is known (never the entry's text)."""
    database = path.name.removesuffix(".journal")
    entry = f"a damaged entry ({which})" if which else "a damaged entry"
    return UnreadableFileError(
        f"{path} (the capture journal beside {database}) has {entry}. Both files "
        f"were left untouched. Captures in it are not in the database yet: look at its last "
        f"lines; to go on without them, move it aside: mv '{path}' '{path}.damaged'."
    )


def append(path: Path, entry: dict[str, Any]) -> int:
    """Append one entry and fsync it; returns the journal's size now.

    On failure the journal is cut back to where it was."""
    line = orjson.dumps(entry) + b"\n"
    try:
        fd = os.open(path, os.O_RDWR, FILE_MODE)
    except OSError as exc:
        raise WriteFailedError(
            f"Could not save to {path}: {describe_os_error(exc)}. Nothing was saved."
        ) from exc
    try:
        make_private(fd)  # a journal left 0644 by hand or by an older version
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            # A crash tore the previous append: drop the unconfirmed fragment first.
            tail = os.pread(fd, min(size, 1 << 20), max(0, size - (1 << 20)))
            size = size - len(tail) + tail.rfind(b"\n") + 1
            os.ftruncate(fd, size)
        try:
            os.lseek(fd, size, os.SEEK_SET)
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            return size + len(line)
        except OSError as exc:
            os.ftruncate(fd, size)
            os.fsync(fd)
            raise WriteFailedError(
                f"Could not save to {path}: {describe_os_error(exc)}. Nothing was saved."
            ) from exc
    finally:
        os.close(fd)
