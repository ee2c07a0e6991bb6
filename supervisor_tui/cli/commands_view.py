"""`sup today`: the day view as text or JSON, e.g. printed at login."""

from __future__ import annotations

import click

from .main import Env, cli
from .options import pass_env


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (see README).")
@pass_env
def today(env: Env, as_json: bool) -> None:
    """Whom to coach, whom to answer, whom to thank and what was promised."""
    from ..domain.rules import day_view
    from . import render

    records = env.store.load(open_only=True)
    view = day_view(records, env.today, env.settings)
    if as_json:
        click.echo(render.day_json(view))
    else:
        env.echo(render.day_text(view, records, env.color))
