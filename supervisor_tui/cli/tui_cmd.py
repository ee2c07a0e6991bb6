"""Opening the terminal UI: the only place the CLI imports Textual."""

from __future__ import annotations

import os
import sys

import click

from ..domain.textsafe import visible
from .env import Crashed, Env, FileProblem
from .words import crash_text

# How long a lone Escape waits for the rest of a sequence (Textual reads ESCDELAY once, as
# it is imported; 100 ms unless set). A terminal sends a sequence at once; a person types
# the next key 80 ms or more later, and it is a key of its own (see `tui/driver.py`).
ESCAPE_WAIT_MS = "50"


def open_tui(env: Env) -> None:
    """Run the app on the day view for ``env``'s database and day.

    Without a terminal on both ends (`sup | less`, `sup </dev/null`, cron) there is
    nobody to drive the app: print the day view as `sup today` does instead.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from .day import print_day

        print_day(env)
        click.echo(
            "(Not a terminal, so this is the day view as text; run sup in a terminal for the app.)",
            err=True,
        )
        return
    os.environ.setdefault("ESCDELAY", ESCAPE_WAIT_MS)  # one the lead has set stands
    from ..tui.app import DRAIN_SECONDS, make_app

    app = make_app(env.db, env.forced_today)
    try:
        app.run()
    finally:
        # Whatever the lead saved last (a draft, a capture) is on disk before we exit.
        if not app.writer.close(DRAIN_SECONDS):
            click.echo("A change was still being saved when the app closed.", err=True)
    if app.crashed is not None:
        raise Crashed(visible(crash_text(app.crashed)))
    if app.error_message:
        raise FileProblem(app.error_message)
    if app.return_code:
        raise SystemExit(app.return_code)
