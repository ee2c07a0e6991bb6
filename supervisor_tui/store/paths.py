"""Where the app keeps things (XDG directories via platformdirs), in one place."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "supervisor-tui"
DB_NAME = "supervisor.json"


def data_file() -> Path:
    """The database: $SUPERVISOR_TUI_DB, else ~/.local/share/supervisor-tui/supervisor.json."""
    override = os.environ.get("SUPERVISOR_TUI_DB")
    if override:
        return Path(override).expanduser()
    return _xdg("XDG_DATA_HOME", "~/.local/share", "user_data_path") / DB_NAME


def config_file() -> Path:
    """Settings and key bindings: ~/.config/supervisor-tui/config.toml."""
    return _xdg("XDG_CONFIG_HOME", "~/.config", "user_config_path") / "config.toml"


def state_dir() -> Path:
    """Where crash reports are kept: ~/.local/state/supervisor-tui/."""
    return _xdg("XDG_STATE_HOME", "~/.local/state", "user_state_path")


def _xdg(variable: str, fallback: str, platformdirs_function: str) -> Path:
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux, without its 10 ms import on the capture path.
        base = os.environ.get(variable, "").strip() or os.path.expanduser(fallback)
        return Path(base) / APP_NAME
    import platformdirs

    return getattr(platformdirs, platformdirs_function)(APP_NAME, appauthor=False)


def export_dir() -> Path:
    """Where a record the lead exports goes unless they say otherwise: ~/Documents if
    there is one, else the home folder (never the folder the app happens to run in)."""
    home = Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home
