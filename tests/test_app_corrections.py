"""The TUI's corrections, driven by Pilot on the demo team and checked against the file:
`e` edit, `delete`, `o` move a follow-up, `z` drop it, `H` a missed 1:1 held on its day,
and `/` search. The demo is dated so that ANCHOR, Friday 20 November 2026, is today."""

from __future__ import annotations

import pytest
from apphelpers import (
    ANCHOR,
    DayRow,
    days,
    demo_app,
    demo_copy,
    first_row_where,
    highlight,
    listed_rows,
    loaded,
    person_named,
    pilot_test,
    reload,
    rows_list,
    settled,
    showing,
    told,
    type_text,
    until,
)
from storehelpers import on_disk
from textual.widgets import Input

from supervisor_tui.domain.entities import HELD, PLANNED
from supervisor_tui.tui.dialogs.correct import DeleteScreen, EditScreen, HeldOnScreen, MoveScreen
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.screens.person import PersonScreen
from supervisor_tui.tui.screens.search import SearchScreen

AKIS_WIN = DayRow("win", "aki")  # yesterday's: "stayed calm and kind with a caller…"
AKIS_FOLLOW_UP = DayRow("agreement", "aki", "second screen")  # the lead's, 5 days late
BENS_FOLLOW_UP = DayRow("agreement", "ben", "de-escalation")  # Ben's, 2 days late
FREDRIKS_SESSION = DayRow("session", "fredrik")  # planned for yesterday, never recorded
CHLOE_DUE = DayRow("due", "chloe")


@pytest.fixture
def db(tmp_path):
    return demo_copy(tmp_path)


def by_id(records, group: str, record_id: int):
    return next((r for r in getattr(records, group) if r.id == record_id), None)


async def clear_and_type(pilot, text: str) -> None:
    """Empty the focused box and type ``text`` into it."""
    box = pilot.app.focused
    assert isinstance(box, Input)
    box.value = ""
    await type_text(pilot, text)


# -- e -----------------------------------------------------------------------------------


@pilot_test
async def test_e_fixes_a_typo_in_yesterdays_win_and_u_takes_it_back(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, AKIS_WIN)
        before = by_id(reload(db), "wins", row.record.id)
        await pilot.press("e")
        await until(pilot, lambda: showing(app, EditScreen))
        assert app.focused.value == before.text
        assert app.screen.query_one("#on", Input).value == (ANCHOR - days(1)).isoformat()
        await clear_and_type(pilot, "stayed calm [b]and[/b] kind")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)
        edited = by_id(reload(db), "wins", row.record.id)
        assert edited.text == "stayed calm [b]and[/b] kind"
        assert edited.happened_on == before.happened_on
        assert "stayed calm [b]and[/b] kind" in str(
            rows_list(app).current and rows_list(app).current.what
        )

        await pilot.press("u")
        await settled(pilot)
        assert by_id(reload(db), "wins", row.record.id) == before


@pilot_test
async def test_e_changes_the_day_only_and_refuses_a_bad_one_in_place(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, AKIS_WIN)
        before = by_id(reload(db), "wins", row.record.id)
        await pilot.press("e", "tab")
        await clear_and_type(pilot, "someday")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen), "a bad date keeps the dialog open"
        assert "Can't read" in str(app.screen.query_one("#error").content)
        await clear_and_type(pilot, "mon")  # for a win: the Monday gone
        await pilot.press("enter")
        await settled(pilot)
    after = by_id(reload(db), "wins", row.record.id)
    assert (after.text, after.happened_on) == (before.text, ANCHOR - days(4))


@pilot_test
async def test_e_refuses_empty_text_and_writes_nothing(db):
    before = on_disk(db)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, AKIS_WIN)
        await pilot.press("e")
        await clear_and_type(pilot, "   ")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        assert "The text can't be empty." in str(app.screen.query_one("#error").content)
        await pilot.press("escape")
        await pilot.pause()
    assert on_disk(db) == before


