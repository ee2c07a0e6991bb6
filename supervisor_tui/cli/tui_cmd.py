"""Opening the terminal UI: the only place the CLI imports Textual."""

from __future__ import annotations

from .main import Env, FileProblem


def open_tui(env: Env) -> None:
    """Run the app on the day view for ``env``'s database and day."""
    from ..app import make_app

    app = make_app(env.db, env.forced_today)
    app.run()
    if app.error_message:
        raise FileProblem(app.error_message)
    if app.return_code:
        raise SystemExit(app.return_code)
