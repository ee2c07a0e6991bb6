"""`sup edit`, `sup delete`, `sup move`, `sup drop` and `sup search`: finding and fixing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from clihelpers import add_team, files, ok, refused, run, said
from test_forms_cli import editor, seen

from supervisor_tui.actions import corrections
from supervisor_tui.actions.undo import undo
from supervisor_tui.cli import commands_fix
from supervisor_tui.domain.entities import Win
from supervisor_tui.store import Store

# clihelpers' TODAY is Sun 22 Nov 2026; add_team makes Anna #1, Äki #2, Ben #3.
SAT, FRI, MON = dt.date(2026, 11, 21), dt.date(2026, 11, 20), dt.date(2026, 11, 23)


def record(db, record_id: int):
    """The record with this id as the file holds it now (None if there is none)."""
    records = Store(db).load()
    everything = (
        *records.wins,
        *records.suggestions,
        *records.notes,
        *records.agreements,
        *records.sessions,
    )
    return next((r for r in everything if r.id == record_id), None)


@pytest.fixture
def db(db_path):
    """Anna's win #4 (yesterday), Äki's idea #5, a note #6 and a to-do #7 about Ben."""
    add_team(db_path)
    said(db_path, "win", "anna", "--on", "yesterday", "closd the escalated billing case")
    said(db_path, "idea", "aki", "shorter wrap-up codes for chats")
    said(db_path, "note", "ben", "asked about the second screen again")
    said(db_path, "todo", "ben", "send the shift plan", "--by", "mon")
    return db_path


# -- edit -----------------------------------------------------------------------------


def test_edit_text_fixes_a_typo_and_keeps_everything_else(db):
    before = record(db, 4)
    assert said(db, "edit", "4", "--text", "closed the escalated billing case") == (
        'Edited win #4 (Anna Virtanen): now reads "closed the escalated billing case".'
    )
    after = record(db, 4)
    assert after.text == "closed the escalated billing case"
    assert (after.happened_on, after.person_id, after.created) == (
        before.happened_on,
        before.person_id,
        before.created,
    )


def test_edit_on_moves_a_win_to_the_day_it_happened(db):
    assert said(db, "edit", "4", "--on", "fri") == "Edited win #4 (Anna Virtanen): Fri 20 Nov."
    assert record(db, 4).happened_on == FRI


def test_edit_on_redates_a_note_keeping_its_time(db):
    before = record(db, 6)
    said(db, "edit", "6", "--on", "2026-11-20")
    after = record(db, 6)
    assert after.created == dt.datetime.combine(FRI, before.created.timetz())


def test_edit_by_moves_an_idea_to_another_person(db):
    assert (
        said(db, "edit", "5", "--by", "ben") == "Edited suggestion #5 (Ben Ek): now about Ben Ek."
    )
    assert record(db, 5).person_id == 3


def test_edit_a_follow_up_its_date_and_owner(db):
    assert said(db, "edit", "7", "--on", "fri", "--by", "person") == (
        "Edited follow-up #7 (Ben Ek): follow up Fri 27 Nov, Ben does it."
    )
    agreement = record(db, 7)
    assert (agreement.follow_up_on, agreement.owner) == (dt.date(2026, 11, 27), "person")
    said(db, "edit", "7", "--by", "lead")
    assert record(db, 7).owner == "lead"


def test_edit_stores_markup_and_escape_sequences_literally(db):
    hostile = "[b]bold[/b] \x1b]52;c;aGk=\x07 done"
    out = said(db, "edit", "4", "--text", hostile)
    assert "\x1b" not in out  # said back made visible
    assert record(db, 4).text == hostile


def test_edit_with_nothing_new_says_so_and_writes_nothing(db):
    before = files(db)
    assert said(db, "edit", "4", "--on", "yesterday") == (
        "Nothing to change: win #4 (Anna Virtanen) already reads so."
    )
    assert files(db) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["4", "--text", "   "],
            "The text can't be empty. To remove the item, delete it: sup delete 4",
        ),
        (["4", "--on", "someday"], 'Can\'t read "someday" as a date.'),
        (["4", "--on", "tomorrow"], "Mon 23 Nov is in the future; say when it happened"),
        (["7", "--on", "2026-11-01"], "A follow-up date can't be in the past."),
        (["7", "--by", "aki"], "Follow-up #7 is done by the lead or by its own person"),
        (["4", "--by", "nobody"], 'No one called "nobody".'),
        (["99", "--text", "x"], "There is no item #99. `sup today` shows the ids."),
        (["1", "--text", "x"], "#1 is a person: only a win, a suggestion, a note or a follow-up"),
        (["abc", "--text", "x"], "'abc' is not an id."),
    ],
)
def test_edit_refuses_bad_input_and_writes_nothing(db, args, message):
    assert message in refused(db, "edit", *args)


def test_edit_refuses_a_session_and_says_how_sessions_change(db):
    said(db, "plan", "anna", "tue 10:00")
    session = Store(db).load().sessions[0]
    error = refused(db, "edit", str(session.id), "--text", "x")
    assert f"#{session.id} is a session" in error
    assert "sup plan PERSON DATE" in error


