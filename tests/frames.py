"""Pilot tests draw the last frame of each test, not every frame in between.

Headless, Textual still renders every frame (a third of a Pilot test's time) and then
drops it: nothing reads it. The tests read widgets, `App.export_screenshot` (which
draws the whole screen itself) and the snapshots. So, in the test process only, the
screen on top skips drawing frames while the test runs, and draws its whole last
frame as the test ends: a widget that cannot draw what it holds (bad markup, say)
still fails the test, as an app error raised from `run_test`. The real-terminal tests
(tests/terminalhelpers.py) run the app as a person does and draw every frame.

This reaches into one private method, `Screen._compositor_refresh`. Should a Textual
release change it, `skip_unread_frames` leaves Textual as it is: every frame is drawn
and the tests are only slower.
"""

from __future__ import annotations

import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from textual.app import App
from textual.screen import Screen

_DRAWING: weakref.WeakSet[App] = weakref.WeakSet()  # apps drawing their last frame
_DRAWN: weakref.WeakSet[App] = weakref.WeakSet()


def skip_unread_frames() -> None:
    """Patch Textual, in this process, as the module docstring says."""
    draw = getattr(Screen, "_compositor_refresh", None)
    if draw is None or getattr(draw, "skips_unread_frames", False):
        return
    run_test = App.run_test

    def refresh_unless_unread(screen: Screen) -> None:
        app = screen.app
        unread = app.is_headless and not app.is_inline and app not in _DRAWING
        if unread and screen is app.screen:
            screen._dirty_widgets.clear()
            screen._compositor._dirty_regions.clear()
            return
        draw(screen)
        if app in _DRAWING and screen is app.screen:
            _DRAWN.add(app)

    refresh_unless_unread.skips_unread_frames = True  # type: ignore[attr-defined]

    @asynccontextmanager
    async def run_test_drawing_the_last_frame(app: App, **options: Any) -> AsyncIterator[Any]:
        async with run_test(app, **options) as pilot:
            yield pilot
            await _draw_last_frame(app, pilot.pause)

    Screen._compositor_refresh = refresh_unless_unread  # type: ignore[method-assign]
    App.run_test = run_test_drawing_the_last_frame  # type: ignore[method-assign]


async def _draw_last_frame(app: App, pause: Callable[[], Any]) -> None:
    """Draw the whole screen on top once, as a terminal would show it now."""
    if app.return_code is not None:
        return  # the test ended the app; `run_test` raises what ended it, if anything
    _DRAWING.add(app)
    try:
        app.screen.refresh()
        for _ in range(100):
            if app in _DRAWN or app.return_code is not None:
                return
            await pause()
        raise AssertionError("the app never drew its last frame")
    finally:
        _DRAWING.discard(app)
