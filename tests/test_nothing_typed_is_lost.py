"""Nothing a lead typed is lost: not on a slow write, a failed write, a concurrent
change, an undo, or a file damaged while the app is open.

Pilot tests on the demo team; the write thread is slowed or made to fail by
wrapping the store's own methods, so the app's real paths run.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading

import orjson
import pytest
from apphelpers import (
    ANCHOR,
    DayRow,
    current_row,
    demo_app,
    demo_copy,
    first_row_where,
    highlight,
    loaded,
    open_session,
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
from storehelpers import on_disk
from terminalhelpers import SUP, clean_environment
from textual.widget import Widget
from textual.widgets import Input

from supervisor_tui.actions.drafts import (
    keep_capture_line,
    keep_dialog_text,
    kept_capture_line,
    kept_dialog_text,
)
from supervisor_tui.domain.drafts import KeptDialog
from supervisor_tui.domain.entities import HELD, PLANNED, Records
from supervisor_tui.store import Store, WriteFailedError
from supervisor_tui.tui import app as app_module
from supervisor_tui.tui.dialogs.acknowledge import AcknowledgeScreen
from supervisor_tui.tui.dialogs.agreement import AgreementScreen
from supervisor_tui.tui.dialogs.answer import AnswerScreen
from supervisor_tui.tui.dialogs.capture import CaptureScreen
from supervisor_tui.tui.dialogs.carry import CarryOverScreen
from supervisor_tui.tui.dialogs.correct import EditScreen, HeldOnScreen, MoveScreen
from supervisor_tui.tui.dialogs.hold import HoldScreen
from supervisor_tui.tui.dialogs.leave import LeaveScreen
from supervisor_tui.tui.dialogs.person import PersonFormScreen
from supervisor_tui.tui.dialogs.plan import PlanScreen
from supervisor_tui.tui.dialogs.resume import ResumeScreen
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.screens.person import PersonScreen
from supervisor_tui.tui.screens.session import SessionScreen
from supervisor_tui.tui.widgets.agenda import AgendaItem, NotesArea
from supervisor_tui.tui.widgets.sectioned_list import SectionedList

RAW_CONTROL = "\x1b\x07\u202e"
DAWITS_WIN = DayRow("win", "dawit")


def _win(db, win_id: int):
    return next(w for w in reload(db).wins if w.id == win_id)


def _items(screen: SessionScreen) -> dict[str, AgendaItem]:
    return {item.item: item for item in screen.query(AgendaItem)}


def _draft(db, person_id: int) -> dict | None:
    path = db.with_name(db.name + ".drafts") / f"session-{person_id}.json"
    return orjson.loads(path.read_bytes()) if path.exists() else None


def _held_today(records: Records, person_id: int) -> list:
    return [
        s
        for s in records.sessions
        if s.person_id == person_id and s.status == HELD and s.held_on == ANCHOR
    ]


def _notices(app) -> list[str]:
    return [n.message for n in told(app)]


# -- typing ------------------------------------------------------------------------


@pilot_test
async def test_a_key_typed_in_the_notes_redraws_that_item_and_no_list(tmp_path, monkeypatch):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(pilot, "anna")
        wins = _items(screen)["Wins"]
        screen.set_focus(wins.notes_area)
        await pilot.press(*"first")  # the title's count changes once, here
        await pilot.pause()

        refreshed: list[Widget] = []
        shown: list[SectionedList] = []
        refresh, show = Widget.refresh, SectionedList.show
        monkeypatch.setattr(
            Widget, "refresh", lambda w, *a, **k: (refreshed.append(w), refresh(w, *a, **k))[1]
        )
        monkeypatch.setattr(
            SectionedList, "show", lambda w, *a, **k: (shown.append(w), show(w, *a, **k))[1]
        )
        await pilot.press(*" note")
        await pilot.pause()
        typed = list(refreshed)
        assert wins.notes_area.text == "first note"
        assert shown == [], "typing must not rebuild any list of the session"
        mine = {wins, *wins.walk_children(), *wins.ancestors}
        outside = {type(w).__name__ for w in typed if w not in mine}
    assert typed, "the notes area redraws as it is typed in"
    assert outside == set(), f"typing in Wins redrew {sorted(outside)}"


@pilot_test
async def test_tab_walks_only_the_notes_and_letters_there_are_text(tmp_path):
    db = demo_copy(tmp_path)
    before = on_disk(db)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(pilot, "anna")
        names = list(_items(screen))
        assert isinstance(app.focused, SectionedList)  # starts on last time's agreements
        for name in [*names, names[0]]:  # past the last item and round again
            await pilot.press("tab")
            assert isinstance(app.focused, NotesArea)
            assert app.focused.parent.item == name
            await pilot.press("u", "q", "c")
        for name in reversed(names[1:]):
            await pilot.press("shift+tab")
            assert app.focused.parent.item == name
            await pilot.press("u", "q", "c")
        assert app.is_running and isinstance(app.screen, SessionScreen)
        texts = {name: item.notes_area.text for name, item in _items(screen).items()}
    assert texts == dict.fromkeys(names, "uqcuqc")
    assert on_disk(db) == before, "no letter may act on the file from the notes"


@pilot_test
async def test_up_from_the_first_line_reaches_the_rows_and_down_comes_back(tmp_path):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(pilot, "anna")
        first = next(iter(_items(screen).values()))
        await pilot.press("tab", *"one", "up")
        assert app.focused is first.rows
        await pilot.press("down", "down")  # two agreements: the second, then the notes
        assert app.focused is first.notes_area
        await pilot.press("x")
        assert first.notes_area.text == "onex"


@pilot_test
async def test_writing_at_once_on_last_times_agreements_starts_the_notes(tmp_path):
    # The view opens on last time's agreements, where x, o and z act. A lead who starts
    # to write at once: the first letter is none of theirs, so it and the rest go on
    # into the item's notes; nothing acts on an agreement.
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(pilot, "anna")
        first = next(iter(_items(screen).values()))
        assert app.focused is first.rows
        await pilot.press(*"Went through the tariff numbers", "tab", *"Two wins")
        await settled(pilot)
        second = list(_items(screen).values())[1]
        assert first.notes_area.text == "Went through the tariff numbers"
        assert second.notes_area.text == "Two wins"
        assert screen.draft.outcomes == ()
        assert screen.draft.note(first.item) == "Went through the tariff numbers"


@pilot_test
async def test_a_capture_line_the_terminal_closed_on_is_back_in_the_bar_at_the_next_start(
    tmp_path,
):
    db = demo_copy(tmp_path)
    line = "win @anna talked a caller [b]down[/b] from cancelling"
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await until(pilot, lambda: showing(app, CaptureScreen), what="the capture bar")
        await pilot.press(*line)
        app.keep_typed_text()  # what the app does as the terminal closes (SIGHUP)
        await settled(pilot)  # the hang-up waits for the write thread to drain too
    assert line not in {w.text for w in reload(db).wins}

    again = demo_app(db)
    async with again.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: showing(again, CaptureScreen), what="the bar, opened by itself")
        await pilot.pause()
        assert again.screen.query_one("#line", Input).value == line
        assert told(again)[-1].message.startswith("The terminal closed while you were typing")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(again.screen, DayScreen)
    anna = person_named(reload(db), "anna")
    assert [w.text for w in reload(db).wins if w.person_id == anna.id][-1] == line[
        len("win @anna ") :
    ]
    assert kept_capture_line(Store(db)) is None  # offered once: a third start opens no bar


@pilot_test
async def test_a_thank_you_note_the_terminal_closed_on_is_open_again_at_the_next_start(tmp_path):
    db = demo_copy(tmp_path)
    note = "told her at the [b]huddle[/b] it saved the account"
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        win = (await highlight(pilot, DAWITS_WIN)).record
        await pilot.press("a", "down")  # thanked by message, not in person
        await until(pilot, lambda: showing(app, AcknowledgeScreen), what="the thank-you dialog")
        await pilot.press("tab", *note)
        app.keep_typed_text()  # what the app does as the terminal closes (SIGHUP)
        await settled(pilot)
    assert _win(db, win.id).acknowledged_on is None

    again = demo_app(db)
    async with again.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: showing(again, AcknowledgeScreen), what="the dialog, again")
        await pilot.pause()
        assert again.screen.query_one("#note", Input).value == note
        assert told(again)[-1].message.startswith("The terminal closed while you were writing")
        await settled(pilot)
        await pilot.press(*" at lunch", "enter")
        await settled(pilot)
        assert isinstance(again.screen, DayScreen)
    thanked = _win(db, win.id)
    assert (thanked.acknowledged_how, thanked.ack_note) == ("message", note + " at lunch")
    assert kept_dialog_text(Store(db)) is None  # offered once


@pilot_test
async def test_a_person_half_added_when_the_terminal_closed_is_in_the_add_dialog_next_time(
    tmp_path,
):
    db = demo_copy(tmp_path)
    name, role = "Maria [b]Lind[/b]", "customer advisor"
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("+")
        await until(pilot, lambda: showing(app, PersonFormScreen), what="the add dialog")
        await pilot.press(*name, "tab", "tab", *role)  # name, (handle,) role
        app.keep_typed_text()  # what the app does as the terminal closes (SIGHUP)
        await settled(pilot)
    assert name not in {p.name for p in reload(db).people}

    again = demo_app(db)
    async with again.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: showing(again, PersonFormScreen), what="the add dialog, again")
        await pilot.pause()
        fields = {key: again.screen.query_one(f"#{key}", Input).value for key in ("name", "role")}
        assert fields == {"name": name, "role": role}
        assert again.screen.query_one("#every", Input).value == "30d"  # as it opens
        assert told(again)[-1].message.startswith("The terminal closed while you were writing")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(again.screen, DayScreen)
    (maria,) = [p for p in reload(db).people if p.name == name]
    assert (maria.role, maria.cadence_days) == (role, 30)
    assert kept_dialog_text(Store(db)) is None  # offered once


@pilot_test
async def test_a_persons_details_half_edited_open_again_over_their_view_next_time(tmp_path):
    db = demo_copy(tmp_path)
    role = "deputy [i]team lead[/i]"
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        dawit = app.records.person((await highlight(pilot, DAWITS_WIN)).person_id)
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, PersonScreen), what="Dawit's view")
        await pilot.press("E")
        await until(pilot, lambda: showing(app, PersonFormScreen), what="his details")
        await pilot.press("tab", "tab", *role)  # the role, as it is, typed over
        app.keep_typed_text()
        await settled(pilot)
    assert person_named(reload(db), dawit.handle).role == dawit.role

    again = demo_app(db)
    async with again.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: showing(again, PersonFormScreen), what="his details, again")
        await pilot.pause()
        view = again.screen_stack[-2]
        assert isinstance(view, PersonScreen) and view.person_id == dawit.id
        assert again.screen.query_one("#role", Input).value == role
        assert again.screen.query_one("#name", Input).value == dawit.name  # as stored
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert again.screen is view
    assert person_named(reload(db), dawit.handle).role == role
    assert kept_dialog_text(Store(db)) is None


async def _on_hannas_view(pilot) -> None:
    await highlight(pilot, DayRow("due", "hanna"))
    await pilot.press("enter")
    await until(pilot, lambda: showing(pilot.app, PersonScreen), what="Hanna's view")


# A dialog of date words, how it is opened, and what is typed in it: (field, keys).
DATE_DIALOGS = {
    "plan": (
        PlanScreen,
        lambda pilot: highlight(pilot, DayRow("due", "hanna")),
        "p",
        [("when", "fri 14:00")],
    ),
    "move": (
        MoveScreen,
        lambda pilot: first_row_where(pilot, lambda row: row.kind == "follow_up"),
        "o",
        [("when", "+2w")],
    ),
    "held-on-its-day": (
        HeldOnScreen,
        lambda pilot: first_row_where(
            pilot, lambda row: row.kind == "session" and row.record.planned_for.date() < ANCHOR
        ),
        "H",
        [("next", "mon 09:00")],
    ),
    "leave": (
        LeaveScreen,
        _on_hannas_view,
        "L",
        [("from", "mon"), ("to", "+2w"), ("note", "parental [b]leave[/b]")],
    ),
}


@pytest.mark.parametrize("name", DATE_DIALOGS)
@pilot_test
async def test_a_dialog_of_date_words_the_terminal_closed_on_is_open_again_and_esc_lets_it_go(
    tmp_path, name
):
    dialog, reach, key, typed = DATE_DIALOGS[name]
    db = demo_copy(tmp_path)
    before = on_disk(db)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await reach(pilot)
        under = app.screen
        await pilot.press(key)
        await until(pilot, lambda: showing(app, dialog), what=f"the {name} dialog")
        for field, text in typed:
            while app.focused.id != field:
                await pilot.press("tab")
            await pilot.press(*text)
        app.keep_typed_text()  # what the app does as the terminal closes (SIGHUP)
        await settled(pilot)

    again = demo_app(db)
    async with again.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: showing(again, dialog), what=f"the {name} dialog, again")
        await pilot.pause()
        values = {field: again.screen.query_one(f"#{field}", Input).value for field, _ in typed}
        assert values == dict(typed)
        assert type(again.screen_stack[-2]) is type(under)  # over the view it was opened on
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert type(again.screen) is type(under)
    assert kept_dialog_text(Store(db)) is None
    assert on_disk(db) == before  # let go: nothing saved


@pilot_test
async def test_an_answer_the_terminal_closed_on_is_told_if_the_suggestion_was_answered_since(
    tmp_path,
):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        idea = (await first_row_where(pilot, lambda r: r.kind == "suggestion")).record
        await pilot.press("r")
        await until(pilot, lambda: showing(app, AnswerScreen), what="the answer dialog")
        await pilot.press("tab", *"we will trial it in [red]January[/]")
        app.keep_typed_text()
        await settled(pilot)
    # From the shell, meanwhile.
    await sup(db, "answer", str(idea.id), "--decline", "not this year")

    again = demo_app(db)
    async with again.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: bool(told(again)), what="the text told")
        assert isinstance(again.screen, DayScreen)
        (said,) = told(again)
        assert said.title == "Not opened again" and said.severity == "warning"
        assert "“we will trial it in [red]January[/]”" in said.message
        assert f"#{idea.id} has changed since" in said.message
        await settled(pilot)
    assert kept_dialog_text(Store(db)) is None


@pilot_test
async def test_an_edit_of_an_old_note_kept_in_a_large_file_opens_once_the_history_is_read(
    tmp_path, monkeypatch
):
    db = demo_copy(tmp_path)
    monkeypatch.setattr(app_module, "WHOLE_AT_ONCE_BYTES", 0)  # read as a 100k file is
    store = Store(db)
    day_view_notes = {n.id for n in store.load(open_only=True).notes}
    old = next(n for n in store.load().notes if n.id not in day_view_notes)
    text = old.text + " (and she asked for the evening shift)"
    kept = KeptDialog("edit", old.id, old.person_id, {"text": text}, {})
    keep_dialog_text(store, kept, dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC))
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: showing(app, EditScreen), what="the edit, open again")
        await pilot.pause()
        assert app.screen.query_one("#text", Input).value == text
        await pilot.press("enter")
        await settled(pilot)
    assert next(n for n in reload(db).notes if n.id == old.id).text == text


@pilot_test
async def test_an_agreement_half_written_in_a_session_is_open_again_when_it_is_resumed(
    tmp_path,
):
    db = demo_copy(tmp_path)
    anna = person_named(reload(db), "anna")
    agreed = "listen back to two [i]escalated[/i] calls"
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        await pilot.press("tab", "tab", *"Tariff call")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: showing(app, AgreementScreen), what="the agreement dialog")
        await pilot.press(*agreed, "tab", "down")  # the lead does it, not Anna
        await pilot.press("tab", "ctrl+u", *"fri")
        screen.keep_unsaved()  # what the app does as the terminal closes (SIGHUP)
        await settled(pilot)
    kept = _draft(db, anna.id)
    assert ["Wins", "Tariff call"] in kept["notes"] and kept["new_agreements"] == []
    exported = await sup(db, "export", "--person", "anna", "--format", "md")
    assert "- an agreement, half written when the terminal closed: listen back" in exported

    again = demo_app(db)
    async with again.run_test(size=(100, 30)) as pilot:
        resume = await open_session(pilot, "anna")
        assert "an agreement half written" in resume.summary
        await pilot.press("enter")
        await until(pilot, lambda: showing(again, AgreementScreen), what="the agreement, again")
        await pilot.pause()
        dialog = again.screen
        assert dialog.query_one("#text", Input).value == agreed
        assert dialog.query_one("#when", Input).value == "fri"
        assert told(again)[-1].message.startswith("The terminal closed while you were writing")
        await pilot.press("enter")
        await until(pilot, lambda: showing(again, SessionScreen))
        await pilot.press("ctrl+s", "enter")  # hold, the next one as proposed
        await settled(pilot)
    (held,) = _held_today(reload(db), anna.id)
    (added,) = [a for a in reload(db).agreements if a.session_id == held.id]
    assert (added.text, added.owner) == (agreed, "lead")


async def _carry_over_the_first_of_annas_agreements(pilot, app) -> tuple[SessionScreen, int]:
    """In Anna's session, `o` on last time's first agreement, "+3w" typed, the terminal
    closed; the agreement's id."""
    screen = await open_session(pilot, "anna")
    assert screen.query(AgendaItem).first().focus_rows()  # last time's agreements
    await pilot.pause()
    agreement = screen.current.record
    await pilot.press("o")
    await until(pilot, lambda: showing(app, CarryOverScreen), what="the carry-over dialog")
    await pilot.press(*"+3w")  # over the date it proposes
    screen.keep_unsaved()  # what the app does as the terminal closes (SIGHUP)
    await settled(pilot)
    return screen, agreement.id


