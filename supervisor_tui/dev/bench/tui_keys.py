"""What a key costs the TUI's event loop, and how soon the screen answers, at any size.

Runs the real app headless (Textual's Pilot) on a database and measures, in the
app's own process:

- **notes key**: CPU milliseconds one key typed in a session's notes costs the app
  (60 keys, 100 ms apart, less the same stretch with no keys), per key;
- **ack → row gone**: Enter in the acknowledge dialog until the win's row has left
  the day view, median of 5;
- **person view open**: Enter on a row of the day view until the person's timeline is
  listed, median of 5;
- **↓ during a write**: a follow-up marked done (the write runs in its thread) and
  ↓ pressed at once: until the cursor has moved, median of 5;
- **memory**: resident MB once the records are loaded, after 50 actions
  (acknowledgements and follow-ups done, each written and read back), and after 150:
  what grows from 50 to 150 is growth; what came before and stays is the allocator
  keeping a write's buffer for the next one.

    python -m supervisor_tui.dev.bench.tui_keys DB
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from textual import events

NOTES_KEYS = 60
ROUNDS = 5
ACTIONS = 50


def _resident_mb() -> float:
    """This process's resident memory now (not its peak), in MB."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


async def until(condition, timeout: float = 120.0) -> float:
    """Let the app run until ``condition()`` holds; the ms it took."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the app did not get there")
        await asyncio.sleep(0.001)
    return (time.perf_counter() - start) * 1000


def _timeline_shown(app) -> bool:
    """Whether the person view on top lists its timeline's rows."""
    from ...tui.widgets.sectioned_list import SectionedList

    lists = app.screen.query(SectionedList)
    return bool(lists) and any(row.key.startswith("t-") for row in lists.first().rows)


async def _cpu_over(pilot, keys: list[str | None]) -> float:
    """CPU milliseconds this process spends while ``keys`` are typed 100 ms apart."""
    start = time.process_time()
    for key in keys:
        if key is not None:
            pilot.app.post_message(events.Key(key, key))
        await asyncio.sleep(0.1)
    await pilot.pause()
    return (time.process_time() - start) * 1000


async def _measure(db: Path) -> dict[str, float]:
    from ...store.config import Config
    from ...tui.app import make_app
    from ...tui.screens.person import PersonScreen
    from ...tui.screens.session import SessionScreen
    from ...tui.widgets.agenda import AgendaItem
    from ...tui.widgets.sectioned_list import SectionedList

    app = make_app(db, config=Config(), poll_seconds=30)
    figures: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: app.records_complete)
        await pilot.pause()
        figures["memory at start MB"] = _resident_mb()
        day = app.screen
        rows = day.query_one(SectionedList)

        def find(kind: str):
            listed = {row.key: row for row in rows.rows}
            return next(
                (
                    i
                    for i in range(rows.option_count)
                    if (r := listed.get(rows.get_option_at_index(i).id or "")) and r.kind == kind
                ),
                None,
            )

        async def highlight(kind: str) -> None:
            """A row of ``kind`` highlighted, again if the list was redrawn meanwhile
            (after a write the rows move: an index found before may be another row)."""

            def on_one() -> bool:
                if rows.current is not None and rows.current.kind == kind:
                    return True
                rows.highlighted = find(kind)
                return False

            await until(on_one)
            await pilot.pause()
            await until(on_one)

        # ↓ while a write runs: d on a follow-up, then ↓ at once.
        latencies = []
        for _ in range(ROUNDS):
            await highlight("follow_up")
            before, submitted = rows.highlighted, app.writer.submitted
            app.post_message(events.Key("d", "d"))
            await until(lambda s=submitted: app.writer.submitted > s)
            start = time.perf_counter()
            app.post_message(events.Key("down", None))
            await until(lambda b=before: rows.highlighted != b)
            latencies.append((time.perf_counter() - start) * 1000)
            await until(lambda: not app.writer.busy)
            await pilot.pause()
        figures["down during a write"] = statistics.median(latencies)

        # Acknowledge: Enter in the dialog until the row has gone.
        latencies = []
        for _ in range(ROUNDS):
            await highlight("win")
            key = rows.current.key
            await pilot.press("a")
            await until(lambda: app.screen is not day)
            await pilot.pause()
            start = time.perf_counter()
            app.post_message(events.Key("enter", "\r"))
            gone = lambda k=key: app.screen is day and all(r.key != k for r in rows.rows)  # noqa: E731
            await until(gone)
            latencies.append((time.perf_counter() - start) * 1000)
            await until(lambda: not app.writer.busy)
        figures["ack to row gone"] = statistics.median(latencies)

        # A person view: Enter on a row until the person's timeline is listed, then back.
        latencies = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            app.post_message(events.Key("enter", "\r"))
            await until(lambda: isinstance(app.screen, PersonScreen) and _timeline_shown(app))
            latencies.append((time.perf_counter() - start) * 1000)
            await pilot.pause()
            app.post_message(events.Key("escape", None))
            await until(lambda: app.screen is day)
            await pilot.pause()
        figures["person view open"] = statistics.median(latencies)

        # More of the same, up to 50 actions in all, then what the app holds; and again
        # after 150, to tell growth from what the allocator keeps for the next write.
        async def act(times: int) -> None:
            for n in range(times):
                kind = "win" if n % 2 else "follow_up"
                found = find(kind)
                if found is None:
                    continue
                rows.highlighted = found
                await pilot.pause()
                if kind == "win":
                    await pilot.press("a")
                    await until(lambda: app.screen is not day)
                    await pilot.pause()
                    await pilot.press("enter")
                else:
                    await pilot.press("d")
                await until(lambda: app.screen is day and not app.writer.busy)
                await until(lambda: app.records_complete)

        await act(ACTIONS - 2 * ROUNDS)
        figures["memory after 50 actions MB"] = _resident_mb()
        await act(2 * ACTIONS)
        figures["memory after 150 actions MB"] = _resident_mb()

        # A key in a session's notes.
        person = next(p for p in app.records.active_people())
        app.push_screen(SessionScreen(person.id))
        await until(lambda: app.screen is not day)
        if not isinstance(app.screen, SessionScreen):  # a kept draft was offered: resume it
            await pilot.press("enter")
        await until(lambda: isinstance(app.screen, SessionScreen) and app.screen.ready)
        screen = app.screen
        item = list(screen.query(AgendaItem))[1]
        screen.set_focus(item.notes_area)
        await pilot.pause()
        # As a person types: a key every 100 ms. The app's CPU time over the keys, less
        # what the same stretch costs with no keys (timers, the clock), per key.
        text = ("the customer was calm and kind " * 3)[:NOTES_KEYS]
        idle = await _cpu_over(pilot, [None] * len(text))
        typed = await _cpu_over(pilot, list(text))
        figures["notes key"] = max(0.0, typed - idle) / len(text)
        screen._leaving = True  # leave no draft behind in the bench copy
        screen.draft = None
    return figures


def main() -> None:
    """Print the figures for the database named on the command line."""
    figures = asyncio.run(_measure(Path(sys.argv[1])))
    for name, ms in figures.items():
        print(f"{name}\t{ms:.1f}")


if __name__ == "__main__":
    main()
