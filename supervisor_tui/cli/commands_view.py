"""`sup today`: the day view as text or JSON, e.g. printed at login."""

from __future__ import annotations

import click

from .day import print_day
from .env import Env
from .main import cli
from .options import pass_env


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (see README).")
@pass_env
def today(env: Env, as_json: bool) -> None:
    """Whom to coach, whom to answer, whom to thank and what was promised."""
    print_day(env, as_json)