@pilot_test
async def test_a_carry_over_date_half_written_is_open_again_when_the_session_is_resumed(
    tmp_path,
):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        _, agreement_id = await _carry_over_the_first_of_annas_agreements(pilot, app)

    again = demo_app(db)
    async with again.run_test(size=(100, 30)) as pilot:
        resume = await open_session(pilot, "anna")
        assert "a carry-over date half written" in resume.summary
        await pilot.press("enter")
        await until(pilot, lambda: showing(again, CarryOverScreen), what="the carry-over, again")
        await pilot.pause()
        assert again.screen.agreement.id == agreement_id
        assert again.screen.query_one("#when", Input).value == "+3w"
        await pilot.press("enter")
        await until(pilot, lambda: showing(again, SessionScreen))
        outcome = again.screen.draft.outcome(agreement_id)
        assert (outcome.action, outcome.follow_up_on) == ("carry", ANCHOR + dt.timedelta(weeks=3))
        await settled(pilot)


@pilot_test
async def test_a_carry_over_of_an_agreement_done_since_from_the_shell_is_told_not_opened(
    tmp_path,
):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        _, agreement_id = await _carry_over_the_first_of_annas_agreements(pilot, app)
    await sup(db, "done", str(agreement_id))

    again = demo_app(db)
    async with again.run_test(size=(100, 30)) as pilot:
        await open_session(pilot, "anna")
        await pilot.press("enter")  # resume
        await until(pilot, lambda: bool(told(again)), what="the text told")
        said = told(again)[-1]
        assert (said.title, said.severity) == ("Not opened again", "warning")
        assert "a carry-over date (“+3w”)" in said.message
        assert isinstance(again.screen, SessionScreen)
        anna = person_named(again.records, "anna")
        await until(
            pilot,
            lambda: (_draft(db, anna.id) or {}).get("open_dialog") is None,
            what="the draft told once, no longer holding it",
        )
        await settled(pilot)