def test_edit_without_options_opens_the_editor_on_the_text(db, tmp_path):
    fix = 'p.write_text(text.replace("closd", "closed"))'
    out = said(db, "edit", "4", env=editor(tmp_path, fix))
    assert out == 'Edited win #4 (Anna Virtanen): now reads "closed the escalated billing case".'
    assert seen(tmp_path) == "closd the escalated billing case\n"
    assert record(db, 4).text == "closed the escalated billing case"


def test_edit_in_the_editor_not_saved_changes_nothing(db, tmp_path):
    before = files(db)
    out = ok(db, "edit", "4", env=editor(tmp_path, "pass"))
    assert out == "Not saved in the editor; #4 is unchanged.\n"
    assert files(db) == before


def test_edit_in_the_editor_emptied_is_refused(db, tmp_path):
    error = refused(db, "edit", "4", env=editor(tmp_path, 'p.write_text("\\n")'))
    assert "The text can't be empty." in error


def test_edit_with_an_editor_that_fails_says_what_to_do(db):
    error = refused(db, "edit", "4", code=1, env={"EDITOR": "/nonexistent/editor"})
    assert "Set $VISUAL or $EDITOR" in error
    assert 'sup edit 4 --text "…"' in error


# -- delete ---------------------------------------------------------------------------


def test_delete_asks_first_and_no_keeps_it(db, monkeypatch):
    monkeypatch.setattr(commands_fix, "_can_ask", lambda: True)
    before = files(db)
    result = run(db, "delete", "4", input="n\n")
    assert result.exit_code == 1
    assert 'Delete win #4 "closd the escalated billing case"? [y/N]' in result.stdout
    assert files(db) == before


def test_delete_asks_first_and_yes_deletes(db, monkeypatch):
    monkeypatch.setattr(commands_fix, "_can_ask", lambda: True)
    result = run(db, "delete", "4", input="y\n")
    assert result.exit_code == 0
    assert result.stdout.endswith("Deleted win #4 (Anna Virtanen).\n")
    assert record(db, 4) is None


def test_delete_without_a_terminal_needs_yes(db):
    error = refused(db, "delete", "4", code=1)
    assert "there is no terminal to ask in: add --yes (sup delete 4 --yes)" in error


def test_delete_yes_deletes_without_asking(db):
    assert said(db, "delete", "6", "--yes") == "Deleted note #6 (Ben Ek)."
    assert record(db, 6) is None
    assert "asked about the second screen" not in ok(db, "search", "second")


def test_delete_refuses_a_person_and_an_unknown_id(db):
    assert "#2 is a person" in refused(db, "delete", "2", "--yes")
    assert "There is no item #42" in refused(db, "delete", "42", "--yes")


def test_undo_brings_a_deleted_item_back_exactly(db):
    store = Store(db)
    before = record(db, 4)
    done = corrections.delete_item(store, 4)
    assert record(db, 4) is None
    undo(store, done)
    assert record(db, 4) == before


def test_undo_takes_an_edit_back(db):
    store = Store(db)
    before = record(db, 7)
    done = corrections.edit_item(store, 7, dt.date(2026, 11, 22), text="x", owner="person")
    undo(store, done)
    assert record(db, 7) == before


# -- move and drop --------------------------------------------------------------------


def test_move_gives_a_follow_up_a_new_date(db):
    assert said(db, "move", "7", "fri") == "Moved follow-up #7 (Ben Ek): follow up Fri 27 Nov."
    assert record(db, 7).follow_up_on == dt.date(2026, 11, 27)


def test_move_hands_a_follow_up_to_the_person_keeping_its_date(db):
    assert said(db, "move", "7", "--by", "person") == ("Moved follow-up #7 (Ben Ek): Ben does it.")
    assert (record(db, 7).owner, record(db, 7).follow_up_on) == ("person", MON)


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["7"], "Say the new date, --by lead|person, or both", 2),
        (["7", "yesterday"], "A new follow-up date can't be in the past.", 2),
        (["7", "soon"], 'Can\'t read "soon" as a date.', 2),
        (["4", "fri"], "#4 is a win, not a follow-up. Use `sup ack 4` for that.", 2),
        (["7", "--by", "boss"], "Invalid value for '--by'", 2),
    ],
)
def test_move_refuses_bad_input(db, args, message, code):
    assert message in refused(db, "move", *args, code=code)


def test_drop_drops_a_follow_up_and_not_twice(db):
    assert said(db, "drop", "7") == "Dropped follow-up #7 (Ben Ek)."
    assert record(db, 7).dropped_on == dt.date(2026, 11, 22)
    assert "#7 was dropped on Sun 22 Nov." in refused(db, "drop", "7")
    assert "#7 was dropped" in refused(db, "move", "7", "fri")


# -- search ---------------------------------------------------------------------------


