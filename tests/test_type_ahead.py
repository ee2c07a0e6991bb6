"""Keys typed straight after Enter go where the focus goes next, never into the text.

Enter fixes a dialog's field exactly as it was typed up to Enter, however far
behind the app is: keys the app has handed to the field but the field has not
taken in yet still count, keys (and pastes) after Enter wait and then go to
whatever has focus once the outcome is known (the day view when the capture is
saved, the capture bar again when it is refused).

A lagging app gets a burst of keys at once from the terminal; the Pilot tests post
them the way the terminal driver does, all before the app handles the first. The
real-terminal test types at human speed and sends Enter and the next letters in
one go.
"""

from __future__ import annotations

import random
import shlex

from apphelpers import (
    ANCHOR,
    DayRow,
    current_row,
    demo_app,
    demo_copy,
    highlight,
    listed_rows,
    loaded,
    pilot_test,
    reload,
    settled,
    showing,
    until,
)
from terminalhelpers import SUP, eventually
from textual import events
from textual.widgets import Input, OptionList

from supervisor_tui.tui.dialogs.acknowledge import AcknowledgeScreen
from supervisor_tui.tui.dialogs.capture import CaptureScreen
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.widgets.sectioned_list import SectionedList

NAMED = {
    "enter": "\r",
    "space": " ",
    "tab": "\t",
    "down": None,
    "up": None,
    "backspace": "\x7f",
}


def burst(app, *keys: str) -> None:
    """Keys as a terminal delivers them to a busy app: all queued before the first is handled."""
    for key in keys:
        for name in [key] if key in NAMED else ["space" if c == " " else c for c in key]:
            app.post_message(events.Key(name, NAMED.get(name, name)))


async def open_capture(pilot) -> CaptureScreen:
    await pilot.press("c")
    await until(pilot, lambda: showing(pilot.app, CaptureScreen), what="the bar")
    await pilot.pause()
    return pilot.app.screen


def win_texts(db) -> list[str]:
    return [w.text for w in reload(db).wins]


@pilot_test
async def test_keys_typed_straight_after_enter_go_to_the_day_view_not_the_capture(tmp_path):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        start = current_row(app)
        await open_capture(pilot)
        # A slip fixed just before Enter counts too: backspace acts on its way back up.
        burst(app, "win @anna xy", "backspace", "enter", "ZZj")
        await until(pilot, lambda: showing(app, DayScreen), what="the day view")
        await settled(pilot)
        assert app.screen.query_one(SectionedList).has_focus
        assert current_row(app) != start, "j, typed after Enter, moved the day view's cursor"
    texts = win_texts(db)
    assert "x" in texts
    assert not any(t.startswith("xZ") or t.endswith("Z") for t in texts)


@pilot_test
async def test_a_paste_straight_after_enter_does_not_join_the_capture(tmp_path):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await open_capture(pilot)
        burst(app, "win @anna x", "enter")
        app.post_message(events.Paste("pasted after Enter"))
        await until(pilot, lambda: showing(app, DayScreen), what="the day view")
        await settled(pilot)
    texts = win_texts(db)
    assert "x" in texts and not any("pasted" in t for t in texts)


@pilot_test
async def test_keys_after_a_refused_enter_go_back_to_the_bar_after_its_text(tmp_path):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        bar = await open_capture(pilot)
        before = win_texts(db)
        burst(app, "win @nobody x", "enter", "yz")
        line = bar.query_one(Input)
        await until(pilot, lambda: line.value == "win @nobody xyz", what="the keys back")
        await settled(pilot)
        assert app.screen is bar and line.has_focus
        assert not line.has_class("-committed")
    assert win_texts(db) == before


@pilot_test
async def test_a_choice_moved_just_before_enter_is_the_one_saved(tmp_path):
    # The same for a list: ↓ still waiting in the list's queue when Enter arrives counts.
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        win = next(r for r in listed_rows(app) if r.kind == "win")
        await highlight(pilot, win.key)
        await pilot.press("a")
        await until(pilot, lambda: showing(app, AcknowledgeScreen), what="the dialog")
        await pilot.pause()
        burst(app, "down", "enter", "j")
        await until(pilot, lambda: showing(app, DayScreen), what="the day view")
        await settled(pilot)
    thanked = next(w for w in reload(db).wins if w.id == win.record.id)
    assert thanked.acknowledged_how == "message"  # the second way, below "in person"


def test_enter_then_letters_at_once_in_a_real_terminal_save_the_line_as_typed(tmp_path, tmux):
    db = demo_copy(tmp_path)
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {ANCHOR.isoformat()}"
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "100", "-y", "30",
        f"{command}; echo EXITED $?; sleep 60",
    )  # fmt: skip
    rng = random.Random(14)
    tmux.wait_for(lambda s: "Today's sessions" in s, "day view")
    # Before Enter waited for the keys ahead of it, about one burst in two lost its line.
    ways = [(" at human speed", "person")] + [(" in a burst", "burst")] * 3
    for n, (typed, how) in enumerate(ways):
        tmux.keys("c")
        tmux.wait_for(lambda s: "win · idea" in s, "capture bar")
        line = f"win @anna x{n}{typed}"
        if how == "person":
            tmux.type_as_a_person(line, rng)
        else:  # all at once, as a lagging app receives a fast typist's keys
            tmux.keys(line, literal=True)
        # Enter and the next letters in one write to the terminal: no pause between them.
        tmux.run("send-keys", "-t", "main", "Enter", "Z", "Z")
        tmux.wait_for(lambda s: "win · idea" not in s, "the bar closed")
        expected = f"x{n}{typed}"
        eventually(lambda e=expected: e in win_texts(db), f"win {expected!r} in the file", 5)
        texts = win_texts(db)
        assert expected in texts, texts
        assert not any(t.startswith(expected) and t != expected for t in texts), texts
    screen = tmux.screen()
    print(screen)  # shown by pytest -rP: what the lead saw
    assert "ZZ" not in screen
    tmux.keys("q")
    assert "EXITED 0" in tmux.wait_for(lambda s: "EXITED" in s, "exit of sup")


