"""The session view: holding a whole coaching 1:1 by keyboard, and drafts that survive."""

from __future__ import annotations

import dataclasses
import os
import signal
from pathlib import Path

import orjson
from apphelpers import (
    ANCHOR,
    DayRow,
    days,
    demo_app,
    demo_copy,
    highlight,
    loaded,
    open_session,
    person_named,
    pilot_test,
    reload,
    showing,
    until,
)
from terminalhelpers import SUP, eventually
from textual.widgets import TextArea

from supervisor_tui.domain.entities import HELD, LEAD, PLANNED
from supervisor_tui.store import Store
from supervisor_tui.tui.dialogs.resume import ResumeScreen
from supervisor_tui.tui.screens.session import SessionScreen
from supervisor_tui.tui.widgets.agenda import AgendaItem
from supervisor_tui.tui.widgets.sectioned_list import SectionedList


def _draft_file(db: Path, person_id: int) -> Path:
    return db.with_name(db.name + ".drafts") / f"session-{person_id}.json"


def _saved(db: Path) -> tuple[bytes, bytes | None]:
    """What the database and its journal hold on disk (None: no journal)."""
    journal = Store(db).journal_path
    return db.read_bytes(), journal.read_bytes() if journal.exists() else None


def _items(screen: SessionScreen) -> dict[str, AgendaItem]:
    return {item.item: item for item in screen.query(AgendaItem)}


@pilot_test
async def test_holding_a_whole_session_writes_notes_outcomes_agreements_and_the_next_one(tmp_path):
    db = demo_copy(tmp_path)
    before = reload(db)
    anna = person_named(before, "anna")
    shift_plan, closing_phrase = sorted(
        (a for a in before.agreements if a.person_id == anna.id and a.is_open),
        key=lambda a: a.follow_up_on,
    )
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        assert isinstance(screen, SessionScreen)
        # The session starts with last time's agreements, in the first agenda item.
        first = screen.query(AgendaItem).first()
        assert first.item == "Since last time (our agreements)"
        assert isinstance(app.focused, SectionedList)
        assert app.focused.current.record.id == shift_plan.id
        await pilot.press("x")  # done
        await pilot.press("down", "o")  # carry over…
        await pilot.press("enter")  # …by the proposed +2w
        await pilot.press("tab")
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"Plan sent; phrase +1 week.")
        await pilot.press("ctrl+n")
        await pilot.press(*"Listen to two calls", "tab", "down", "tab", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # hold, with the proposed next session
        await until(pilot, lambda: not isinstance(app.screen, SessionScreen), what="back to day")

    after = reload(db)
    held = [s for s in after.sessions if s.person_id == anna.id and s.status == HELD]
    session = max(held, key=lambda s: s.held_on)
    assert session.held_on == ANCHOR
    assert (session.form_name, session.form_version) == ("Coaching 1:1", 1)
    assert session.note_for("Since last time (our agreements)") == "Plan sent; phrase +1 week."
    agreements = {a.id: a for a in after.agreements}
    assert agreements[shift_plan.id].done_on == ANCHOR
    assert agreements[closing_phrase.id].follow_up_on == ANCHOR + days(14)
    assert agreements[closing_phrase.id].is_open
    (new,) = [a for a in after.agreements if a.session_id == session.id]
    assert (new.text, new.owner, new.follow_up_on) == (
        "Listen to two calls",
        LEAD,
        ANCHOR + days(14),
    )
    # Next one a cadence ahead, pulled back from Sunday 20 Dec to Friday 18 Dec.
    (upcoming,) = [s for s in after.sessions if s.person_id == anna.id and s.status == PLANNED]
    assert upcoming.planned_for.date() == ANCHOR + days(28)
    assert not _draft_file(db, anna.id).exists()


@pilot_test
async def test_a_win_and_a_suggestion_can_be_closed_during_the_session(tmp_path):
    db = demo_copy(tmp_path)
    before = reload(db)
    anna = person_named(before, "anna")
    (suggestion,) = [
        s
        for s in before.suggestions
        if s.person_id == anna.id and s.decision != "accepted" and s.decision != "declined"
    ]
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        needs = _items(screen)["What you need from me"]
        rows = needs.query_one(SectionedList)
        assert rows.display and rows.current.record.id == suggestion.id
        needs.focus_rows()
        await pilot.pause()
        await pilot.press("r", "tab", *"Trial from January", "enter")
        await until(pilot, lambda: showing(app, SessionScreen))
    answered = next(s for s in reload(db).suggestions if s.id == suggestion.id)
    assert (answered.decision, answered.response, answered.answered_on) == (
        "accepted",
        "Trial from January",
        ANCHOR,
    )


@pilot_test
async def test_notes_are_kept_as_a_draft_while_typing_and_offered_back(tmp_path):
    db = demo_copy(tmp_path)
    anna = person_named(reload(db), "anna")
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        _items(screen)["Wins"].notes_area.focus()
        await pilot.press(*"Thanked her")
        # Saved once the lead pauses, by the write thread: wait for it, not for a time.
        # (A slow machine may save after the first key, then again after the last.)
        await until(
            pilot,
            lambda: (
                b"Thanked her" in _draft_file(db, anna.id).read_bytes()
                if _draft_file(db, anna.id).exists()
                else False
            ),
            what="the draft on disk",
        )
        await until(pilot, lambda: not app.writer.busy)
        kept = orjson.loads(_draft_file(db, anna.id).read_bytes())
        assert ["Wins", "Thanked her"] in kept["notes"]
        assert oct(_draft_file(db, anna.id).stat().st_mode & 0o777) == "0o600"
    # A new app (as after a closed terminal) offers the draft back.
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        assert isinstance(screen, ResumeScreen)
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, SessionScreen))
        await pilot.pause()
        wins = _items(app.screen)["Wins"]
        assert wins.notes_area.text == "Thanked her"


