"""A new agreement in a session: what, who does it, and when to follow up."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.drafts import NewAgreement
from ...domain.entities import LEAD, PERSON, Person
from ..text import as_text
from .dialog import Dialog, date_preview, follow_up_default

DEFAULT_FOLLOW_UP = "+2w"


class AgreementScreen(Dialog[NewAgreement]):
    """Text, owner and follow-up date; every agreed item gets a date."""

    def __init__(self, person: Person, today: dt.date) -> None:
        super().__init__()
        self.person = person
        self.today = today

    def compose(self) -> ComposeResult:
        first = self.person.first_name
        with Vertical(id="box") as box:
            box.border_title = "New agreement"
            yield Input(id="text", placeholder="what was agreed", compact=True)
            yield Static(Content("Who does it:"), classes="label")
            yield OptionList(
                Option(as_text(f"{first} will"), id=PERSON),
                Option(Content("I will (the lead)"), id=LEAD),
                id="owner",
                markup=False,
                compact=True,
            )
            yield Static(Content("Follow up on:"), classes="label")
            yield Input(
                follow_up_default(self.today, DEFAULT_FOLLOW_UP),
                id="when",
                placeholder="fri, +2w, 1.12.",
                compact=True,
            )
            yield Static(Content(""), classes="error", id="error")
            yield Static(Content("Tab between fields · Enter saves · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#owner", OptionList).highlighted = 0
        self.query_one("#text", Input).focus()
        self._preview(self.query_one("#when", Input).value)

    def _preview(self, text: str) -> dt.date | None:
        day, line = date_preview(text, self.today, "follow up ")
        self.query_one("#error", Static).update(line)
        return day

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "when":
            self._preview(event.value)

    def _save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        if not text:
            self.query_one("#error", Static).update(Content("Say what was agreed."))
            self.query_one("#text", Input).focus()
            return
        day = self._preview(self.query_one("#when", Input).value)
        if day is None:
            return
        owners = (PERSON, LEAD)
        owner = owners[self.query_one("#owner", OptionList).highlighted or 0]
        self.submit(NewAgreement(text, owner, day))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self._save()