@pilot_test
async def test_a_thank_you_note_is_on_disk_as_it_is_written_and_let_go_with_esc(tmp_path):
    """A killed process (SIGKILL, power) gets no chance to keep anything: what is being
    written is kept as it is written, within a second, and forgotten once let go."""
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        win = (await highlight(pilot, DAWITS_WIN)).record
        await pilot.press("a", "tab", *"told him at the huddle")
        await until(
            pilot,
            lambda: (
                (kept := kept_dialog_text(Store(db))) is not None
                and kept.typed == {"note": "told him at the huddle"}
            ),
            what="the note on disk, with no hang-up",
        )
        assert kept_dialog_text(Store(db)).record_id == win.id
        await pilot.press("escape")
        await settled(pilot)
        assert kept_dialog_text(Store(db)) is None


@pilot_test
async def test_an_agreement_being_written_goes_with_the_session_draft_until_it_is_let_go(
    tmp_path,
):
    db = demo_copy(tmp_path)
    anna = person_named(reload(db), "anna")
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_session(pilot, "anna")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: showing(app, AgreementScreen), what="the agreement dialog")
        await pilot.press(*"call IT about the queue")
        await until(
            pilot,
            lambda: ((_draft(db, anna.id) or {}).get("open_dialog") or [None])[0] == "agreement",
            what="the agreement with the draft on disk",
        )
        await pilot.press("escape")
        await until(
            pilot,
            lambda: _draft(db, anna.id) is None or _draft(db, anna.id)["open_dialog"] is None,
            what="the agreement let go on disk too",
        )


