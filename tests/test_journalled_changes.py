"""A transaction that changes a few records appends them to the journal instead of
rewriting the whole file: what every reader sees must be exactly what the same
changes written to the whole file would have shown, down to the order of the
records, and the file itself must hold exactly that once the journal is folded in.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from clihelpers import ok
from storehelpers import (
    ACK_DAY,
    everything,
    note,
    raw_tables,
    raw_texts,
    run_worker,
    seed_history,
    texts,
    win,
)

from supervisor_tui.domain.entities import Form
from supervisor_tui.store import Store, journal
from supervisor_tui.store import store as store_module
from supervisor_tui.store.change import Change

Step = Callable[[Store], Change | None]


def _acknowledge(store: Store) -> Change:
    with store.transaction() as txn:
        first = next(w for w in txn.records.wins if w.acknowledged_on is None)
        txn.put(dataclasses.replace(first, acknowledged_on=ACK_DAY, ack_note="thanks"))
    return txn.change


def _acknowledge_with_a_note(store: Store) -> Change:
    with store.transaction() as txn:
        first = next(w for w in txn.records.wins if w.acknowledged_on is None)
        txn.put(dataclasses.replace(first, acknowledged_on=ACK_DAY, ack_note="said so"))
        txn.add(note(first.person_id, "thanked in person"))
    return txn.change


def _delete_a_note(store: Store) -> Change:
    with store.transaction() as txn:
        txn.delete(txn.records.notes[3])
    return txn.change


def _change_a_win_again(store: Store) -> Change:
    with store.transaction() as txn:
        thanked = next(w for w in txn.records.wins if w.ack_note == "thanks")
        txn.put(dataclasses.replace(thanked, ack_note="thanks, said again"))
    return txn.change


def _move_a_session(store: Store) -> Change:
    with store.transaction() as txn:
        first, last = txn.records.sessions[0], txn.records.sessions[-1]
        txn.put(dataclasses.replace(first, held_on=last.held_on, notes=(("Wellbeing", "moved"),)))
    return txn.change


def _capture(store: Store) -> Change:
    people = store.people()
    return store.add(win(people[1].id, "captured between changes"))[1]


def _add_and_remove(store: Store) -> Change:
    with store.transaction() as txn:
        added = txn.add(note(txn.records.people[0].id, "written, then thought better of"))
        txn.delete(added)
        txn.add(note(txn.records.people[0].id, "kept"))
    return txn.change


STEPS: list[Step | str] = [
    _acknowledge,
    _acknowledge_with_a_note,
    _capture,
    _delete_a_note,
    _change_a_win_again,
    _move_a_session,
    "undo",  # the session moved back
    _add_and_remove,
]


def _copy(source: Path, target: Path) -> None:
    for name in (source.name, source.name + ".journal", source.name + ".open"):
        if (source.parent / name).exists():
            shutil.copy2(source.parent / name, target.parent / name)


def _tables(path: Path) -> dict[str, list[tuple[str, dict]]]:
    """The file's tables as ordered lists, without the meta (it names journals)."""
    return {t: list(docs.items()) for t, docs in raw_tables(path).items() if t != "meta"}


def test_changes_in_the_journal_read_and_fold_exactly_as_whole_file_writes(tmp_path, monkeypatch):
    journalled = tmp_path / "journalled" / "supervisor.json"
    whole = tmp_path / "whole" / "supervisor.json"
    journalled.parent.mkdir()
    whole.parent.mkdir()
    seed_history(Store(journalled), total=60)
    Store(journalled).add(win(1, "a capture before the changes"))
    _copy(journalled, whole)
    file_before = journalled.read_bytes()
    # Long-lived stores, as the TUI keeps one: one that writes, one that only reads.
    writer, reader = Store(journalled), Store(journalled)
    reader.load()
    changes = []

    for step in STEPS:
        if step == "undo":
            writer.undo(changes[-1])
            with monkeypatch.context() as patched:
                patched.setattr(store_module, "JOURNAL_AT_MOST", 0)
                Store(whole).undo(changes[-1])
        else:
            assert not isinstance(step, str)
            changes.append(step(writer))
            with monkeypatch.context() as patched:
                patched.setattr(store_module, "JOURNAL_AT_MOST", 0)
                assert step(Store(whole)) == changes[-1]
        expected = Store(whole).load()
        assert Store(journalled).load() == expected, step
        assert writer.load() == expected, step
        assert reader.load() == expected, step
        # What is open: the same records, and the same day view (`sup today`) from them.
        open_now = everything(Store(journalled).load(open_only=True))
        assert open_now == everything(Store(whole).load(open_only=True)), step
        assert ok(journalled, "today", "--json", today="2026-03-03") == ok(
            whole, "today", "--json", today="2026-03-03"
        ), step

    assert journalled.read_bytes() == file_before  # every change went to the journal
    assert Store(journalled).fold()
    assert _tables(journalled) == _tables(whole)
    assert Store(journalled).load() == Store(whole).load()


