"""Shared pieces of the store tests, and the worker that plays "another process".

The tests import the builders and checks below. As a worker (forked by the server
of forkserver.py, or run as ``python tests/storehelpers.py COMMAND DB ARGS...``)
this module is a separate OS process using the same database: a CLI capture, a TUI
transaction, a process that dies at a chosen moment. Workers print one line per write *after* the
store returned (flushed at once), so a line is exactly a confirmation the user
would have seen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
import typing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import forkserver

from supervisor_tui.domain.entities import (
    Agreement,
    Note,
    Person,
    Record,
    Records,
    Session,
    Suggestion,
    Win,
)
from supervisor_tui.domain.kinds import WITH_IDS, Kind
from supervisor_tui.store import Store

HELPERS = Path(__file__).resolve()

TZ = dt.timezone(dt.timedelta(hours=2))
DAY = dt.date(2026, 3, 2)
MOMENT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=TZ)
ACK_DAY = dt.date(2026, 3, 3)

KINDS = tuple(kind.table for kind in WITH_IDS)  # the tables of records with ids


# -- building a database -----------------------------------------------------------


def win(person_id: int, text: str) -> Win:
    """A new, unacknowledged win (the store assigns the id)."""
    return Win(0, person_id, text, DAY, MOMENT)


def note(person_id: int, text: str) -> Note:
    """A new observation (the store assigns the id)."""
    return Note(0, person_id, text, MOMENT)


def seed_history(store: Store, total: int = 300, people: int = 5) -> Records:
    """A file that already holds months of mixed history, written in one transaction."""
    with store.transaction() as txn:
        team = [
            txn.add(Person(0, f"Person {n}", f"p{n}", DAY - dt.timedelta(days=400 + n)))
            for n in range(people)
        ]
        for n in range(total - people):
            who = team[n % people].id
            day = DAY - dt.timedelta(days=n % 120)
            moment = MOMENT - dt.timedelta(days=n % 120)
            kind = n % 5
            if kind == 0:
                txn.add(Win(0, who, f"history win {n}", day, moment))
            elif kind == 1:
                txn.add(Note(0, who, f"history note {n}", moment, "wellbeing"))
            elif kind == 2:
                txn.add(Agreement(0, who, f"history agreement {n}", moment, follow_up_on=day))
            elif kind == 3:
                txn.add(Suggestion(0, who, f"history suggestion {n}", day, moment))
            else:
                txn.add(Session(0, who, "held", moment, day, notes=(("Wellbeing", f"ok {n}"),)))
    return store.load()


def _filled(kind: Kind, person_id: int, word: str) -> Record:
    """One record of ``kind`` about ``person_id`` with ``word`` in every free text of it.

    Fields with a fixed set of values (a status, a decision, an owner, a note's kind)
    keep their defaults; a field that is neither known nor defaulted fails the test,
    so a new kind or field is planted as soon as it exists.
    """
    fields = {f.name: f for f in dataclasses.fields(kind.entity)}
    values: dict[str, Any] = {}
    for name, tp in kind.fields:
        field = fields[name]
        has_default = field.default is not dataclasses.MISSING or (
            field.default_factory is not dataclasses.MISSING
        )
        canary = f"{word}-{kind.table}-{name}"
        if name == "id":
            values[name] = 0
        elif name == "person_id":
            values[name] = person_id
        elif name in CHOSEN:
            values[name] = CHOSEN[name]
        elif tp is str and (not has_default or field.default == ""):
            values[name] = canary
        elif typing.get_origin(tp) is tuple:  # a session's notes: (agenda item, text) pairs
            values[name] = ((f"{canary}-item", canary),)
        elif not has_default:
            values[name] = {dt.date: DAY, dt.datetime: MOMENT, int: 1}[tp]
    return kind.entity(**values)


# Fields that take one of a few values; the canary goes everywhere else.
CHOSEN: dict[str, Any] = {
    "acknowledged_how": "in person",
    "acknowledged_on": ACK_DAY,
    "handle": "eve",
}


def one_of_everything(store: Store, word: str, *, name: str = "Eve Canary") -> Person:
    """A person with ``word`` planted everywhere the app keeps something about them.

    One record of every kind about a person (iterating the kinds the domain knows) in
    the database and another in the capture journal, the acknowledgement note of a
    win, two daily backups that hold them, a session draft, the capture line and the
    thank-you note kept when the terminal closed on them, a draft set aside as
    damaged, and the temporary files that crashed writes of the database, a backup
    and a draft leave behind. Someone else, with records of their own, stays.
    """
    from supervisor_tui.actions.drafts import keep_capture_line, keep_dialog_text
    from supervisor_tui.domain.drafts import KeptDialog, SessionDraft, draft_key
    from supervisor_tui.domain.entities import Form
    from supervisor_tui.domain.kinds import ABOUT_A_PERSON
    from supervisor_tui.store import backups, drafts

    with store.transaction() as txn:
        other = txn.add(Person(0, "Olli Other", "olli", DAY, role="stays"))
        person = txn.add(Person(0, f"{name} {word}", "eve", DAY, role=f"{word}-people-role"))
        for kind in ABOUT_A_PERSON:
            txn.add(_filled(kind, person.id, word))
            txn.add(_filled(kind, other.id, "other"))
    raw = store.path.read_bytes()
    for day in (DAY - dt.timedelta(days=2), DAY - dt.timedelta(days=1)):
        backups.take_daily(store.path, day)
    for kind in ABOUT_A_PERSON:
        store.add(_filled(kind, person.id, f"{word}-journal"))
    # The journal a fold took in, kept beside it until the next fold.
    store.prev_journal_path.write_bytes(store.journal_path.read_bytes())
    form = Form("Coaching 1:1", 1, (f"{word}-draft-item", "Wins"))
    draft = SessionDraft.start(person.id, form).with_note(f"{word}-draft-item", f"{word}-draft")
    store.save_draft(draft.key, draft.to_doc())
    # The capture line that was being typed about them when the terminal closed.
    at = dt.datetime.combine(DAY, dt.time(9, 0), dt.UTC)
    keep_capture_line(store, f"win @eve {word}-capture-line", person.id, at)
    # And the thank-you note being written for one of their wins.
    win = next(w for w in store.load().wins if w.person_id == person.id)
    note = KeptDialog("acknowledge", win.id, person.id, {"note": f"{word}-ack-note"}, {})
    keep_dialog_text(store, note, at)
    folder = drafts.directory(store.path)
    (folder / f"{draft_key(person.id)}.damaged").write_bytes(f"{{{word}-damaged".encode())
    (folder / f".{draft_key(person.id)}.json.4242.0badf00d.tmp").write_bytes(word.encode())
    (store.path.parent / f".{store.path.name}.4242.0badf00d.tmp").write_bytes(raw)
    backup = backups.backup_path(store.path, DAY)
    (backup.parent / f".{backup.name}.4242.0badf00d.tmp").write_bytes(raw)
    return person


def holding(folder: Path, word: str) -> list[str]:
    """Every file under ``folder`` (hidden ones, drafts, backups too) that holds ``word``."""
    return sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and word.encode() in path.read_bytes()
    )


# -- looking at the result ---------------------------------------------------------


def by_kind(records: Records) -> dict[str, tuple[Record, ...]]:
    """The records of each kind."""
    return {kind: getattr(records, kind) for kind in KINDS}


def everything(records: Records) -> set[Record]:
    """Every record, as a set: order on disk is not part of the contract."""
    return {record for group in by_kind(records).values() for record in group}


def all_ids(records: Records) -> list[int]:
    """Every record's id, duplicates included."""
    return [record.id for group in by_kind(records).values() for record in group]


def texts(records: Sequence[Any]) -> list[str]:
    """The texts of these records, duplicates included."""
    return [record.text for record in records]


def raw_tables(path: Path) -> dict[str, dict[str, Any]]:
    """The database file as plain JSON, without the store's help."""
    return json.loads(path.read_bytes())


def raw_texts(path: Path, table: str) -> list[str]:
    """The texts stored in one table of the file itself, duplicates included."""
    return [doc["text"] for doc in raw_tables(path)[table].values()]


def leftovers(directory: Path) -> list[str]:
    """Temporary files of interrupted writes in ``directory``."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def file_state(path: Path) -> tuple[bytes, int] | None:
    """A file's bytes and mtime, to prove it was not touched."""
    if not path.exists():
        return None
    return path.read_bytes(), path.stat().st_mtime_ns


# -- running workers ---------------------------------------------------------------


def worker_command(command: str, db: Path, *args: object) -> list[str]:
    """What a worker is asked to run: its command, the database and the arguments."""
    return [command, str(db), *map(str, args)]


# Workers are forked by a server that has imported this module (see forkserver.py).
SERVER = [sys.executable, str(HELPERS), "serve"]


def run_worker(command: str, db: Path, *args: object) -> subprocess.CompletedProcess[str]:
    """Run a worker to its end (or its death) and collect what it printed."""
    argv = worker_command(command, db, *args)
    proc = forkserver.spawn(SERVER, argv)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(argv, proc.wait(), out.decode(), err.decode())


@contextmanager
def started(command: str, db: Path, *args: object) -> Iterator[forkserver.Forked]:
    """A running worker; it is killed if the test fails before it ends.

    Unbuffered pipes: ``wait_ready`` reads one line and ``finish`` the rest, and
    a buffered reader would keep lines the one has read ahead from the other.
    """
    proc = forkserver.spawn(SERVER, worker_command(command, db, *args))
    try:
        yield proc
    finally:
        if proc.returncode is None:
            proc.kill()
            proc.communicate(timeout=30)


def wait_ready(proc: forkserver.Forked) -> None:
    """Block until the worker has imported everything and is about to write."""
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line == b"ready\n", f"worker did not start: {line!r} {proc.communicate()[1]!r}"


def read_confirmations(proc: forkserver.Forked, count: int) -> str:
    """Block until a running worker has printed ``count`` more lines; return them."""
    assert proc.stdout is not None
    lines = [proc.stdout.readline() for _ in range(count)]
    assert all(line.endswith(b"\n") for line in lines), f"the worker stopped: {lines!r}"
    return b"".join(lines).decode()


def finish(proc: forkserver.Forked) -> tuple[str, str]:
    """What the worker printed, once it has ended (by itself or killed)."""
    out, err = proc.communicate(timeout=60)
    return out.decode(), err.decode()


def confirmations(output: str) -> list[list[str]]:
    """The worker's confirmed writes: one ``[what, id, text]`` per complete line."""
    complete = output[: output.rfind("\n") + 1]
    return [line.split(" ", 2) for line in complete.splitlines() if line and line != "ready"]


# -- the worker --------------------------------------------------------------------


def _confirm(*parts: object) -> None:
    print(*parts, flush=True)


def _ready_then_go(gate: bool) -> None:
    """Tell the parent we are ready; with a gate, wait for its word to start at once."""
    _confirm("ready")
    if gate:
        sys.stdin.readline()


def _capture(store: Store, tag: str, count: str, people: str) -> None:
    """Capture ``count`` wins as fast as possible from the TUI's capture bar.

    Like the TUI, refresh the view after each write. Besides being what happens,
    it lets the other process's writes in between (the lock is not fair to a
    process that re-takes it the moment it lets go).
    """
    team = [int(p) for p in people.split(",")]
    _ready_then_go(gate=True)
    for n in range(int(count)):
        captured, saved = win(team[n % len(team)], f"{tag}-{n}"), None
        if n % 4 == 3:  # a batch of one now and then, as a month's plan appends its sessions
            with store.appending() as batch:
                saved = batch.add(captured) if batch is not None else None
        if saved is None:
            saved, _ = store.add(captured)
        _confirm("win", saved.id, saved.text)
        store.load()


def _acknowledge(store: Store, tag: str, win_ids: str) -> None:
    """One transaction per win: acknowledge it and write a note, then refresh, like the TUI."""
    _ready_then_go(gate=True)
    for n, win_id in enumerate(int(w) for w in win_ids.split(",")):
        text = f"{tag}-{n}"
        with store.transaction() as txn:
            old = txn.get(win_id)
            txn.put(dataclasses.replace(old, acknowledged_on=ACK_DAY, ack_note=text))
            added = txn.add(note(old.person_id, text))
        _confirm("ack", win_id, text)
        _confirm("note", added.id, text)
        store.load()
        # A lead acknowledges one win at a time. Without a pause this loop takes the lock
        # back the moment it lets go (the refresh after one's own write costs nothing),
        # and the capturing process would only get in after all 50.
        time.sleep(0.002)


def _write_forever(store: Store, tag: str, seed: str, people: str) -> None:
    """Captures and transactions mixed at random, until the parent kills us."""
    from supervisor_tui.store import store as store_module

    rng = random.Random(int(seed))
    team = [int(p) for p in people.split(",")]
    journalled = store_module.JOURNAL_AT_MOST
    _ready_then_go(gate=False)
    for n in range(1_000_000):
        text = f"{tag}-{n}"
        roll = rng.random()
        if roll < 0.6:
            saved, _ = store.add(win(rng.choice(team), text))
            _confirm("win", saved.id, text)
            continue
        if roll < 0.75:  # three added together, as a month's plan adds its sessions
            with store.appending() as batch:
                added = [batch.add(note(rng.choice(team), f"{text}.{i}")) for i in range(3)]
            for saved in added:
                _confirm("note", saved.id, saved.text)
            continue
        # Most changes are journalled; one in three of these writes the whole file.
        store_module.JOURNAL_AT_MOST = 0 if roll > 0.9 else journalled  # type: ignore[misc]
        with store.transaction() as txn:
            added = txn.add(note(rng.choice(team), text))
            fresh = [w for w in txn.records.wins if w.acknowledged_on is None]
            acked = rng.choice(fresh) if fresh else None
            if acked is not None:
                txn.put(dataclasses.replace(acked, acknowledged_on=ACK_DAY, ack_note=text))
        _confirm("note", added.id, text)
        if acked is not None:
            _confirm("ack", acked.id, text)


def _fold_forever(store: Store) -> None:
    """Fold the journal into the database again and again, like a capture filling it would
    have a background process do, until the parent kills us."""
    _ready_then_go(gate=False)
    while True:
        if store.fold():
            _confirm("folded", 0, "")


def _change(store: Store, record_id: str, text: str, how: str = "transaction") -> None:
    """Change one win in a transaction, like another terminal acknowledging it; ``how``
    is "transaction" (journalled, as one change is) or "whole-file"."""
    if how == "whole-file":
        _whole_file_writes()
    with store.transaction() as txn:
        old = txn.get(int(record_id))
        txn.put(dataclasses.replace(old, acknowledged_on=ACK_DAY, ack_note=text))
    _confirm("ack", record_id, text)


def _add_person(store: Store, handle: str) -> None:
    """Add a person the way a capture adds anything: through ``store.add``."""
    saved, _ = store.add(Person(0, handle.title(), handle, DAY))
    _confirm("person", saved.id, handle)


def _add_win(store: Store, person_id: str, text: str) -> None:
    """One capture, like `sup win @anna …`."""
    saved, _ = store.add(win(int(person_id), text))
    _confirm("win", saved.id, text)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _die_at(store: Store, where: str, person_id: str, text: str) -> None:
    """Write once and die by SIGKILL at exactly one moment of that write."""
    from supervisor_tui.store import journal

    real_write, real_replace = os.write, os.replace
    if where == "mid-append":
        # Half of the journal line reaches the file, the rest never does.
        def torn_write(fd: int, data: Any) -> int:
            real_write(fd, bytes(data[: len(data) // 2]))
            _die()
            return 0

        os.write = torn_write  # type: ignore[assignment]
        store.add(win(int(person_id), text))
    elif where == "mid-batch-append":
        real_append = journal.append

        def torn_append(path: Any, entry: Any) -> int:
            os.write = torn_write  # type: ignore[assignment]
            return real_append(path, entry)

        def torn_write(fd: int, data: Any) -> int:
            real_write(fd, bytes(data[: len(data) // 2]))
            _die()
            return 0

        journal.append = torn_append  # type: ignore[assignment]
        with store.appending() as batch:
            for i in range(3):
                batch.add(note(int(person_id), f"{text} {i}"))
    elif where == "mid-change-append":
        # A transaction's changes, appended to the journal as one line, torn half-way.
        real_append = journal.append

        def torn_change(path: Any, entry: Any) -> int:
            os.write = torn_write  # type: ignore[assignment]
            return real_append(path, entry)

        def torn_write(fd: int, data: Any) -> int:
            real_write(fd, bytes(data[: len(data) // 2]))
            _die()
            return 0

        journal.append = torn_change  # type: ignore[assignment]
        with store.transaction() as txn:
            txn.add(note(int(person_id), text))
            first = txn.records.wins[0]
            txn.put(dataclasses.replace(first, ack_note=text))
    elif where in ("before-replace", "during-backup"):
        _whole_file_writes()

        # The temporary file is complete; the rename that would publish it never happens.
        def fatal(name: str) -> bool:
            return name == store.path.name if where == "before-replace" else ".bak" in name

        def no_replace(src: Any, dst: Any) -> None:
            if fatal(Path(dst).name):
                _die()
            real_replace(src, dst)

        os.replace = no_replace  # type: ignore[assignment]
        with store.transaction() as txn:
            txn.add(note(int(person_id), text))
    elif where == "before-journal-restart":
        _whole_file_writes()
        # The database has been replaced; the journal still names the old one.
        journal.start = lambda *args, **kwargs: _die()  # type: ignore[assignment]
        with store.transaction() as txn:
            txn.add(note(int(person_id), text))
    else:
        raise SystemExit(f"unknown moment {where!r}")
    _confirm("survived")


def _whole_file_writes() -> None:
    """Make every transaction of this process write the whole file, not the journal."""
    from supervisor_tui.store import store as store_module

    store_module.JOURNAL_AT_MOST = 0  # type: ignore[misc]


def _under_file_size_limit(store: Store, limit: str, how: str, person_id: str, text: str) -> None:
    """Write once with the OS refusing to let any file grow past ``limit`` bytes (EFBIG):
    ``how`` is "add" (a capture), "transaction" (journalled) or "whole-file"."""
    import resource

    from supervisor_tui.store import WriteFailedError, backups

    # The same day as the test's own writes, so that no new daily backup is due.
    take_daily = backups.take_daily
    backups.take_daily = lambda path, _today: take_daily(path, DAY)  # type: ignore[assignment]
    # Without this the kernel kills us with SIGXFSZ instead of failing the write.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    if how == "whole-file":
        _whole_file_writes()
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(limit), int(limit)))
    try:
        if how == "add":
            store.add(win(int(person_id), text))
        else:
            with store.transaction() as txn:
                txn.add(note(int(person_id), text))
    except WriteFailedError as exc:
        print(str(exc), flush=True)
        raise SystemExit(3) from None
    _confirm("saved")


def _forget(store: Store, person_id: str) -> None:
    """`sup forget`, once the parent says go (so that it can kill us at a random moment)."""
    from supervisor_tui.actions.team import forget_person

    _ready_then_go(gate=True)
    _confirm("going")  # the parent times its kill from here
    done = forget_person(store, int(person_id))
    _confirm("forgot", person_id, done.message)


def _forget_dying(store: Store, where: str, person_id: str) -> None:
    """`sup forget`, killed by SIGKILL at exactly one step of the erasure."""
    from supervisor_tui.actions.team import forget_person
    from supervisor_tui.store import backups, erasure
    from supervisor_tui.store import store as store_module

    def after(module: Any, name: str, calls: int = 1) -> None:
        real, seen = getattr(module, name), []

        def then_die(*args: Any, **kwargs: Any) -> Any:
            result = real(*args, **kwargs)
            seen.append(1)
            if len(seen) == calls:
                _die()
            return result

        setattr(module, name, then_die)

    def before(module: Any, name: str) -> None:
        setattr(module, name, lambda *args, **kwargs: _die())

    real_replace = os.replace
    steps: dict[str, Callable[[], None]] = {
        "after-record": lambda: after(erasure, "begin"),
        "after-file": lambda: after(store_module, "atomic_write"),  # the file, not the journal
        "after-journal": lambda: after(store_module.journal, "start"),
        "mid-backups": lambda: after(backups, "atomic_write"),  # one backup of two scrubbed
        "before-drafts": lambda: before(erasure, "scrub_drafts"),
        "before-leftovers": lambda: before(erasure, "remove_leftovers"),
        "before-done": lambda: before(erasure, "done"),
    }
    if where == "before-file":

        def no_replace(src: Any, dst: Any) -> None:
            if Path(dst).name == store.path.name:
                _die()
            real_replace(src, dst)

        os.replace = no_replace  # type: ignore[assignment]
    elif where != "never":
        steps[where]()
    forget_person(store, int(person_id))
    _confirm("survived")


COMMANDS: dict[str, Callable[..., None]] = {
    "forget": _forget,
    "forget-dying": _forget_dying,
    "capture": _capture,
    "fold-forever": _fold_forever,
    "acknowledge": _acknowledge,
    "write-forever": _write_forever,
    "change": _change,
    "add-person": _add_person,
    "add-win": _add_win,
    "die-at": _die_at,
    "file-size-limit": _under_file_size_limit,
}


def run_one(argv: list[str]) -> None:
    """Run one worker command against the database named on the command line."""
    command, db, *args = argv
    COMMANDS[command](Store(db), *args)


if __name__ == "__main__":
    forkserver.main_for(run_one)(sys.argv[1:])


def on_disk(db: Path) -> tuple[bytes, bytes | None]:
    """The database file and its journal as they are on disk: a change saved to either
    (most are appended to the journal) changes this."""
    journal = db.with_name(db.name + ".journal")
    return db.read_bytes(), journal.read_bytes() if journal.exists() else None
