"""Opening the terminal UI: the only place the CLI imports Textual."""

from __future__ import annotations

from .main import Env


def open_tui(env: Env) -> None:
    """Run the app on the day view for ``env``'s database and day."""
    from ..app import make_app

    make_app(env.db, env.forced_today).run()