@pilot_test
async def test_e_in_the_person_view_edits_a_note_from_the_timeline(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: app.records_complete, what="the whole history")
        aki = person_named(app.records, "aki")
        await app.push_screen(PersonScreen(aki.id))
        await pilot.pause()
        await until(pilot, lambda: any(r.kind == "note" for r in listed_rows(app)))
        row = await first_row_where(pilot, lambda r: r.kind == "note")
        await pilot.press("e")
        await until(pilot, lambda: showing(app, EditScreen))
        await clear_and_type(pilot, "a note, corrected")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, PersonScreen)
    assert by_id(reload(db), "notes", row.record.id).text == "a note, corrected"


@pilot_test
async def test_e_and_delete_do_nothing_on_a_due_row_or_a_session(db):
    before = on_disk(db)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for row in (CHLOE_DUE, FREDRIKS_SESSION):
            await highlight(pilot, row)
            await pilot.press("e", "delete")
            await pilot.pause()
            assert isinstance(app.screen, DayScreen)
    assert on_disk(db) == before


# -- delete --------------------------------------------------------------------------------


@pilot_test
async def test_delete_asks_then_deletes_and_u_brings_it_back_exactly(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, AKIS_WIN)
        before = by_id(reload(db), "wins", row.record.id)
        await pilot.press("delete")
        await until(pilot, lambda: showing(app, DeleteScreen))
        await pilot.press("escape")  # kept
        await pilot.pause()
        assert by_id(reload(db), "wins", row.record.id) == before
        await pilot.press("delete")
        await until(pilot, lambda: showing(app, DeleteScreen))
        await pilot.press("enter")
        await settled(pilot)
        assert by_id(reload(db), "wins", row.record.id) is None
        assert row.key not in {r.key for r in listed_rows(app)}
        await pilot.press("u")
        await settled(pilot)
        assert by_id(reload(db), "wins", row.record.id) == before
        assert row.key in {r.key for r in listed_rows(app)}


# -- o and z -------------------------------------------------------------------------------


@pilot_test
async def test_o_moves_a_late_follow_up_and_hands_it_to_the_person(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, AKIS_FOLLOW_UP)
        await pilot.press("o")
        await until(pilot, lambda: showing(app, MoveScreen))
        await type_text(pilot, "tue")  # over the proposed date, which is selected
        await pilot.press("tab", "down", "enter")  # "Äki will"
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)
        moved = by_id(reload(db), "agreements", row.record.id)
        assert (moved.follow_up_on, moved.owner, moved.is_open) == (
            ANCHOR + days(4),
            "person",
            True,
        )
        assert row.key not in {r.key for r in listed_rows(app)}, "no longer due"


@pilot_test
async def test_o_refuses_a_day_in_the_past(db):
    before = on_disk(db)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, AKIS_FOLLOW_UP)
        await pilot.press("o")
        await clear_and_type(pilot, "2026-11-01")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MoveScreen)
        assert "can't be in the past" in str(app.screen.query_one("#error").content)
    assert on_disk(db) == before


@pilot_test
async def test_z_drops_a_follow_up_saying_u_undoes_it(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, BENS_FOLLOW_UP)
        await pilot.press("z")
        await settled(pilot)
        assert by_id(reload(db), "agreements", row.record.id).dropped_on == ANCHOR
        assert told(app)[-1].message == (
            f"Dropped follow-up #{row.record.id} (Ben Lindqvist). u undoes it."
        )
        await pilot.press("u")
        await settled(pilot)
        assert by_id(reload(db), "agreements", row.record.id).is_open
        assert told(app)[-1].message.startswith("Undone: Dropped follow-up")
        assert not told(app)[-1].message.endswith("u undoes it.")


# -- H -------------------------------------------------------------------------------------