def test_search_finds_text_ignoring_case_and_accents(db):
    said(db, "note", "aki", "Näyttö: SECOND screen flickers")
    out = ok(db, "search", "naytto")
    assert "Näyttö: SECOND screen flickers" in out
    both = ok(db, "search", "Second", "SCREEN")
    assert both.splitlines()[0].startswith("#8 ")
    assert "Äki Mäkelä" in both and "Ben Ek" in both
    assert both.endswith("2 found. Change one with: sup edit ID\n")


def test_search_finds_answers_and_session_notes(db):
    said(db, "answer", "5", "--decline", "the queue system can't do it")
    from supervisor_tui.actions.holding import hold_session
    from supervisor_tui.domain.drafts import SessionDraft
    from supervisor_tui.domain.forms import form_for

    store = Store(db)
    records = store.load()
    anna = records.person(1)
    draft = SessionDraft.start(1, form_for(anna, records))
    draft = draft.with_note(draft.items[0], "talked about the headset budget")
    now = dt.datetime(2026, 11, 22, 12, 0).astimezone()
    hold_session(store, draft, dt.date(2026, 11, 22), None, now)
    hits = json.loads(ok(db, "search", "--json", "queue"))
    assert [(h["kind"], h["text"]) for h in hits] == [
        ("suggestion", "the queue system can't do it")
    ]
    hits = json.loads(ok(db, "search", "--json", "HEADSET"))
    assert [(h["kind"], h["person"]["handle"], h["on"]) for h in hits] == [
        ("session", "anna", "2026-11-22")
    ]


def test_search_json_is_a_list_of_id_kind_person_on_text(db):
    hits = json.loads(ok(db, "search", "--json", "shift"))
    assert hits == [
        {
            "id": 7,
            "kind": "follow_up",
            "person": {"id": 3, "name": "Ben Ek", "handle": "ben"},
            "on": "2026-11-22",
            "text": "send the shift plan",
        }
    ]


def test_search_finding_nothing_says_so(db):
    assert ok(db, "search", "zebra") == "Nothing found for 'zebra'.\n"
    assert json.loads(ok(db, "search", "zebra", "--json")) == []


def test_search_for_nothing_is_refused(db):
    assert "Say what to look for" in refused(db, "search", "  ")


# -- sup undo -------------------------------------------------------------------------


def test_sup_undo_brings_a_deleted_item_back_exactly(db):
    before = record(db, 4)
    said(db, "delete", "4", "--yes")
    assert said(db, "undo") == "Undone: Deleted win #4 (Anna Virtanen)."
    assert record(db, 4) == before
    assert "Nothing to undo" in refused(db, "undo")


def test_sup_undo_takes_back_the_last_correction_only(db):
    said(db, "edit", "7", "--text", "send the new shift plan")
    said(db, "move", "7", "fri", "--by", "person")
    said(db, "undo")
    agreement = record(db, 7)
    assert (agreement.text, agreement.follow_up_on, agreement.owner) == (
        "send the new shift plan",
        MON,
        "lead",
    )


def test_sup_undo_refuses_when_the_item_changed_since(db):
    said(db, "edit", "4", "--text", "closed the case")
    said(db, "ack", "4")
    error = refused(db, "undo", code=1)
    assert "the same item was changed since" in error
    assert record(db, 4).text == "closed the case"


def test_the_kept_correction_is_private_and_forget_erases_it(db):
    said(db, "delete", "4", "--yes")
    kept = db.with_name(db.name + ".undo")
    assert kept.stat().st_mode & 0o777 == 0o600
    assert b"closd the escalated" in kept.read_bytes()
    said(db, "forget", "anna", "--yes")
    assert not kept.exists()


def test_export_of_the_person_includes_what_the_kept_correction_holds(db):
    said(db, "delete", "4", "--yes")
    doc = json.loads(ok(db, "export", "--person", "anna", "--format", "json"))
    kept = [k for k in doc["in_backups"] if k["backup"] == "supervisor.json.undo"]
    assert [(k["table"], k["id"], k["doc"]["text"]) for k in kept] == [
        ("wins", 4, "closd the escalated billing case")
    ]


def test_search_shows_the_newest_fifty_and_every_one_with_all(db):
    store = Store(db)
    anna = store.people()[0]
    first = dt.date(2026, 6, 1)
    with store.transaction() as txn:
        for n in range(1, 56):  # one a day, the newest last
            day = first + dt.timedelta(days=n)
            at = dt.datetime.combine(day, dt.time(9)).astimezone()
            txn.add(Win(0, anna.id, f"refund number {n} handled", day, at))

    lines = ok(db, "search", "refund").splitlines()
    assert len(lines) == 50 + 3
    assert "refund number 55 handled" in lines[0]
    assert "refund number 6 handled" in lines[49]
    assert lines[50:] == [
        "",
        "55 found; the newest 50 are above (--all shows every one).",
        "Change one with: sup edit ID",
    ]
    every = ok(db, "search", "refund", "--all").splitlines()
    assert len(every) == 55 + 2
    assert "refund number 1 handled" in every[54]
    assert every[55:] == ["", "55 found. Change one with: sup edit ID"]
    assert len(json.loads(ok(db, "search", "refund", "--json"))) == 55
