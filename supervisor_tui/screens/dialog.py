"""The look, the escape key and the saving every small dialog shares.

A dialog that saves something stays open until the write has worked: should it
fail (a full disk, a read-only file, a lock held too long), what the lead typed
is still there, with the reason and what to do. While the write runs the text is
fixed, and keys typed meanwhile are kept and handed on to whatever has focus
next: the screen underneath once the dialog closes, the dialog again if it stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from ..datewords import DateWordError, parse_date
from ..domain.words import short_date

if TYPE_CHECKING:
    from ..actions import Done

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A small modal that returns a draft with ``dismiss`` or None on Escape.

    Give it a ``saver`` (draft → the write to run) and `submit` saves before closing.
    """

    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self) -> None:
        super().__init__()
        self.saver: Callable[[T], Callable[[], Done]] | None = None
        self.saving = False
        self._typed_ahead: list[events.Key] = []
        self._focus_back: Widget | None = None

    def action_cancel(self) -> None:
        """Close without changing anything."""
        if not self.saving:
            self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "cancel" or not self.saving

    # -- saving ------------------------------------------------------------------

    def submit(self, draft: T) -> None:
        """Close with ``draft``; with a saver, only once the write has worked."""
        if self.saving:
            return
        if self.saver is None:
            self.dismiss(draft)
            return
        run = self.saver(draft)
        self.saving = True
        self._focus_back = self.focused
        self.set_focus(None)  # the text is fixed now; keys go to on_key below
        self.add_class("-saving")
        self._status(Content.styled("Saving…", "$text-muted"))
        self.app.perform(run, on_done=lambda _: self._saved(draft), on_failed=self._failed)

    def _status(self, content: Content) -> None:
        box = self.query_one("#box")
        found = box.query("#dialog-status")
        if found:
            found.first(Static).update(content)
        else:
            box.mount(Static(content, id="dialog-status", classes="error"))

    def on_key(self, event: events.Key) -> None:
        if self.saving:
            event.stop()
            event.prevent_default()
            self._typed_ahead.append(event)

    def _saved(self, draft: T) -> None:
        keys, app = self._replay_list(), self.app
        self.dismiss(draft)
        # After the dialog is gone: the keys go to what has focus then.
        app.call_later(_replay, app, keys)

    def _failed(self, message: str) -> None:
        self.saving = False
        self.remove_class("-saving")
        self._status(Content.styled(f"Not saved: {message}", "$error bold"))
        if self._focus_back is not None:
            self.set_focus(self._focus_back)
        _replay(self.app, self._replay_list())

    def _replay_list(self) -> list[tuple[str, str | None]]:
        keys = [(k.key, k.character) for k in self._typed_ahead]
        self._typed_ahead = []
        return keys


def _replay(app: Any, keys: list[tuple[str, str | None]]) -> None:
    for key, character in keys:
        app.post_message(events.Key(key, character))


def date_preview(text: str, today: dt.date, label: str = "") -> tuple[dt.date | None, Content]:
    """The day some date words mean, and the line that confirms it or says what is wrong."""
    try:
        day = parse_date(text, today)
    except DateWordError as exc:
        return None, Content(str(exc))
    return day, Content.styled(f"→ {label}{short_date(day, today)}", "$success")
