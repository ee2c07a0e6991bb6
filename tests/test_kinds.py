"""Every registered kind of record is forgotten, exported, moved in time and refused by
the wrong command, because those paths iterate the registry. A new kind fails here
until it has an example below, and then is checked like the others."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import orjson
import pytest
from clihelpers import run
from storehelpers import on_disk

from supervisor_tui.domain.entities import (
    HELD,
    METRIC,
    WELLBEING,
    Agreement,
    CheckIn,
    Form,
    Goal,
    Leave,
    Note,
    Person,
    Records,
    Session,
    Suggestion,
    Win,
)
from supervisor_tui.domain.kinds import ABOUT_A_PERSON, KINDS, WITH_IDS, Kind
from supervisor_tui.store import Store, codec
from supervisor_tui.store.shift import copy_shifted

TODAY = "2026-11-20"
AT = dt.datetime(2026, 11, 18, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
DAY = AT.date()
SECRET = "kept-only-about-anna"  # in every record about Anna, so the file can be searched


def example(kind: Kind, anna: int) -> object:
    """One record of each kind, about Anna where the kind is about a person, with every
    date and moment field set (a shift must move them all)."""
    examples = {
        "people": Person(0, "Ben Ali", "ben", DAY, role="chat"),
        "sessions": Session(
            0, anna, HELD, AT, DAY, 1, "Coaching 1:1", 1, (("Wins", f"{SECRET} notes"),)
        ),
        "agreements": Agreement(
            0, anna, f"{SECRET} shift plan", AT, follow_up_on=DAY, done_on=DAY, dropped_on=DAY
        ),
        "suggestions": Suggestion(
            0, anna, f"{SECRET} wrap-up codes", DAY, AT, answered_on=DAY, come_back_by=DAY
        ),
        "wins": Win(0, anna, f"{SECRET} calm with a caller", DAY, AT, acknowledged_on=DAY),
        "notes": Note(0, anna, f"{SECRET} rough day", AT, WELLBEING),
        "forms": Form("Short", 1, ("Wins", "Next steps")),
        "goals": Goal(
            0,
            anna,
            f"{SECRET} CSAT",
            DAY,
            METRIC,
            ">=",
            4.5,
            "pts",
            review_on=DAY,
            session_id=1,
            closed_on=DAY,
        ),
        "check_ins": CheckIn(0, 1, anna, DAY, 4.6, note=f"{SECRET} a good month"),
        "leaves": Leave(0, anna, DAY, DAY + dt.timedelta(days=13), f"{SECRET} holiday"),
    }
    return examples[kind.table]  # KeyError: a new kind needs its example here


@pytest.fixture
def filled(db_path: Path) -> tuple[Path, int, dict[str, object]]:
    """A database with Anna and one record of every kind; returns (db, Anna's id, saved)."""
    store = Store(db_path)
    with store.transaction() as txn:
        anna = txn.add(Person(0, "Anna Virtanen", "anna", DAY)).id
        saved: dict[str, object] = {}
        for kind in KINDS:
            record = example(kind, anna)
            if kind.has_id:
                saved[kind.table] = txn.add(record)
            else:
                txn.add_form(record)
                saved[kind.table] = record
    return db_path, anna, saved


def test_records_hold_a_field_for_every_registered_kind_and_no_other():
    assert [f.name for f in dataclasses.fields(Records) if f.init] == [k.table for k in KINDS]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.table)
def test_every_kind_comes_back_from_the_file_as_it_was_saved(filled, kind):
    db, _, saved = filled
    assert saved[kind.table] in getattr(Store(db).load(), kind.table)
    doc = orjson.loads(orjson.dumps(codec.to_doc(saved[kind.table])))  # through JSON text
    assert (
        codec.from_doc(kind.table, str(getattr(saved[kind.table], "id", 1)), doc)
        == (saved[kind.table])
    )


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.table)
def test_a_read_of_some_kinds_gives_them_as_a_whole_read_does_and_refuses_the_rest(filled, kind):
    # `sup goals` reads goals and check-ins, not 100k wins; the people always come.
    db, _, _ = filled
    whole = Store(db).load()
    some = Store(db).load(kinds=(kind.table,))
    assert getattr(some, kind.table) == getattr(whole, kind.table)
    assert some.people == whole.people
    for other in KINDS:
        if other.table not in (kind.table, "people"):
            with pytest.raises(LookupError, match="was not read"):
                list(getattr(some, other.table))


