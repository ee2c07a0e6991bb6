"""The store's files on disk: full disks, damaged or foreign files, modes, backups, schema.

What a user would notice: a write that fails says why and changes nothing; a
file the store cannot read is refused by name, left exactly as it was, with the
way back from a backup; everything it creates is private to the user.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from storehelpers import (
    DAY,
    file_state,
    leftovers,
    note,
    raw_tables,
    raw_texts,
    run_worker,
    seed_history,
    texts,
    win,
)

from supervisor_tui.domain.entities import Person
from supervisor_tui.store import (
    NewerSchemaError,
    Store,
    UnreadableFileError,
    WriteFailedError,
    backups,
    files,
    journal,
)
from supervisor_tui.store import store as store_module
from supervisor_tui.store.schema import SCHEMA_VERSION


def _everything_on_disk(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def _with_todays_backup(db_path: Path) -> Store:
    """History plus a second write on ``DAY``, so its backup exists and later writes add none."""
    store = Store(db_path)
    team = seed_history(store, total=40).people
    with store.transaction() as txn:
        txn.add(note(team[0].id, "second write of the day"))
    store.add(win(team[0].id, "a capture in the journal"))
    return store


@pytest.fixture
def on_day(monkeypatch):
    """Lets a test say which day the store's daily backup believes it is."""
    today = {"day": DAY}
    real = backups.take_daily
    monkeypatch.setattr(backups, "take_daily", lambda path, _today: real(path, today["day"]))

    def set_day(day: dt.date) -> None:
        today["day"] = day

    return set_day


# -- full disk --------------------------------------------------------------------


def _assert_disk_full_reported(result: subprocess.CompletedProcess[str], path: Path) -> None:
    assert result.returncode == 3, result.stderr
    message = result.stdout
    assert str(path) in message
    assert "the disk is full" in message
    assert "Nothing was changed" in message or "Nothing was saved" in message


@pytest.mark.parametrize("how", ["transaction", "whole-file"])
def test_transaction_on_a_full_disk_says_so_and_changes_nothing(
    db_path, on_day, tmp_path_factory, monkeypatch, how
):
    # "transaction": a change of a few records, appended to the journal;
    # "whole-file": one that rewrites the database (as a person's change does).
    store = _with_todays_backup(db_path)
    person_id = store.people()[0].id
    text = "the note that does not fit " * 20
    # How big the file would grow: the same write on a copy of the database and journal.
    rehearsal = Store(tmp_path_factory.mktemp("rehearsal") / db_path.name)
    shutil.copy(store.path, rehearsal.path)
    shutil.copy(store.journal_path, rehearsal.journal_path)
    with monkeypatch.context() as patched:
        if how == "whole-file":
            patched.setattr(store_module, "JOURNAL_AT_MOST", 0)
        with rehearsal.transaction() as txn:
            txn.add(note(person_id, text))
    grown = rehearsal.path if how == "whole-file" else rehearsal.journal_path
    needed = grown.stat().st_size
    before = _everything_on_disk(db_path.parent)

    result = run_worker("file-size-limit", db_path, needed - 1, how, person_id, text)

    _assert_disk_full_reported(result, db_path if how == "whole-file" else store.journal_path)
    assert _everything_on_disk(db_path.parent) == before  # byte for byte, and no stray file
    assert leftovers(db_path.parent) == []
    with Store(db_path).transaction() as txn:  # with space again, the same write works
        txn.add(note(person_id, text))
    assert texts(Store(db_path).load().notes).count(text) == 1
    assert Store(db_path).fold()
    assert raw_texts(db_path, "notes").count(text) == 1


def test_capture_on_a_full_disk_says_so_and_leaves_the_journal_as_it_was(db_path, on_day):
    store = _with_todays_backup(db_path)
    person_id = store.people()[0].id
    journal_size = store.journal_path.stat().st_size
    probe, _ = store.add(win(person_id, "probe capture 1"))
    assert len(str(probe.id)) == len(str(probe.id + 1))  # the next line is as long
    line = store.journal_path.stat().st_size - journal_size
    before = _everything_on_disk(db_path.parent)
    limit = store.journal_path.stat().st_size + line - 1  # one byte short of the next line

    result = run_worker("file-size-limit", db_path, limit, "add", person_id, "probe capture 2")

    _assert_disk_full_reported(result, store.journal_path)
    assert _everything_on_disk(db_path.parent) == before
    assert "probe capture 2" not in texts(Store(db_path).load().wins)
    saved, _ = Store(db_path).add(win(person_id, "probe capture 2"))
    assert saved.id == probe.id + 1
    assert texts(Store(db_path).load().wins).count("probe capture 2") == 1


