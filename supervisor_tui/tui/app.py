"""The Textual app: global keys, the first screen, the store handle, loading and undo.

Thin on purpose: the screens in ``screens/`` hold the behaviour. The first
frame paints before any data is read; the database loads in a worker thread,
and a timer notices changes made by other processes (``sup win`` in another
terminal) and reloads.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from ..actions.drafts import kept_capture_line, kept_dialog_text
from ..actions.undo import undo
from ..domain.clock import local_now
from ..domain.textsafe import visible
from ..store import Store, StoreError
from ..store.config import Config
from ..store.config import load as load_config
from ..store.paths import config_file
from .keys import KeysInTurn
from .memory import give_back
from .messages import DataChanged
from .palette import CommandsAsText
from .writer import DRAIN_SECONDS, Job, WriteFailed, Writer, Written

if TYPE_CHECKING:
    from textual.driver import Driver

    from ..actions.base import Done
    from ..domain.drafts import KeptDialog
    from ..domain.entities import Records, Settings
    from ..store.crash import Report

POLL_SECONDS = 0.5
HOLD_AT_MOST = 3.0  # seconds keys are held when no write is running
# While another process keeps changing the file (a burst of captures from the shell),
# it is read once the changes pause, and at least this often meanwhile.
RELOAD_DURING_CHANGES = 2.0
# Asked to stop (SIGTERM), the app closes as on q; if that takes longer, it just ends.
SHUTDOWN_SECONDS = 5.0
# A file this small (about two thousand records) is read whole before the day view is
# drawn: it takes a few milliseconds, and the view is drawn once, not twice.
WHOLE_AT_ONCE_BYTES = 512 * 1024
# A capture line or a row's dialog being written is kept on disk this often (and when
# the terminal closes): a killed process loses at most the last second typed.
KEEP_TYPED_EVERY = 1.0
# Each screen's and dialog's own stylesheet (see `SupervisorApp.CSS_PATH`).
_OWN_SHEETS = sorted(
    f"{sheet.parent.name}/{sheet.name}"
    for sheet in Path(__file__).parent.glob("*/*.tcss")
    if sheet.name != "dialog.tcss"
)
T = TypeVar("T")


class SupervisorApp(KeysInTurn, App[None]):
    """supervisor-tui: the day view and everything it leads to."""

    # Every screen's and dialog's stylesheet (each still names its own), read once at
    # the start: Textual re-parses all the CSS and restyles every widget the first time
    # a screen brings a file it has not read, which made each first dialog slow to open.
    # The sheets every dialog shares come before each dialog's own, which then wins.
    CSS_PATH = ["app.tcss", "dialogs/dialog.tcss", *_OWN_SHEETS]
    TITLE = "supervisor-tui"
    # Textual's provider of these commands reads titles as markup; ours shows them as text.
    COMMANDS = {CommandsAsText}
    BINDINGS = [
        Binding("c", "capture", "Capture", id="capture"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("question_mark", "help", "Keys", id="help"),
        Binding("q", "quit_app", "Quit", id="quit"),
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
        self.keymap: dict[str, str] = {}  # binding id -> keys, from the settings file
        self.poll_seconds = poll_seconds
        self.records: Records | None = None
        # What the report and the search derive from ``records``, once built (`index_of`).
        self._indexes: dict[Callable[[Records], Any], tuple[Records, Any]] = {}
        self.records_complete = False  # False while only the day view's records are loaded
        # What the day view lists (the open view: a few hundred records at any size).
        self.day_records: Records | None = None
        self._history_read = False  # the whole file has been read once
        self.undo_stack: list[Done] = []
        self.error_message: str | None = None
        self.crashed: Report | None = None  # an unexpected error stopped the app
        self.read_only_reason: str | None = None  # the file was damaged while open
        self.writer = Writer(self.post_message)
        self._keeping: set[str] = set()  # typed text on disk: "line", "dialog"
        self._keep_timer: Timer | None = None
        self._keep_problem: str | None = None  # why the last keep failed, told once
        self._init_keys_in_turn()
        self._stamp: object = None
        self._polled: object = None  # the file's stamp at the previous poll
        self._read_at = 0.0  # when the last read of the file began
        self._reading = 0  # reads of the file under way (a write's read may overlap a poll's)
        self._reading_lock = threading.Lock()

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        if driver.__module__ == "textual.drivers.linux_driver":  # Linux and macOS
            from .driver import TimelyEscapeDriver

            return TimelyEscapeDriver
        return driver

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

    def get_default_screen(self) -> Screen:
        # The day view is the bottom of the stack, not pushed over Textual's blank default
        # screen: Textual paints the screen below the top one with it (in case the top is
        # see-through), so each change there repainted the whole day view, and starting
        # took a sixth longer.
        from .screens.day import DayScreen

        return DayScreen()

    def on_mount(self) -> None:
        if self.config.keys:
            self._apply_keymap(self.config.keys)
        self.set_interval(self.poll_seconds, self._check_for_changes)
        if not self.is_headless:
            self._close_on_hang_up()

    def on_ready(self) -> None:
        # Read the file once the first frame is on screen: parsing a large file holds
        # the interpreter, and the first frame should not wait for it. (Not after the day
        # view's next refresh: a screen opened over it at once, the report say, would
        # keep that from ever coming, and the file would never be read.)
        self.load_records()

    def on_unmount(self) -> None:
        # Closed: the write thread ends once what is queued is written (the CLI waits for
        # it), and lets go of the app; a host that runs apps one after another (the
        # tests, the bench) is not left with a thread per app, each holding its app.
        self.writer.finish()

    def _close_on_hang_up(self) -> None:
        """A closed terminal window or a dropped SSH connection (SIGHUP), or the system
        shutting down (SIGTERM), ends the app once what was typed is saved. Left to
        Python, either signal ends the process on the spot, and a session draft loses
        whatever was typed since it was last written."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(signum, self._hung_up, signum)

    def _hung_up(self, signum: int) -> None:
        from .screens.session import SessionScreen

        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.keep_unsaved()
        self.keep_typed_text()
        # Every write queued runs to the end, here and now: the rest may not happen.
        self.writer.close(DRAIN_SECONDS)
        if signum == signal.SIGHUP:
            # The terminal is gone: there is nothing to restore on it, and Textual's own
            # shutdown can wait for ever to write to it (its output thread dies on the
            # dead terminal and never takes its queue).
            os._exit(128 + signum)
        # Asked to stop (the terminal may still be there): close as q does, and if that
        # hangs all the same, end the process: everything is saved.
        last_resort = threading.Timer(SHUTDOWN_SECONDS, os._exit, (128 + signum,))
        last_resort.daemon = True  # a close that works is not kept waiting for it
        last_resort.start()
        self.exit()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification (screens' and widgets' come here too). Messages carry user
        text (a name, a win): none is read as markup, and every control character is
        shown as a placeholder, as in the day view. ``markup`` is ignored: no
        notification of this app uses it."""
        super().notify(
            visible(message, multiline=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Where the lead writes at length (the session view), no letter acts on the app:
        # one Tab too many must not let "u" undo or "q" quit. ctrl+q still quits.
        letters_are_text = getattr(self.screen, "LETTERS_ARE_TEXT", False)
        return not (letters_are_text and action in ("capture", "undo", "quit_app"))

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error (a bug) ends the app, as in Textual, but says nothing of the
        data: Textual prints a traceback with every frame's local variables, which hold
        names, notes and whole records. Instead a report without them is written (see
        ``store/crash.py``) and the CLI says one line about it once the screen is back."""
        from textual.worker import WorkerFailed

        from ..store.crash import report

        if self.crashed is None:
            cause = error.error if isinstance(error, WorkerFailed) else error
            self.crashed = report(cause, f"the app, on {type(self.screen).__name__}")
        self._return_code = 1
        if self._exception is None:  # run_test raises it again, for the tests
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    def typing(self, *, at_once: bool = False) -> None:
        """The lead wrote in the capture bar or a dialog (or closed one): what is being
        written is kept on disk within `KEEP_TYPED_EVERY`, or ``at_once``."""
        from .screens.session import SessionScreen

        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.dialog_changed()  # a dialog over it goes with its draft
        if at_once:
            self.keep_typed_text()
        elif self._keep_timer is None:
            self._keep_timer = self.set_timer(KEEP_TYPED_EVERY, self._keep_typed_soon)

    def _keep_typed_soon(self) -> None:
        self._keep_timer = None
        self.keep_typed_text()

    def keep_typed_text(self) -> None:
        """Keep what is being written, as the lead writes and as the terminal closes:
        the line in an open capture bar, and a dialog written in that can be opened again
        (`Dialog.reopens`: a thank-you note, an answer, a person's details…); the next
        start opens them again. What this app kept and is
        no longer open (saved, or let go with Esc) is forgotten."""
        from ..actions import drafts
        from ..domain.capture import person_of
        from ..domain.drafts import KeptDialog
        from .dialogs.capture import CaptureScreen
        from .dialogs.dialog import Dialog

        if self.records is None:
            return
        keep: dict[str, Callable[[], None]] = {}
        for screen in self.screen_stack:
            if isinstance(screen, CaptureScreen) and screen.typed.strip() and not screen.saving:
                line = screen.typed
                about = person_of(line, self.records.people)
                person_id = about.id if about else None
                keep["line"] = functools.partial(
                    drafts.keep_capture_line, self.store, line, person_id, self.now
                )
            elif (
                isinstance(screen, Dialog)
                and screen.reopens
                and not screen.saving  # its write is queued, and a hang-up drains it
                and screen.written()
            ):
                action, about = screen.reopens
                kept = KeptDialog.of(action, about, screen.written(), screen.chosen())
                keep["dialog"] = functools.partial(
                    drafts.keep_dialog_text, self.store, kept, self.now
                )
        let_go = {"line": drafts.let_capture_line_go, "dialog": drafts.let_dialog_text_go}
        jobs = [*keep.values()]
        jobs += [
            functools.partial(let_go[what], self.store) for what in self._keeping - keep.keys()
        ]
        self._keeping = set(keep)
        for run in jobs:
            # In the write thread, which a hang-up drains before the process ends.
            self.write(Job(run, on_done=self._kept, on_failed=self._not_kept, quiet=True))

    def _kept(self, _: object) -> None:
        self._keep_problem = None

    def _not_kept(self, message: str) -> None:
        """Keeping what is typed failed (a full disk): said once, not at every pass; the
        text is still in its field, and is kept again as the lead goes on."""
        if message != self._keep_problem:
            self._keep_problem = message
            self.notify(
                f"What you are writing could not be kept on disk: {message} It is still here.",
                severity="warning",
                markup=False,
                timeout=10,
            )

    def _offer_kept_line(self, line: str) -> None:
        """The capture line the terminal closed on, back in the capture bar."""
        self._keeping.add("line")  # on disk until the bar is saved or let go
        self.action_capture(prefill=line)
        self.notify(
            "The terminal closed while you were typing this line; here it is again. "
            "Enter saves it, Esc lets it go.",
            markup=False,
            timeout=10,
        )

    def _offer_kept_dialog(self, kept: KeptDialog) -> None:
        """The dialog the terminal closed on (a row's, or the person view's), open again
        with what was written."""
        from ..actions.drafts import let_dialog_text_go
        from ..domain.drafts import ABOUT_THE_PERSON
        from ..domain.kinds import record_with_id
        from .dialogs.dialog import Dialog
        from .screens.acting import RowActions

        if kept.record_id is None:  # someone being added
            record = None
        elif kept.action in ABOUT_THE_PERSON:
            record = self.records.person(kept.record_id)
        else:
            record = record_with_id(self.records, kept.record_id)
        day_view = self.screen_stack[0]  # it opens the dialog over whatever is on top
        if (record is not None or kept.record_id is None) and isinstance(day_view, RowActions):
            opened = day_view.open_again(kept.action, record)
        else:
            opened = False
        if opened:
            self._keeping.add("dialog")  # on disk until it is saved or let go
            dialog = self.screen
            assert isinstance(dialog, Dialog)
            dialog.restore(kept.typed, kept.chosen)
            self.notify(
                "The terminal closed while you were writing this; here it is again. "
                "Enter saves it, Esc lets it go.",
                markup=False,
                timeout=10,
            )
            return
        # Done since (from the shell, say), or gone: what was written is shown, not lost.
        self.write(Job(lambda: let_dialog_text_go(self.store), quiet=True))
        written = " / ".join(visible(text) for text in kept.typed.values())
        self.notify(
            f"The terminal closed while you were writing “{written}”. "
            f"#{kept.record_id} {'has changed' if record else 'was deleted'} since, so it is "
            "not open again: copy what you need.",
            title="Not opened again",
            severity="warning",
            markup=False,
            timeout=60,
        )

    # -- data ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", description="reading the records")
    def load_records(self) -> None:
        """Read the database in a worker thread, then hand the records to the screens.

        Two steps: what the day view lists first (fast even at 100k records),
        then the whole history, which the person view's timeline needs. A small file
        is read whole in the first.
        """
        with self._reading_lock:
            self._reading += 1
            self._read_at = time.monotonic()
        try:
            everything, day, stamp, complete = self._read_at_hand()
            if not complete and self.store.size() <= WHOLE_AT_ONCE_BYTES:
                try:
                    everything, complete = self.store.load(), True
                    day = self.store.load(open_only=True)
                except StoreError:
                    everything, complete = day, False  # said below, once the rows are drawn
            # At start only (no records yet): a line or dialog the terminal closed on.
            at_start = self.records is None
            kept_line = kept_capture_line(self.store) if at_start else None
            kept_dialog = kept_dialog_text(self.store) if at_start and not kept_line else None
            self.call_from_thread(self._set_records, everything, day, stamp, complete)
            if kept_line is not None:
                self.call_from_thread(self._offer_kept_line, kept_line)
            if complete:
                if kept_dialog is not None:
                    self.call_from_thread(self._offer_kept_dialog, kept_dialog)
                return  # every record, held since this app's own write
            # Let the rows be drawn first: parsing years of history holds the
            # interpreter for a few hundred milliseconds at a time.
            drawn = threading.Event()
            self.call_from_thread(self.call_after_refresh, drawn.set)
            drawn.wait(1.0)
            everything = self.store.load()
            day = self.store.load(open_only=True)
            self.call_from_thread(self._set_records, everything, day, stamp, True)
            if kept_dialog is not None:  # its record may be anywhere in the history
                self.call_from_thread(self._offer_kept_dialog, kept_dialog)
        except StoreError as exc:
            self.call_from_thread(self._unreadable, str(exc))
        finally:
            give_back()  # what parsing the whole file freed
            with self._reading_lock:
                self._reading -= 1

    def _unreadable(self, message: str) -> None:
        """The file can't be read. At start-up: exit with the message. Later: keep what
        is on screen (and every unsaved text), read-only, and say what happened."""
        if self.records is None:
            self.error_message = message
            self.exit(return_code=1)
            return
        if self.read_only_reason != message:
            self.read_only_reason = message
            # The day view reads only what it lists: a damaged record further back in the
            # history is found by the second read, just after start, not while open.
            title = "The file was damaged while open" if self._history_read else "Damaged history"
            self.notify(
                f"{message} What is on screen stays, read-only; your unsaved text is kept.",
                title=title,
                severity="error",
                markup=False,
                timeout=30,
            )

    def _set_records(self, records: Records, day: Records, stamp: object, complete: bool) -> None:
        first, previous = self.records is None, self.records
        if previous is not None:
            self._close_forgotten(records, previous)
        if records is not previous:
            self._indexes = {}  # of the records before: let them go
        self.records = records
        self.day_records = day
        self.records_complete = complete
        self._history_read = self._history_read or complete
        self._stamp = stamp
        if self.read_only_reason is not None:
            self.read_only_reason = None
            self.notify("The file can be read again.", markup=False)
        for screen in self.screen_stack:
            screen.post_message(DataChanged())
        if first:
            problem = self.store.unwritable()
            if problem:
                self.notify(problem, title="Read-only", severity="error", markup=False, timeout=30)
            exposed = self.store.exposed()
            if exposed:
                self.notify(
                    exposed, title="Not private", severity="warning", markup=False, timeout=30
                )

    def index_of(self, records: Records, build: Callable[[Records], T]) -> T:
        """What ``build`` makes of ``records`` (the report's month index, the search's
        folded texts), built once for the records the app holds: opened again, the report
        or a search costs nothing until they change (at 100k records each index takes a
        tenth of a second or more to build). Called from worker threads."""
        held = self._indexes.get(build)
        if held is not None and held[0] is records:
            return held[1]
        index = build(records)
        if records is self.records:
            self._indexes[build] = (records, index)
        return index

    def _close_forgotten(self, records: Records, previous: Records) -> None:
        """Close every screen about someone no longer in the file (forgotten, perhaps from
        another terminal), with whatever is open over it; nothing of theirs is written
        again (a session view drops its draft rather than save it)."""
        stack = self.screen_stack
        gone = next(
            (
                (n, person_id)
                for n, screen in enumerate(stack)
                if (person_id := _about(screen)) is not None and records.person(person_id) is None
            ),
            None,
        )
        if gone is None:
            return
        first, person_id = gone
        for screen in stack[first:]:
            drop = getattr(screen, "forget_draft", None)
            if drop is not None:
                drop()
        for _ in stack[first:]:
            self.pop_screen()
        person = previous.person(person_id)
        who = person.name if person is not None else "That person"  # notify shows it as text
        self.notify(
            f"{who} is no longer in the file (forgotten, perhaps from another terminal): "
            "their screens were closed, and nothing about them was kept.",
            severity="warning",
            markup=False,
            timeout=10,
        )

    def _check_for_changes(self) -> None:
        if self.keys_held and not self.writer.busy and self.held_for() > HOLD_AT_MOST:
            self.release_keys()  # a safety net: whatever held them did not let go
        if self.records is None or self._reading:
            return  # a read is under way; the next poll sees whatever it missed
        stamp, previous = self.store.stamp(), self._polled
        self._polled = stamp
        if stamp == self._stamp:
            return
        # Changed since the last read: read it once the changes pause (one read for a
        # burst of captures, not one per capture), or if the last read is a while ago.
        if stamp == previous or time.monotonic() - self._read_at >= RELOAD_DURING_CHANGES:
            self.load_records()

    # -- writing -------------------------------------------------------------------

    def perform(
        self,
        run: Callable[[], Done],
        *,
        on_done: Callable[[Done], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        hint: str = "",
    ) -> None:
        """Run one action against the store in the write thread; tell the user and redraw
        when it is done. ``on_failed`` gets the message (a dialog shows it and stays
        open); without it, the message is a notification. ``hint`` follows the message
        in the notification ("u undoes it.") but not in what undo says later."""
        self.write(Job(run, on_done, on_failed, after=self._read_at_hand, hint=hint))

    def write(self, job: Job) -> None:
        """Queue a write; writes run one at a time, in order, off the event loop."""
        self.writer.submit(job)

    def _read_at_hand(self) -> tuple[Records, Records, object, bool]:
        """What ``_set_records`` takes, read without the whole history: the day view's
        part from beside the file, and every record if the store holds them (after its
        own write, once the history was read). Off the event loop."""
        stamp = self.store.stamp()
        day = self.store.load(open_only=True)
        held = self.store.held()
        return held or day, day, stamp, held is not None

    def on_written(self, message: Written) -> None:
        job, done = message.job, message.result
        if message.after is not None:
            self._set_records(*message.after)
            if not self.records_complete:
                self.load_records()  # the history has not been read yet
        if not job.quiet:  # a draft save says nothing and is not undone
            if job.undoable and done.change.steps:
                self.undo_stack.append(done)
            if done.message:
                self.notify(done.message + job.hint, markup=False)
        if job.on_done is not None:
            job.on_done(done)

    def on_write_failed(self, message: WriteFailed) -> None:
        from ..domain.changes import DomainError
        from .words import crash_text, error_text

        job, error = message.job, message.error
        expected = isinstance(error, DomainError | ValueError | StoreError)
        if expected:
            text = error_text(error)
        else:
            from ..store.crash import report

            text = crash_text(report(error, "the app, saving"))
        if job.on_failed is not None:
            job.on_failed(text)
            return
        if not expected or isinstance(error, StoreError):
            self.notify(text, title="Not saved", severity="error", markup=False, timeout=10)
        else:
            self.notify(text, severity="warning", markup=False)

    # -- actions -----------------------------------------------------------------

    def action_capture(self, prefill: str = "") -> None:
        from ..actions.capture import save_capture
        from .dialogs.capture import CaptureScreen

        if self.records is None:
            return
        people = self.records.people
        bar = CaptureScreen(people, self.today, self.settings.session_time, prefill)
        bar.saver = lambda capture: lambda: save_capture(self.store, capture, self.now)
        self.push_screen(bar)

    def action_help_quit(self) -> None:
        """ctrl+c says how to quit (the footer leaves q out where 80 columns are full)."""
        key = self.keymap.get("quit", "q").split(",")[0]
        self.notify(f"Press {key} to quit the app.", title="Do you want to quit?", markup=False)

    def action_quit_app(self) -> None:
        """Quit (q); the session view keeps q as text."""
        self.exit()

    def action_undo(self) -> None:
        """Undo the last change made here, in the file as well."""
        if not self.undo_stack:
            self.notify("Nothing to undo.", severity="warning")
            return
        done = self.undo_stack.pop()

        def run() -> Done:
            return undo(self.store, done)

        def failed(text: str) -> None:
            self.undo_stack.append(done)
            self.notify(text, title="Not undone", severity="error", markup=False, timeout=10)

        self.write(Job(run, None, failed, undoable=False, after=self._read_at_hand))

    def open_session(self, person_id: int) -> None:
        """Open the session view: the person's coaching 1:1, walked through its form."""
        from .screens.session import SessionScreen

        self.push_screen(SessionScreen(person_id))

    def open_weeks_ahead(self) -> None:
        """Open the planning screen: the next four working weeks (W in the day view)."""
        from .screens.planning import PlanningScreen

        if self.records is not None and not isinstance(self.screen, PlanningScreen):
            self.push_screen(PlanningScreen())

    def open_report(self) -> None:
        """Open the monthly report (unless it is already on top)."""
        from .screens.report import ReportScreen

        if not isinstance(self.screen, ReportScreen):
            self.push_screen(ReportScreen())

    def action_help(self) -> None:
        """Show every key."""
        from .dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.binding_groups(), self.keymap))

    def binding_groups(self) -> list[tuple[str, list[Binding]]]:
        """Every binding the lead can change, by where it acts, as `?` lists them."""
        from .screens.day import DayScreen
        from .screens.person import PersonScreen
        from .screens.planning import PlanningScreen
        from .screens.record import SessionRecordScreen
        from .screens.report import ReportScreen
        from .screens.search import SearchScreen
        from .screens.session import SessionScreen
        from .widgets.sectioned_list import SectionedList

        return [
            ("Everywhere", self.BINDINGS),
            ("Day view", DayScreen.BINDINGS),
            ("Person view", PersonScreen.BINDINGS),
            ("Search (/ in the day view)", SearchScreen.BINDINGS),
            ("A held 1:1's record (enter on it in the person view)", SessionRecordScreen.BINDINGS),
            ("Session view (a coaching 1:1)", SessionScreen.BINDINGS),
            ("Weeks ahead (planning)", PlanningScreen.BINDINGS),
            ("Report view", ReportScreen.BINDINGS),
            ("Moving around", SectionedList.BINDINGS),
        ]

    def _apply_keymap(self, keys: dict[str, str]) -> None:
        """Use the lead's keys, and say which ids in the file mean nothing."""
        known = sorted({b.id for _, group in self.binding_groups() for b in group if b.id})
        unknown = sorted(set(keys) - set(known))
        self.keymap = {k: v for k, v in keys.items() if k in known}
        self.set_keymap(self.keymap)
        if unknown:
            names = ", ".join(unknown)
            self.notify(
                f"{config_file()} [keys]: {names} is not a key id, so it was ignored. "
                f"The ids (also listed by ?): {', '.join(known)}.",
                title="Unknown key id" if len(unknown) == 1 else "Unknown key ids",
                severity="warning",
                markup=False,
                timeout=30,
            )
        for clash in self._key_clashes(self.keymap):
            self.notify(
                f"{config_file()} [keys]: {clash}. Give one of them another key.",
                title="Two actions on one key",
                severity="warning",
                markup=False,
                timeout=30,
            )

    def _key_clashes(self, keymap: dict[str, str]) -> list[str]:
        """Keys that the lead's settings give to two actions of one screen, in words."""
        groups = dict(self.binding_groups())
        everywhere, moving = groups.pop("Everywhere"), groups.pop("Moving around")
        clashes = []
        for where, own in groups.items():
            active = [*everywhere, *own, *([] if "Session" in where else moving)]
            by_key: dict[str, list[str]] = {}
            for binding in active:
                if binding.id is None:
                    continue
                keys = keymap.get(binding.id, binding.key)
                for key in (k.strip() for k in keys.split(",")):
                    ids = by_key.setdefault(key, [])
                    if binding.id not in ids:
                        ids.append(binding.id)
            for key, ids in by_key.items():
                if len(ids) > 1 and any(i in keymap for i in ids):
                    view = where.split(" (")[0].lower()
                    clashes.append(f"{key} is both {' and '.join(ids)} in the {view}")
        return clashes

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action, for the command palette (ctrl+p)."""
        yield SystemCommand(
            "Capture", "Capture a win, idea, note, to-do or plan", self.action_capture
        )
        yield SystemCommand("Undo", "Undo the last change", self.action_undo)
        yield SystemCommand("Keys", "Show every key", self.action_help)
        yield SystemCommand(
            "Weeks ahead", "Plan the next four working weeks' 1:1s", self.open_weeks_ahead
        )
        yield SystemCommand(
            "Monthly report",
            "How the month went: coaching, answers, thanks, follow-ups; [ ] step months",
            self.open_report,
        )
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()
        if self.records is not None:
            from .screens.person import PersonScreen

            for person in self.records.active_people():
                # Titles and help are plain text: CommandsAsText shows them literally.
                yield SystemCommand(
                    f"Open {person.name}",
                    f"@{person.handle}: cadence, sessions, open items, timeline",
                    lambda pid=person.id: self.push_screen(PersonScreen(pid)),
                )
            for person in self.records.people:
                if person.archived:  # to read their history, or bring them back with A
                    yield SystemCommand(
                        f"Open {person.name} (archived)",
                        f"@{person.handle}: their history; A brings them back",
                        lambda pid=person.id: self.push_screen(PersonScreen(pid)),
                    )
        yield from super().get_system_commands(screen)


def _about(screen: Screen) -> int | None:
    """The person a screen or dialog is about, if it is about one."""
    person_id = getattr(screen, "person_id", None)
    if person_id is None:
        person_id = getattr(getattr(screen, "person", None), "id", None)
    return person_id if isinstance(person_id, int) else None


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