@pytest.mark.parametrize("kind", ABOUT_A_PERSON, ids=lambda k: k.table)
def test_forgetting_a_person_erases_their_records_of_every_kind(filled, kind):
    db, anna, saved = filled
    result = run(db, "forget", "anna", "--yes", today=TODAY)
    assert result.exit_code == 0, result.output
    left = getattr(Store(db).load(), kind.table)
    assert all(r.person_id != anna for r in left)
    assert saved[kind.table].id not in {r.id for r in left}
    holding = [
        f.name for f in db.parent.rglob("*") if f.is_file() and SECRET.encode() in f.read_bytes()
    ]
    assert holding == [], "every file beside the database: backups, journal, open view"


@pytest.mark.parametrize("kind", ABOUT_A_PERSON, ids=lambda k: k.table)
def test_exporting_a_person_includes_their_records_of_every_kind(filled, kind):
    db, _, saved = filled
    result = run(db, "export", "--person", "anna", "--format", "json", today=TODAY)
    assert result.exit_code == 0, result.output
    exported = json.loads(result.stdout)[kind.table]
    assert [r["id"] for r in exported] == [saved[kind.table].id]


@pytest.mark.parametrize("kind", [k for k in KINDS if k.dates or k.moments], ids=lambda k: k.table)
def test_moving_a_copy_in_time_moves_every_date_of_every_kind(filled, tmp_path, kind):
    db, _, saved = filled
    moved = tmp_path / "moved.json"
    copy_shifted(db, moved, 10)
    before = saved[kind.table]
    after = next(r for r in getattr(Store(moved).load(), kind.table) if r.id == before.id)
    for name in kind.dates | kind.moments:
        old, new = getattr(before, name), getattr(after, name)
        assert (new - old).days == 10, name
    for name in kind.moments:
        assert getattr(after, name).time() == getattr(before, name).time(), "same wall clock"


# The commands that take an id, and the kind each one acts on.
COMMANDS = {"ack": "wins", "answer": "suggestions", "done": "agreements"}
EXTRA = {"answer": ["--accept"]}
HINT = {"wins": "sup ack", "suggestions": "sup answer", "agreements": "sup done"}


@pytest.mark.parametrize(
    "kind, command",
    [(k, c) for k in WITH_IDS for c, wanted in COMMANDS.items() if wanted != k.table],
    ids=lambda v: v.table if isinstance(v, Kind) else v,
)
def test_an_id_of_any_kind_given_to_the_wrong_command_says_what_it_is(filled, kind, command):
    db, anna, saved = filled
    record_id = anna if kind.table == "people" else saved[kind.table].id
    before = on_disk(db)
    result = run(db, command, str(record_id), *EXTRA.get(command, []), today=TODAY)
    wanted = next(k for k in KINDS if k.table == COMMANDS[command])
    hint = f" Use `{HINT[kind.table]} {record_id}` for that." if kind.table in HINT else ""
    assert result.exit_code == 2
    assert result.stderr == f"Error: #{record_id} is {kind.label}, not {wanted.label}.{hint}\n"
    assert on_disk(db) == before


def test_records_added_many_at_once_are_read_back_as_saved_inside_and_after(db_path):
    store = Store(db_path)
    with store.transaction() as txn:
        anna = txn.add(Person(0, "Anna Virtanen", "anna", DAY))
        assert txn.records.wins == ()  # decoded before: add_many brings them up to date
        saved = txn.add_many([Win(0, anna.id, f"win {n}", DAY, AT) for n in range(3)])
        assert list(txn.records.wins) == saved
    assert Store(db_path).load().wins == tuple(saved)


def later(record: object, kind: Kind, days: int) -> object:
    """``record`` with every date and moment of it ``days`` later."""
    step = dt.timedelta(days=days)
    return dataclasses.replace(
        record,
        **{
            name: value + step
            for name in (*kind.dates, *kind.moments)
            if (value := getattr(record, name)) is not None
        },
    )


@pytest.mark.parametrize("kind", ABOUT_A_PERSON, ids=lambda k: k.table)
def test_records_kept_through_a_change_that_reorders_them_read_as_the_file_does(db_path, kind):
    """The TUI keeps its records through its own writes rather than decode 100k again:
    after a change that moves a record to the front of its kind's order (ordered kinds;
    the others list a changed record last, as the file does), and one that writes a
    record again unchanged, they are exactly what reading the file afresh gives."""
    store = Store(db_path)
    with store.transaction() as txn:
        anna = txn.add(Person(0, "Anna Virtanen", "anna", DAY)).id
        made = [txn.add(later(example(kind, anna), kind, n)) for n in range(3)]
    store.load()  # everything, as the TUI holds it
    with store.transaction() as txn:
        txn.put(later(made[2], kind, -60))
    assert store.load() == Store(db_path).load()
    with store.transaction() as txn:
        txn.put(later(made[1], kind, 0))  # the same record, written again
    assert store.load() == Store(db_path).load()
