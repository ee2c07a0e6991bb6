"""Weeks ahead (W): the planning screen, driven by Pilot on the demo team and checked in
the file; and the smaller defects of issue 13 that show in the TUI (the plan dialog's
warning, flags in the person and session views, the thank dialog's example, the
follow-up dates the dialogs start with).

The demo is dated so that ANCHOR, Friday 20 November 2026, is today.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from apphelpers import (
    ANCHOR,
    DayRow,
    demo_app,
    demo_copy,
    highlight,
    listed_rows,
    loaded,
    option_texts,
    palette_first_offers,
    paste,
    person_named,
    pilot_test,
    reload,
    screen_lines,
    settled,
    showing,
    sup,
    told,
    until,
)
from textual.widgets import Input, Static

from supervisor_tui.domain.entities import CANCELLED, PLANNED
from supervisor_tui.domain.planning import propose_month
from supervisor_tui.tui.dialogs.acknowledge import AcknowledgeScreen
from supervisor_tui.tui.dialogs.dialog import follow_up_default
from supervisor_tui.tui.dialogs.plan import PlanScreen
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.screens.person import PersonScreen
from supervisor_tui.tui.screens.planning import PlanningScreen
from supervisor_tui.tui.screens.session import SessionScreen
from supervisor_tui.tui.widgets.sectioned_list import SectionedList

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture
def db(tmp_path):
    return demo_copy(tmp_path)


def planned_sessions(db, handle: str):
    records = reload(db)
    person = person_named(records, handle)
    return [s for s in records.sessions if s.person_id == person.id and s.status == PLANNED]


async def preview_for(pilot, words: str) -> str:
    """The plan dialog's preview once it is about ``words`` (typed keys may be held
    until the dialog is drawn, and the preview follows the field)."""
    screen = pilot.app.screen
    field = screen.query_one(Input)
    preview = screen.query_one("#preview", Static)
    await until(pilot, lambda: field.value == words and str(preview.render()), what="the preview")
    return str(preview.render())


async def weeks_ahead(pilot) -> PlanningScreen:
    await loaded(pilot)
    await pilot.press("W")
    await until(pilot, lambda: showing(pilot.app, PlanningScreen))
    await until(pilot, lambda: pilot.app.screen.query_one(SectionedList).option_count > 0)
    return pilot.app.screen


def row_of(app, handle: str):
    person = person_named(app.records, handle)
    return next(r for r in listed_rows(app) if r.person_id == person.id)


# -- the screen -------------------------------------------------------------------------


@pilot_test
async def test_w_shows_four_weeks_with_everyone_once_and_flags_who_needs_a_session(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await weeks_ahead(pilot)
        lines = option_texts(app)
        titles = [line for line in lines if line.startswith("Week")]
        assert titles == [
            "Week 47 · 16–20 Nov (4)",
            "Week 48 · 23–27 Nov (0)",
            "Week 49 · 30 Nov – 4 Dec (2)",
            "Week 50 · 7–11 Dec (2)",
        ]
        assert lines[0] == "Overdue, nothing planned (2)"
        rows = listed_rows(app)
        assert sorted(r.person_id for r in rows) == sorted(
            p.id for p in app.records.active_people()
        )
        flagged = {app.records.person(r.person_id).handle for r in rows if r.flagged}
        # Äki and Fredrik overdue, Chloé and Hanna due this weekend with nothing planned,
        # Dawit planned ten days after his due date.
        assert flagged == {"aki", "fredrik", "chloe", "hanna", "dawit"}
        assert row_of(app, "dawit").what == "due Sun 22 Nov · planned 10 days late"
        assert row_of(app, "aki").what == "due Sat 14 Nov · proposed Mon 23 Nov 10:00"
        screen = screen_lines(app)
        assert screen[0].startswith(" Weeks ahead · 16 Nov – 11 Dec  ·  6 of 10 planned")
        assert "! 5 need a 1:1" in screen[0]
        assert screen[1].strip() == (
            "Month plan: 4 sessions, Mon 23 Nov – Tue 24 Nov (1 late)  ·  a accepts it"
        )
        # Nothing cut at 80 columns: every row ends before the edge.
        assert all(not line.rstrip().endswith("…") for line in screen)
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, DayScreen), what="DayScreen")


@pilot_test
async def test_weeks_ahead_opens_from_the_command_palette(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await palette_first_offers(pilot, "Weeks ahead")
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, PlanningScreen))


@pilot_test
async def test_p_plans_the_highlighted_person_and_the_row_moves_to_that_week(db):
    assert planned_sessions(db, "chloe") == []
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await weeks_ahead(pilot)
        await highlight(pilot, row_of(app, "chloe").key)
        await pilot.press("p")
        await until(pilot, lambda: showing(app, PlanScreen))
        await paste(pilot, "mon 14:00")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, PlanningScreen)
        row = row_of(app, "chloe")
        assert (row.when, row.flagged) == ("Mon 23 Nov 14:00", False)
        assert app.screen.query_one(SectionedList).current.key == row.key  # the cursor followed

    (session,) = planned_sessions(db, "chloe")
    assert session.planned_for == dt.datetime(2026, 11, 23, 14, 0, tzinfo=HELSINKI)


@pilot_test
async def test_p_on_a_planned_row_moves_the_session(db):
    (before,) = planned_sessions(db, "dawit")
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await weeks_ahead(pilot)
        await highlight(pilot, row_of(app, "dawit").key)
        await pilot.press("p")
        await until(pilot, lambda: showing(app, PlanScreen))
        await paste(pilot, "mon 9:00")
        await pilot.press("enter")
        await settled(pilot)
        assert not row_of(app, "dawit").flagged

    (after,) = planned_sessions(db, "dawit")
    assert after.id == before.id
    assert after.planned_for == dt.datetime(2026, 11, 23, 9, 0, tzinfo=HELSINKI)
    assert after.times_moved == before.times_moved + 1


@pilot_test
async def test_x_cancels_the_highlighted_planned_session_and_u_brings_it_back(db):
    (session,) = planned_sessions(db, "greta")
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await weeks_ahead(pilot)
        await highlight(pilot, row_of(app, "greta").key)
        await pilot.press("x")
        await settled(pilot)
        assert row_of(app, "greta").when == "not planned"
        assert next(s for s in reload(db).sessions if s.id == session.id).status == CANCELLED
        await pilot.press("u")
        await settled(pilot)
    assert planned_sessions(db, "greta") == [session]


@pilot_test
async def test_x_does_nothing_on_someone_with_nothing_planned(db):
    before = reload(db).sessions
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await weeks_ahead(pilot)
        await highlight(pilot, row_of(app, "aki").key)
        await pilot.press("x")
        await settled(pilot)
    assert set(reload(db).sessions) == set(before)


@pilot_test
async def test_a_accepts_the_month_plan_it_shows_in_one_write_and_u_undoes_it(db):
    before = reload(db).sessions
    proposals = propose_month(reload(db), ANCHOR)
    assert len(proposals) == 4
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await weeks_ahead(pilot)
        for p in proposals:  # shown before it is accepted
            assert (
                f"proposed {p.at:%a} {p.at.day} {p.at:%b %H:%M}"
                in row_of(app, p.person.handle).what
            )
        await pilot.press("a")
        await settled(pilot)
        assert not [r for r in listed_rows(app) if r.when == "not planned"]
        assert "No proposal" in str(app.screen.query_one("#proposal", Static).render())
        assert told(app)[-1].message == "Planned 4 coaching sessions."
        for p in proposals:
            (session,) = planned_sessions(db, p.person.handle)
            assert session.planned_for == p.at.replace(tzinfo=HELSINKI)
        await pilot.press("u")
        await settled(pilot)
    # Fredrik's session left from yesterday was moved, and is back where it was.
    assert set(reload(db).sessions) == set(before)


@pilot_test
async def test_the_planning_screen_keys_are_in_the_help(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await weeks_ahead(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one(Static).render())
        assert "Weeks ahead (planning)" in text
        assert "accept-month-plan" in text
        assert "weeks-ahead" in text


# -- the plan dialog warns past the due date ------------------------------------------------


@pytest.mark.parametrize(
    ("words", "warned"),
    [
        pytest.param("mon 10:00", False, id="monday-the-next-working-day"),
        pytest.param("tue 10:00", True, id="tuesday-past-the-due-date"),
    ],
)
@pilot_test
async def test_plan_dialog_warns_when_the_day_is_past_the_due_date(db, words, warned):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, DayRow("due", "chloe"))  # due Sun 22 Nov, nothing planned
        await pilot.press("p")
        await until(pilot, lambda: showing(app, PlanScreen))
        await paste(pilot, words)
        preview = await preview_for(pilot, words)
        assert ("after the due date, Sun 22 Nov" in preview) is warned
        await pilot.press("enter")
        await settled(pilot)
        assert ("after Chloé's due date" in told(app)[-1].message) is warned


# -- flags in the person and session views ---------------------------------------------------


@pilot_test
async def test_person_view_flags_a_win_waiting_as_long_as_the_day_view_does(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        day_row = await highlight(pilot, DayRow("win", "dawit"))  # four days old
        assert day_row.flagged
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, PersonScreen))
        await until(pilot, lambda: bool(listed_rows(app)))
        row = next(r for r in listed_rows(app) if r.key == day_row.key)
        assert row.flagged
        assert any(line.startswith("! ") and "win to thank" in line for line in option_texts(app))


@pilot_test
async def test_person_view_flags_a_suggestion_whose_promised_date_passed(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        day_row = await highlight(pilot, DayRow("suggestion", "anna"))  # promised by yesterday
        assert day_row.flagged
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, PersonScreen))
        await until(pilot, lambda: bool(listed_rows(app)))
        assert next(r for r in listed_rows(app) if r.key == day_row.key).flagged


@pilot_test
async def test_session_view_flags_the_waiting_win_as_the_day_view_does(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        day_row = await highlight(pilot, DayRow("win", "dawit"))
        await highlight(pilot, DayRow("due", "dawit"))
        await pilot.press("h")
        await until(pilot, lambda: showing(app, SessionScreen) and app.screen.ready)
        rows = [r for lst in app.screen.query(SectionedList) for r in lst.rows]
        assert next(r for r in rows if r.key == day_row.key).flagged


# -- the thank dialog's example -------------------------------------------------------------


@pilot_test
async def test_thank_dialog_example_names_the_person_and_the_win(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, DayRow("win", "dawit"))
        await pilot.press("a")
        await until(pilot, lambda: showing(app, AcknowledgeScreen))
        dawits = app.screen.query_one("#note", Input).placeholder
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, DayScreen), what="the day view")
        await highlight(pilot, DayRow("win", "ben"))
        await pilot.press("a")
        await until(pilot, lambda: showing(app, AcknowledgeScreen))
        bens = app.screen.query_one("#note", Input).placeholder
    assert dawits == "e.g. told Dawit at the huddle what “spotted the duplicate-charge…” meant"
    assert bens.startswith("e.g. told Ben at the huddle what “closed the escalated")
    assert dawits != bens


# -- follow-up dates the dialogs start with ------------------------------------------------


@pytest.mark.parametrize(
    ("today", "words"),
    [
        pytest.param("2026-11-20", "+2w", id="friday-two-weeks-on-is-a-friday"),
        pytest.param("2026-11-29", "2026-12-14", id="sunday-two-weeks-on-is-monday-after"),
        pytest.param("2026-11-28", "2026-12-14", id="saturday-two-weeks-on-is-monday-after"),
    ],
)
def test_follow_up_fields_start_on_a_working_day(today, words):
    assert follow_up_default(dt.date.fromisoformat(today)) == words


@pilot_test
async def test_new_agreement_dialog_on_a_sunday_starts_on_monday_not_sunday(db):
    from supervisor_tui.tui.dialogs.agreement import AgreementScreen
    from supervisor_tui.tui.dialogs.carry import CarryOverScreen

    sunday = ANCHOR + dt.timedelta(days=9)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        person = person_named(app.records, "anna")
        agreement = next(a for a in app.records.agreements if a.person_id == person.id)
        for dialog in (AgreementScreen(person, sunday), CarryOverScreen(agreement, sunday)):
            app.push_screen(dialog)
            await pilot.pause()
            assert dialog.query_one("#when", Input).value == "2026-12-14"
            assert "Mon 14 Dec" in str(dialog.query_one(".error", Static).render())
            await pilot.press("escape")
            await pilot.pause()


@pytest.mark.parametrize(
    ("words", "warned"),
    [
        pytest.param("mon 10:00", False, id="before-the-leave"),
        pytest.param("wed 10:00", True, id="a-day-of-the-leave"),
    ],
)
@pilot_test
async def test_plan_dialog_warns_when_the_day_falls_in_the_persons_leave(db, words, warned):
    await sup(db, "people", "leave", "chloe", "tue", "fri")  # Tue 24 – Fri 27 Nov
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, DayRow("due", "chloe"))
        await pilot.press("p")
        await until(pilot, lambda: showing(app, PlanScreen))
        await paste(pilot, words)
        preview = await preview_for(pilot, words)
        assert ("on leave that day (Tue 24 Nov – Fri 27 Nov)" in preview) is warned, preview
