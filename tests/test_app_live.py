"""The TUI next to other processes, and next to hostile text.

A shell one-liner in another terminal must show up in the open day view by
itself, and the TUI's next save must not lose it. Whatever a user typed is shown
as text: markup stays literal, control characters become visible placeholders.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import sys
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apphelpers import (
    ANCHOR,
    DayRow,
    current_row,
    demo_app,
    demo_copy,
    highlight,
    listed_rows,
    loaded,
    option_texts,
    pilot_test,
    reload,
    rows_list,
    screen_lines,
    settled,
    sup,
    until,
)

from supervisor_tui.domain.entities import Win
from supervisor_tui.store import Store
from supervisor_tui.tui import app as app_module
from supervisor_tui.tui.app import POLL_SECONDS
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.screens.person import PersonScreen
from supervisor_tui.tui.widgets.sectioned_list import WHO_WIDTH

DAWITS_WIN = DayRow("win", "dawit")
HELSINKI = ZoneInfo("Europe/Helsinki")
RAW_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def db(tmp_path):
    return demo_copy(tmp_path)


def texts(app) -> list[str]:
    """The texts of every note the app has read."""
    return [note.text for note in app.records.notes]


def shows(app, text: str) -> bool:
    return any(text in line for line in option_texts(app))


@pilot_test
async def test_a_win_captured_from_the_shell_appears_in_the_open_day_view_by_itself(db):
    app = demo_app(db, poll_seconds=0.1)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        assert not shows(app, "from the shell")
        await sup(db, "win", "ben", "from the shell")
        # No key is pressed: the poll timer notices the other process's write.
        await until(pilot, lambda: shows(app, "from the shell"), timeout=2.0, what="the new win")
        assert any("from the shell" in line for line in screen_lines(app))

        # The TUI's next save keeps what the shell wrote.
        dawits = await highlight(pilot, DAWITS_WIN)
        await pilot.press("a", "enter")
        await settled(pilot)
        assert isinstance(app.screen, DayScreen)
        assert shows(app, "from the shell")

    records = reload(db)
    assert [w.text for w in records.wins].count("from the shell") == 1
    assert next(w for w in records.wins if w.id == dawits.record.id).acknowledged_on == ANCHOR


@pilot_test
async def test_the_apps_own_save_reads_nothing_again_and_keeps_the_whole_history(db):
    """After its own write the app holds every record already: the day view is worked
    out from what is open (a few hundred records at any size), the history stays whole
    for the person view, and the file is not read again."""
    app = demo_app(db, poll_seconds=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: app.records_complete, what="the whole history read")
        reads = []
        load = app.store.load
        app.store.load = lambda **kw: reads.append(kw) or load(**kw)
        dawits = await highlight(pilot, DAWITS_WIN)
        await pilot.press("a", "enter")
        await settled(pilot)
        assert not shows(app, dawits.record.text)
        assert app.records_complete
        kept = next(w for w in app.records.wins if w.id == dawits.record.id)
        assert kept.acknowledged_on == ANCHOR
        assert dawits.record.id not in {w.id for w in app.day_records.wins}
        assert len(app.day_records.wins) < len(app.records.wins)
        assert [kw for kw in reads if not kw.get("open_only")] == []


def _write_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "supervisor-writes"}


@pilot_test
async def test_an_app_closed_just_after_a_save_writes_it_and_leaves_no_thread_behind(db):
    """Quitting at once after thanking: the save is on disk, and the app's write thread
    ends with the app (one left per app would hold every app a test process ran)."""
    before = _write_threads()
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        dawits = await highlight(pilot, DAWITS_WIN)
        await pilot.press("a", "enter")
        mine = _write_threads() - before
        assert len(mine) == 1, "the thanks is written in the app's write thread"
        await pilot.press("q")
    for thread in mine:
        thread.join(10)
        assert not thread.is_alive(), "the write thread outlived its app"
    kept = next(w for w in reload(db).wins if w.id == dawits.record.id)
    assert kept.acknowledged_on == ANCHOR


@pilot_test
async def test_saving_in_the_tui_before_it_has_reloaded_keeps_the_shells_win(db):
    # The poll timer is far off: the app's records are stale when it saves.
    app = demo_app(db, poll_seconds=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await sup(db, "win", "ben", "from the shell")
        assert not shows(app, "from the shell"), "the app must not have reloaded yet"
        dawits = await highlight(pilot, DAWITS_WIN)
        await pilot.press("a", "enter")
        await settled(pilot)
        # The save reloads, so the shell's win is on screen now too.
        assert shows(app, "from the shell")

    records = reload(db)
    assert [w.text for w in records.wins].count("from the shell") == 1
    assert next(w for w in records.wins if w.id == dawits.record.id).acknowledged_on == ANCHOR


@pilot_test
async def test_a_reload_that_changes_nothing_listed_leaves_the_day_view_as_it_is(db):
    """A note from the shell is not in the day view: the reload it causes draws no row
    again (and the cursor stays); a win is, and it is drawn."""
    app = demo_app(db, poll_seconds=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        dawits = await highlight(pilot, DAWITS_WIN)
        drawn_before = list(rows_list(app).options)
        await sup(db, "note", "ben", "a note the day view does not list")
        await until(
            pilot,
            lambda: app.records_complete and "a note the day view does not list" in texts(app),
            what="the reload",
        )
        await settled(pilot)
        assert all(a is b for a, b in zip(rows_list(app).options, drawn_before, strict=True))
        assert current_row(app).key == dawits.key

        await sup(db, "win", "ben", "from the shell")
        await until(pilot, lambda: shows(app, "from the shell"), what="the new win")
        assert current_row(app).key == dawits.key


HOSTILE = {
    "[@click=app.quit]x[/]": "[@click=app.quit]x[/]",
    "[b]bold[/b] and [red]red": "[b]bold[/b] and [red]red",
    "copy \x1b]52;c;aGk=\x07 me": "copy ␛]52;c;aGk=␇ me",
    "\u202edesrever": "<U+202E>desrever",
}


@pytest.fixture
def hostile_db(db):
    store = Store(db)
    ben = next(p for p in store.load().people if p.handle == "ben")
    for text in HOSTILE:
        store.add(Win(0, ben.id, text, ANCHOR, dt.datetime(2026, 11, 20, 9, tzinfo=HELSINKI)))
    return db


@pilot_test
async def test_typed_markup_and_control_characters_are_shown_literally(hostile_db):
    app = demo_app(hostile_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        lines = screen_lines(app)
        for shown in HOSTILE.values():
            assert shows(app, shown), f"row text lacks {shown!r}"
            assert any(shown in line for line in lines), f"screen lacks {shown!r}"
        for line in lines:
            assert not RAW_CONTROL.search(line), repr(line)
        assert app.is_running


async def click_where_the_text_starts(pilot, row) -> None:
    """Click the first cell of ``row``'s own text, where markup would put a link."""
    app = pilot.app
    await highlight(pilot, row.key)  # scrolls it into view
    widget = rows_list(app)
    y = widget.content_region.y + widget.get_option_index(row.key) - round(widget.scroll_y)
    line = screen_lines(app)[y]
    x = line.index(row.who) + WHO_WIDTH + 1
    assert await pilot.click(offset=(x, y))
    await pilot.pause()


