"""What every command gets: the database, the day, how to print, and the two kinds of failure."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..actions.base import Done
from ..domain.clock import local_now
from ..domain.entities import Person, Settings
from ..domain.people import resolve_person
from ..domain.textsafe import from_argv, visible
from ..store import Store
from .words import next_step

if TYPE_CHECKING:
    from ..store.config import Config


class UserError(click.ClickException):
    """A mistake in what was typed: exit code 2, nothing written."""

    exit_code = 2


class FileProblem(click.ClickException):
    """The data file could not be read or written: exit code 1."""

    exit_code = 1


class Crashed(click.ClickException):
    """An unexpected error (a bug): one short line and where its report is; exit code 1."""

    exit_code = 1


@dataclass
class Env:
    """What every command needs: the database, the day, and how to print."""

    db: Path
    forced_today: dt.date | None = None
    color: bool = False
    _now: dt.datetime | None = field(default=None, repr=False)

    @cached_property
    def store(self) -> Store:
        """The store for the chosen database file; a folder others may change is said once."""
        store = Store(self.db)
        exposed = store.exposed()
        if exposed:
            click.echo(f"Warning: {visible(exposed)}", err=True)
        return store

    @cached_property
    def config(self) -> Config:
        """The settings file, read once."""
        from ..store.config import load
        from ..store.paths import config_file

        return load(config_file())

    @property
    def settings(self) -> Settings:
        """Thresholds and defaults from the settings file."""
        return self.config.settings

    @property
    def now(self) -> dt.datetime:
        """The moment of this command, read once."""
        if self._now is None:
            self._now = local_now(self.forced_today)
        return self._now

    @property
    def today(self) -> dt.date:
        """The day this command acts on."""
        return self.now.date()

    def person(self, ref: str, *, archived: bool = False) -> Person:
        """The person a reference (handle or name prefix) points to; active ones only
        unless ``archived``."""
        return resolve_person(from_argv(ref), self.store.people(), archived=archived)

    def echo(self, text: str = "", *, err: bool = False) -> None:
        """Print human text; colour only on a terminal and without NO_COLOR."""
        click.echo(text, err=err, color=self.color)

    def say(self, message: str) -> None:
        """Print a confirmation that may contain user text, made safe for the terminal."""
        self.echo(visible(message))

    def confirm(self, question: str) -> None:
        """Ask yes or no (aborting on no); user text in the question is made safe first."""
        click.confirm(visible(question), abort=True)

    def done(self, done: Done) -> None:
        """Print what an action did, and what to type next."""
        self.say(f"{done.message} {next_step(done.next)}".rstrip())


def use_color() -> bool:
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def default_db() -> Path:
    """The database file: $SUPERVISOR_TUI_DB, else in the user data directory."""
    from ..store.paths import data_file

    return data_file()