def test_a_line_an_app_still_running_is_typing_is_not_offered_to_another(tmp_path):
    """Two terminals on one file: the second app, started while the first is typing a
    capture line, does not take it; once the first is gone (killed), it does."""
    db = demo_copy(tmp_path)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        store = Store(db)
        keep_capture_line(store, "win @ben kept the renewal", None, dt.datetime.now(dt.UTC))
        doc = store.load_draft("capture-line")
        store.save_draft("capture-line", {**doc, "pid": other.pid})  # as the other app wrote it
        assert kept_capture_line(store) is None
    finally:
        other.kill()
        other.wait()
    assert kept_capture_line(store) == "win @ben kept the renewal"


@pilot_test
async def test_what_a_bar_or_dialog_opens_with_is_kept_before_it_is_drawn(tmp_path):
    """The keeping runs on a timer: it can come between a bar or dialog being opened and
    its fields being there (a hostile 300-character name made that moment long enough
    to crash the app). What it opens with is kept meanwhile, never let go."""
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.action_capture(prefill="win @anna [b]kept[/b] before it was drawn")
        app.keep_typed_text()  # before the bar has composed its line
        await settled(pilot)
        assert app.is_running
        assert kept_capture_line(Store(db)) == "win @anna [b]kept[/b] before it was drawn"


