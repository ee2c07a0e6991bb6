"""Where the app keeps things (XDG directories via platformdirs), in one place."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "supervisor-tui"
DB_NAME = "supervisor.json"


def data_file() -> Path:
    """The database: $SUPERVISOR_TUI_DB, else ~/.local/share/supervisor-tui/supervisor.json."""
    override = os.environ.get("SUPERVISOR_TUI_DB")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_NAME


def config_file() -> Path:
    """Settings and key bindings: ~/.config/supervisor-tui/config.toml."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"
