"""Pictures of every screen on the demo team, at 80x24 (SSH) and at a roomy 120x40.

Today is frozen at ANCHOR and the demo copy is fresh for each test, so the
pictures change only when the screens do. Regenerate after an intended change:

    .venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update

and look at the SVGs under tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from apphelpers import (
    DayRow,
    demo_app,
    demo_copy,
    highlight,
    listed_rows,
    loaded,
    open_session,
    paste,
    settled,
    showing,
    told,
    type_text,
    until,
)
from textual.pilot import Pilot
from textual.widgets import Markdown

from supervisor_tui.tui.dialogs.acknowledge import AcknowledgeScreen
from supervisor_tui.tui.dialogs.answer import AnswerScreen
from supervisor_tui.tui.dialogs.capture import CaptureScreen
from supervisor_tui.tui.dialogs.help import HelpScreen
from supervisor_tui.tui.dialogs.leave import LeaveScreen
from supervisor_tui.tui.dialogs.person import PersonFormScreen
from supervisor_tui.tui.dialogs.plan import PlanScreen
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.screens.person import PersonScreen
from supervisor_tui.tui.screens.planning import PlanningScreen
from supervisor_tui.tui.screens.record import SessionRecordScreen
from supervisor_tui.tui.screens.report import ReportScreen
from supervisor_tui.tui.screens.session import SessionScreen
from supervisor_tui.tui.widgets.sectioned_list import SectionedList

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

Steps = Callable[[Pilot], Awaitable[None]]


def steady_cursors(pilot: Pilot) -> None:
    """Stop the cursors blinking, so that a picture shows them whenever it is taken.

    A text area keeps each line as it was drawn, cursor hidden or not: stop the
    blinking before typing into one, not only before the picture.
    """
    for field in pilot.app.screen.query("Input, TextArea"):
        field.cursor_blink = False


@pytest.fixture
def picture(snap_compare, tmp_path):
    """Take a picture of the app after ``steps``, checking the expected screen is on top."""

    def take(size: tuple[int, int], screen: type, steps: Steps | None = None) -> bool:
        async def run_before(pilot: Pilot) -> None:
            await loaded(pilot)
            if steps is not None:
                await steps(pilot)
            steady_cursors(pilot)
            await pilot.pause()
            assert type(pilot.app.screen) is screen, pilot.app.screen
            assert not told(pilot.app), "a notification would make the picture flaky"

        return snap_compare(
            demo_app(demo_copy(tmp_path)), terminal_size=size, run_before=run_before
        )

    return take


@pytest.mark.parametrize("size", SIZES)
def test_day_view_lists_the_five_sections_of_the_demo_day(picture, size):
    assert picture(size, DayScreen)


@pytest.mark.parametrize("size", SIZES)
def test_person_view_shows_annas_summary_open_items_and_timeline(picture, size):
    async def open_anna(pilot: Pilot) -> None:
        await highlight(pilot, DayRow("session", "anna"))  # Anna's 1:1 today
        await pilot.press("enter")

    assert picture(size, PersonScreen, open_anna)


@pytest.mark.parametrize("size", SIZES)
def test_capture_bar_shows_the_typed_line_over_the_day_view(picture, size):
    async def capture(pilot: Pilot) -> None:
        await pilot.press("c")
        await type_text(pilot, "win @an")
        await paste(pilot, "na stayed calm with a furious caller")

    assert picture(size, CaptureScreen, capture)


@pytest.mark.parametrize("size", SIZES)
def test_help_lists_every_key(picture, size):
    async def help_(pilot: Pilot) -> None:
        await pilot.press("question_mark")

    assert picture(size, HelpScreen, help_)


@pytest.mark.parametrize("size", SIZES)
def test_acknowledge_dialog_for_dawits_win(picture, size):
    async def acknowledge(pilot: Pilot) -> None:
        await highlight(pilot, DayRow("win", "dawit"))
        await pilot.press("a")

    assert picture(size, AcknowledgeScreen, acknowledge)


@pytest.mark.parametrize("size", SIZES)
def test_answer_dialog_for_gretas_suggestion_with_decline_chosen(picture, size):
    async def answer(pilot: Pilot) -> None:
        await highlight(pilot, DayRow("suggestion", "greta"))
        await pilot.press("r", "down")

    assert picture(size, AnswerScreen, answer)


@pytest.mark.parametrize("size", SIZES)
def test_plan_dialog_previews_the_date_words_for_moving_dawits_session(picture, size):
    async def plan(pilot: Pilot) -> None:
        await highlight(pilot, DayRow("due", "dawit"))
        await pilot.press("p")
        await paste(pilot, "tue 10:00")

    assert picture(size, PlanScreen, plan)


@pytest.mark.parametrize("size", SIZES)
def test_session_view_walks_annas_agenda_with_last_times_agreements_first(picture, size):
    async def hold_anna(pilot: Pilot) -> None:
        await open_session(pilot, "anna")  # Anna's 1:1 today
        await pilot.press("x", "tab")  # the shift plan is done; on to the notes
        steady_cursors(pilot)
        await paste(pilot, "Shift plan sent on Friday.")
        await until(pilot, lambda: "Shift plan sent" in getattr(pilot.app.focused, "text", ""))
        await settled(pilot)

    assert picture(size, SessionScreen, hold_anna)


@pytest.mark.parametrize("size", SIZES)
def test_held_session_record_shows_annas_last_1_1_as_the_markdown_says_it(picture, size):
    async def read_last_1_1(pilot: Pilot) -> None:
        await highlight(pilot, DayRow("session", "anna"))  # Anna's 1:1 today
        await pilot.press("enter")
        app = pilot.app
        await until(pilot, lambda: showing(app, PersonScreen) and app.records_complete)
        await pilot.pause()
        held = next(r for r in app.screen.query_one(SectionedList).rows if r.kind == "held_session")
        await highlight(pilot, held.key)
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, SessionRecordScreen))
        await until(pilot, lambda: app.screen.query_one(Markdown).source != "")
        await pilot.pause()

    assert picture(size, SessionRecordScreen, read_last_1_1)


def test_edit_person_dialog_over_annas_view(picture):
    async def edit_anna(pilot: Pilot) -> None:
        await highlight(pilot, DayRow("session", "anna"))
        await pilot.press("enter", "E")
        await until(pilot, lambda: showing(pilot.app, PersonFormScreen))

    assert picture((80, 24), PersonFormScreen, edit_anna)


def test_leave_dialog_previews_two_weeks_for_hanna(picture):
    async def leave(pilot: Pilot) -> None:
        await highlight(pilot, DayRow("due", "hanna"))
        await pilot.press("enter", "L")
        await until(pilot, lambda: showing(pilot.app, LeaveScreen))
        await type_text(pilot, "+2w")

    assert picture((80, 24), LeaveScreen, leave)


@pytest.mark.parametrize("size", SIZES)
def test_planning_screen_shows_four_weeks_with_the_month_plan_proposed(picture, size):
    async def weeks_ahead(pilot: Pilot) -> None:
        await pilot.press("W")
        await until(pilot, lambda: showing(pilot.app, PlanningScreen))
        await highlight(pilot, next(r.key for r in listed_rows(pilot.app) if "proposed" in r.what))

    assert picture(size, PlanningScreen, weeks_ahead)


@pytest.mark.parametrize("size", SIZES)
def test_report_view_shows_the_months_figures_the_team_and_the_trend(picture, size):
    async def report(pilot: Pilot) -> None:
        await pilot.press("m")
        await until(
            pilot,
            lambda: getattr(pilot.app.screen, "report", None) is not None,
            what="the month's figures",
        )

    assert picture(size, ReportScreen, report)


@pytest.mark.parametrize("size", SIZES)
def test_report_view_steps_back_to_the_summer(picture, size):
    async def august(pilot: Pilot) -> None:
        await pilot.press("m", "left_square_bracket", "left_square_bracket", "left_square_bracket")
        await until(
            pilot,
            lambda: (
                getattr(getattr(pilot.app.screen, "report", None), "month", None)
                == pilot.app.screen.month
            ),
            what="August's figures",
        )

    assert picture(size, ReportScreen, august)


@pytest.mark.parametrize("size", SIZES[:1])
def test_session_view_shows_annas_goals_with_their_trend_and_this_months_value(picture, size):
    async def enter_value(pilot: Pilot) -> None:
        from supervisor_tui.tui.widgets.agenda import AgendaItem

        screen = await open_session(pilot, "anna")
        goals = next(i for i in screen.query(AgendaItem) if "goals" in i.item)
        goals.notes_area.focus()
        await pilot.press("up")  # onto the goals
        rows = goals.rows
        key = next(r.key for r in rows.rows if r.who == "Handling time")
        rows.highlighted = rows.get_option_index(key)
        await pilot.press("v", *"295", "enter")
        await until(pilot, lambda: type(pilot.app.screen) is SessionScreen)
        await settled(pilot)

    assert picture(size, SessionScreen, enter_value)


@pytest.mark.parametrize("size", SIZES)
def test_search_lists_what_mentions_the_second_screen(picture, size):
    from supervisor_tui.tui.screens.search import SearchScreen

    async def steps(pilot: Pilot) -> None:
        app = pilot.app
        await until(pilot, lambda: app.records_complete, what="the whole history")
        await pilot.press("slash")
        await type_text(pilot, "second screen")
        await until(pilot, lambda: app.screen.shown_for == "second screen", what="the results")

    assert picture(size, SearchScreen, steps)


@pytest.mark.parametrize("size", SIZES)
def test_edit_dialog_for_akis_win_from_yesterday(picture, size):
    from supervisor_tui.tui.dialogs.correct import EditScreen

    async def steps(pilot: Pilot) -> None:
        await highlight(pilot, DayRow("win", "aki"))
        await pilot.press("e")
        await until(pilot, lambda: showing(pilot.app, EditScreen))

    assert picture(size, EditScreen, steps)
