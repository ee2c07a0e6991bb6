"""The store shared by real OS processes: concurrent writers, kills mid-write, undo.

Every worker is a separate Python process (see ``storehelpers.py``) using the
same file in ``tmp_path``, the way the TUI and `sup` one-liners share it.
"""

from __future__ import annotations

import dataclasses
import json
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from storehelpers import (
    ACK_DAY,
    DAY,
    all_ids,
    confirmations,
    everything,
    finish,
    leftovers,
    note,
    raw_tables,
    raw_texts,
    read_confirmations,
    run_worker,
    seed_history,
    started,
    texts,
    wait_ready,
    win,
)

from supervisor_tui.domain.entities import Person, Record, Win
from supervisor_tui.store import ConflictError, Store, UnreadableFileError

pytestmark = pytest.mark.waits  # on the processes it starts, gates and kills


def _go(*procs) -> None:
    """Release gated workers together, so that their writes really interleave."""
    for proc in procs:
        wait_ready(proc)
    for proc in procs:
        proc.stdin.write(b"go\n")


def _confirmed_writes(proc) -> list[list[str]]:
    out, err = finish(proc)
    assert proc.returncode == 0, err
    return confirmations(out)


def _fold(path: Path) -> None:
    """Fold the journal (captures and journalled changes) into the file itself."""
    Store(path).fold()


def _took_turns(ids: list[str], other_ids: list[str]) -> bool:
    """Whether two processes' writes interleaved rather than ran one after the other."""
    mine, theirs = [int(i) for i in ids], [int(i) for i in other_ids]
    return min(mine) < max(theirs) and min(theirs) < max(mine)


def _journal_lines(path: Path) -> list[bytes]:
    return Store(path).journal_path.read_bytes().splitlines()


# -- concurrency ------------------------------------------------------------------


def test_two_processes_capturing_at_once_lose_nothing(db_path):
    before = seed_history(Store(db_path))
    team = ",".join(str(p.id) for p in before.people)

    with (
        started("capture", db_path, "left", 200, team) as left,
        started("capture", db_path, "right", 200, team) as right,
    ):
        _go(left, right)
        confirmed = _confirmed_writes(left) + _confirmed_writes(right)

    expected = {f"{tag}-{n}" for tag in ("left", "right") for n in range(200)}
    assert _took_turns(
        [i for _, i, t in confirmed if t.startswith("left")],
        [i for _, i, t in confirmed if t.startswith("right")],
    )
    after = Store(db_path).load()
    new_wins = [w for w in after.wins if w.text in expected]
    assert Counter(texts(new_wins)) == Counter(expected)
    # The id each process was told is the id the record carries.
    assert {(w.id, w.text) for w in new_wins} == {(int(i), t) for _, i, t in confirmed}
    assert everything(after) - everything(before) == set(new_wins)
    ids = all_ids(after)
    assert len(ids) == len(set(ids))

    _fold(db_path)
    assert everything(Store(db_path).load()) == everything(after)  # folding changes nothing
    stored = Counter(raw_texts(db_path, "wins"))
    assert all(stored[text] == 1 for text in expected)
    assert sum(stored.values()) == len(before.wins) + 400
    assert _journal_lines(db_path)[1:] == []  # everything is in the file now


