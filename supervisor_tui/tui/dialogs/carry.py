"""Carrying an agreement over to a new follow-up date."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from ...domain.entities import Agreement
from .dialog import Dialog, date_preview, follow_up_default, quote


class CarryOverScreen(Dialog[dt.date]):
    """One line of date words; Enter carries the agreement over to that day."""

    def __init__(self, agreement: Agreement, today: dt.date) -> None:
        super().__init__()
        self.agreement = agreement
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = "Carry over to"
            yield quote(self.agreement.text)
            yield Input(
                follow_up_default(self.today),
                id="when",
                placeholder="fri, +2w, 1.12.",
                compact=True,
            )
            yield Static(Content(""), classes="error", id="preview")
            yield Static(Content("Enter saves · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self._parse(self.query_one("#when", Input).value)

    def _parse(self, text: str) -> dt.date | None:
        day, line = date_preview(text, self.today)
        self.query_one("#preview", Static).update(line)
        return day

    def on_input_changed(self, event: Input.Changed) -> None:
        self._parse(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        day = self._parse(event.value)
        if day is not None:
            self.submit(day)