def test_an_acknowledgement_is_one_journal_line_and_leaves_the_file_alone(db_path):
    seed_history(Store(db_path), total=40)
    store = Store(db_path)
    store.load()
    before = db_path.read_bytes(), db_path.stat().st_ino
    lines = store.journal_path.read_bytes().count(b"\n")

    change = _acknowledge_with_a_note(store)

    assert (db_path.read_bytes(), db_path.stat().st_ino) == before
    raw = store.journal_path.read_bytes()
    assert raw.count(b"\n") == lines + 1
    saved = journal.parse(store.journal_path, raw).entries[-2:]
    assert [(e["table"], e["id"], e["doc"]) for e in saved] == [
        (table, record_id, after) for table, record_id, _, after in change.steps
    ]
    thanked = {w.id: w for w in Store(db_path).load().wins}[change.steps[0][1]]
    assert thanked.ack_note == "said so"


@pytest.mark.parametrize("what", ["a person", "a coaching form", "65 records"])
def test_people_forms_and_large_changes_write_the_whole_file(db_path, what):
    team = seed_history(Store(db_path), total=120).people
    store = Store(db_path)
    before = db_path.read_bytes()
    with store.transaction() as txn:
        if what == "a person":
            txn.put(dataclasses.replace(team[0], name="Anna Renamed"))
        elif what == "a coaching form":
            txn.add_form(Form("Quarterly review", 1, ("Figures", "Behaviours")))
        else:
            for record in txn.records.wins[:13] + txn.records.notes[:13]:
                txn.delete(record)
            for n in range(39):
                txn.add(note(team[0].id, f"added {n}"))
    assert db_path.read_bytes() != before
    assert journal.parse(store.journal_path, store.journal_path.read_bytes()).entries == ()


def test_a_change_killed_mid_append_saves_none_of_it_and_the_next_write_works(db_path):
    team = seed_history(Store(db_path), total=20).people
    before = Store(db_path).load()

    died = run_worker("die-at", db_path, "mid-change-append", team[0].id, "torn change")
    assert died.returncode == -9 and "survived" not in died.stdout
    assert not Store(db_path).journal_path.read_bytes().endswith(b"\n")  # torn

    assert Store(db_path).load() == before  # neither the note nor the changed win
    change = _acknowledge(Store(db_path))
    after = Store(db_path).load()
    assert "torn change" not in texts(after.notes) + [w.ack_note for w in after.wins]
    assert {w.id: w for w in after.wins}[change.steps[0][1]].ack_note == "thanks"
    assert Store(db_path).fold()
    assert Store(db_path).load() == after


def _fold_in_another_process(db: Path) -> None:
    before = Store(db).stamp()
    subprocess.run([sys.executable, "-m", "supervisor_tui.store.fold", str(db)], check=True)
    assert Store(db).stamp() != before  # the file was replaced


@pytest.mark.parametrize("kept", [b"", b'{"journal": 1, "tok', b"\x00" * 40])
def test_a_damaged_journal_of_the_last_fold_only_costs_a_fresh_read(db_path, kept):
    seed_history(Store(db_path), total=60)
    tui = Store(db_path)
    tui.load()
    Store(db_path).add(win(2, "captured before the fold"))  # not read by the TUI yet
    _fold_in_another_process(db_path)
    tui.prev_journal_path.write_bytes(kept)

    change = _acknowledge(tui)

    assert tui.load() == Store(db_path).load()
    assert "captured before the fold" in texts(tui.load().wins)
    assert {w.id: w for w in tui.load().wins}[change.steps[0][1]].ack_note == "thanks"