def test_captures_and_transactions_at_once_lose_no_update_either_way(db_path):
    before = seed_history(Store(db_path))
    team = ",".join(str(p.id) for p in before.people)
    to_ack = [w.id for w in before.wins if w.acknowledged_on is None][:50]
    assert len(to_ack) == 50

    with (
        started("capture", db_path, "cap", 200, team) as capturer,
        started("acknowledge", db_path, "ack", ",".join(map(str, to_ack))) as acker,
    ):
        _go(capturer, acker)
        captured = _confirmed_writes(capturer)
        acked = _confirmed_writes(acker)

    assert _took_turns([i for _, i, _ in captured], [i for what, i, _ in acked if what == "note"])
    _fold(db_path)
    after = Store(db_path).load()
    wins = {w.id: w for w in after.wins}
    # Every capture survived the other process's whole-file writes, once ...
    expected = Counter(f"cap-{n}" for n in range(200))
    assert Counter(t for t in texts(after.wins) if t.startswith("cap-")) == expected
    assert Counter(t for t in raw_texts(db_path, "wins") if t.startswith("cap-")) == expected
    assert {(w.id, w.text) for w in after.wins if w.text.startswith("cap-")} == {
        (int(i), t) for _, i, t in captured
    }
    # ... and every acknowledgement and note survived the captures.
    for what, record_id, text in acked:
        if what == "ack":
            assert wins[int(record_id)].acknowledged_on == ACK_DAY
            assert wins[int(record_id)].ack_note == text
    assert sorted(n.text for n in after.notes if n.text.startswith("ack-")) == sorted(
        f"ack-{n}" for n in range(50)
    )
    # Nothing else in the history changed.
    untouched = {r for r in everything(before) if r.id not in set(to_ack)}
    assert untouched <= everything(after)
    assert len(after.wins) == len(before.wins) + 200
    assert len(after.notes) == len(before.notes) + 50
    ids = all_ids(after)
    assert len(ids) == len(set(ids))


def test_long_running_process_sees_another_processes_writes(db_path):
    store = Store(db_path)  # the TUI: one store, kept open all day
    team = seed_history(store, total=20).people
    first = store.load()
    stamp = store.stamp()

    captured = run_worker("add-win", db_path, team[0].id, "from the shell")
    assert captured.returncode == 0, captured.stderr
    assert store.stamp() != stamp
    assert "from the shell" in texts(store.load().wins)

    stamp = store.stamp()
    changed = run_worker("change", db_path, first.wins[0].id, "thanked from another terminal")
    assert changed.returncode == 0, changed.stderr
    assert store.stamp() != stamp
    thanked = {w.id: w for w in store.load().wins}[first.wins[0].id]
    assert thanked.ack_note == "thanked from another terminal"


def test_person_added_in_one_process_can_be_captured_for_in_another(db_path):
    seed_history(Store(db_path), total=20)
    Store(db_path).add(win(1, "a capture, so the journal is in use"))

    added = run_worker("add-person", db_path, "anna")
    assert added.returncode == 0, added.stderr
    _, anna_id, _ = confirmations(added.stdout)[0]

    captured = run_worker("add-win", db_path, anna_id, "first call solo")
    assert captured.returncode == 0, captured.stderr
    assert "anna" in {p.handle for p in Store(db_path).people()}
    assert [w.person_id for w in Store(db_path).load().wins if w.text == "first call solo"] == [
        int(anna_id)
    ]


# -- crashes ----------------------------------------------------------------------

ROUNDS = 50
MAX_WRITES_BEFORE_KILL = 3
MAX_KILL_DELAY = 0.03


def _check_confirmed(path: Path, confirmed: list[list[str]]) -> None:
    """Everything a killed worker confirmed is in the file, exactly as confirmed."""
    json.loads(path.read_bytes())  # the main file is whole, valid JSON
    records = Store(path).load()
    wins = {w.id: w for w in records.wins}
    notes = {n.id: n for n in records.notes}
    for what, record_id, text in confirmed:
        if what == "win":
            assert wins[int(record_id)].text == text
        elif what == "note":
            assert notes[int(record_id)].text == text
        else:
            assert wins[int(record_id)].ack_note == text
    ids = all_ids(records)
    assert len(ids) == len(set(ids))


def _acknowledged(old: Record, new: Record) -> bool:
    return (
        isinstance(old, Win)
        and old.acknowledged_on is None
        and dataclasses.replace(new, acknowledged_on=None, ack_note="") == old
    )


