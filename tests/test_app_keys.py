"""Every key of the TUI, driven by Pilot on the demo team, checked against the file.

Each action is checked by reading the database again with a fresh `Store`, so a
test passes only if the change really reached the file (and undo really left it).
The demo is dated so that ANCHOR, Friday 20 November 2026, is today.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from apphelpers import (
    ANCHOR,
    DayRow,
    current_row,
    days,
    demo_app,
    demo_copy,
    drawn,
    first_row_where,
    footer_keys,
    highlight,
    listed_rows,
    loaded,
    open_session,
    option_texts,
    paste,
    person_named,
    pilot_test,
    reload,
    screen_lines,
    section_of_highlight,
    settled,
    showing,
    told,
    type_text,
    until,
)
from storehelpers import on_disk
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Static

from supervisor_tui.domain.entities import (
    DECLINED,
    IN_PROGRESS,
    OPEN,
    PLANNED,
    Agreement,
    Note,
    Suggestion,
    Win,
)
from supervisor_tui.store.config import Config
from supervisor_tui.tui.dialogs.acknowledge import AcknowledgeScreen
from supervisor_tui.tui.dialogs.answer import AnswerScreen
from supervisor_tui.tui.dialogs.capture import CaptureScreen
from supervisor_tui.tui.dialogs.help import HelpScreen
from supervisor_tui.tui.dialogs.plan import PlanScreen
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.screens.person import PersonScreen
from supervisor_tui.tui.widgets.footer import KeysFooter

HELSINKI = ZoneInfo("Europe/Helsinki")

# Rows of the demo on its anchor day, looked up in each test's own copy.
DAWITS_WIN = DayRow("win", "dawit")  # four days old, flagged
GRETAS_SUGGESTION = DayRow("suggestion", "greta")  # open, nine days old
JONIS_SUGGESTION = DayRow("suggestion", "joni")  # open, from yesterday
ANNAS_FOLLOW_UP = DayRow("agreement", "anna", "shift plan")  # due today, the lead's
CHLOE_DUE = DayRow("due", "chloe")  # never coached, nothing planned
DAWIT_DUE = DayRow("due", "dawit")  # planned only for Wed 2 Dec, past his cadence


@pytest.fixture
def db(tmp_path):
    return demo_copy(tmp_path)


def by_id(records, group: str, record_id: int):
    return next(r for r in getattr(records, group) if r.id == record_id)


# -- acknowledging a win --------------------------------------------------------------


@pilot_test
async def test_a_on_a_win_acknowledges_it_by_message_with_a_note_in_the_file(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, DAWITS_WIN)
        await pilot.press("a")
        await until(pilot, lambda: showing(app, AcknowledgeScreen), what="the dialog")
        await pilot.press("down", "tab")  # "message", then to the note
        await paste(pilot, "said thanks in chat")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)
        assert row.key not in {r.key for r in listed_rows(app)}

    win = by_id(reload(db), "wins", row.record.id)
    assert win.acknowledged_on == ANCHOR
    assert win.acknowledged_how == "message"
    assert win.ack_note == "said thanks in chat"


@pilot_test
@pytest.mark.parametrize("dialog", ["acknowledge", "answer"])
async def test_words_typed_on_the_choices_before_tab_go_to_the_text_after_them(db, dialog):
    # A lead types the note straight away, "q" and all, without Tab first.
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        if dialog == "acknowledge":
            row = await highlight(pilot, DAWITS_WIN)
            await pilot.press("a")
            await until(pilot, lambda: showing(app, AcknowledgeScreen), what="the dialog")
        else:
            row = await highlight(pilot, GRETAS_SUGGESTION)
            await pilot.press("r")
            await until(pilot, lambda: showing(app, AnswerScreen), what="the dialog")
        await pilot.press("down")  # message / decline
        await type_text(pilot, "quick word, then Enter")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)
    if dialog == "acknowledge":
        win = by_id(reload(db), "wins", row.record.id)
        assert (win.acknowledged_how, win.ack_note) == ("message", "quick word, then Enter")
    else:
        suggestion = by_id(reload(db), "suggestions", row.record.id)
        assert suggestion.decision == DECLINED
        assert suggestion.response == "quick word, then Enter"


@pilot_test
async def test_back_in_a_field_already_written_the_next_key_adds_to_it(db):
    # "In progress" wants a date: Enter is refused and the date field takes the focus.
    # shift+Tab back to the response and a key more: added at the end, not typed over
    # the whole response (a field selects all its text when it gets the focus).
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, GRETAS_SUGGESTION)
        await pilot.press("r")
        await until(pilot, lambda: showing(app, AnswerScreen), what="the dialog")
        await pilot.press("down", "down", "tab")  # in progress, then the response
        await type_text(pilot, "asking WFM")
        await pilot.press("enter")  # no date yet: refused
        response = app.screen.query_one("#response", Input)
        later = app.screen.query_one("#later", Input)
        await until(pilot, lambda: app.focused is later, what="the date field")
        await pilot.press("shift+tab")
        assert app.focused is response
        await type_text(pilot, " and HR")
        assert response.value == "asking WFM and HR"
        await pilot.press("tab", *"fri", "enter")
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)
    suggestion = by_id(reload(db), "suggestions", row.record.id)
    assert suggestion.response == "asking WFM and HR"


@pilot_test
async def test_escape_in_the_acknowledge_dialog_changes_nothing(db):
    before = on_disk(db)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, DAWITS_WIN)
        await pilot.press("a", "down", "escape")
        await until(pilot, lambda: showing(app, DayScreen), what="DayScreen")
        assert row.key in {r.key for r in listed_rows(app)}
    assert on_disk(db) == before


# -- answering a suggestion ----------------------------------------------------------


@pilot_test
async def test_r_declines_a_suggestion_with_the_response_in_the_file(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, GRETAS_SUGGESTION)
        await pilot.press("r")
        await until(pilot, lambda: showing(app, AnswerScreen), what="AnswerScreen")
        await pilot.press("down", "enter")  # "Decline", then on to the response
        await paste(pilot, "the QA tool cannot show comments before spring")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)

    suggestion = by_id(reload(db), "suggestions", row.record.id)
    assert suggestion.decision == DECLINED
    assert suggestion.response == "the QA tool cannot show comments before spring"
    assert suggestion.answered_on == ANCHOR


@pilot_test
async def test_declining_without_a_response_shows_an_inline_error_and_writes_nothing(db):
    before = on_disk(db)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, GRETAS_SUGGESTION)
        await pilot.press("r", "down", "enter", "enter")  # decline, empty response, save
        assert isinstance(app.screen, AnswerScreen), "the dialog must stay open"
        error = str(app.screen.query_one("#error", Static).content)
        assert "decline needs a response" in error.lower()
    assert on_disk(db) == before


@pilot_test
async def test_r_in_progress_saves_the_come_back_date(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, JONIS_SUGGESTION)
        await pilot.press("r", "down", "down", "enter")  # "In progress", then the response
        await paste(pilot, "asking WFM whether buddies fit the rota")
        await pilot.press("tab")  # to "Come back by"
        await type_text(pilot, "+1w")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)

    suggestion = by_id(reload(db), "suggestions", row.record.id)
    assert suggestion.decision == IN_PROGRESS
    assert suggestion.response == "asking WFM whether buddies fit the rota"
    assert suggestion.come_back_by == ANCHOR + days(7)


# -- planning a session ---------------------------------------------------------------


@pilot_test
async def test_p_plans_a_first_session_for_someone_never_coached(db):
    chloe = person_named(reload(db), "chloe")
    assert not [s for s in reload(db).sessions if s.person_id == chloe.id]
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, CHLOE_DUE)
        await pilot.press("p")
        await until(pilot, lambda: showing(app, PlanScreen), what="PlanScreen")
        await type_text(pilot, "tue 10:00")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)

    sessions = [s for s in reload(db).sessions if s.person_id == chloe.id]
    assert len(sessions) == 1
    assert sessions[0].status == PLANNED
    assert sessions[0].planned_for == dt.datetime(2026, 11, 24, 10, 0, tzinfo=HELSINKI)
    assert sessions[0].times_moved == 0


@pilot_test
async def test_p_on_a_planned_session_moves_it_and_counts_the_move(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, DAWIT_DUE)
        planned = row.record
        assert planned.planned_for.date() == dt.date(2026, 12, 2)
        await pilot.press("p")
        await paste(pilot, "mon 14:00")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)

    session = by_id(reload(db), "sessions", planned.id)
    assert session.planned_for == dt.datetime(2026, 11, 23, 14, 0, tzinfo=HELSINKI)
    assert session.times_moved == planned.times_moved + 1


# -- marking a follow-up done ---------------------------------------------------------


@pilot_test
async def test_d_marks_the_follow_up_done_today(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, ANNAS_FOLLOW_UP)
        await pilot.press("d")
        await settled(pilot)
        assert row.key not in {r.key for r in listed_rows(app)}

    assert by_id(reload(db), "agreements", row.record.id).done_on == ANCHOR


@pilot_test
async def test_x_cancels_a_session_never_recorded_and_u_brings_it_back(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await first_row_where(pilot, lambda r: r.kind == "session" and r.flagged)
        await pilot.press("x")
        await settled(pilot)
        assert row.key not in {r.key for r in listed_rows(app)}
        assert by_id(reload(db), "sessions", row.record.id).status == "cancelled"
        await pilot.press("u")
        await settled(pilot)
        assert row.key in {r.key for r in listed_rows(app)}
    assert by_id(reload(db), "sessions", row.record.id).status == "planned"


@pilot_test
async def test_row_keys_do_nothing_on_rows_they_do_not_apply_to(db):
    before = on_disk(db)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, CHLOE_DUE)
        for key in ("a", "r", "d", "x"):
            await pilot.press(key)
            assert isinstance(app.screen, DayScreen), f"{key} opened {app.screen}"
    assert on_disk(db) == before


# -- the capture bar ------------------------------------------------------------------


@pilot_test
async def test_capture_bar_saves_a_win_and_the_day_view_shows_it_at_once(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await until(pilot, lambda: showing(app, CaptureScreen), what="CaptureScreen")
        await paste(pilot, "win @anna calmed the outage queue")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)
        # No pause for the poll timer: the view redraws from the save itself.
        assert any("calmed the outage queue" in line for line in option_texts(app))

    records = reload(db)
    anna = person_named(records, "anna")
    (win,) = [w for w in records.wins if w.text == "calmed the outage queue"]
    assert win.person_id == anna.id
    assert win.happened_on == ANCHOR
    assert win.acknowledged_on is None


@pilot_test
async def test_the_capture_bar_looks_the_same_before_and_after_another_dialog_opened(db):
    # Dialogs' stylesheets apply to every screen once read: read as each dialog first
    # opened, the capture bar changed its look after the first other dialog.
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, CHLOE_DUE)

        async def capture_bar() -> str:
            await pilot.press("c")
            await until(pilot, lambda: showing(app, CaptureScreen), what="the capture bar")
            app.screen.query_one(Input).cursor_blink = False
            await pilot.pause()
            picture = app.export_screenshot()
            await pilot.press("escape")
            await until(pilot, lambda: showing(app, DayScreen), what="the day view")
            return picture

        before = await capture_bar()
        await pilot.press("p")
        await until(pilot, lambda: showing(app, PlanScreen), what="the plan dialog")
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, DayScreen), what="the day view")
        assert await capture_bar() == before


@pilot_test
async def test_capture_with_an_unknown_person_shows_an_error_keeps_the_text_writes_nothing(db):
    before = on_disk(db)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await paste(pilot, "win @zed handled it")
        await pilot.press("enter")
        assert isinstance(app.screen, CaptureScreen), "the bar must stay open"
        assert app.screen.query_one("#line", Input).value == "win @zed handled it"
        error = str(app.screen.query_one("#error", Static).content)
        assert 'No one called "zed"' in error
    assert on_disk(db) == before


@pilot_test
async def test_tab_completes_the_person_in_the_capture_bar(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await type_text(pilot, "win @ann")
        line = app.screen.query_one("#line", Input)
        # The suggester answers in a worker; wait for the grey completion to show.
        await until(pilot, lambda: drawn(app, line).startswith("win @anna"), what="the completion")
        assert line.value == "win @ann"
        await pilot.press("tab")
        assert line.value == "win @anna "
        assert line.has_focus, "tab must complete, not leave the field"


@pilot_test
async def test_right_arrow_completes_the_kind_word(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await type_text(pilot, "ide")
        line = app.screen.query_one("#line", Input)
        await until(pilot, lambda: drawn(app, line).startswith("idea"), what="the completion")
        assert line.value == "ide"
        await pilot.press("right")
        assert line.value == "idea "


# -- undo -----------------------------------------------------------------------------


@pilot_test
async def test_u_undoes_an_acknowledgement_in_the_file(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, DAWITS_WIN)
        before = by_id(reload(db), "wins", row.record.id)
        await pilot.press("a", "enter")
        await settled(pilot)
        assert by_id(reload(db), "wins", row.record.id).acknowledged_on == ANCHOR
        await pilot.press("u")
        await settled(pilot)
        assert row.key in {r.key for r in listed_rows(app)}

    assert by_id(reload(db), "wins", row.record.id) == before


@pilot_test
async def test_u_undoes_a_capture_so_the_file_no_longer_holds_it(db):
    wins_before = reload(db).wins
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await paste(pilot, "win @ben kept the queue moving")
        await pilot.press("enter")
        await settled(pilot)
        assert len(reload(db).wins) == len(wins_before) + 1
        await pilot.press("u")
        await settled(pilot)
        assert not any("kept the queue moving" in line for line in option_texts(app))

    assert reload(db).wins == wins_before


# -- moving around --------------------------------------------------------------------


@pilot_test
async def test_tab_and_shift_tab_jump_between_sections(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert section_of_highlight(app) == "sessions"
        visited = []
        for _ in range(4):
            await pilot.press("tab")
            visited.append((section_of_highlight(app), current_row(app).kind))
        assert visited == [
            ("due", "due"),
            ("suggestions", "suggestion"),
            ("wins", "win"),
            ("follow_ups", "follow_up"),
        ]
        await pilot.press("tab")  # past the last section, back to the first
        assert section_of_highlight(app) == "sessions"
        await pilot.press("shift+tab")
        assert (section_of_highlight(app), current_row(app).kind) == ("follow_ups", "follow_up")
        await pilot.press("shift+tab")
        assert (section_of_highlight(app), current_row(app).kind) == ("wins", "win")


@pilot_test
async def test_j_k_and_arrows_move_one_row_skipping_section_titles(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        order = [r.key for r in listed_rows(app)]
        assert current_row(app).key == order[0]
        for step, key in enumerate(("j", "j", "down"), start=1):
            await pilot.press(key)
            assert current_row(app).key == order[step]
        # order[3] is the first due row: its section title is skipped both ways.
        assert section_of_highlight(app) == "due"
        await pilot.press("k")
        assert current_row(app).key == order[2]
        await pilot.press("up")
        assert current_row(app).key == order[1]


@pilot_test
async def test_slash_finds_a_person_by_name_and_enter_opens_them(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        ben = person_named(app.records, "ben")
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await type_text(pilot, "ben")
        await pilot.press("enter")  # the person comes first, before what mentions them
        await until(pilot, lambda: showing(app, PersonScreen))
        assert app.screen.person_id == ben.id
        await pilot.press("escape", "escape")
        await until(pilot, lambda: showing(app, DayScreen), what="DayScreen")


@pilot_test
async def test_enter_opens_the_person_of_the_highlighted_row_and_escape_goes_back(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, GRETAS_SUGGESTION)
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, PersonScreen), what="the person")
        assert app.screen.person_id == row.person_id
        summary = str(app.screen.query_one("#summary", Static).content)
        assert "Greta Korhonen" in summary
        assert "@greta" in summary
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, DayScreen), what="the day view")


# -- the person view ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "kind", "group", "record_type"),
    [
        ("w", "win", "wins", Win),
        ("i", "idea", "suggestions", Suggestion),
        ("n", "note", "notes", Note),
        ("t", "todo", "agreements", Agreement),
    ],
)
@pilot_test
async def test_person_view_capture_keys_prefill_the_person_and_save_for_them(
    db, key, kind, group, record_type
):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await first_row_where(pilot, lambda r: r.who == "Ben Lindqvist")
        await pilot.press("enter", key)
        await until(pilot, lambda: showing(app, CaptureScreen), what="the bar")
        line = app.screen.query_one("#line", Input)
        assert line.value == f"{kind} @ben "
        await paste(pilot, "from the person view")
        await pilot.press("enter")
        await settled(pilot)
        await until(pilot, lambda: showing(app, PersonScreen), what="the person")
        await until(pilot, lambda: any("from the person view" in s for s in option_texts(app)))

    (saved,) = [r for r in getattr(reload(db), group) if r.text == "from the person view"]
    assert isinstance(saved, record_type)
    assert saved.person_id == row.person_id


@pilot_test
async def test_person_view_a_and_d_act_on_its_open_items(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await first_row_where(pilot, lambda r: r.who == "Ben Lindqvist")
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, PersonScreen), what="PersonScreen")
        win = await first_row_where(pilot, lambda r: r.kind == "win")
        await pilot.press("a", "down", "down", "enter")  # "team meeting"
        await settled(pilot)
        follow_up = await first_row_where(pilot, lambda r: r.kind == "follow_up")
        await pilot.press("d")
        await settled(pilot)

    records = reload(db)
    saved_win = by_id(records, "wins", win.record.id)
    assert (saved_win.acknowledged_on, saved_win.acknowledged_how) == (ANCHOR, "team meeting")
    assert by_id(records, "agreements", follow_up.record.id).done_on == ANCHOR


@pilot_test
async def test_person_view_p_plans_that_person_whatever_row_is_highlighted(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, CHLOE_DUE)
        await pilot.press("enter")
        await first_row_where(pilot, lambda r: r.kind == "note")
        await pilot.press("p")
        await until(pilot, lambda: showing(app, PlanScreen), what="PlanScreen")
        await paste(pilot, "1.12. 13:00")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, PersonScreen)
        chloe_id = app.screen.person_id

    (session,) = [s for s in reload(db).sessions if s.person_id == chloe_id]
    assert session.planned_for == dt.datetime(2026, 12, 1, 13, 0, tzinfo=HELSINKI)


@pilot_test
async def test_answering_from_the_person_view_accepts_the_suggestion(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, JONIS_SUGGESTION)
        await pilot.press("enter")
        row = await first_row_where(pilot, lambda r: r.kind == "suggestion")
        assert row.record.decision == OPEN
        await pilot.press("r", "enter")  # "Accept", then on to the response
        await paste(pilot, "Joni buddies the December starters")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, PersonScreen)

    suggestion = by_id(reload(db), "suggestions", row.record.id)
    assert (suggestion.decision, suggestion.response) == (
        "accepted",
        "Joni buddies the December starters",
    )


# -- help, keymap, footer, palette, quit ---------------------------------------------


@pilot_test
async def test_question_mark_shows_every_key_and_escape_closes_it(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: showing(app, HelpScreen), what="the keys")
        text = str(app.screen.query_one(Static).content)
        # Within the box at 80 columns (what a key does wraps in its column; the id
        # stays on the key's line), read back as one line per key.
        assert max(map(len, text.splitlines())) <= 70
        lines: list[str] = []
        for line in text.splitlines():
            if line.startswith(" " * 16) and line.strip() and lines:
                *start, key_id = lines[-1].split(" ")
                lines[-1] = " ".join([*start, *line.split(), key_id])
            else:
                lines.append(" ".join(line.split()))
        for expected in (
            "c Capture capture",
            "u Undo undo",
            "? Keys help",
            "q Quit quit",
            "a Acknowledge the selected win acknowledge",
            "r Answer the selected suggestion answer",
            "p Plan or move a coaching 1:1 plan",
            "h Hold a coaching 1:1: the session view hold",
            "d Mark the selected follow-up done done",
            "/ Search search",
            "e Edit the selected item's text or day edit",
            "delete Delete the selected item (asks first) delete",
            "o Move the selected follow-up to a new date or hand it over move-follow-up",
            "z Drop the selected follow-up drop-follow-up",
            "H Record the selected missed 1:1 as held on its planned day held-on-its-day",
            "w Win capture-win",
            "i Idea capture-idea",
            "n Note capture-note",
            "t To-do capture-todo",
            "enter Open open",
            "↓ j Down down",
            "↑ k Up up",
            "home First first",
            "end Last last",
            "pgdn Page down page-down",
            "pgup Page up page-up",
            "tab Next section next-section",
            "shift+tab Previous section previous-section",
            "ctrl+p command palette: every action, and open anyone by name",
        ):
            assert expected in lines, f"help lacks {expected!r}"
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, DayScreen), what="DayScreen")


@pilot_test
async def test_a_key_remapped_in_the_config_acts_and_the_old_key_does_not(db):
    before = on_disk(db)
    app = demo_app(db, config=Config(keys={"acknowledge": "t"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, DAWITS_WIN)
        await pilot.press("a")
        assert isinstance(app.screen, DayScreen), "the old key must no longer acknowledge"
        assert on_disk(db) == before
        await until(pilot, lambda: footer_keys(app).get("t") == "Thank", what="t in the footer")
        assert "a" not in footer_keys(app)
        await pilot.press("t")
        await until(pilot, lambda: showing(app, AcknowledgeScreen), what="the dialog")
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: showing(app, HelpScreen), what="the keys")
        text = str(app.screen.query_one(Static).content)
        # Within the box at 80 columns (what a key does wraps in its column; the id
        # stays on the key's line), read back as one line per key.
        assert max(map(len, text.splitlines())) <= 70
        lines: list[str] = []
        for line in text.splitlines():
            if line.startswith(" " * 16) and line.strip() and lines:
                *start, key_id = lines[-1].split(" ")
                lines[-1] = " ".join([*start, *line.split(), key_id])
            else:
                lines.append(" ".join(line.split()))
        assert "t Acknowledge the selected win acknowledge" in lines

    assert by_id(reload(db), "wins", row.record.id).acknowledged_how == "in person"


@pilot_test
async def test_a_key_given_to_two_actions_of_one_view_is_named_with_both(db):
    app = demo_app(db, config=Config(keys={"acknowledge": "t"}))  # t is a to-do there
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        clashes = [n.message for n in told(app) if n.title == "Two actions on one key"]
        assert len(clashes) == 1
        assert "t is both acknowledge and capture-todo in the person view" in clashes[0]


@pilot_test
async def test_an_unknown_key_id_in_the_config_is_named_with_the_valid_ids(db):
    app = demo_app(db, config=Config(keys={"acknowlege": "k", "answer": "y"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        warning = next(n for n in told(app) if n.title == "Unknown key id")
        assert "acknowlege is not a key id, so it was ignored" in warning.message
        valid = warning.message.split("(also listed by ?): ", 1)[1].rstrip(".").split(", ")
        assert {"acknowledge", "answer", "capture-win", "hold-session", "quit"} <= set(valid)
        assert "acknowlege" not in valid
        await pilot.press("question_mark")
        text = str(app.screen.query_one(Static).content)
        # Within the box at 80 columns (what a key does wraps in its column; the id
        # stays on the key's line), read back as one line per key.
        assert max(map(len, text.splitlines())) <= 70
        lines: list[str] = []
        for line in text.splitlines():
            if line.startswith(" " * 16) and line.strip() and lines:
                *start, key_id = lines[-1].split(" ")
                lines[-1] = " ".join([*start, *line.split(), key_id])
            else:
                lines.append(" ".join(line.split()))
        assert "y Answer the selected suggestion answer" in lines, "the known id still applies"


@pilot_test
async def test_footer_shows_only_the_keys_that_apply_to_the_highlighted_row(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        expectations = {
            DAWITS_WIN: ({"a": "Thank"}, {"r", "d"}),
            GRETAS_SUGGESTION: ({"r": "Answer"}, {"a", "d"}),
            ANNAS_FOLLOW_UP: ({"d": "Done"}, {"a", "r"}),
            CHLOE_DUE: ({"p": "Plan", "h": "1:1"}, {"a", "r", "d"}),
        }
        for key, (shown, hidden) in expectations.items():
            await highlight(pilot, key)
            await pilot.pause()
            footer = footer_keys(app)
            for k, description in shown.items():
                assert footer.get(k) == description, f"{key}: footer {footer}"
            assert not hidden & footer.keys(), f"{key}: footer {footer}"


@pilot_test
async def test_the_footer_shows_the_keys_of_each_row_it_reaches_and_mounts_nothing(db):
    """Back from the capture bar, the day view shows the keys it had; walking rows of
    other kinds changes the footer's line, not the widgets on the screen (Textual's
    footer mounted and styled a dozen widgets on each change: half of what ↓ cost)."""
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause()

        def drawn() -> tuple:
            return tuple(footer_keys(app).items()), [id(w) for w in app.screen.walk_children()]

        before = drawn()
        await pilot.press("c")
        await until(pilot, lambda: app.screen.is_modal, what="the capture bar")
        await pilot.press("escape")
        await until(pilot, lambda: not app.screen.is_modal, what="the day view")
        await pilot.pause()
        assert drawn() == before
        seen = [before]
        for _ in range(12):
            await pilot.press("j")
            await pilot.pause()
            seen.append(drawn())
        assert len({keys for keys, _ in seen}) >= 3, "the walk passed rows of other kinds"
        assert all(widgets == before[1] for _, widgets in seen)


@pilot_test
async def test_a_click_on_a_key_in_the_footer_presses_it(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, DAWITS_WIN)
        footer = screen_lines(app)[-1]
        assert "a Thank" in footer, footer
        bottom = app.size.height - 1
        await pilot.hover(offset=(footer.index("a Thank") + 3, bottom))
        assert app.screen.query_one(KeysFooter).tooltip == "Acknowledge the selected win"
        assert await pilot.click(offset=(footer.index("a Thank") + 3, bottom))
        await until(pilot, lambda: showing(app, AcknowledgeScreen), what="the thank-you dialog")


@pilot_test
async def test_command_palette_opens_a_person_by_name(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: showing(app, CommandPalette), what="CommandPalette")
        await type_text(pilot, "Open Anna")

        def offered() -> list[str]:
            return [str(o.prompt) for o in app.screen.query_one(CommandList).options]

        await until(
            pilot,
            lambda: any(p.startswith("Open Anna Virtanen") for p in offered()),
            what="Anna among the palette's hits",
        )
        assert offered()[0].startswith("Open Anna Virtanen"), offered()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == person_named(app.records, "anna").id


@pilot_test
async def test_command_palette_offers_the_row_actions(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, DAWITS_WIN)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Thank")

        def offered() -> list[str]:
            return [str(o.prompt) for o in app.screen.query_one(CommandList).options]

        await until(pilot, lambda: bool(offered()), what="the palette's hits")
        assert offered()[0].startswith("Thank: acknowledge win"), offered()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AcknowledgeScreen)


@pilot_test
async def test_q_quits(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


@pilot_test
async def test_at_80_columns_a_footer_too_long_drops_whole_keys_and_keeps_the_help_key(db):
    # The session view on last time's agreements: nine keys want 82 columns. Cut, the
    # line ends "? Keys" whole, and each key shown is there with all its words.
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot, "anna")
        await pilot.pause()
        footer = screen_lines(app)[-1].rstrip()
        assert footer.endswith("? Keys"), footer
        shown = footer_keys(app)
        assert {"ctrl+s", "x", "o", "z", "question_mark"} <= shown.keys(), footer
        words = [
            f"{app.get_key_display(b)} {b.description}"
            for b in (found.binding for found in app.screen.active_bindings.values())
            if b.show and b.key in shown
        ]
        assert footer == " ".join(w for w in words if w in footer), footer


@pilot_test
async def test_at_80_columns_the_footer_shows_every_row_key_and_the_help_key_whole(db):
    """On every row of the day view and of a person view, the footer fits 80 columns:
    the keys for that row are there, and it ends with "? Keys", uncut."""
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for screen in ("the day view", "Dawit's person view"):
            if screen != "the day view":
                await highlight(pilot, DayRow("win", "dawit"))
                await pilot.press("enter")
                await until(pilot, lambda: showing(app, PersonScreen), what=screen)
                await pilot.pause()
            for row in listed_rows(app):
                await highlight(pilot, row.key)
                await pilot.pause()
                footer = screen_lines(app)[-1].rstrip()
                assert footer.endswith("? Keys"), (screen, row.kind, footer)
                shown = footer_keys(app)
                for key, action in (("a", "acknowledge"), ("r", "answer"), ("d", "done")):
                    if app.screen.check_action(action, ()):
                        assert key in shown, (screen, row.kind, footer)
                if row.record is not None and app.screen.check_action("edit", ()):
                    assert "e" in shown, (screen, row.kind, footer)
