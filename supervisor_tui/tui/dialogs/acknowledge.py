"""Acknowledging a win: how it was done, and an optional note."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.entities import ACK_WAYS, Person, Win
from ...domain.textsafe import visible
from ..text import as_text
from .dialog import Dialog, quote


@dataclass(frozen=True)
class AckDraft:
    """How the lead acknowledged the win."""

    how: str
    note: str


def note_example(person: Person, win: Win) -> str:
    """The note field's example, about this win: "e.g. told Dawit at the huddle that
    spotting the duplicate-charge bug…" (a placeholder, shown as text)."""
    first = person.first_name
    said = textwrap.shorten(visible(win.text), width=32, placeholder="…")
    return visible(f"e.g. told {first} at the huddle what “{said}” meant")


class AcknowledgeScreen(Dialog[AckDraft]):
    """Choose how (in person, message, team meeting); Enter saves."""

    def __init__(self, win: Win, person: Person) -> None:
        super().__init__()
        self.win = win
        self.person = person

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = as_text(f"Thank {self.person.name}")
            yield quote(self.win.text)
            yield OptionList(
                *(Option(Content(way.capitalize()), id=way) for way in ACK_WAYS),
                id="how",
                markup=False,
                compact=True,
            )
            yield Static(Content("What you said (optional):"), classes="label")
            yield Input(id="note", placeholder=note_example(self.person, self.win), compact=True)
            yield Static(
                Content("↑↓ how · Tab to the note · Enter saves · Esc cancels"), classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#how", OptionList).highlighted = 0

    def _save(self) -> None:
        how = self.query_one("#how", OptionList)
        way = ACK_WAYS[how.highlighted or 0]
        self.submit(AckDraft(way, self.query_one("#note", Input).value))

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self._save()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self._save()