@pytest.mark.parametrize("then", ["read", "write"])
def test_after_another_process_folds_a_store_goes_on_from_what_it_holds(db_path, monkeypatch, then):
    # The TUI at 100k: parsing the folded file again would cost it a second.
    seed_history(Store(db_path), total=60)
    tui = Store(db_path)
    tui.load()
    _acknowledge(tui)  # its own change, in the journal
    Store(db_path).add(win(2, "captured in the shell"))
    _fold_in_another_process(db_path)
    Store(db_path).add(win(3, "captured after the fold"))
    parsed = []
    real_parse = Store._parse
    monkeypatch.setattr(
        Store, "_parse", lambda store, raw: parsed.append(1) or real_parse(store, raw)
    )

    if then == "write":
        change = _acknowledge_with_a_note(tui)
    held = tui.load()

    assert parsed == []
    assert held == Store(db_path).load()
    assert {"captured in the shell", "captured after the fold"} <= set(texts(held.wins))
    if then == "write":
        assert {w.id: w for w in held.wins}[change.steps[0][1]].ack_note == "said so"


def test_after_another_process_rewrites_the_file_a_store_reads_it_afresh(db_path):
    seed_history(Store(db_path), total=60)
    tui = Store(db_path)
    tui.load()
    _acknowledge(tui)
    assert run_worker("add-person", db_path, "zed").returncode == 0  # a whole-file write

    held = tui.load()

    assert held == Store(db_path).load()
    assert "zed" in [p.handle for p in held.people]


def test_a_file_decoded_once_is_not_decoded_again_by_the_writes_after(db_path, monkeypatch):
    # The open view says the file decodes; without it (a copied file), the first write
    # checks every record, says so, and the journalled writes after it need not.
    seed_history(Store(db_path), total=60)
    Store(db_path).add(win(2, "a capture"))
    Store(db_path).open_path.unlink()
    decoded = []
    real_decode = Store._decode
    monkeypatch.setattr(
        Store,
        "_decode",
        lambda store, *args, **kw: decoded.append(1) or real_decode(store, *args, **kw),
    )

    _acknowledge(Store(db_path))
    assert decoded == [1]
    _acknowledge(Store(db_path))
    _delete_a_note(Store(db_path))

    assert decoded == [1]
    assert Store(db_path).open_path.exists()


def test_a_store_that_read_a_file_with_no_journal_takes_in_one_started_since(db_path, monkeypatch):
    seed_history(Store(db_path), total=60)
    Store(db_path).journal_path.unlink()  # a file copied here, or put back from a backup
    Store(db_path).open_path.unlink()
    tui = Store(db_path)
    tui.load()
    assert run_worker("add-win", db_path, 2, "captured in the shell").returncode == 0
    Store(db_path).open_path.unlink(missing_ok=True)  # nothing says the file decodes
    decoded = []
    real_decode = Store._decode
    monkeypatch.setattr(
        Store,
        "_decode",
        lambda store, *args, **kw: decoded.append(1) or real_decode(store, *args, **kw),
    )

    change = _acknowledge(tui)

    assert decoded == []  # what it held, and the capture: not 100k records again
    monkeypatch.undo()
    assert tui.load() == Store(db_path).load()
    assert "captured in the shell" in texts(tui.load().wins)
    assert {w.id: w for w in tui.load().wins}[change.steps[0][1]].ack_note == "thanks"


def test_a_file_folded_by_the_version_before_counts_each_capture_once(db_path):
    # The version before said how far a fold went by the last id it took in
    # (`folded_through`), its journals holding captures only. Such a file and journal
    # read, change and fold forward with nothing counted twice or lost.
    seed_history(Store(db_path), total=30)
    store = Store(db_path)
    folded, _ = store.add(win(1, "taken in by the fold"))
    store.add(win(2, "captured while the fold ran"))
    jour = journal.parse(store.journal_path, store.journal_path.read_bytes())
    raw = raw_tables(db_path)
    raw["wins"][str(folded.id)] = jour.entries[0]["doc"]
    meta = raw["meta"]["1"]
    meta.update(folded_journal=jour.token, folded_through=folded.id, next_id=folded.id + 1)
    meta.pop("folded_count", None)
    db_path.write_bytes(json.dumps(raw).encode())
    Store(db_path).open_path.unlink()
    journal.start(
        store.journal_path,
        jour.token,
        (db_path.stat().st_ino, db_path.stat().st_size, db_path.stat().st_mtime_ns),
        jour.next_id,
        jour.people,
        jour.entries,
    )

    def counted() -> list[int]:
        wins = texts(Store(db_path).load().wins)
        return [wins.count("taken in by the fold"), wins.count("captured while the fold ran")]

    assert counted() == [1, 1]
    _acknowledge(Store(db_path))
    assert counted() == [1, 1]
    assert Store(db_path).fold()
    assert counted() == [1, 1]
    assert raw_texts(db_path, "wins").count("taken in by the fold") == 1
