"""The people keys of the TUI, on the demo team, checked against the file: enter on a held
1:1 reads its record (`e` exports it), E edits the person, A archives and brings back,
L puts on leave, + adds someone. The demo is dated so that ANCHOR (Fri 20 Nov) is today."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from apphelpers import (
    ANCHOR,
    DayRow,
    demo_app,
    demo_copy,
    first_row_where,
    footer_keys,
    highlight,
    listed_rows,
    loaded,
    palette_first_offers,
    person_named,
    pilot_test,
    reload,
    settled,
    showing,
    told,
    type_text,
    until,
)
from storehelpers import on_disk
from textual.widgets import Input, Markdown

from supervisor_tui.domain.entities import Note
from supervisor_tui.store import Store
from supervisor_tui.tui.dialogs.export import ExportScreen
from supervisor_tui.tui.dialogs.help import HelpScreen
from supervisor_tui.tui.dialogs.leave import LeaveScreen
from supervisor_tui.tui.dialogs.person import ArchiveScreen, PersonFormScreen
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.screens.person import PersonScreen
from supervisor_tui.tui.screens.record import SessionRecordScreen
from supervisor_tui.tui.widgets.sectioned_list import PAGE

HANNA_DUE = DayRow("due", "hanna")  # held a 1:1 a month ago; due in two days


@pytest.fixture
def db(tmp_path):
    return demo_copy(tmp_path)


async def open_hanna(pilot) -> PersonScreen:
    await loaded(pilot)
    await highlight(pilot, HANNA_DUE)
    await pilot.press("enter")
    app = pilot.app
    await until(pilot, lambda: showing(app, PersonScreen) and app.records_complete)
    await pilot.pause()
    return app.screen


async def clear(pilot, field: str) -> None:
    """Empty an input of the dialog on top, as the lead would: select all, delete."""
    box = pilot.app.screen.query_one(f"#{field}", Input)
    box.focus()
    await pilot.pause()
    box.value = ""
    await pilot.pause()


def markdown_text(app) -> str:
    return app.screen.query_one(Markdown).source


# -- reading a held 1:1 ------------------------------------------------------------------


@pilot_test
async def test_enter_on_a_held_1_1_opens_its_whole_record_and_escape_goes_back(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        person = await open_hanna(pilot)
        held = await first_row_where(pilot, lambda r: r.kind == "held_session")
        assert footer_keys(app)["enter"] == "Open"
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, SessionRecordScreen))
        await until(pilot, lambda: markdown_text(app) != "", what="the record drawn")
        text = markdown_text(app)
        session = held.record
        assert text.startswith("# Coaching session: Hanna Järvinen\n")
        assert f"Held on {session.held_on:%A} {session.held_on.day} " in text
        for item, notes in session.notes:
            assert f"## {item}" in text
            if notes.strip():
                assert notes.splitlines()[0].strip() in text
        assert "## What we agreed" in text
        assert set(footer_keys(app).values()) >= {"Export", "Back"}
        await pilot.press("down", "down", "j")
        await pilot.press("escape")
        assert app.screen is person


@pilot_test
async def test_a_person_view_closed_mid_redraw_leaves_the_app_running(db):
    """Textual may still ask a closing screen which keys apply (its footer redraws after
    the screen's list is gone): the screen has no row then, and nothing fails."""
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        person = await open_hanna(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, DayScreen), what="the day view")
        assert person.current is None
        assert "enter" not in person.active_bindings
        await pilot.press("question_mark")
        await until(pilot, lambda: showing(app, HelpScreen), what="the keys")


