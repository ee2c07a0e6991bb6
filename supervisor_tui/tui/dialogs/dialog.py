"""The look, the escape key and the saving every small dialog shares.

A dialog that saves something stays open until the write has worked: should it
fail (a full disk, a read-only file, a lock held too long), what the lead typed
is still there, with the reason and what to do. From Enter on the text is fixed
(exactly as typed up to Enter, however far behind the app is), and keys typed
after it are kept and handed on to whatever has focus next: the screen underneath
once the dialog closes, the dialog again if it stays.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import OptionDoesNotExist

from ...domain.datewords import DateWordError, parse_date
from ...domain.textsafe import visible
from ...domain.words import short_date
from ...domain.workdays import is_working_day, working_day_on_or_after
from ..text import as_text

if TYPE_CHECKING:
    from textual.await_complete import AwaitComplete

    from ...actions.base import Done
    from ...domain.entities import Record

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A small modal that returns a draft with ``dismiss`` or None on Escape.

    Give it a ``saver`` (draft → the write to run) and `submit` saves before closing.
    """

    CSS_PATH = "dialog.tcss"
    HOLDS_KEYS_UNTIL_READY = True  # keys typed as it opens go to its first field
    # Priority: handled the moment the key arrives, before any key typed after it is
    # handed to a field (see App.hold_keys).
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel", priority=True),
        Binding("enter", "commit", "Save", id="commit", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saver: Callable[[T], Callable[[], Done]] | None = None
        self.saving = False
        self._committed: Input | OptionList | None = None  # the field Enter fixed
        # The key's action and the record (a person for their details, None for someone
        # being added) it was opened for, if it can be opened again: what the lead wrote
        # in it is then kept if the terminal closes (see `written`).
        self.reopens: tuple[str, Record | None] | None = None
        self._typed_in: set[str] = set()  # the fields the lead has written in
        self._to_restore: tuple[dict[str, str], dict[str, str]] | None = None

    def on_mount(self) -> None:
        # After the dialog's own on_mount has put the focus in its first field. What was
        # written before the terminal closed goes back in before the first frame: the
        # lead never sees the dialog with what it proposes instead.
        self._restore()
        self.call_after_refresh(self.app.release_keys)

    def action_cancel(self) -> None:
        """Close without changing anything."""
        if not self.saving:
            self.app.hold_keys()
            self.dismiss(None)
            self.app.release_keys()

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        closed = super().dismiss(result)
        self.app.typing(at_once=True)  # what was kept of it as it was written is let go
        return closed

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "commit":
            return self._committed is None and isinstance(self.focused, Input | OptionList)
        return action != "cancel" or not self.saving

    def action_commit(self) -> None:
        """Enter: the field is fixed as typed up to Enter; keys typed after it wait for the
        outcome and then go where the focus is (see `App.hold_keys`)."""
        if self.saving or self._committed is not None:
            return
        field = self.focused
        self.app.hold_keys()  # from this key on, the field takes nothing more
        self._committed = field
        field.add_class("-committed")
        # A busy app hands keys to a field faster than they are acted on, and a key bound
        # to an action (backspace, ↓, Tab) acts only once it has come back up to the app.
        # So Enter follows the keys typed before it down to the field and back: the
        # field's own Enter (submit, select) then reads it with all of them in.
        field._forward_event(events.Key("enter", "\r"))

    def on_key(self, event: events.Key) -> None:
        """A character typed while a choice list (how, owner, decision) has the focus
        starts the text field after it: the focus moves there with it, and nothing
        typed is dropped because Tab was not pressed first."""
        focused = self.focused
        if not isinstance(focused, OptionList) or not event.is_printable or not event.character:
            return
        if self._committed is not None or self.saving:
            return
        chain = self.focus_chain
        after = chain[chain.index(focused) + 1 :] if focused in chain else []
        field = next((widget for widget in after if isinstance(widget, Input)), None)
        if field is None:
            return
        event.stop()
        event.prevent_default()
        self.set_focus(field)
        # After the field's focus (which selects what it holds), before the next key.
        field.post_message(events.Key(event.key, event.character))

    def on_input_changed(self, event: Input.Changed) -> None:
        # Once the lead has typed in a field, coming back to it (Tab, shift+Tab, a
        # refused save) puts the cursor where it was: Textual selects the whole text on
        # focus, and the next key typed would replace all that was written. A value the
        # dialog proposed is still selected on the first visit, to be typed over.
        if event.input.has_focus:
            event.input.select_on_focus = False
            if event.input.id:
                self._typed_in.add(event.input.id)
            self.app.typing()  # kept on disk as it is written

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self._settled()

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self._settled()

    def _settled(self) -> None:
        # Runs after the dialog's own handler. Still open and not saving: the entry was
        # refused (or Enter only moved on), so the keys go back to this dialog's fields.
        if not self.saving:
            self._reopen()
            if self.is_current:
                self.app.release_keys()

    def _reopen(self) -> None:
        """The committed field takes keys again (refused, or the save failed)."""
        if self._committed is not None:
            self._committed.remove_class("-committed")
            self._committed = None

    # -- kept when the terminal closes ---------------------------------------------

    def written(self) -> dict[str, str]:
        """The text of each field the lead has written in (none: nothing to keep)."""
        if self._to_restore is not None:  # not back in its fields yet
            return dict(self._to_restore[0])
        return {
            field.id: field.value
            for field in self.query(Input)
            if field.id in self._typed_in and field.value.strip()
        }

    def chosen(self) -> dict[str, str]:
        """The option each choice list (how, decision) is on."""
        if self._to_restore is not None:
            return dict(self._to_restore[1])
        found = {}
        for choices in self.query(OptionList):
            if choices.id and choices.highlighted is not None:
                with contextlib.suppress(OptionDoesNotExist):
                    option = choices.get_option_at_index(choices.highlighted)
                    if option.id:
                        found[choices.id] = option.id
        return found

    def restore(self, typed: dict[str, str], chosen: dict[str, str]) -> None:
        """Put back what the lead had written and chosen as the dialog opens (at once if
        it is open already); the cursor at the end of the last field written in."""
        self._to_restore = (dict(typed), dict(chosen))
        if self.is_mounted:
            self._restore()

    def _restore(self) -> None:
        if self._to_restore is None:
            return
        typed, chosen = self._to_restore
        self._to_restore = None
        for choices in self.query(OptionList):
            with contextlib.suppress(OptionDoesNotExist):
                if choices.id in chosen:
                    choices.highlighted = choices.get_option_index(chosen[choices.id])
        last = None
        for field in self.query(Input):
            if field.id in typed:
                field.value = typed[field.id]
                field.cursor_position = len(field.value)
                field.select_on_focus = False
                self._typed_in.add(field.id)
                last = field
        if last is not None:
            last.focus()

    # -- saving ------------------------------------------------------------------

    def submit(self, draft: T) -> None:
        """Close with ``draft``; with a saver, only once the write has worked."""
        if self.saving:
            return
        if self.saver is None:
            self.dismiss(draft)
            self.app.release_keys()
            return
        run = self.saver(draft)
        self.saving = True
        self.app.hold_keys()
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

    def _saved(self, draft: T) -> None:
        app = self.app
        self.dismiss(draft)
        app.release_keys()  # to what has focus now that the dialog is gone

    def _failed(self, message: str) -> None:
        self.saving = False
        self._reopen()
        self.remove_class("-saving")
        self._status(Content.styled(f"Not saved: {message}", "$error bold"))
        self.app.release_keys()


QUOTE_CHARS = 280  # about four lines of a 72-column dialog


def quote(text: str) -> Static:
    """What the dialog is about (a win, a suggestion), shown as text and never so long
    that it pushes the dialog's choices off an 80x24 screen."""
    shown = visible(text)
    if len(shown) > QUOTE_CHARS:
        shown = shown[: QUOTE_CHARS - 1].rstrip() + "…"
    return Static(as_text(shown), classes="about")


def date_preview(text: str, today: dt.date, label: str = "") -> tuple[dt.date | None, Content]:
    """The day some date words mean, and the line that confirms it or says what is wrong."""
    try:
        day = parse_date(text, today)
    except DateWordError as exc:
        return None, as_text(str(exc))
    return day, Content.styled(f"→ {label}{short_date(day, today)}", "$success")


def follow_up_default(today: dt.date, words: str = "+2w") -> str:
    """The date words a follow-up date field starts with: ``words`` when they name a
    working day, else the working day after them, as a date (``+2w`` from a Sunday
    would be a Sunday)."""
    day = parse_date(words, today)
    if is_working_day(day):
        return words
    return working_day_on_or_after(day).isoformat()
