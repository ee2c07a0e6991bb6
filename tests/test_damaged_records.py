"""A record that does not fit its kind is refused like a damaged file, never a traceback.

A file edited by hand, restored from somewhere odd or written by a buggy version
can hold a win whose text is a number or a person whose name is a list. Every
command refuses it the same way: exit 1, the file, the table and the record's id,
what is wrong with which field (never the value: it may be a note about someone),
how to restore the backup, and the file left untouched. The journal's entries are
checked the same way, and the TUI says the same and exits.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import orjson
import pytest
from apphelpers import demo_app, pilot_test, told, until
from clihelpers import TODAY, files, refused, run

from supervisor_tui.domain.entities import (
    HELD,
    Agreement,
    Form,
    Note,
    Person,
    Session,
    Suggestion,
    Win,
)
from supervisor_tui.store import Store, UnreadableFileError, codec
from supervisor_tui.tui.app import make_app

AT = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
DAY = AT.date()
# Personal data in the file: none of it may appear in what a refusal prints.
PRIVATE = ("Anna", "Virtanen", "escalated", "billing", "rough day", "wrap-up")


@pytest.fixture
def ids(db_path: Path) -> dict[str, int]:
    """A database with one record of every kind, all in the file itself (no journal
    entries); returns their ids by name."""
    store = Store(db_path)
    with store.transaction() as txn:
        anna = txn.add(Person(0, "Anna Virtanen", "anna", DAY)).id
        made = {
            "anna": anna,
            "ben": txn.add(Person(0, "Ben Ek", "ben", DAY)).id,
            "win": txn.add(Win(0, anna, "closed the escalated billing case", DAY, AT)).id,
            "idea": txn.add(Suggestion(0, anna, "shorter wrap-up codes", DAY, AT)).id,
            "todo": txn.add(Agreement(0, anna, "send the shift plan", AT, follow_up_on=DAY)).id,
            "note": txn.add(Note(0, anna, "rough day on the phones", AT)).id,
            "held": txn.add(
                Session(0, anna, HELD, AT, DAY, 0, "Short", 1, (("Wins", "the billing case"),))
            ).id,
            "planned": txn.add(Session(0, anna, planned_for=AT + dt.timedelta(days=7))).id,
        }
        txn.add_form(Form("Short", 1, ("Wins", "Next steps")))
    data = json.loads(db_path.read_text())
    made["form"] = int(next(iter(data["forms"])))
    return made


DELETE = object()

# name: (record, field, stored value (DELETE: the field is gone), what the refusal says)
DAMAGE: dict[str, tuple[str, str | None, Any, str]] = {
    "a win whose text is a number": ("win", "text", 42, "its 'text' should be text"),
    "a person whose name is a list": (
        "anna",
        "name",
        ["Anna", "Virtanen"],
        "its 'name' should be text",
    ),
    "a date that is not a date": (
        "win",
        "happened_on",
        "last tuesday",
        "its 'happened_on' should be a date (YYYY-MM-DD)",
    ),
    "a moment that is a number": (
        "idea",
        "created",
        1763623800,
        "its 'created' should be a date and time",
    ),
    "pairs that are not a list": (
        "held",
        "notes",
        "Wins: the billing case",
        "its 'notes' should be a list",
    ),
    "a pair of one": ("held", "notes", [["Wins"]], "its 'notes' should be a list"),
    "an id that is text": ("todo", "person_id", "1", "its 'person_id' should be a whole number"),
    "an id that is true": ("todo", "person_id", True, "its 'person_id' should be a whole number"),
    "a flag that is text": ("ben", "archived", "no", "its 'archived' should be true or false"),
    "a text that is missing": ("win", "text", DELETE, "its 'text' is missing"),
    "a record that is not an object": ("win", None, "closed the escalated case", "not a record"),
    "agenda items that are not all text": (
        "form",
        "items",
        ["Wins", 3],
        "its 'items' should be a list of texts",
    ),
    "a count that is text": (
        "planned",
        "times_moved",
        "2",
        "its 'times_moved' should be a whole number",
    ),
    "a cadence past the calendar": (
        "anna",
        "cadence_days",
        10**12,
        "its 'cadence_days' should be from 1 to",
    ),
}

TABLES = {
    "anna": "people",
    "ben": "people",
    "win": "wins",
    "idea": "suggestions",
    "todo": "agreements",
    "note": "notes",
    "held": "sessions",
    "planned": "sessions",
    "form": "forms",
}

COMMANDS = {
    "today": ("today",),
    "today json": ("today", "--json"),
    "people": ("people",),
    "win": ("win", "ben", "closed the case"),
    "capture": ("capture", "idea @ben a shorter queue"),
    "ack": ("ack", "{win}"),
    "answer": ("answer", "{idea}", "--accept", "we will"),
    "done": ("done", "{todo}"),
    "held": ("held", "ben"),
    "plan": ("plan", "ben", "tue 10:00"),
    "session show": ("session", "show", "anna"),
    "export": ("export",),
    "export md": ("export", "--format", "md"),
    "ics": ("ics",),
    "archive": ("people", "archive", "ben"),
    "forget": ("forget", "ben", "--yes"),
}


def damage(db: Path, ids: dict[str, int], which: str) -> tuple[str, str, str]:
    """Damage one record as ``DAMAGE[which]`` says; returns (table, key, expected words)."""
    record, field, value, words = DAMAGE[which]
    table, key = TABLES[record], str(ids[record])
    data = json.loads(db.read_text())
    if field is None:
        data[table][key] = value
    elif value is DELETE:
        del data[table][key][field]
    else:
        data[table][key][field] = value
    db.write_text(json.dumps(data))
    return table, key, words


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
@pytest.mark.parametrize("which", DAMAGE)
def test_a_record_that_does_not_fit_its_kind_is_refused_by_file_table_and_id(
    db_path, ids, which, args
):
    table, key, words = damage(db_path, ids, which)
    before = files(db_path)
    message = refused(db_path, *(a.format(**ids) for a in args), code=1)
    what = "coaching form" if table == "forms" else "record"
    assert message.startswith(f"Error: {db_path} has a damaged {what} ({table} #{key}): "), message
    assert words in message
    assert "left untouched" in message
    assert "There are no backups of it yet" in message  # the restore step
    assert files(db_path) == before
    for private in PRIVATE:
        assert private not in message


def test_the_refusal_names_the_newest_backup_to_restore(db_path, ids):
    store = Store(db_path)
    with store.transaction() as txn:  # today's first write keeps a backup
        txn.add(Note(0, ids["ben"], "a second note", AT))
    damage(db_path, ids, "a win whose text is a number")
    message = refused(db_path, "today", code=1)
    backup = next(p for p in db_path.parent.iterdir() if ".bak" in p.name)
    assert f"To restore the newest backup: cp '{backup}' '{db_path}'." in message


def test_a_damaged_journal_entry_is_refused_by_journal_table_and_id(db_path, ids):
    store = Store(db_path)
    store.add(Win(0, ids["ben"], "helped a new colleague", DAY, AT))  # appended to the journal
    journal = db_path.with_name(db_path.name + ".journal")
    lines = journal.read_bytes().splitlines()
    entry = orjson.loads(lines[-1])
    entry["doc"]["text"] = ["helped", "a new colleague"]
    journal.write_bytes(b"\n".join([*lines[:-1], orjson.dumps(entry)]) + b"\n")
    # A capture only appends (checking every entry of a full journal would cost it 14 ms);
    # every command that reads the journal refuses it.
    for args in (("today",), ("people",), ("ack", str(entry["id"])), ("export",)):
        message = refused(db_path, *args, code=1)
        assert message.startswith(f"Error: {journal} (the capture journal beside"), message
        assert f"a damaged entry (wins #{entry['id']}: its 'text' should be text)" in message
        assert "colleague" not in message


def test_the_decoders_check_the_exact_type_of_every_field():
    doc = codec.to_doc(Win(7, 1, "closed the case", DAY, AT))
    assert codec.from_doc("wins", "7", doc) == Win(7, 1, "closed the case", DAY, AT)
    for field, value in (
        ("person_id", 1.0),
        ("person_id", False),
        ("text", b"bytes"),
        ("text", None),
        ("acknowledged_on", 20261120),
        ("acknowledged_how", None),
        ("created", "2026-11-20T09:30:99+02:00"),
    ):
        with pytest.raises(codec.DamagedRecord) as caught:
            codec.from_doc("wins", "7", {**doc, field: value})
        assert caught.value.problem.startswith(f"its '{field}' should be")
        assert isinstance(caught.value, ValueError)  # as every other unreadable document


def test_the_problem_never_holds_the_value():
    secret = "Anna told me about her divorce"
    with pytest.raises(codec.DamagedRecord) as caught:
        codec.from_doc("notes", "3", {"person_id": 1, "text": [secret], "created": AT.isoformat()})
    assert secret not in str(caught.value)
    assert "divorce" not in repr(caught.value)


@pilot_test
async def test_the_tui_opened_on_a_damaged_record_says_so_and_exits(db_path, ids):
    table, key, words = damage(db_path, ids, "a person whose name is a list")
    app = make_app(db_path, dt.date.fromisoformat(TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.error_message is not None, what="the refusal")
    assert app.return_code == 1
    assert f"has a damaged record ({table} #{key}): {words}" in app.error_message
    with pytest.raises(UnreadableFileError):
        Store(db_path).load()


def test_sup_without_a_command_on_a_damaged_file_prints_the_refusal(db_path, ids):
    damage(db_path, ids, "a win whose text is a number")
    result = run(db_path)  # not a terminal: the day view as text, refused the same way
    assert result.exit_code == 1
    assert re.match(rf"Error: {re.escape(str(db_path))} has a damaged record", result.stderr)


@pilot_test
async def test_damaged_history_behind_the_day_view_is_told_and_the_view_stays_read_only(
    db_path, ids
):
    # Notes are history: the day view lists none, so the first read shows the day and
    # the second, of everything, finds the damage.
    data = json.loads(db_path.read_text())
    data["notes"][str(ids["note"])]["text"] = {"rough": "day"}
    db_path.write_text(json.dumps(data))
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.read_only_reason is not None, what="the damage told")
        assert app.is_running
        assert f"has a damaged record (notes #{ids['note']}): its 'text' should be text" in (
            app.read_only_reason
        )
        shown = told(app)[-1]
        assert shown.title == "Damaged history" and shown.severity == "error"
        assert "rough" not in shown.message


def _vouch(db: Path) -> None:
    """Make the open view describe ``db`` as it is now and vouch that every record of it
    decodes, as a version that checked less would have written it."""
    from supervisor_tui.store.files import identity

    view = db.with_name(db.name + ".open")
    doc = orjson.loads(view.read_bytes())
    doc["base"], doc["checked"] = list(identity(db)), True
    view.write_bytes(orjson.dumps(doc))


def test_a_damaged_record_in_the_open_view_alone_is_read_from_the_file_instead(db_path, ids):
    run(db_path, "today")  # writes the open view
    expected = run(db_path, "today", "--json").stdout
    view = db_path.with_name(db_path.name + ".open")
    doc = orjson.loads(view.read_bytes())
    doc["data"]["wins"][str(ids["win"])]["text"] = 42
    view.write_bytes(orjson.dumps(doc))
    result = run(db_path, "today", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected


def test_a_write_trusting_a_vouched_for_file_refuses_a_record_it_decodes_late(db_path, ids):
    run(db_path, "today")  # writes the open view
    data = json.loads(db_path.read_text())
    del data["agreements"][str(ids["todo"])]["text"]
    db_path.write_text(json.dumps(data))
    _vouch(db_path)  # so the write decodes only the follow-up it marks done
    message = refused(db_path, "done", str(ids["todo"]), code=1)
    assert message.startswith(
        f"Error: {db_path} has a damaged record (agreements #{ids['todo']}): its 'text' is missing."
    ), message


def test_a_planned_session_without_a_time_is_no_next_session_to_keep(db_path, ids):
    # The app never writes one, but every view already passes over it; holding did not.
    data = json.loads(db_path.read_text())
    data["sessions"][str(ids["planned"])]["planned_for"] = None
    db_path.write_text(json.dumps(data))
    said = run(db_path, "held", "anna")
    assert said.exit_code == 0, said.stderr
    assert "Next one planned for" in said.stdout
