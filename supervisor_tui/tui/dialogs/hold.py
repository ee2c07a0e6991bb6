"""Holding a session: a last look, and the next session one cadence ahead."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from ...domain.clock import localize
from ...domain.datewords import DateWordError, parse_when
from ...domain.words import short_date
from ..text import as_text
from .dialog import Dialog


@dataclass(frozen=True)
class HoldChoice:
    """Hold it, and plan the next session then (or not, when None)."""

    next_at: dt.datetime | None


class HoldScreen(Dialog[HoldChoice]):
    """Confirms holding today, with the next session's date editable."""

    def __init__(
        self, name: str, summary: str, proposal: dt.datetime, now: dt.datetime, at: dt.time
    ) -> None:
        super().__init__()
        self.person_name = name
        self.summary = summary
        self.proposal = proposal
        self.now = now
        self.at = at

    def compose(self) -> ComposeResult:
        today = self.now.date()
        with Vertical(id="box") as box:
            box.border_title = as_text(f"Hold {self.person_name}'s session today")
            yield Static(Content(f"{short_date(today, today)}: {self.summary}."), classes="about")
            yield Static(
                Content("Next session (one cadence ahead; change it if you must):"), classes="label"
            )
            proposal = f"{self.proposal:%Y-%m-%d %H:%M}"
            yield Input(proposal, id="next", compact=True, placeholder="leave empty to plan later")
            yield Static(Content(""), classes="error", id="preview")
            yield Static(Content("Enter holds it · Esc goes back to the session"), classes="hint")

    def on_mount(self) -> None:
        self._parse(self.query_one("#next", Input).value)

    def _parse(self, text: str) -> tuple[bool, dt.datetime | None]:
        """(whether the text is usable, the next session's moment or None for none)."""
        preview = self.query_one("#preview", Static)
        if not text.strip():
            preview.update(Content("No next session will be planned: plan it soon with p."))
            return True, None
        try:
            when = localize(parse_when(text, self.now.date(), self.at))
        except DateWordError as exc:
            preview.update(as_text(str(exc)))
            return False, None
        if when.date() <= self.now.date():
            preview.update(Content("The next session must be after today."))
            return False, None
        label = f"→ next 1:1 {short_date(when.date(), self.now.date())} {when:%H:%M}"
        preview.update(Content.styled(label, "$success"))
        return True, when

    def on_input_changed(self, event: Input.Changed) -> None:
        self._parse(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        usable, when = self._parse(event.value)
        if usable:
            self.submit(HoldChoice(when))
