"""The day view printed: by `sup today`, and by `sup` when there is no terminal for the app."""

from __future__ import annotations

import click

from .env import Env


def print_day(env: Env, as_json: bool = False) -> None:
    """The day view as text (or JSON), as `sup today` and a `sup` without a terminal print it."""
    from ..domain.rules import day_view
    from . import render

    records = env.store.load(open_only=True)
    view = day_view(records, env.today, env.settings)
    if as_json:
        click.echo(render.day_json(view))
    else:
        env.echo(render.day_text(view, records, env.color))