def _enospc(fd, data):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("how", ["add", "transaction"])
def test_write_failing_with_no_space_left_changes_nothing(db_path, on_day, monkeypatch, how):
    store = _with_todays_backup(db_path)
    person_id = store.people()[0].id
    before = _everything_on_disk(db_path.parent)

    with monkeypatch.context() as patched:
        patched.setattr(files.os, "write", _enospc)
        with pytest.raises(WriteFailedError) as failed:
            if how == "add":
                store.add(win(person_id, "lost to the full disk"))
            else:
                with store.transaction() as txn:
                    txn.add(note(person_id, "lost to the full disk"))

    message = str(failed.value)
    assert "the disk is full" in message and "Free some space" in message
    assert "Nothing was changed" in message or "Nothing was saved" in message
    assert _everything_on_disk(db_path.parent) == before
    records = Store(db_path).load()
    assert "lost to the full disk" not in texts(records.wins) + texts(records.notes)
    store.add(win(person_id, "after freeing space"))
    assert "after freeing space" in texts(Store(db_path).load().wins)


def test_full_disk_after_the_file_was_saved_does_not_report_the_change_as_lost(
    db_path, on_day, monkeypatch, whole_file_writes
):
    # The database is replaced first, the journal restarted second. If only the
    # second fails, the change is saved: saying "nothing was changed" would make
    # the user enter it again, twice over.
    store = _with_todays_backup(db_path)
    person_id = store.people()[0].id
    old_journal = store.journal_path.read_bytes()
    real_start = journal.start

    def start_on_a_full_disk(*args, **kwargs):
        with monkeypatch.context() as patched:
            patched.setattr(files.os, "write", _enospc)
            real_start(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(journal, "start", start_on_a_full_disk)
        with store.transaction() as txn:
            txn.add(note(person_id, "saved despite the journal"))

    assert store.journal_path.read_bytes() == old_journal  # it could not be restarted
    assert texts(Store(db_path).load().notes).count("saved despite the journal") == 1
    # The stale journal's capture is not counted twice, and capturing still works.
    saved, _ = Store(db_path).add(win(person_id, "capture afterwards"))
    records = Store(db_path).load()
    assert texts(records.wins).count("a capture in the journal") == 1
    assert saved in records.wins
    with Store(db_path).transaction():
        pass
    assert raw_texts(db_path, "wins").count("a capture in the journal") == 1
    assert raw_texts(db_path, "notes").count("saved despite the journal") == 1


# -- files the store cannot read --------------------------------------------------


def _damaged_record(raw: dict) -> dict:
    first_win = next(iter(raw["wins"]))
    raw["wins"][first_win]["happened_on"] = "last Tuesday"
    return raw


def _damaged_table(raw: dict) -> dict:
    raw["notes"] = ["not", "a", "table"]
    return raw


def _no_schema(raw: dict) -> dict:
    del raw["meta"]["1"]["schema"]
    return raw


UNREADABLE = {
    "garbage": lambda raw: b"\x00\x01PK\x03\x04 this is not JSON {",
    "truncated": lambda raw: _json(raw)[: len(_json(raw)) // 2],
    "foreign JSON": lambda raw: b'{"foo": 1}',
    "another app's TinyDB file": lambda raw: b'{"_default": {"1": {"item": "milk"}}}',
    "a JSON list": lambda raw: b"[1, 2, 3]",
    "a damaged record": lambda raw: _json(_damaged_record(raw)),
    "a damaged table": lambda raw: _json(_damaged_table(raw)),
    "no schema version": lambda raw: _json(_no_schema(raw)),
}


def _json(raw: dict) -> bytes:
    return json.dumps(raw).encode()


def _backdated(directory: Path) -> dict[str, tuple[bytes, int] | None]:
    """Set every file's mtime a minute back, so that any rewrite shows; return their state."""
    for path in directory.iterdir():
        old = path.stat().st_mtime_ns - 60 * 10**9
        os.utime(path, ns=(old, old))
    return {p.name: file_state(p) for p in directory.iterdir()}


def _every_way_in(store: Store, person_id: int) -> list[pytest.ExceptionInfo[Exception]]:
    """Read, write and capture; return what each one raised."""
    raised = []
    with pytest.raises(Exception) as reading:
        store.load()
    raised.append(reading)
    with pytest.raises(Exception) as writing, store.transaction() as txn:
        txn.add(note(person_id, "should not be written"))
    raised.append(writing)
    with pytest.raises(Exception) as capturing:
        store.add(win(person_id, "should not be written"))
    raised.append(capturing)
    return raised


@pytest.mark.parametrize("with_backups", [False, True], ids=["no backups", "backups"])
@pytest.mark.parametrize("damage", list(UNREADABLE))
def test_unreadable_file_is_refused_by_name_and_left_untouched(
    db_path, on_day, damage, with_backups
):
    store = Store(db_path)
    team = seed_history(store, total=30).people
    if with_backups:
        for n in range(3):
            on_day(DAY + dt.timedelta(days=n))
            with store.transaction() as txn:
                txn.add(note(team[0].id, f"day {n}"))
    on_day(DAY + dt.timedelta(days=10))
    db_path.write_bytes(UNREADABLE[damage](raw_tables(db_path)))
    before = _backdated(db_path.parent)

    for failure in _every_way_in(Store(db_path), team[0].id):
        assert failure.type is UnreadableFileError
        message = str(failure.value)
        assert str(db_path) in message
        assert "left untouched" in message
        if with_backups:
            newest = backups.list_backups(db_path)[0]
            assert f"cp '{newest}' '{db_path}'" in message
            assert all(b.name in message for b in backups.list_backups(db_path))
        else:
            assert "no backups" in message

    assert {p.name: file_state(p) for p in db_path.parent.iterdir()} == before


def test_restore_command_in_the_message_brings_the_data_back(db_path, on_day):
    store = Store(db_path)
    team = seed_history(store, total=30).people
    on_day(DAY + dt.timedelta(days=1))
    with store.transaction() as txn:
        txn.add(note(team[0].id, "before the damage"))
    good = Store(db_path).load()
    on_day(DAY + dt.timedelta(days=2))
    with store.transaction() as txn:
        txn.add(note(team[0].id, "written on the last good day"))
    store.add(win(team[0].id, "captured just before the damage"))
    db_path.write_bytes(b"\x00" * 100)

    with pytest.raises(UnreadableFileError) as refused:
        Store(db_path).load()
    command = str(refused.value).split("cp ", 1)[1].split(". ", 1)[0]
    source, target = (part.strip("'") for part in command.split("' '"))
    shutil.copy(source, target)  # what the user is told to do

    restored = Store(db_path).load()
    assert set(good.notes) <= set(restored.notes)
    # The journal's captures are not lost with the file: they come back on top.
    assert "captured just before the damage" in texts(restored.wins)


@pytest.mark.parametrize(
    "damage",
    [
        b'{"table": "wins", "id": \n',  # cut short
        b'{"batch": []}\n',  # a batch of nothing
        b'{"batch": [{"table": "wins", "id": 1, "doc": {}}]}\n',  # an id already taken
        b'{"table": "wins", "id": 1, "doc": "thanks", "put": true}\n',  # a change, no record
        b'{"table": "wins", "id": 1, "doc": {}, "put": true}\n',  # a change to a damaged win
        b'{"table": "wins", "id": 0, "doc": null, "put": true}\n',  # no record has id 0
        b'{"table": "nonsense", "id": 1, "doc": null, "put": true}\n',  # no such kind
        b'{"table": "wins", "id": 1, "doc": null, "put": "yes"}\n',  # neither added nor changed
    ],
)
def test_damaged_journal_is_refused_by_name_and_left_untouched(db_path, damage):
    store = _with_todays_backup(db_path)
    person_id = store.people()[0].id
    store.add(win(person_id, "a confirmed capture"))
    lines = store.journal_path.read_bytes().splitlines(keepends=True)
    lines.insert(1, damage)  # a damaged line that is not the last
    store.journal_path.write_bytes(b"".join(lines))
    before = _backdated(db_path.parent)

    for failure in _every_way_in(Store(db_path), person_id):
        assert failure.type is UnreadableFileError
        message = str(failure.value)
        assert str(store.journal_path) in message
        assert "left untouched" in message and "move it aside: mv " in message

    assert {p.name: file_state(p) for p in db_path.parent.iterdir()} == before


def test_file_from_a_newer_version_is_refused_and_left_untouched(db_path):
    store = Store(db_path)
    team = seed_history(store, total=30).people
    raw = raw_tables(db_path)
    raw["meta"]["1"]["schema"] = 99
    db_path.write_bytes(_json(raw))
    before = _backdated(db_path.parent)

    for failure in _every_way_in(Store(db_path), team[0].id):
        assert failure.type is NewerSchemaError
        message = str(failure.value)
        assert str(db_path) in message and "schema 99" in message
        assert "Upgrade supervisor-tui" in message

    assert {p.name: file_state(p) for p in db_path.parent.iterdir()} == before


def test_file_records_its_schema_version_and_moments_with_their_offset(db_path):
    store = Store(db_path)
    seed_history(store, total=10)
    store.add(win(1, "a capture"))
    assert store.fold()

    raw = raw_tables(db_path)
    assert raw["meta"]["1"]["app"] == "supervisor-tui"
    assert raw["meta"]["1"]["schema"] == SCHEMA_VERSION
    capture = next(doc for doc in raw["wins"].values() if doc["text"] == "a capture")
    assert capture["created"] == "2026-03-02T09:30:00+02:00"
    assert capture["happened_on"] == "2026-03-02"


# -- modes and backups ------------------------------------------------------------


@pytest.fixture(params=[0o000, 0o077], ids=["umask 000", "umask 077"])
def umask(request):
    """Run the test under a permissive or a strict umask, and restore the real one."""
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_and_everything_beside_it_is_private(tmp_path, on_day, umask):
    tmp_path.chmod(0o755)
    db = tmp_path / "data" / "supervisor-tui" / "supervisor.json"
    store = Store(db)
    team = seed_history(store, total=10).people
    on_day(DAY + dt.timedelta(days=1))
    store.add(win(team[0].id, "a capture"))
    with store.transaction() as txn:
        txn.add(note(team[0].id, "a write that takes a backup"))

    assert _mode(tmp_path) == 0o755  # not ours: left alone
    assert _mode(tmp_path / "data") == 0o700
    assert _mode(db.parent) == 0o700
    ours = sorted(p.name for p in db.parent.iterdir())
    assert ours == sorted(
        [
            db.name,
            db.name + ".journal",
            db.name + ".lock",
            db.name + ".open",  # what the day view needs: personal data too
            "supervisor.2026-03-03.bak.json",
        ]
    )
    assert {name: _mode(db.parent / name) for name in ours} == dict.fromkeys(ours, 0o600)


def test_backups_keep_the_seven_newest_days_each_a_whole_earlier_state(db_path, on_day, umask):
    store = Store(db_path)
    with store.transaction() as txn:
        person = txn.add(Person(0, "Anna Virtanen", "anna", DAY))
    states = [db_path.read_bytes()]
    days = [DAY + dt.timedelta(days=n) for n in range(10)]
    for n, day in enumerate(days):
        on_day(day)
        store.add(win(person.id, f"capture on day {n}"))
        for _ in range(2):  # the second write of the day must not replace its backup
            with store.transaction() as txn:
                txn.put(dataclasses.replace(person, role=f"agent, day {n}"))
            states.append(db_path.read_bytes())

    kept = backups.list_backups(db_path)
    assert [p.name for p in kept] == [f"supervisor.{d}.bak.json" for d in reversed(days[3:])]
    for n in range(3, 10):
        backup = backups.backup_path(db_path, days[n])
        assert _mode(backup) == 0o600
        assert backup.read_bytes() == states[2 * n]  # the file before that day's first write
        earlier = Store(backup).load()
        assert [w.text for w in earlier.wins] == [f"capture on day {k}" for k in range(n)]


def test_a_damaged_record_in_the_journal_is_blamed_on_the_journal_not_the_database(db_path):
    store = _with_todays_backup(db_path)
    person_id = store.people()[0].id
    store.add(win(person_id, "a confirmed capture"))
    lines = store.journal_path.read_bytes().splitlines(keepends=True)
    # Valid JSON, but not a record: no text, and a table nobody knows.
    lines.insert(1, b'{"table": "wins", "id": 999, "doc": {"person_id": 1}}\n')
    lines.insert(2, b'{"table": "nonsense", "id": 1000, "doc": {}}\n')
    store.journal_path.write_bytes(b"".join(lines))
    before = _backdated(db_path.parent)

    for attempt in (Store(db_path).load, lambda: Store(db_path).transaction().__enter__()):
        with pytest.raises(UnreadableFileError) as failure:
            attempt()
        message = str(failure.value)
        assert f"{store.journal_path} (the capture journal" in message
        assert "damaged entry" in message and "mv " in message
        assert "has a damaged record" not in message  # the database itself is fine

    assert {p.name: file_state(p) for p in db_path.parent.iterdir()} == before


def test_a_damaged_coaching_form_is_refused_by_name_and_left_untouched(db_path):
    store = Store(db_path)
    seed_history(store, total=10)
    raw = raw_tables(db_path)
    raw["forms"]["999"] = {"name": "Coaching 1:1", "version": 2}  # no agenda
    db_path.write_bytes(_json(raw))
    before = db_path.read_bytes()
    with pytest.raises(UnreadableFileError) as failure:
        Store(db_path).load()
    assert "damaged coaching form (forms #999)" in str(failure.value)
    assert db_path.read_bytes() == before
