"""The Textual app: global keys, the first screen, the store handle, loading and undo.

Thin on purpose: the screens in ``screens/`` hold the behaviour. The first
frame paints before any data is read; the database loads in a worker thread,
and a timer notices changes made by other processes (``sup win`` in another
terminal) and reloads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from .clock import local_now
from .config import Config
from .config import load as load_config
from .paths import config_file
from .store import Store, StoreError
from .textsafe import visible

if TYPE_CHECKING:
    from .actions import Done
    from .capture import Capture
    from .domain.entities import Records, Settings

POLL_SECONDS = 0.5


class DataChanged(Message):
    """The records were (re)loaded; screens redraw from ``app.records``."""


class SupervisorApp(App[None]):
    """supervisor-tui: the day view and everything it leads to."""

    CSS_PATH = "app.tcss"
    TITLE = "supervisor-tui"
    BINDINGS = [
        Binding("c", "capture", "Capture", id="capture"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("question_mark", "help", "Keys", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        forced_today: dt.date | None = None,
        config: Config | None = None,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.store = store
        self.forced_today = forced_today
        self.config = config or Config()
        self.poll_seconds = poll_seconds
        self.records: Records | None = None
        self.records_complete = False  # False while only the day view's records are loaded
        self.undo_stack: list[Done] = []
        self.error_message: str | None = None
        self._stamp: object = None

    @property
    def settings(self) -> Settings:
        """The thresholds from the settings file."""
        return self.config.settings

    @property
    def now(self) -> dt.datetime:
        """The current moment (on the forced day, if there is one)."""
        return local_now(self.forced_today)

    @property
    def today(self) -> dt.date:
        """The day the views are about."""
        return self.now.date()

    def on_mount(self) -> None:
        if self.config.keys:
            self.set_keymap(self.config.keys)
        from .screens.day import DayScreen

        self.push_screen(DayScreen())
        # Read the file once the first frame is on screen: parsing a large file holds
        # the interpreter, and the first frame should not wait for it.
        self.call_after_refresh(self.load_records)
        self.set_interval(self.poll_seconds, self._check_for_changes)

    # -- data ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_records(self) -> None:
        """Read the database in a worker thread, then hand the records to the screens.

        Two steps: what the day view lists first (fast even at 100k records),
        then the whole history, which the person view's timeline needs.
        """
        try:
            stamp = self.store.stamp()
            self.call_from_thread(self._set_records, self.store.load(open_only=True), stamp, False)
            self.call_from_thread(self._set_records, self.store.load(), stamp, True)
        except StoreError as exc:
            self.call_from_thread(self._fail, str(exc))

    def _fail(self, message: str) -> None:
        self.error_message = message
        self.exit(return_code=1)

    def _set_records(self, records: Records, stamp: object, complete: bool) -> None:
        self.records = records
        self.records_complete = complete
        self._stamp = stamp
        for screen in self.screen_stack:
            screen.post_message(DataChanged())

    def _check_for_changes(self) -> None:
        if self.records is not None and self.store.stamp() != self._stamp:
            self.load_records()

    def perform(self, run: Callable[[], Done]) -> Done | None:
        """Run one action against the store, tell the user, and redraw at once."""
        from .domain.changes import DomainError

        try:
            done = run()
        except (DomainError, ValueError) as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return None
        except StoreError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False, timeout=10)
            return None
        self.undo_stack.append(done)
        self.notify(done.message, markup=False)
        self._refresh_after_write()
        return done

    def _refresh_after_write(self) -> None:
        # The write left the parsed file in the store's cache: the day view's part
        # decodes at once, the full history follows in the worker.
        self._set_records(self.store.load(open_only=True), self.store.stamp(), False)
        self.load_records()

    # -- actions -----------------------------------------------------------------

    def action_capture(self, prefill: str = "") -> None:
        """Open the capture bar."""
        from . import actions
        from .screens.capture import CaptureScreen

        if self.records is None:
            return

        def save(capture: Capture | None) -> None:
            if capture is not None:
                self.perform(lambda: actions.save_capture(self.store, capture, self.now))

        people = self.records.people
        self.push_screen(
            CaptureScreen(people, self.today, self.settings.session_time, prefill), save
        )

    def action_undo(self) -> None:
        """Undo the last change made here, in the file as well."""
        if not self.undo_stack:
            self.notify("Nothing to undo.", severity="warning")
            return
        done = self.undo_stack.pop()
        try:
            self.store.undo(done.change)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return
        self.notify(f"Undone: {done.message}", markup=False)
        self._refresh_after_write()

    def action_help(self) -> None:
        """Show every key."""
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action, for the command palette (ctrl+p)."""
        yield SystemCommand(
            "Capture", "Capture a win, idea, note, to-do or plan", self.action_capture
        )
        yield SystemCommand("Undo", "Undo the last change", self.action_undo)
        yield SystemCommand("Keys", "Show every key", self.action_help)
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()
        if self.records is not None:
            from .screens.person import PersonScreen

            for person in self.records.active_people():
                yield SystemCommand(
                    f"Open {visible(person.name)}",
                    f"@{visible(person.handle)}: cadence, sessions, open items and timeline",
                    lambda pid=person.id: self.push_screen(PersonScreen(pid)),
                )
        yield from super().get_system_commands(screen)


def make_app(
    db: Path,
    forced_today: dt.date | None = None,
    *,
    config: Config | None = None,
    poll_seconds: float = POLL_SECONDS,
) -> SupervisorApp:
    """The app for one database; shared by the CLI, Pilot tests and snapshot tests."""
    if config is None:
        config = load_config(config_file())
    return SupervisorApp(
        Store(db), forced_today=forced_today, config=config, poll_seconds=poll_seconds
    )