def test_writer_killed_at_random_moments_never_loses_a_confirmed_write(db_path):
    history = seed_history(Store(db_path), total=60)
    team = ",".join(str(p.id) for p in history.people)
    rng = random.Random(20260302)
    confirmed: list[list[str]] = []
    seen = {r.id: r for r in everything(history)}

    for round_ in range(ROUNDS):
        with started("write-forever", db_path, f"r{round_}", round_, team) as proc:
            wait_ready(proc)
            # When to pull the plug is random on purpose, so that over the rounds the kill
            # lands at every step of a capture or a transaction, not at one the test chose:
            # after 0-3 confirmed writes (however slowly a busy machine runs the worker, so
            # the kills fall among writes), then 0-30 ms into whatever it is doing.
            early = read_confirmations(proc, rng.randint(0, MAX_WRITES_BEFORE_KILL))
            time.sleep(rng.uniform(0, MAX_KILL_DELAY))
            proc.kill()
            out, _ = finish(proc)
        confirmed += confirmations(early + out)
        _check_confirmed(db_path, confirmed)
        now = {r.id: r for r in everything(Store(db_path).load())}
        # No record disappears or changes, except that a win may gain its thanks.
        for old in seen.values():
            assert now[old.id] == old or _acknowledged(old, now[old.id])
        seen = now

    assert len(confirmed) > ROUNDS  # the workers did write between the kills

    # Whatever the last kill left (a torn journal line, a stale journal, a
    # temporary file), the next capture and the next transaction just work.
    saved, _ = Store(db_path).add(win(history.people[0].id, "after the crashes"))
    with Store(db_path).transaction() as txn:
        txn.add(note(history.people[0].id, "after the crashes"))
    assert leftovers(db_path.parent) == []
    _check_confirmed(db_path, confirmed)
    assert saved in Store(db_path).load().wins
    _fold(db_path)
    assert Counter(raw_texts(db_path, "wins"))["after the crashes"] == 1


def test_capture_killed_mid_append_is_dropped_and_the_next_capture_works(db_path):
    team = seed_history(Store(db_path), total=20).people
    kept, _ = Store(db_path).add(win(team[0].id, "confirmed before the crash"))
    journal = Store(db_path).journal_path

    died = run_worker("die-at", db_path, "mid-append", team[0].id, "never confirmed")
    assert died.returncode == -9 and "survived" not in died.stdout
    assert not journal.read_bytes().endswith(b"\n")  # the kill tore the last line

    records = Store(db_path).load()
    assert kept in records.wins
    assert "never confirmed" not in texts(records.wins)

    after, _ = Store(db_path).add(win(team[1].id, "next capture"))
    assert journal.read_bytes().endswith(b"\n")
    assert [json.loads(line) for line in _journal_lines(db_path)]  # every line whole again
    assert {kept, after} <= set(Store(db_path).load().wins)
    _fold(db_path)
    stored = raw_texts(db_path, "wins")
    assert stored.count("confirmed before the crash") == 1
    assert stored.count("next capture") == 1
    assert "never confirmed" not in stored


def test_a_batch_killed_mid_append_adds_none_of_its_records_and_the_next_capture_works(db_path):
    # A month's plan is one journal line: torn by a kill, none of it was confirmed.
    team = seed_history(Store(db_path), total=20).people
    kept, _ = Store(db_path).add(win(team[0].id, "confirmed before the crash"))
    journal = Store(db_path).journal_path

    died = run_worker("die-at", db_path, "mid-batch-append", team[0].id, "planned together")
    assert died.returncode == -9 and "survived" not in died.stdout
    assert not journal.read_bytes().endswith(b"\n")  # the kill tore the batch's line

    records = Store(db_path).load()
    assert kept in records.wins
    assert not [n for n in records.notes if n.text.startswith("planned together")]
    after, _ = Store(db_path).add(win(team[1].id, "next capture"))
    assert [json.loads(line) for line in _journal_lines(db_path)]  # every line whole again
    assert {kept, after} <= set(Store(db_path).load().wins)


def test_kill_before_the_rename_leaves_the_file_as_it_was_and_the_next_write_cleans_up(db_path):
    team = seed_history(Store(db_path), total=20).people
    original = db_path.read_bytes()

    died = run_worker("die-at", db_path, "before-replace", team[0].id, "never saved")
    assert died.returncode == -9
    assert leftovers(db_path.parent)  # the kill left its temporary file behind
    assert db_path.read_bytes() == original
    assert "never saved" not in texts(Store(db_path).load().notes)

    with Store(db_path).transaction() as txn:
        txn.add(note(team[0].id, "next write"))
    assert leftovers(db_path.parent) == []
    assert "next write" in texts(Store(db_path).load().notes)


