"""Leave: from and to, in date words, and an optional note; emptied, it calls one off."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from ...domain.datewords import DateWordError, parse_date
from ...domain.entities import Leave, Person
from ...domain.textsafe import visible
from ...domain.words import short_date
from ..text import as_text
from .dialog import Dialog


@dataclass(frozen=True)
class LeaveDraft:
    """Days away (both included), or None for both: call off ``current``."""

    starts_on: dt.date | None
    ends_on: dt.date | None
    note: str = ""


class LeaveScreen(Dialog[LeaveDraft]):
    """From, to and a note; the days are previewed as they are typed."""

    CSS_PATH = ["dialog.tcss", "person.tcss"]

    def __init__(self, person: Person, today: dt.date, current: Leave | None) -> None:
        super().__init__()
        self.person = person
        self.today = today
        self.current = current  # under way or to come: the dialog changes it

    def compose(self) -> ComposeResult:
        current = self.current
        with Vertical(id="box") as box:
            box.border_title = as_text(f"{self.person.name}: leave")
            if current is None:
                about = (
                    "Not due for coaching while away; the cadence counts on after it. "
                    "Leave that overlaps another replaces it."
                )
            else:
                about = (
                    f"On leave {short_date(current.starts_on, self.today)} to "
                    f"{short_date(current.ends_on, self.today)}: change the dates, or empty "
                    "From to call it off."
                )
            yield Static(Content(about), classes="about")
            fields = (
                ("from", "From", current.starts_on.isoformat() if current else "today"),
                ("to", "To", current.ends_on.isoformat() if current else ""),
                ("note", "Note", visible(current.note) if current else ""),
            )
            placeholders = {"from": "today, mon, 1.12.", "to": "+2w, fri, 18.12.", "note": ""}
            for key, label, value in fields:
                with Horizontal(classes="field"):
                    yield Static(Content(label), classes="field-label")
                    yield Input(value, id=key, placeholder=placeholders[key], compact=True)
            yield Static(Content(""), classes="error", id="error")
            yield Static(Content("Tab between fields · Enter saves · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#to" if self.current is None else "#from", Input).focus()
        if self.current is not None:
            self._days()

    def _days(self) -> tuple[bool, LeaveDraft | None]:
        """(whether the fields can be saved, what they say), with the preview updated."""
        error = self.query_one("#error", Static)
        first = self.query_one("#from", Input).value.strip()
        last = self.query_one("#to", Input).value.strip()
        note = self.query_one("#note", Input).value.strip()
        if self.current is not None and note == visible(self.current.note).strip():
            note = self.current.note  # left as shown: kept as stored
        if not first and not last:
            if self.current is None:
                error.update(Content("Say from when and until when."))
                return False, None
            error.update(Content("Enter calls off this leave."))
            return True, LeaveDraft(None, None)
        try:
            starts_on = parse_date(first or "today", self.today)
            if not last:
                error.update(Content("Until when? e.g. +2w, fri, 18.12."))
                return False, None
            ends_on = parse_date(last, self.today)
        except DateWordError as exc:
            error.update(as_text(str(exc)))
            return False, None
        if ends_on < starts_on:
            error.update(Content("A leave ends on or after the day it starts."))
            return False, None
        days = (ends_on - starts_on).days + 1
        line = (
            f"→ {short_date(starts_on, self.today)} to {short_date(ends_on, self.today)} "
            f"({days} day{'' if days == 1 else 's'})"
        )
        error.update(Content.styled(line, "$success"))
        return True, LeaveDraft(starts_on, ends_on, note)

    def on_input_changed(self, _: Input.Changed) -> None:
        self._days()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        usable, draft = self._days()
        if usable and draft is not None:
            self.submit(draft)