@pilot_test
async def test_enter_on_a_row_that_is_no_held_1_1_opens_nothing(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        person = await open_hanna(pilot)
        await first_row_where(pilot, lambda r: r.kind == "note")
        assert "enter" not in footer_keys(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is person


@pilot_test
async def test_e_exports_the_record_to_a_private_markdown_file_and_says_where(
    db, tmp_path, monkeypatch
):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_hanna(pilot)
        held = await first_row_where(pilot, lambda r: r.kind == "held_session")
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, SessionRecordScreen))
        await until(pilot, lambda: markdown_text(app) != "", what="the record drawn")
        shown = markdown_text(app)
        await pilot.press("e")
        await until(pilot, lambda: showing(app, ExportScreen))
        target = home / "Documents" / f"hanna-1on1-{held.record.held_on.isoformat()}.md"
        assert app.screen.query_one("#path", Input).value == str(target)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, SessionRecordScreen)
        assert told(app)[-1].message == f"Wrote the record to {target} (only you can read it)."
        # Again: the first file is never replaced; the next name is proposed.
        await pilot.press("e")
        await until(pilot, lambda: showing(app, ExportScreen))
        second = target.with_name(target.stem + "-2.md")
        assert app.screen.query_one("#path", Input).value == str(second)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, ExportScreen), "refused: the dialog stays, as typed"
        assert "exists already" in str(app.screen.query_one("#dialog-status").render())

    assert target.read_text() == shown
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not second.exists()


# -- E: edit the person ------------------------------------------------------------------


@pilot_test
async def test_E_renames_and_changes_the_cadence_and_u_undoes_it(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_hanna(pilot)
        await pilot.press("E")
        await until(pilot, lambda: showing(app, PersonFormScreen))
        assert app.screen.query_one("#name", Input).value == "Hanna Järvinen"
        await clear(pilot, "name")
        await type_text(pilot, "Hanna Mäki")
        await clear(pilot, "every")
        await type_text(pilot, "2w")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert told(app)[-1].message == (
            'Updated Hanna Järvinen: name "Hanna Mäki", coached every 14 days.'
        )
        hanna = person_named(reload(db), "hanna")
        assert (hanna.name, hanna.cadence_days) == ("Hanna Mäki", 14)
        await pilot.press("u")
        await settled(pilot)

    hanna = person_named(reload(db), "hanna")
    assert (hanna.name, hanna.cadence_days) == ("Hanna Järvinen", 30)


@pilot_test
async def test_E_refuses_a_taken_handle_and_keeps_what_was_typed(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_hanna(pilot)
        before = on_disk(db)
        await pilot.press("E")
        await until(pilot, lambda: showing(app, PersonFormScreen))
        await clear(pilot, "handle")
        await type_text(pilot, "anna")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, PersonFormScreen)
        status = str(app.screen.query_one("#dialog-status").render())
        assert "@anna is taken by Anna Virtanen" in status
        assert app.screen.query_one("#handle", Input).value == "anna"
    assert on_disk(db) == before


# -- A: archive and bring back -----------------------------------------------------------


@pilot_test
async def test_A_archives_after_asking_and_A_again_brings_them_back(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_hanna(pilot)
        await pilot.press("A")
        await until(pilot, lambda: showing(app, ArchiveScreen))
        await pilot.press("escape")  # asked first: Esc changes nothing
        assert not person_named(reload(db), "hanna").archived
        await pilot.press("A")
        await until(pilot, lambda: showing(app, ArchiveScreen))
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert person_named(reload(db), "hanna").archived
        assert "archived" in str(app.screen.query_one("#summary").render())
        await pilot.press("A")  # no question to bring someone back
        await settled(pilot)
        assert not person_named(reload(db), "hanna").archived
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, DayScreen))
        assert any(r.who == "Hanna Järvinen" for r in listed_rows(app))


# -- L: leave ------------------------------------------------------------------------------


@pilot_test
async def test_L_puts_hanna_on_leave_for_two_weeks_and_she_drops_out_of_due(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_hanna(pilot)
        await pilot.press("L")
        await until(pilot, lambda: showing(app, LeaveScreen))
        await type_text(pilot, "+2w")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, PersonScreen)
        summary = str(app.screen.query_one("#summary").render())
        assert "on leave until Fri 4 Dec" in summary
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, DayScreen))
        await pilot.pause()
        assert not any(r.kind == "due" and r.who == "Hanna Järvinen" for r in listed_rows(app))

    records = reload(db)
    hanna = person_named(records, "hanna")
    (leave,) = [lv for lv in records.leaves if lv.person_id == hanna.id]
    assert (leave.starts_on, leave.ends_on) == (ANCHOR, ANCHOR + dt.timedelta(days=14))