@pilot_test
async def test_capital_h_records_a_missed_1_1_as_held_on_its_day(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, FREDRIKS_SESSION)
        planned_on = row.record.planned_for.date()
        assert planned_on < ANCHOR
        await pilot.press("H")
        await until(pilot, lambda: showing(app, HeldOnScreen))
        assert app.focused.value == planned_on.isoformat()
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)
        assert row.key not in {r.key for r in listed_rows(app)}, "no longer overdue"
    records = reload(db)
    session = by_id(records, "sessions", row.record.id)
    assert (session.status, session.held_on) == (HELD, planned_on)
    nxt = [s for s in records.sessions if s.person_id == row.person_id and s.status == PLANNED]
    assert len(nxt) == 1 and nxt[0].planned_for.date() > ANCHOR


@pilot_test
async def test_capital_h_takes_another_day_and_refuses_one_to_come(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, FREDRIKS_SESSION)
        await pilot.press("H")
        await until(pilot, lambda: showing(app, HeldOnScreen))
        await clear_and_type(pilot, "tomorrow")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HeldOnScreen)
        assert "can't be held in the future" in str(app.screen.query_one("#error").content)
        await clear_and_type(pilot, "today")
        await pilot.press("enter")
        await settled(pilot)
    assert by_id(reload(db), "sessions", row.record.id).held_on == ANCHOR


@pilot_test
async def test_capital_h_keeps_a_next_1_1_the_lead_wrote_when_the_day_held_on_changes(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, FREDRIKS_SESSION)
        await pilot.press("H")
        await until(pilot, lambda: showing(app, HeldOnScreen))
        proposed = app.screen.query_one("#next", Input).value
        await pilot.press("tab", *"mon 09:00", "shift+tab")
        await clear_and_type(pilot, "yesterday")  # the day changes: no new proposal
        assert app.screen.query_one("#next", Input).value == "mon 09:00" != proposed
        await clear_and_type(pilot, "today")
        assert app.screen.query_one("#next", Input).value == "mon 09:00"


# -- / -------------------------------------------------------------------------------------


@pilot_test
async def test_slash_finds_a_note_by_a_word_and_enter_opens_the_person(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: app.records_complete, what="the whole history")
        await pilot.press("slash")
        await until(pilot, lambda: showing(app, SearchScreen), what="SearchScreen")
        await type_text(pilot, "ABUSIVE")  # "rough day: three abusive callers in a row"
        screen = app.screen
        await until(pilot, lambda: screen.shown_for == "ABUSIVE", what="the results")
        hits = listed_rows(app)
        notes = [n for n in app.records.notes if "abusive" in n.text]
        assert len(hits) == len(notes) > 1
        assert all(h.kind == "wellbeing" and "three abusive callers" in h.what for h in hits)
        hit = hits[0]  # the newest
        assert hit.record.id == max(notes, key=lambda n: n.created).id
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, PersonScreen))
        assert app.screen.person_id == hit.person_id
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, SearchScreen), what="the search")
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, DayScreen), what="the day view")


@pilot_test
async def test_slash_finds_session_notes_answers_and_names_ignoring_accents(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: app.records_complete, what="the whole history")
        await pilot.press("slash")
        screen = app.screen
        await type_text(pilot, "aki")
        await until(pilot, lambda: screen.shown_for == "aki")
        first = listed_rows(app)[0]
        assert (first.kind, first.person_id) == ("person", person_named(app.records, "aki").id)
        app.focused.value = ""
        await type_text(pilot, "shorter holds")
        await until(pilot, lambda: screen.shown_for == "shorter holds")
        assert listed_rows(app) and {r.kind for r in listed_rows(app)} == {"session"}


@pilot_test
async def test_enter_typed_before_the_results_opens_them_when_they_come(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: app.records_complete, what="the whole history")
        await pilot.press("slash", *"abusive", "enter")  # no pause for the debounce
        await until(pilot, lambda: showing(app, PersonScreen))
        assert app.screen.person_id == next(
            n.person_id for n in app.records.notes if "abusive" in n.text
        )