@pilot_test
async def test_a_line_that_cannot_be_kept_as_it_is_typed_is_said_once_and_stays(
    tmp_path, monkeypatch
):
    db = demo_copy(tmp_path)
    app = demo_app(db)

    tried = []

    def full_disk(self, key, doc):
        tried.append(doc)
        raise WriteFailedError(f"No space left on the disk of {self.path.parent}.")

    monkeypatch.setattr(Store, "save_draft", full_disk)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c", *"win @anna first")
        await until(pilot, lambda: bool(told(app)), timeout=5, what="the failed keep told")
        await pilot.press(*" and second")
        await until(
            pilot,
            lambda: any(d.get("line", "").endswith("second") for d in tried),
            timeout=5,
            what="the next keep tried",
        )
        await settled(pilot)
        said = [t for t in told(app) if "could not be kept" in t.message]
        assert len(said) == 1 and said[0].severity == "warning", told(app)
        assert "No space left" in said[0].message
        assert app.screen.typed == "win @anna first and second"


# -- undo and concurrent holds --------------------------------------------------------


@pilot_test
async def test_undoing_a_hold_brings_the_session_back_with_its_draft(tmp_path):
    db = demo_copy(tmp_path)
    anna = person_named(reload(db), "anna")
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        await pilot.press("x")  # last time's first agreement: done
        await pilot.press("tab", "tab", *"Tariff call")
        await pilot.press("ctrl+n", *"Listen to calls", "enter")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: showing(app, HoldScreen))
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, DayScreen))
        await settled(pilot)
        assert len(_held_today(reload(db), anna.id)) == 1

        await pilot.press("u")
        await settled(pilot)
        assert any("Undone: Held Anna Virtanen's session" in n for n in _notices(app))
        assert any("notes are back as a draft" in n for n in _notices(app))
        after = reload(db)
        assert _held_today(after, anna.id) == []
        assert [s for s in after.sessions if s.person_id == anna.id and s.status == PLANNED]
        kept = _draft(db, anna.id)
        assert ["Wins", "Tariff call"] in kept["notes"]
        assert [a[0] for a in kept["new_agreements"]] == ["Listen to calls"]
        assert [o[1] for o in kept["outcomes"]] == ["done"]

        screen = await open_session(pilot, "anna")
        assert isinstance(screen, ResumeScreen)
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, SessionScreen) and app.screen.ready)
        assert _items(app.screen)["Wins"].notes_area.text == "Tariff call"


