"""Helpers shared by the app tests: the demo team on its anchor day, and running the app.

The repository has no async pytest plugin, so Pilot tests are written as
``async def`` and wrapped with `pilot_test`, which runs them in a fresh event loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import html
import re
import sys
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget

from supervisor_tui.dev.demo import ANCHOR, fresh_copy
from supervisor_tui.domain.entities import IN_PROGRESS, OPEN, PLANNED, Person, Records
from supervisor_tui.store import Store
from supervisor_tui.store.config import Config
from supervisor_tui.tui.app import SupervisorApp, make_app
from supervisor_tui.tui.widgets.sectioned_list import Row, SectionedList

# Long enough that the poll timer never reloads mid-test unless a test asks for it.
QUIET_POLL_SECONDS = 30.0


def pilot_test(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an ``async def`` test in its own event loop; pytest still sees its fixtures."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def demo_copy(directory: Path) -> Path:
    """A private copy of the demo team, dated so that ANCHOR (a Friday) is today."""
    return fresh_copy(directory, ANCHOR)


class Told(NamedTuple):
    """One notification the app showed."""

    message: str
    title: str
    severity: str


_TOLD: weakref.WeakKeyDictionary[SupervisorApp, list[Told]] = weakref.WeakKeyDictionary()


def told(app: SupervisorApp) -> list[Told]:
    """Every notification ``app`` showed so far, oldest first (apps made by `demo_app`)."""
    return _TOLD[app]


def demo_app(
    db: Path,
    *,
    config: Config | None = None,
    poll_seconds: float = QUIET_POLL_SECONDS,
) -> SupervisorApp:
    """The app on ``db`` on the anchor day, reading no user config; `told` lists its toasts."""
    app = make_app(db, ANCHOR, config=config or Config(), poll_seconds=poll_seconds)
    _TOLD[app] = shown = []
    notify = app.notify

    def recording(message: str, *, title: str = "", severity: str = "information", **kw: Any):
        shown.append(Told(str(message), title, severity))
        return notify(message, title=title, severity=severity, **kw)

    app.notify = recording  # the public way in: screens and widgets notify through the app
    return app


def reload(db: Path) -> Records:
    """What the file holds now, read by a store that shares nothing with the app."""
    return Store(db).load()


async def until(
    pilot: Pilot, condition: Callable[[], bool], *, timeout: float = 3.0, what: str = ""
) -> None:
    """Let the app run until ``condition()`` holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        await pilot.pause(0.02)


def showing(app: SupervisorApp, kind: type) -> bool:
    """Whether the screen on top is a ``kind`` with its widgets in place (a screen is on
    the stack a moment before it has composed them; a lagging app shows that moment)."""
    return isinstance(app.screen, kind) and app.screen.is_mounted


async def loaded(pilot: Pilot) -> None:
    """Wait for the whole file read (both of the loader's steps) and the rows drawn: a
    test that then changes the file from "another terminal" knows the app read it before."""
    app = pilot.app
    await until(
        pilot,
        lambda: app.records_complete and rows_list(app).option_count > 0,
        what="the whole file read and the rows drawn",
    )
    await app.workers.wait_for_complete()
    await pilot.pause()


def rows_list(app: SupervisorApp) -> SectionedList:
    """The list of the screen on top (day view or person view)."""
    return app.screen.query_one(SectionedList)


def current_row(app: SupervisorApp) -> Row | None:
    """The highlighted row of the screen on top."""
    return rows_list(app).current


def listed_rows(app: SupervisorApp) -> list[Row]:
    """Every row the screen on top lists, in order (titles and empty lines left out)."""
    return list(rows_list(app).rows)


def option_texts(app: SupervisorApp) -> list[str]:
    """Every line of the list as plain text, titles included."""
    widget = rows_list(app)
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def section_of_highlight(app: SupervisorApp) -> str:
    """The key of the section the highlighted row sits in ("sessions", "wins", …)."""
    widget = rows_list(app)
    assert widget.highlighted is not None
    for index in range(widget.highlighted, -1, -1):
        option_id = widget.get_option_at_index(index).id or ""
        if option_id.startswith("title-"):
            return option_id.removeprefix("title-")
    raise AssertionError("the highlighted row is under no section title")