@pilot_test
async def test_discarding_a_kept_draft_starts_the_session_afresh(tmp_path):
    db = demo_copy(tmp_path)
    anna = person_named(reload(db), "anna")
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        _items(screen)["Wins"].notes_area.focus()
        await pilot.press(*"old notes")
        await pilot.press("escape")  # leave: the draft is kept
        await until(pilot, lambda: not isinstance(app.screen, SessionScreen))
    assert _draft_file(db, anna.id).exists()
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_session(pilot, "anna")
        await pilot.press("down", "enter")  # discard
        await until(pilot, lambda: showing(app, SessionScreen))
        await pilot.pause()
        assert _items(app.screen)["Wins"].notes_area.text == ""
    assert not _draft_file(db, anna.id).exists()


@pilot_test
async def test_leaving_an_untouched_session_keeps_no_draft_and_writes_nothing(tmp_path):
    db = demo_copy(tmp_path)
    anna = person_named(reload(db), "anna")
    before = _saved(db)
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_session(pilot, "anna")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, SessionScreen))
    assert not _draft_file(db, anna.id).exists()
    assert _saved(db) == before  # byte for byte


@pilot_test
async def test_a_person_with_their_own_form_gets_its_agenda_and_its_version_recorded(tmp_path):
    db = demo_copy(tmp_path)
    store = Store(db)
    with store.transaction() as txn:
        chloe = person_named(txn.records, "chloe")
        txn.put(dataclasses.replace(chloe, form="New starter"))
    app = demo_app(db)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(pilot)
        await highlight(pilot, DayRow("due", "chloe"))
        await pilot.press("h")
        await until(pilot, lambda: showing(app, SessionScreen))
        await until(pilot, lambda: app.screen.ready, what="the agenda drawn")
        assert list(_items(app.screen)) == [
            "Since last time (our agreements)",
            "Wins",
            "What felt hard this week",
            "Systems and knowledge: what to practise",
            "Wellbeing and workload",
            "What you need from me",
            "Agreed next steps",
        ]
        _items(app.screen)["What felt hard this week"].notes_area.focus()
        await pilot.press(*"billing disputes", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, SessionScreen))
    (held,) = [s for s in reload(db).sessions if s.person_id == chloe.id and s.status == HELD]
    assert (held.form_name, held.form_version) == ("New starter", 1)
    assert held.notes == (("What felt hard this week", "billing disputes"),)


def test_a_draft_survives_the_app_being_killed_mid_session(tmp_path, tmux):
    """A real terminal, a real SIGKILL: what was typed is on disk and offered back."""
    db = demo_copy(tmp_path)
    anna = person_named(reload(db), "anna")
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "100", "-y", "30",
        f"{SUP} --db {db} --today {ANCHOR.isoformat()}",
    )  # fmt: skip
    tmux.wait_for(lambda s: "Due for coaching (" in s, "day view")
    tmux.keys("down", "down", "h")
    tmux.wait_for(lambda s: "x Done" in s, "the agreements list with the focus")
    tmux.keys("tab")
    tmux.wait_for(lambda s: "x Done" not in s, "the notes area with the focus")
    tmux.keys("typed before the crash", literal=True)
    tmux.wait_for(lambda s: "typed before the crash" in s, "the typed notes")
    eventually(lambda: _draft_file(db, anna.id).exists(), "draft on disk", timeout=5)
    os.kill(int(tmux.run("display-message", "-p", "-t", "main", "#{pane_pid}")), signal.SIGKILL)

    kept = orjson.loads(_draft_file(db, anna.id).read_bytes())
    assert ["Since last time (our agreements)", "typed before the crash"] in kept["notes"]
    held_today = [s for s in reload(db).sessions if s.status == HELD and s.held_on == ANCHOR]
    assert held_today == []  # nothing was held: only the draft was kept


def test_ctrl_o_writes_the_focused_items_notes_in_the_editor(tmp_path, tmux):
    """In a real terminal: the app steps aside for $EDITOR and takes back what it wrote."""
    db = demo_copy(tmp_path)
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "Written in the editor.\\nSecond line.\\n" > "$1"\n')
    editor.chmod(0o700)
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "100", "-y", "30", "-e", f"EDITOR={editor}",
        f"{SUP} --db {db} --today {ANCHOR.isoformat()}",
    )  # fmt: skip
    tmux.wait_for(lambda s: "Due for coaching (" in s, "day view")
    tmux.keys("down", "down", "h")
    tmux.wait_for(lambda s: "x Done" in s, "the agreements list with the focus")
    tmux.keys("tab")
    tmux.wait_for(lambda s: "^o Editor" in s, "the notes area with the focus")
    tmux.keys("C-o")
    tmux.wait_for(lambda s: "Second line." in s, "the editor's text in the notes")
    tmux.keys("C-s")
    tmux.wait_for(lambda s: "Enter holds it" in s, "the hold dialog")
    tmux.keys("Enter")
    tmux.wait_for(lambda s: "Today's sessions (2)" in s, "the day view without Anna's 1:1")

    anna = person_named(reload(db), "anna")
    (held,) = [s for s in reload(db).sessions if s.person_id == anna.id and s.held_on == ANCHOR]
    assert held.note_for("Since last time (our agreements)") == (
        "Written in the editor.\nSecond line."
    )
