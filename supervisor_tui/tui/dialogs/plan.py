"""Planning (or moving) a coaching session with date words: "tue 10:00", "+2w", "1.12."."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from ...domain.changes import earliest_planned
from ...domain.clock import localize
from ...domain.datewords import DateWordError, parse_when
from ...domain.entities import Person, Records
from ...domain.rules import coaching_due_on, leave_on, planned_too_late
from ...domain.words import short_date
from ...present.person import leave_words
from ..text import as_text
from .dialog import Dialog


class PlanScreen(Dialog[dt.datetime]):
    """One line of date words, previewed as you type; Enter saves."""

    def __init__(self, person: Person, records: Records, now: dt.datetime, at: dt.time) -> None:
        super().__init__()
        self.person = person
        self.now = now
        self.at = at
        own = [s for s in records.sessions if s.person_id == person.id]
        self.existing = earliest_planned(own)
        self.due_on = coaching_due_on(person, own, records.leaves)
        self.leaves = records.leaves

    def compose(self) -> ComposeResult:
        today = self.now.date()
        if self.existing is not None:
            when = self.existing.planned_for
            moves = self.existing.times_moved
            about = (
                f"Planned for {short_date(when.date(), today)} {when:%H:%M}. Moving it counts as "
                f"a move ({moves} so far): keep moves the rare exception."
            )
        else:
            about = f"Every {self.person.cadence_days} days. Plan it well ahead."
        about += f" Due {short_date(self.due_on, today)}."
        with Vertical(id="box") as box:
            box.border_title = as_text(f"Plan {self.person.name}'s 1:1")
            yield Static(Content(about), classes="about")
            yield Input(id="when", placeholder="tue 10:00, +2w, 1.12. 14:00", compact=True)
            yield Static(Content(""), classes="error", id="preview")
            yield Static(Content("Enter saves · Esc cancels"), classes="hint")

    def _parse(self, text: str) -> dt.datetime:
        when = localize(parse_when(text, self.now.date(), self.at))
        if when.date() < self.now.date():
            raise DateWordError("That day is in the past; plan a day from today on.")
        return when

    def on_input_changed(self, event: Input.Changed) -> None:
        preview = self.query_one("#preview", Static)
        if not event.value.strip():
            preview.update(Content(""))
            return
        try:
            when = self._parse(event.value)
        except DateWordError as exc:
            preview.update(as_text(str(exc)))
        else:
            today = self.now.date()
            label = f"→ {short_date(when.date(), today)} {when:%H:%M}"
            parts: list[tuple[str, str]] = [(label, "$success")]
            if planned_too_late(self.due_on, when.date(), today):
                parts.append(
                    (f" · after the due date, {short_date(self.due_on, today)}", "$warning")
                )
            away = leave_on(self.leaves, self.person.id, when.date())
            if away is not None:
                parts.append((f" · {leave_words(away, today)}", "$warning"))
            preview.update(Content.assemble(*parts))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            when = self._parse(event.value)
        except DateWordError as exc:
            self.query_one("#preview", Static).update(as_text(str(exc)))
            return
        self.submit(when)