async def highlight(pilot: Pilot, key: str | DayRow) -> Row:
    """Put the cursor on the row whose key is ``key`` (a `DayRow` is looked up first).

    Set directly rather than by pressing j a dozen times: key presses cost tens of
    milliseconds each, and j/k have tests of their own.
    """
    if isinstance(key, DayRow):
        key = key.key(pilot.app.records)
    widget = rows_list(pilot.app)
    widget.highlighted = widget.get_option_index(key)
    await pilot.pause()
    row = current_row(pilot.app)
    assert row is not None and row.key == key, f"could not move onto {key}"
    return row


async def first_row_where(pilot: Pilot, test: Callable[[Row], bool]) -> Row:
    """Highlight the first listed row that passes ``test``."""
    row = next(r for r in listed_rows(pilot.app) if test(r))
    return await highlight(pilot, row.key)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` key by key into the focused widget."""
    await pilot.press(*text)


async def palette_first_offers(pilot: Pilot, words: str) -> list[str]:
    """Open the command palette, type ``words``, and wait until its first hit starts with
    them (Enter would run it); every hit's title, best first."""
    from textual.command import CommandList, CommandPalette

    app = pilot.app
    await pilot.press("ctrl+p")
    await until(pilot, lambda: showing(app, CommandPalette), what="the command palette")
    await type_text(pilot, words)

    def offered() -> list[str]:
        return [str(option.prompt) for option in app.screen.query_one(CommandList).options]

    await until(pilot, lambda: offered()[:1] != [] and offered()[0].startswith(words), what=words)
    return offered()


async def paste(pilot: Pilot, text: str) -> None:
    """Paste ``text`` into the focused widget, as a terminal's bracketed paste delivers it."""
    assert pilot.app.focused is not None, "nothing has focus to paste into"
    # To the app, as the terminal driver delivers it: the app forwards it to the focused
    # widget. Posted to the widget itself, it would bubble up and be forwarded again.
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def footer_keys(app: SupervisorApp) -> dict[str, str]:
    """The keys the footer at the bottom of the screen shows: key → description.

    The candidates are the screen's active bindings (what Textual's footer draws);
    a key counts only when its label and description are on the footer's line.
    """
    footer = screen_lines(app)[-1]
    shown = {}
    for key, active in app.screen.active_bindings.items():
        binding = active.binding
        label = f"{app.get_key_display(binding)} {binding.description}"
        if binding.show and active.enabled and binding.description and label in footer:
            shown[key] = binding.description
    return shown


def days(n: int) -> dt.timedelta:
    """``n`` days, for dates relative to ANCHOR."""
    return dt.timedelta(days=n)


_LINE_WIDTH = re.compile(r'<clipPath id="[^"]*-line-0">\s*<rect x="0" y="[^"]*" width="([^"]+)"')
_RUN = re.compile(
    r'<text class="[^"]*" x="([^"]+)" y="[^"]*" textLength="[^"]*"'
    r' clip-path="url\(#[^"]*-line-(\d+)\)">(.*?)</text>',
    re.DOTALL,
)


def _painted_runs(app: SupervisorApp) -> list[tuple[int, int, str]]:
    """Each run of characters on the screen: (line, column, text); blank runs are left out.

    Read from `App.export_screenshot`, Textual's public picture of the screen: an SVG
    with one ``<text>`` per run of characters of one style, placed by column and
    clipped to its line.
    """
    svg = app.export_screenshot()
    found = _LINE_WIDTH.search(svg)
    assert found, "the screenshot has no first line"
    cell = float(found.group(1)) / app.size.width
    return [
        (
            int(line),
            round(float(x) / cell),
            html.unescape(text).replace("\xa0", " ").replace("\n", ""),
        )
        for x, line, text in _RUN.findall(svg)
    ]


def screen_lines(app: SupervisorApp) -> list[str]:
    """The screen as the terminal shows it (a dialog over the screen beneath), one line each."""
    width, height = app.size
    runs: list[list[tuple[int, str]]] = [[] for _ in range(height)]
    for line, column, text in _painted_runs(app):
        runs[line].append((column, text))
    lines = []
    for line_runs in runs:
        line = ""
        for column, text in sorted(line_runs):
            line += " " * (column - cell_len(line)) + text
        lines.append(line + " " * (width - cell_len(line)))
    return lines


def clickable(app: SupervisorApp) -> list[tuple[str, str]]:
    """What a click on the screen on top would do: (the text drawn there, its action).

    A run of characters has one style, so `Screen.get_style_at` on its first cell
    gives the action, if any, that a link painted over the run carries.
    """
    found = []
    for line, column, text in _painted_runs(app):
        action = app.screen.get_style_at(column, line).meta.get("@click")
        if action:
            found.append((text, str(action)))
    return found


def _cut(line: str, start: int, end: int) -> str:
    """The characters of ``line`` that lie in cells ``start`` to ``end`` (not included)."""
    kept, column = "", 0
    for char in line:
        if start <= column and column + cell_len(char) <= end:
            kept += char
        column += cell_len(char)
    return kept


def drawn(app: SupervisorApp, widget: Widget, *, border: bool = False) -> str:
    """What ``widget`` shows on screen, its content area's lines joined by newlines
    (with ``border``, its whole region: the border and the titles on it too)."""
    region = widget.region if border else widget.content_region
    lines = screen_lines(app)[region.y : region.bottom]
    return "\n".join(_cut(line, region.x, region.right) for line in lines)


async def sup(db: Path, *args: str) -> str:
    """Run `sup --db DB --today ANCHOR ARGS` as another OS process, without blocking the app.

    Returns its standard output; fails the test if it did not succeed.
    """
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "supervisor_tui",
        "--db",
        str(db),
        "--today",
        ANCHOR.isoformat(),
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, (out, err)
    return out.decode()


def person_named(records: Records, handle: str) -> Person:
    """The person with ``handle``, looked up in ``records`` (never an id from the demo file)."""
    return next(p for p in records.people if p.handle == handle)


# Which records of a person stand open in the day view, by the kind of row that shows them.
_OPEN: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "session": ("sessions", lambda s: s.status == PLANNED),
    "suggestion": ("suggestions", lambda s: s.decision in (OPEN, IN_PROGRESS)),
    "win": ("wins", lambda w: w.acknowledged_on is None),
    "agreement": ("agreements", lambda a: a.is_open),
}


@dataclass(frozen=True)
class DayRow:
    """A row of the day view as the lead knows it: "Dawit's unacknowledged win".

    Looked up in the records of the test's own copy, so no test copies a record id
    from data/demo.json: rebuilding the demo cannot quietly point a test at another row.
    ``kind`` is "session", "due", "suggestion", "win" or "agreement" (a follow-up);
    ``text`` is part of the record's text, needed when the person has more than one.
    """

    kind: str
    who: str  # the person's handle
    text: str = ""

    def record(self, records: Records) -> Any:
        """The open record the row is about (for a "due" row, the person)."""
        person = person_named(records, self.who)
        if self.kind == "due":
            return person
        group, is_open = _OPEN[self.kind]
        found = [
            r
            for r in getattr(records, group)
            if r.person_id == person.id and is_open(r) and self.text in getattr(r, "text", "")
        ]
        assert len(found) == 1, f"{self} matches {len(found)} open records: {found}"
        return found[0]

    def key(self, records: Records) -> str:
        """The id of its row in the day view, e.g. ``win-<the win's id>``."""
        return f"{self.kind}-{self.record(records).id}"


async def open_session(pilot: Pilot, handle: str):
    """Open the person's session view from their planned session on the day view with h."""
    from supervisor_tui.tui.dialogs.resume import ResumeScreen
    from supervisor_tui.tui.screens.session import SessionScreen

    await loaded(pilot)
    app = pilot.app
    await highlight(pilot, DayRow("session", handle))
    await pilot.press("h")
    await until(pilot, lambda: isinstance(app.screen, ResumeScreen | SessionScreen))
    if isinstance(app.screen, SessionScreen):
        await until(pilot, lambda: app.screen.ready, what="the agenda drawn")
    return app.screen


async def settled(pilot: Pilot) -> None:
    """Wait until every write the app queued has run and its result is on screen."""
    await until(pilot, lambda: not pilot.app.writer.busy, what="the writes to finish")
    await pilot.pause()
