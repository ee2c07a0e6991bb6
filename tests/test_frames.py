"""The Pilot harness skips frames no one reads (tests/frames.py), yet a screen that
cannot draw what it holds still fails its test."""

from __future__ import annotations

import pytest
from apphelpers import pilot_test
from rich.console import ConsoleOptions, RenderResult
from textual.app import App, ComposeResult
from textual.widgets import Static


class Unprintable:
    """Something a widget is given to show and cannot draw."""

    def __rich_console__(self, console: object, options: ConsoleOptions) -> RenderResult:
        raise ValueError("cannot draw this")


class Showing(App[None]):
    CSS = "#shown { width: 20; height: 1; }"  # sized: only drawing reads what it shows

    def compose(self) -> ComposeResult:
        yield Static("fine", id="shown")


@pilot_test
async def test_a_widget_that_cannot_draw_its_last_frame_fails_the_test() -> None:
    app = Showing()
    with pytest.raises(ValueError, match="cannot draw this"):
        async with app.run_test() as pilot:
            app.query_one("#shown", Static).update(Unprintable())
            await pilot.pause()