@pilot_test
async def test_L_with_from_emptied_calls_the_leave_off(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_hanna(pilot)
        await pilot.press("L")
        await until(pilot, lambda: showing(app, LeaveScreen))
        await type_text(pilot, "fri")
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("L")
        await until(pilot, lambda: showing(app, LeaveScreen))
        assert app.screen.query_one("#to", Input).value == "2026-11-27"
        await clear(pilot, "from")
        await clear(pilot, "to")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert told(app)[-1].message.endswith("is called off.")
    assert reload(db).leaves == ()


@pilot_test
async def test_L_refuses_an_end_before_the_start_and_saves_nothing(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_hanna(pilot)
        before = on_disk(db)
        await pilot.press("L")
        await until(pilot, lambda: showing(app, LeaveScreen))
        await type_text(pilot, "yesterday")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LeaveScreen)
        assert "ends on or after" in str(app.screen.query_one("#error").render())
    assert on_disk(db) == before


# -- +: add someone --------------------------------------------------------------------------


@pilot_test
async def test_plus_adds_a_person_and_a_name_on_the_team_is_said_first(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        team = len(reload(db).people)
        await pilot.press("plus")
        await until(pilot, lambda: showing(app, PersonFormScreen))
        await type_text(pilot, "anna virtanen")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonFormScreen), "asked first"
        assert "already on the team" in str(app.screen.query_one("#error").render())
        assert len(reload(db).people) == team
        await pilot.press("enter")  # a second Enter: yes, another Anna Virtanen
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)
        assert told(app)[-1].message == "Added anna virtanen (@annav), coached every 30 days."

    added = person_named(reload(db), "annav")
    assert (added.started_on, added.cadence_days) == (ANCHOR, 30)


@pilot_test
async def test_the_palette_offers_add_person_on_the_day_view(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await palette_first_offers(pilot, "Add person")
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, PersonFormScreen))


@pilot_test
async def test_E_and_enter_without_a_change_closes_and_writes_nothing(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_hanna(pilot)
        before = on_disk(db)
        await pilot.press("E")
        await until(pilot, lambda: showing(app, PersonFormScreen))
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert told(app)[-1].message == "No change to Hanna Järvinen."
    assert on_disk(db) == before


@pilot_test
async def test_a_long_timeline_lists_its_newest_rows_and_the_rest_on_enter(db):
    # Years of notes about Hanna: the view opens with the newest 200 (laying out 4,000
    # rows took over a second), says how many more there are, and Enter lists them.
    hanna = person_named(reload(db), "hanna")
    start = dt.datetime(2020, 1, 6, 9, 0, tzinfo=dt.UTC)
    old = [Note(0, hanna.id, f"old note {n}", start + dt.timedelta(days=n)) for n in range(250)]
    with Store(db).transaction() as txn:
        txn.add_many(old)
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_hanna(pilot)
        rows = screen.query_one("#rows")

        def timeline() -> list:
            return [r for r in listed_rows(app) if r.key.startswith("t-")]

        texts = [o.prompt.plain for o in rows.options]
        (title,) = [t for t in texts if t.startswith("Timeline (")]
        total = int(title.removeprefix("Timeline (").rstrip(")"))  # every entry, counted
        assert PAGE + 50 <= total <= 2 * PAGE
        assert len(timeline()) == PAGE
        assert texts[-1] == f"  … {total - PAGE:,} more · Enter lists the next {total - PAGE}"

        await pilot.press("end")  # onto the "more" line: Enter lists them
        assert "enter" in footer_keys(app)
        await pilot.press("enter")
        await until(pilot, lambda: len(timeline()) == total, what="the rest listed")
        assert timeline()[-1].what == "old note 0"  # the oldest, last
        assert rows.highlighted == len(texts) - 1  # on the first row just listed
