"""`make screens`: an SVG of every screen, from the demo team, at 100x30.

Each picture is named after its screen module (screens/day.py -> screens/day.svg).
Today is frozen on the demo's anchor day, so the pictures only change when the
screens do.

    python -m supervisor_tui.dev.screenshots screens
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from ..store.config import Config
from ..tui.app import SupervisorApp, make_app
from .demo import ANCHOR, fresh_copy

SIZE = (100, 30)

Steps = Callable[[Pilot], Awaitable[None]]


async def _loaded(pilot: Pilot) -> None:
    app: SupervisorApp = pilot.app
    while not app.records_complete:
        await pilot.pause(0.05)
    await pilot.pause()


async def _day(pilot: Pilot) -> None:
    await pilot.press("tab", "tab", "down")  # a suggestion, so the footer shows Answer


async def _person(pilot: Pilot) -> None:
    await pilot.press("down", "down", "enter")  # Anna, who has a session today


async def _capture(pilot: Pilot) -> None:
    await pilot.press("c", *"win @an")


async def _help(pilot: Pilot) -> None:
    await pilot.press("question_mark")


async def _acknowledge(pilot: Pilot) -> None:
    await pilot.press("tab", "tab", "tab", "a")


async def _answer(pilot: Pilot) -> None:
    await pilot.press("tab", "tab", "down", "r", "down", "tab", *"Not before spring")


async def _plan(pilot: Pilot) -> None:
    await pilot.press("tab", "p", *"tue 10:00")


async def _session(pilot: Pilot) -> None:
    await pilot.press("down", "down", "h")  # Anna's 1:1 today
    await pilot.pause(0.3)
    await pilot.press("x", "tab", *"Shift plan sent on Friday.", "tab", *"Thanked her for the")
    await pilot.press(*" billing case in the huddle.")


async def _planning(pilot: Pilot) -> None:
    await pilot.press("W", "down", "down", "down", "down")  # Chloé: due, with a proposal


async def _report(pilot: Pilot) -> None:
    await pilot.press("m")
    while getattr(pilot.app.screen, "report", None) is None:  # worked out in a thread
        await pilot.pause(0.05)


async def _session_goals(pilot: Pilot) -> None:
    await pilot.press("down", "down", "h")  # Anna's 1:1 today
    await pilot.pause(0.3)
    await pilot.press("tab", "tab", "tab", *"Handling time nearly there.", "up", "down")
    await pilot.press("v", *"295", "enter")  # this month's handling time


async def _search(pilot: Pilot) -> None:
    await pilot.press("slash", *"second screen")
    await pilot.pause(0.5)  # past the pause that starts a search


async def _correct(pilot: Pilot) -> None:
    await pilot.press("tab", "tab", "tab", "down", "down", "e")  # Äki's win from yesterday


async def _record(pilot: Pilot) -> None:
    from ..tui.screens.rows import HELD_SESSION
    from ..tui.widgets.sectioned_list import SectionedList

    await _person(pilot)  # Anna's view, then her latest 1:1 in the timeline
    await pilot.pause(0.3)
    rows = pilot.app.screen.query_one(SectionedList)
    held = next(row for row in rows.rows if row.kind == HELD_SESSION)
    rows.highlighted = rows.get_option_index(held.key)
    await pilot.press("enter")


async def _leave(pilot: Pilot) -> None:
    await _person(pilot)
    await pilot.pause(0.3)
    await pilot.press("L", *"+2w")


SCREENS: dict[str, Steps] = {
    "day": _day,
    "person": _person,
    "capture": _capture,
    "help": _help,
    "acknowledge": _acknowledge,
    "answer": _answer,
    "plan": _plan,
    "session": _session,
    "planning": _planning,
    "report": _report,
    "session-goals": _session_goals,
    "search": _search,
    "correct": _correct,
    "record": _record,
    "leave": _leave,
}


async def shoot(name: str, steps: Steps, directory: Path) -> Path:
    """Render one screen of the demo team to ``directory/name.svg``."""
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(fresh_copy(Path(tmp), ANCHOR), ANCHOR, config=Config())
        async with app.run_test(size=SIZE) as pilot:
            await _loaded(pilot)
            await steps(pilot)
            await pilot.pause(0.3)
            app.clear_notifications()
            await pilot.pause()
            return Path(app.save_screenshot(f"{name}.svg", str(directory)))


def main(argv: list[str]) -> None:
    """Write every screen's picture into the directory named on the command line."""
    directory = Path(argv[0] if argv else "screens")
    directory.mkdir(exist_ok=True)
    os.environ["TZ"] = "Europe/Helsinki"  # the demo team's zone: times read as they were written
    time.tzset()
    for name, steps in SCREENS.items():
        print(asyncio.run(shoot(name, steps, directory)))


if __name__ == "__main__":
    main(sys.argv[1:])