def test_kill_between_file_and_journal_replacement_keeps_each_record_once(db_path):
    team = seed_history(Store(db_path), total=20).people
    captured = [Store(db_path).add(win(team[0].id, f"capture {n}"))[0] for n in range(3)]

    died = run_worker("die-at", db_path, "before-journal-restart", team[0].id, "the note")
    assert died.returncode == -9

    # The new file holds the folded captures and the note; the journal still
    # lists the captures. Nothing may show up twice.
    records = Store(db_path).load()
    assert [texts(records.wins).count(f"capture {n}") for n in range(3)] == [1, 1, 1]
    assert texts(records.notes).count("the note") == 1
    assert set(captured) <= set(records.wins)

    later, _ = Store(db_path).add(win(team[1].id, "capture after"))
    records = Store(db_path).load()
    ids = all_ids(records)
    assert len(ids) == len(set(ids))
    assert later in records.wins
    _fold(db_path)
    stored = raw_texts(db_path, "wins")
    assert [stored.count(f"capture {n}") for n in range(3)] == [1, 1, 1]
    assert stored.count("capture after") == 1


def test_kill_while_taking_the_daily_backup_leaves_no_stray_copy(db_path):
    # A brand-new file: the worker's write is the first of the day, so it takes a backup.
    with Store(db_path).transaction() as txn:
        person = txn.add(Person(0, "Anna Virtanen", "anna", DAY))

    died = run_worker("die-at", db_path, "during-backup", person.id, "never saved")
    assert died.returncode == -9
    assert leftovers(db_path.parent)  # half a backup, private data, lying around

    with Store(db_path).transaction() as txn:
        txn.add(note(person.id, "next write"))
    assert leftovers(db_path.parent) == []
    assert len(list(db_path.parent.glob("*.bak.json"))) == 1


# -- undo across processes --------------------------------------------------------


@pytest.mark.parametrize("how", ["capture", "transaction"])
def test_undo_refuses_when_another_process_changed_the_same_record(db_path, how):
    team = seed_history(Store(db_path), total=20).people
    store = Store(db_path)
    if how == "capture":
        saved, change = store.add(win(team[0].id, "hit the target"))
    else:
        with store.transaction() as txn:
            saved = txn.add(win(team[0].id, "hit the target"))
        change = txn.change

    other = run_worker("change", db_path, saved.id, "said thanks in the team meeting")
    assert other.returncode == 0, other.stderr
    before = (db_path.read_bytes(), store.journal_path.read_bytes())

    with pytest.raises(ConflictError, match="Nothing was undone"):
        store.undo(change)

    assert (db_path.read_bytes(), store.journal_path.read_bytes()) == before
    kept = {w.id: w for w in Store(db_path).load().wins}[saved.id]
    assert kept.ack_note == "said thanks in the team meeting"


def test_undo_reverts_its_own_change_and_keeps_another_processes_change(db_path):
    history = seed_history(Store(db_path), total=20)
    store = Store(db_path)
    mine, change = store.add(win(history.people[0].id, "mine, to undo"))
    theirs = history.wins[0]

    other = run_worker("change", db_path, theirs.id, "theirs, to keep")
    assert other.returncode == 0, other.stderr
    store.undo(change)

    records = Store(db_path).load()
    assert mine.id not in {w.id for w in records.wins}
    assert {w.id: w for w in records.wins}[theirs.id].ack_note == "theirs, to keep"
    _fold(db_path)
    assert raw_tables(db_path)["wins"][str(theirs.id)]["ack_note"] == "theirs, to keep"


# -- a capture never rewrites the database -------------------------------------------