@pilot_test
async def test_clicking_a_row_whose_text_looks_like_a_click_action_does_not_quit(hostile_db):
    app = demo_app(hostile_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        row = next(r for r in listed_rows(app) if r.what == "[@click=app.quit]x[/]")
        await click_where_the_text_starts(pilot, row)
        assert app.is_running
        assert app.return_code is None
        # The click chose the row: its person view, where the text shows again.
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == row.person_id
        again = next(r for r in listed_rows(app) if r.what == "[@click=app.quit]x[/]")
        await click_where_the_text_starts(pilot, again)
        assert app.is_running
        assert app.return_code is None


@pilot_test
async def test_the_palette_shows_names_that_look_like_markup_as_text(tmp_path):
    db = demo_copy(tmp_path)
    store = Store(db)
    from supervisor_tui.domain.entities import Person

    for name, handle in (("Ann [/b] Smith", "anns"), ("[@click=app.quit]Mallory[/]", "mal")):
        store.add(Person(0, name, handle, ANCHOR))
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p", *"Open")
        await until(
            pilot,
            lambda: any("Mallory" in line for line in screen_lines(app)),
            what="the palette's hits",
        )
        lines = screen_lines(app)
        assert app.is_running
    assert any("Open Ann [/b] Smith" in line for line in lines)
    assert any("Open [@click=app.quit]Mallory[/]" in line for line in lines)


@pilot_test
async def test_a_burst_from_the_shell_is_read_once_it_pauses_not_once_per_capture(db):
    """Thirty captures from a shell loop while the TUI is open: all of them show, and
    the app reads the file a few times, not thirty (each read of a large file costs
    the screen)."""
    app = demo_app(db, poll_seconds=POLL_SECONDS)  # a capture takes less than a poll
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        reads = []
        load = app.store.load
        app.store.load = lambda **kw: reads.append(kw) or load(**kw)
        script = "\n".join(
            f'"$SUP" --db "$DB" --today {ANCHOR.isoformat()} win ben "burst {n}" || exit 1'
            for n in range(30)
        )
        shell = await asyncio.create_subprocess_exec(
            "sh",
            "-c",
            script,
            env={**os.environ, "SUP": str(Path(sys.executable).with_name("sup")), "DB": str(db)},
        )
        assert await asyncio.wait_for(shell.wait(), timeout=120) == 0
        await until(
            pilot,
            lambda: sum(w.text.startswith("burst ") for w in app.records.wins) == 30,
            timeout=10,
            what="all thirty captures in the app",
        )
        # The rows follow the records a frame later.
        await until(
            pilot,
            lambda: app.records_complete and all(shows(app, f"burst {n}") for n in (0, 29)),
            what="the whole history read, and the first and last capture shown",
        )
        full_reads = [kw for kw in reads if not kw.get("open_only")]
        assert 1 <= len(full_reads) <= 10, len(full_reads)


@pytest.mark.parametrize(
    ("limit", "drawn"),
    [
        pytest.param(None, [True], id="a small file: drawn once, with the whole history"),
        pytest.param(0, [False, True], id="a large file: what is open first, then the rest"),
    ],
)
@pilot_test
async def test_the_day_view_waits_for_the_whole_history_only_in_a_small_file(
    db, monkeypatch, limit, drawn
):
    """At 100k records the rows are drawn from the open view before years of history are
    parsed; a file of a few hundred records is read whole first, and drawn once."""
    if limit is not None:
        monkeypatch.setattr(app_module, "WHOLE_AT_ONCE_BYTES", limit)
    whole_when_drawn = []
    redraw = DayScreen.redraw

    def spied(screen: DayScreen) -> None:
        whole_when_drawn.append(screen.app.records_complete)
        redraw(screen)

    monkeypatch.setattr(DayScreen, "redraw", spied)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert whole_when_drawn == drawn
        assert len(app.records.wins) > len(app.day_records.wins)