@pilot_test
async def test_letters_typed_at_once_after_a_row_key_go_into_the_dialog_it_opens(tmp_path):
    """`e` on a win, then a fix typed at once: it lands in the edit dialog `e` opens,
    not in the day view's list (a row key acts before the next key is looked at)."""
    from supervisor_tui.tui.dialogs.correct import EditScreen

    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, DayRow("win", "dawit"))
        burst(app, "e", " again")
        await until(pilot, lambda: showing(app, EditScreen), what="the edit dialog")
        field = app.screen.query(Input).first()
        await until(pilot, lambda: field.value.endswith(" again"), what="the fix in the field")
        assert field.value == row.record.text + " again"


@pilot_test
async def test_a_key_typed_at_once_after_enter_acts_in_the_person_view_it_opens(tmp_path):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await highlight(pilot, DayRow("win", "dawit"))
        burst(app, "enter", "w")
        await until(pilot, lambda: showing(app, CaptureScreen), what="the bar")
        assert app.screen.query_one(Input).value == "win @dawit "


@pilot_test
async def test_a_backspace_typed_at_once_with_letters_acts_where_it_was_typed(tmp_path):
    """Backspace is a key binding of the field, which Textual looks at only once the key
    has come back up to the app; the letters typed after it must wait for it."""
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = await open_capture(pilot)
        burst(app, "win @anna kept calmm", "backspace", "backspace", "m on a hard call")
        field = screen.query_one("#line", Input)
        await until(pilot, lambda: field.value.endswith("call"), what="the whole line")
        assert field.value == "win @anna kept calm on a hard call"


@pilot_test
async def test_tab_and_a_note_typed_at_once_as_a_dialog_opens_land_in_the_note(tmp_path):
    """`a` on a win, ↓ to the second message, Tab to the note and the note itself, all in
    one go: each key acts where the keys before it lead, none is lost on the way."""
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = await highlight(pilot, DayRow("win", "dawit"))
        burst(app, "a", "down", "tab", "Told him at the huddle")
        await until(pilot, lambda: showing(app, AcknowledgeScreen), what="the dialog")
        note = app.screen.query_one("#note", Input)
        await until(pilot, lambda: note.value.endswith("huddle"), what="the note")
        assert note.value == "Told him at the huddle"
        assert app.screen.query_one(OptionList).highlighted == 1
        burst(app, "enter")
        await settled(pilot)
    (thanked,) = [w for w in reload(db).wins if w.id == row.record.id]
    assert thanked.ack_note == "Told him at the huddle"


def test_a_thank_you_note_typed_with_a_slip_lands_whole_in_a_real_terminal(tmp_path, tmux):
    """`a` on a win, ↓ to "Message", Tab to the note, the note with a slip put right by
    backspace, Enter: once at a person's pace, once all in one go as a lagging app gets
    them. Both notes are saved as meant, on the message."""
    db = demo_copy(tmp_path)
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {ANCHOR.isoformat()}"
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
        f"{command}; echo EXITED $?; sleep 60",
    )  # fmt: skip
    rng = random.Random(29)
    tmux.wait_for(lambda s: "Unacknowledged wins" in s, "day view")
    for how, meant in (("person", "Told him at the huddle"), ("burst", "Told him later")):
        for _ in range(6):  # Tab from section to section, to the wins
            if "a Thank" in tmux.screen().splitlines()[-1]:
                break
            tmux.press_as_a_person("Tab", rng)
        waiting = {w.id for w in reload(db).wins if w.acknowledged_on is None}
        if how == "person":
            tmux.press_as_a_person("a", rng)
            tmux.wait_for(lambda s: "─ Thank " in s, "the thank-you dialog")
            tmux.press_as_a_person("Down", rng)
            tmux.press_as_a_person("Tab", rng)
            tmux.type_as_a_person("Told him at the hudld", rng)
            tmux.press_as_a_person("BSpace", rng)
            tmux.press_as_a_person("BSpace", rng)
            tmux.type_as_a_person("dle", rng)
            tmux.press_as_a_person("Enter", rng)
        else:  # one write to the terminal: the dialog opens while the keys wait
            tmux.keys("a", "Down", "Tab", "Told", "Space", "hin", "BSpace", "m later", "Enter")
        tmux.wait_for(lambda s: "─ Thank " not in s, "the dialog closed")
        eventually(
            lambda w=waiting: (
                len(w - {x.id for x in reload(db).wins if x.acknowledged_on is None}) == 1
            ),
            "one more win acknowledged",
            5,
        )
        (thanked,) = [w for w in reload(db).wins if w.id in waiting and w.acknowledged_on]
        assert (thanked.acknowledged_how, thanked.ack_note) == ("message", meant), how
    print(tmux.screen())  # shown by pytest -rP: what the lead saw
    tmux.keys("q")
    assert "EXITED 0" in tmux.wait_for(lambda s: "EXITED" in s, "exit of sup")