def test_captures_while_another_process_folds_the_journal_lose_nothing(db_path):
    before = seed_history(Store(db_path))
    team = ",".join(str(p.id) for p in before.people)

    with (
        started("capture", db_path, "busy", 300, team) as capturing,
        started("fold-forever", db_path) as folding,
    ):
        wait_ready(folding)
        _go(capturing)
        confirmed = _confirmed_writes(capturing)
        folding.kill()
        folds = [c for c in confirmations(finish(folding)[0]) if c[0] == "folded"]

    assert folds, "the fold never ran while captures went on: this test proved nothing"
    after = Store(db_path).load()
    expected = {f"busy-{n}" for n in range(300)}
    new_wins = [w for w in after.wins if w.text in expected]
    assert Counter(texts(new_wins)) == Counter(expected)
    assert {(w.id, w.text) for w in new_wins} == {(int(i), t) for _, i, t in confirmed}
    ids = all_ids(after)
    assert len(ids) == len(set(ids))
    in_file = Counter(raw_texts(db_path, "wins"))
    assert any(in_file[text] for text in expected), "some captures were folded into the file"
    assert all(in_file[text] <= 1 for text in expected)


def test_a_fold_killed_at_random_moments_loses_no_capture(db_path):
    history = seed_history(Store(db_path), total=60)
    team = ",".join(str(p.id) for p in history.people)
    rng = random.Random(20261129)
    confirmed: list[list[str]] = []

    for round_ in range(ROUNDS // 5):
        with (
            started("capture", db_path, f"r{round_}", 20, team) as capturing,
            started("fold-forever", db_path) as folding,
        ):
            wait_ready(folding)
            _go(capturing)
            # Random on purpose, as in the writer's test above: over the rounds the kill
            # lands at every step of a fold, not at one the test chose.
            time.sleep(rng.uniform(0, MAX_KILL_DELAY * 4))
            folding.kill()
            finish(folding)
            confirmed += _confirmed_writes(capturing)
        _check_confirmed(db_path, confirmed)

    assert len(confirmed) == 20 * (ROUNDS // 5)
    with Store(db_path).transaction() as txn:  # the next write cleans what a kill left
        txn.add(note(history.people[0].id, "after the kills"))
    assert leftovers(db_path.parent) == []
    _check_confirmed(db_path, confirmed)


def _unchanged(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize("journal", ["missing", "missing, no open view", "outdated", "damaged"])
def test_a_capture_beside_a_missing_or_outdated_journal_does_not_rewrite_the_database(
    db_path, journal
):
    store = Store(db_path)
    team = seed_history(store, total=40).people
    store.add(win(team[0].id, "captured before"))
    old_journal = store.journal_path.read_bytes()
    _fold(db_path)  # the database now holds "captured before"; the journal starts afresh
    if journal.startswith("missing"):
        store.journal_path.unlink()
        if journal.endswith("no open view"):
            store.open_path.unlink()
    elif journal == "outdated":
        # As a crash between replacing the database and restarting the journal leaves it.
        store.journal_path.write_bytes(old_journal)
    else:
        store.journal_path.write_bytes(old_journal[:-20] + b"\n{not json\n")
    database = _unchanged(db_path)

    if journal == "damaged":
        with pytest.raises(UnreadableFileError, match="move it aside: mv "):
            Store(db_path).add(win(team[1].id, "captured after"))
        assert Store(db_path).journal_path.read_bytes().endswith(b"{not json\n")
        return
    saved, _ = Store(db_path).add(win(team[1].id, "captured after"))

    assert _unchanged(db_path) == database
    wins = Store(db_path).load().wins
    assert Counter(texts(wins))["captured before"] == 1
    assert saved in wins
    ids = all_ids(Store(db_path).load())
    assert len(ids) == len(set(ids))


def test_a_capture_that_fills_the_journal_leaves_the_fold_to_a_process_of_its_own(
    db_path, monkeypatch
):
    from supervisor_tui.store import store as store_module

    started_folds: list[Path] = []
    monkeypatch.setattr(store_module, "FOLD_AT_BYTES", 1)
    monkeypatch.setattr(store_module, "fold_in_background", started_folds.append)
    store = Store(db_path)
    team = seed_history(store, total=40).people
    _fold(db_path)
    database = _unchanged(db_path)

    saved, _ = store.add(win(team[0].id, "the capture that fills it"))

    assert _unchanged(db_path) == database  # the capture itself only appended
    assert started_folds == [db_path]
    folded = subprocess.run(
        [sys.executable, "-m", "supervisor_tui.store.fold", str(db_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (folded.returncode, folded.stderr) == (0, "")
    assert raw_texts(db_path, "wins").count("the capture that fills it") == 1
    assert _journal_lines(db_path)[1:] == []
    assert saved in Store(db_path).load().wins


@pytest.mark.parametrize("how", ["transaction", "whole-file"])
def test_a_long_running_process_takes_in_only_the_new_captures_and_sees_them_all(db_path, how):
    history = seed_history(Store(db_path), total=60)
    anna = history.people[0].id
    tui = Store(db_path)
    tui.load()  # everything, as the TUI holds it
    for n in range(5):
        assert run_worker("add-win", db_path, anna, f"from the shell {n}").returncode == 0
        assert tui.load() == Store(db_path).load()  # the same as reading the file afresh
    assert [w.text for w in tui.load().wins[-5:]] == [f"from the shell {n}" for n in range(5)]
    thanked = tui.load().wins[0].id
    assert run_worker("change", db_path, thanked, "thanked elsewhere", how).returncode == 0
    assert tui.load() == Store(db_path).load()  # a journalled change, or the file read afresh
    assert next(w for w in tui.load().wins if w.id == thanked).ack_note == "thanked elsewhere"


def test_reading_another_processes_whole_file_write_leaves_this_stores_writes_free(
    db_path, monkeypatch
):
    """The TUI reads the file another process rewrote (a second, at 100k records)
    without holding its own store: a save of its own can run meanwhile. What it read
    is then kept, so its next save does not parse the file again."""
    history = seed_history(Store(db_path), total=60)
    tui = Store(db_path)
    tui.load()
    thanked = history.wins[0].id
    changed = run_worker("change", db_path, thanked, "thanked elsewhere", "whole-file")
    assert changed.returncode == 0

    parsed_by = []
    parse = Store._parse

    def parsing(store, raw):
        # The TUI's own store is free while the file is parsed: another thread can
        # take it (its write thread, saving).
        free = []

        def try_to_take() -> None:
            if tui._mutex.acquire(blocking=False):
                tui._mutex.release()
                free.append(True)

        other = threading.Thread(target=try_to_take)
        other.start()
        other.join()
        parsed_by.append((store is tui, bool(free)))
        return parse(store, raw)

    monkeypatch.setattr(Store, "_parse", parsing)
    read = tui.load()
    assert next(w for w in read.wins if w.id == thanked).ack_note == "thanked elsewhere"
    assert parsed_by == [(False, True)]  # parsed once, aside, with the TUI's store free

    with tui.transaction() as txn:
        txn.add(win(history.people[0].id, "saved in the TUI"))
    assert len(parsed_by) == 1  # the save started from what was read
    assert tui.load() == Store(db_path).load()


# -- the lock ------------------------------------------------------------------------

_HOLD_THE_LOCK = """
import sys
from pathlib import Path
from supervisor_tui.store.lock import locked
with locked(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_writer_waits_for_the_lock_until_let_go_and_gives_up_after_its_wait(db_path):
    from supervisor_tui.store import BusyError
    from supervisor_tui.store.lock import locked

    lock = Store(db_path).lock_path
    lock.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_THE_LOCK, str(lock)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline() == "held\n"

    # One that gives up: it says who to blame, and its waiting leaves no lock behind.
    with pytest.raises(BusyError, match=f"has kept {lock} locked for 0 seconds"), locked(lock, 0.2):
        pass
    # One that waits: it has the lock the moment the other process lets go.
    got = threading.Event()

    def wait_for_it() -> None:
        with locked(lock, 30):
            got.set()

    waiter = threading.Thread(target=wait_for_it)
    waiter.start()
    assert not got.wait(0.3)  # still held by the other process
    holder.stdin.write("go\n")
    holder.stdin.flush()
    assert holder.wait(30) == 0
    waiter.join(30)
    assert got.is_set()
    with locked(lock, 5):  # the one that gave up holds nothing
        pass
