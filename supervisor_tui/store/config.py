"""The user's settings file: thresholds for the rules and the TUI's key bindings.

``~/.config/supervisor-tui/config.toml``, for example::

    [thresholds]
    due_soon_days = 5          # list people due for coaching this many days ahead
    suggestion_flag_days = 7   # flag a suggestion unanswered this long
    win_flag_days = 2          # flag a win unacknowledged this long
    default_cadence_days = 30  # coaching cadence of people added without --every
    session_time = "10:00"     # time of day for sessions planned without one
    sessions_per_day = 3       # at most this many sessions a day in `sup plan --month`

    [keys]
    acknowledge = "a"          # binding id = key(s), comma-separated

    [retention]                # off unless set: `sup purge` erases what is older
    wellbeing_notes_months = 12  # wellbeing notes, counted from when they were written
    closed_items_months = 36     # anything closed: done, answered, acknowledged, held, a note
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, replace
from pathlib import Path
from typing import NamedTuple

from ..domain.entities import Settings
from ..domain.retention import Retention


class ConfigError(ValueError):
    """The settings file could not be used; the message names the file and the line."""


class Config(NamedTuple):
    """Everything the settings file may set."""

    settings: Settings = Settings()
    keys: dict[str, str] = {}
    retention: Retention = Retention()


def load(path: Path) -> Config:
    """Read the settings file; a missing file means every default."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"Could not read {path}: {exc.strerror}.") from None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc}). Fix it or move it aside.") from None
    settings = Settings()
    known = {f.name: f for f in fields(Settings)}
    for name, value in data.get("thresholds", {}).items():
        if name not in known:
            raise ConfigError(f"{path}: unknown setting '{name}'. Known: {', '.join(known)}.")
        if name == "session_time":
            try:
                value = dt.time.fromisoformat(str(value))
            except ValueError:
                raise ConfigError(f'{path}: session_time must look like "10:00".') from None
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{path}: {name} must be a whole number of days, not {value!r}.")
        settings = replace(settings, **{name: value})
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(f'{path}: [keys] maps a binding id to keys, e.g. acknowledge = "a".')
    return Config(settings, dict(keys), _retention(path, data.get("retention", {})))


def _retention(path: Path, table: object) -> Retention:
    """The ``[retention]`` table: whole numbers of months, each optional."""
    known = {f.name for f in fields(Retention)}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [retention] is a table, e.g. closed_items_months = 36.")
    for name, value in table.items():
        if name not in known:
            raise ConfigError(
                f"{path}: unknown retention setting '{name}'. Known: {', '.join(sorted(known))}."
            )
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{path}: {name} must be a whole number of months, not {value!r}.")
    return Retention(**table)