@pilot_test
async def test_holding_after_the_shell_held_it_writes_one_session_and_keeps_the_notes(tmp_path):
    db = demo_copy(tmp_path)
    anna = person_named(reload(db), "anna")
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        await pilot.press("tab", "tab", *"Noted meanwhile")
        await sup(db, "held", "anna")  # another terminal
        await pilot.press("ctrl+s")
        await until(pilot, lambda: showing(app, HoldScreen))
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, HoldScreen), "the dialog stays with the reason"
        said = "\n".join(screen_lines(app))
        assert "Not saved" in said and "from elsewhere" in said
        assert len(_held_today(reload(db), anna.id)) == 1
        kept = _draft(db, anna.id)
        assert ["Wins", "Noted meanwhile"] in kept["notes"]

        await pilot.press("escape")  # back to the notes, all there
        await until(pilot, lambda: app.screen is screen)
        assert _items(screen)["Wins"].notes_area.text == "Noted meanwhile"


# -- failed and slow writes -----------------------------------------------------------


@pilot_test
async def test_a_capture_that_cannot_be_saved_stays_in_the_open_bar(tmp_path, monkeypatch):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    add = Store.add

    def full_disk(self, record):
        raise WriteFailedError(f"No space left on the disk holding {self.path}. Free some space.")

    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        monkeypatch.setattr(Store, "add", full_disk)
        await pilot.press("c", *"win @anna full disk", "enter")
        await settled(pilot)
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.query_one(Input).value == "win @anna full disk"
        assert any("Not saved: No space left" in line for line in screen_lines(app))

        monkeypatch.setattr(Store, "add", add)  # space freed: Enter again
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, DayScreen))
        await settled(pilot)
    assert "full disk" in [w.text for w in reload(db).wins]


