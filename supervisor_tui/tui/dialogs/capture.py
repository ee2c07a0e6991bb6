"""The capture bar: one line, `win @anna …`, from any screen.

Completes kinds and people as you type (Tab or → accepts). Enter parses the
line; an error shows inline and keeps what was typed; a good line goes back to
the caller, which saves it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, Static

from ...domain.capture import KINDS, Capture, complete, parse_capture
from ...domain.entities import Person
from ..text import as_text
from ..words import error_text
from .dialog import Dialog

HINT = "win · idea · note · wellbeing · todo … by fri · plan @anna tue 10:00"


class CaptureSuggester(Suggester):
    """Suggests the rest of the kind word or of the @person."""

    def __init__(self, people: Iterable[Person]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.people = tuple(people)

    async def get_suggestion(self, value: str) -> str | None:
        found = complete(value, self.people)
        return found[0] if found else None


class CaptureInput(Input):
    """The capture line; Tab accepts the suggestion instead of leaving the field."""

    BINDINGS = [Binding("tab", "cursor_right", "Complete", show=False, id="complete")]


class CaptureScreen(Dialog[Capture]):
    """One line; Enter saves, Esc cancels."""

    CSS_PATH = "capture.tcss"

    def __init__(
        self, people: Iterable[Person], today: dt.date, at: dt.time, prefill: str = ""
    ) -> None:
        super().__init__()
        self.people = tuple(people)
        self.today = today
        self.at = at
        self.prefill = prefill
        self._shown = {"#error": "", "#hint": HINT}

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = "Capture"
            yield CaptureInput(
                value=self.prefill,
                placeholder="win @anna closed the escalated billing case",
                suggester=CaptureSuggester(self.people),
                id="line",
                compact=True,
                select_on_focus=False,
            )
            yield Static(Content(""), classes="error", id="error")
            yield Static(Content(HINT), classes="hint", id="hint")

    @property
    def typed(self) -> str:
        """The line as typed so far (what it opens with, until its field is there)."""
        found = self.query("#line")
        return found.first(Input).value if found else self.prefill

    def on_mount(self) -> None:
        line = self.query_one("#line", Input)
        line.focus()
        line.cursor_position = len(line.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show("#error", "")
        found = complete(event.value, self.people)
        words = event.value.split()
        if len(words) <= 1 and not event.value.endswith(" "):
            hint = " · ".join(KINDS)
        elif found:
            hint = "   ".join(f.split()[-1] for f in found[:8])
        else:
            hint = HINT
        self._show("#hint", hint)

    def _show(self, where: str, text: str) -> None:
        """Show ``text`` in the error or hint line, unless it shows it already: every key
        typed comes here, and a line updated lays the whole screen out again."""
        if self._shown.get(where) != text:
            self._shown[where] = text
            self.query_one(where, Static).update(as_text(text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            capture = parse_capture(event.value, self.people, self.today, self.at)
        except ValueError as exc:
            self._show("#error", error_text(exc))
            return
        self.submit(capture)