@pilot_test
async def test_keys_typed_while_a_capture_saves_go_to_the_day_view_not_the_text(
    tmp_path, monkeypatch
):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    gate = threading.Event()
    add = Store.add

    def slow_add(self, record):
        gate.wait(10)
        return add(self, record)

    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        start = current_row(app)
        monkeypatch.setattr(Store, "add", slow_add)
        await pilot.press("c", *"win @anna x", "enter", "Z", "Z", "j")
        assert isinstance(app.screen, CaptureScreen)  # still saving
        gate.set()
        await until(pilot, lambda: showing(app, DayScreen))
        await settled(pilot)
        moved = current_row(app)
        assert app.screen.query_one(SectionedList).has_focus
    wins = [w.text for w in reload(db).wins]
    assert "x" in wins and "xZZ" not in wins and "xZZj" not in wins
    assert moved != start, "j, typed while saving, moved the cursor on the day view"


@pilot_test
async def test_held_keys_come_back_before_a_key_typed_while_they_were_held(tmp_path):
    # The race a lagging app showed in tmux: "win " was held while the capture bar
    # opened, "@" already waited in the queue when they were let go, and the bar read
    # "@win ". Posted here in exactly that order: "@" queued ahead of the released keys.
    from textual import events

    app = demo_app(demo_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await until(pilot, lambda: showing(app, CaptureScreen))
        line = app.screen.query_one(Input)
        held: list[str] = []

        def let_go_with_a_key_queued() -> None:
            # The app reads its messages in order: the four keys have arrived by now.
            held.append(line.value)  # held, so not in the bar yet
            app.post_message(events.Key("at", "@"))  # typed now: queued before the release
            app.release_keys()
            app.post_message(events.Key("a", "a"))

        app.hold_keys()
        for key in ("w", "i", "n", "space"):
            app.post_message(events.Key(key, " " if key == "space" else key))
        app.call_later(let_go_with_a_key_queued)
        await until(pilot, lambda: line.value == "win @a", what="'win @a' in the bar")
        assert held == [""], "the four keys were held until let go"


@pilot_test
async def test_a_draft_that_cannot_be_saved_is_said_and_never_lost(tmp_path, monkeypatch):
    db = demo_copy(tmp_path)
    app = demo_app(db)

    def read_only(self, key, doc):
        raise WriteFailedError(f"{self.path.parent} is read-only.")

    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        monkeypatch.setattr(Store, "save_draft", read_only)
        await pilot.press("tab", "tab", *"Read-only notes")
        await until(pilot, lambda: screen.draft_problem is not None, what="the failed save")
        assert any("draft NOT saved" in line for line in screen_lines(app))
        assert not any("Draft kept" in n for n in _notices(app))

        await pilot.press("escape")  # leaving would lose them: the view comes back
        await until(
            pilot,
            lambda: showing(app, SessionScreen) and app.screen is not screen,
            what="the session view opened again",
        )
        await until(pilot, lambda: app.screen.ready)
        assert _items(app.screen)["Wins"].notes_area.text == "Read-only notes"
        assert not any("Draft kept" in n for n in _notices(app))


@pilot_test
async def test_a_file_damaged_while_open_keeps_the_screen_and_says_how_to_restore(tmp_path):
    db = demo_copy(tmp_path)
    app = demo_app(db, poll_seconds=0.1)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        rows_before = len(app.screen.query_one(SectionedList).options)
        # Cut short by a crash elsewhere; put in place whole, so the app never reads
        # the half-written moment (an empty file) in between.
        damaged = db.with_name("damaged.tmp")
        damaged.write_bytes(b'{"_meta": {"1": {"schema_v')
        os.replace(damaged, db)
        await until(
            pilot, lambda: app.read_only_reason is not None, timeout=10, what="the damage noticed"
        )
        assert "is not valid JSON" in app.read_only_reason
        assert app.is_running and isinstance(app.screen, DayScreen)
        assert len(app.screen.query_one(SectionedList).options) == rows_before
        assert any("left untouched" in n and "read-only" in n for n in _notices(app)), (
            app.read_only_reason,
            _notices(app),
        )

        await pilot.press("c", *"win @anna after damage", "enter")
        await settled(pilot)
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.query_one(Input).value == "win @anna after damage"


# -- hostile and long text ------------------------------------------------------------


@pilot_test
async def test_control_characters_in_a_kept_draft_are_shown_as_placeholders(tmp_path):
    db = demo_copy(tmp_path)
    anna = person_named(reload(db), "anna")
    nasty = "clear\x1b[2J copy\x1b]52;c;aGk=\x07 flip\u202eevil"
    drafts = db.with_name(db.name + ".drafts")
    drafts.mkdir(mode=0o700)
    (drafts / f"session-{anna.id}.json").write_bytes(
        orjson.dumps(
            {
                "person_id": anna.id,
                "form_name": "Coaching 1:1",
                "form_version": 1,
                "items": [i for i in _form_items(db)],
                "notes": [["Wins", nasty]],
                "outcomes": [],
                "new_agreements": [],
                "saved_at": None,
            }
        )
    )
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_session(pilot, "anna")
        await pilot.press("enter")  # resume
        await until(pilot, lambda: showing(app, SessionScreen) and app.screen.ready)
        text = _items(app.screen)["Wins"].notes_area.text
        lines = screen_lines(app)
    assert text == "clear␛[2J copy␛]52;c;aGk=␇ flip<U+202E>evil"
    assert not any(c in line for line in lines for c in RAW_CONTROL)


def _form_items(db) -> list[str]:
    form = next(f for f in reload(db).forms if f.name == "Coaching 1:1")
    return list(form.items)


@pilot_test
async def test_a_5000_character_win_keeps_the_acknowledge_choices_on_screen(tmp_path):
    db = demo_copy(tmp_path)
    store = Store(db)
    from supervisor_tui.domain.clock import local_now
    from supervisor_tui.domain.entities import Win

    anna = person_named(store.load(), "anna")
    long_text = ("closed a long escalation " * 200)[:5000]
    store.add(Win(0, anna.id, long_text, ANCHOR, local_now(ANCHOR)))
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await first_row_where(pilot, lambda r: r.record is not None and r.what == long_text)
        await pilot.press("a")
        await until(pilot, lambda: showing(app, AcknowledgeScreen))
        await pilot.pause()
        lines = screen_lines(app)
    assert len(lines) == 24
    for choice in ("In person", "Message", "Team meeting"):
        assert any(choice in line for line in lines), choice
    assert any("…" in line for line in lines), "the text is shortened, not cut off unseen"
    assert any("Enter saves" in line for line in lines)


# -- the CLI side ---------------------------------------------------------------------


def _run_sup(db, *args, stdin=subprocess.DEVNULL):
    return subprocess.run(
        [str(SUP), "--db", str(db), "--today", ANCHOR.isoformat(), *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=20,  # a guard against the old spin, not a measure
        env=clean_environment(),
    )


def test_sup_without_a_terminal_prints_the_day_view_and_exits(tmp_path):
    db = demo_copy(tmp_path)
    done = _run_sup(db)  # stdin /dev/null, stdout a pipe: as in cron or `sup | cat`
    assert done.returncode == 0
    assert done.stdout.startswith("Friday 20 November 2026 · 10 people")
    assert "TODAY'S SESSIONS (3)" in done.stdout
    assert "\x1b" not in done.stdout
    assert "Not a terminal" in done.stderr


def test_sup_piped_from_a_terminal_prints_the_day_view(tmp_path):
    """`sup | cat` typed in a terminal: stdin is a tty, stdout a pipe."""
    db = demo_copy(tmp_path)
    script = (
        "import pty, os, subprocess, sys\n"
        "leader, follower = pty.openpty()\n"
        f"done = subprocess.run({[str(SUP), '--db', str(db), '--today', ANCHOR.isoformat()]!r},"
        " stdin=follower, capture_output=True, text=True, timeout=20)\n"
        "sys.stdout.write(done.stdout)\n"
        "sys.exit(done.returncode)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=30,
        env=clean_environment(),
    )
    assert done.returncode == 0, done.stderr
    assert "TODAY'S SESSIONS (3)" in done.stdout
    assert "\x1b" not in done.stdout


def test_held_refuses_a_next_session_in_the_past(tmp_path):
    db = demo_copy(tmp_path)
    before = on_disk(db)
    done = _run_sup(db, "held", "anna", "--next", "2026-11-01 10:00")
    assert done.returncode == 2
    assert done.stderr == (
        "Error: The next session can't be planned in the past (Sun 1 Nov 10:00); "
        "give a later date.\n"
    )
    assert on_disk(db) == before


@pilot_test
async def test_a_paste_into_the_notes_lands_once_plain_or_with_control_characters(tmp_path):
    app = demo_app(demo_copy(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_session(pilot, "anna")
        await pilot.press("tab")
        notes = app.focused
        await paste(pilot, "pasted once")
        await until(pilot, lambda: "pasted once" in notes.text)
        await paste(pilot, " then\x1b[2J")
        await until(pilot, lambda: "then" in notes.text)
        await pilot.pause()
        assert notes.text.count("pasted once") == 1
        assert notes.text.count("then") == 1
        assert "\x1b" not in notes.text
