"""A person's details (add someone, or edit them), and archiving someone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.datewords import DateWordError, parse_date, parse_duration_days
from ...domain.entities import Person, Records
from ...domain.forms import FormError, find_form
from ...domain.textsafe import visible
from ...domain.words import short_date
from ..text import as_text
from .dialog import Dialog


@dataclass(frozen=True)
class PersonDraft:
    """What the dialog says a person is: every field, as the lead left it."""

    name: str
    handle: str  # "" on a new person: one is made from the name
    role: str
    cadence_days: int
    form: str  # "" for the team's default form
    started_on: dt.date
    same_name_ok: bool = False  # the lead saw that someone has this name, and went on


FIELDS = (
    ("name", "Name", "First Last"),
    ("handle", "Handle", "for @mentions"),
    ("role", "Role", "e.g. customer advisor"),
    ("every", "Every", "coaching cadence: 30d, 4w"),
    ("form", "Form", "the team's default"),
    ("started", "Started", "date words: 1.3., 2026-03-02"),
)


class PersonFormScreen(Dialog[PersonDraft]):
    """Name, handle, role, cadence, coaching form and start date; Enter saves.

    Without a person it adds one; someone of the same name already on the team
    (archived too) is said first, and a second Enter adds them all the same.
    """

    CSS_PATH = ["dialog.tcss", "person.tcss"]

    def __init__(
        self, records: Records, today: dt.date, person: Person | None = None, cadence: int = 30
    ) -> None:
        super().__init__()
        self.records = records
        self.today = today
        self.person = person
        self.cadence = person.cadence_days if person else cadence
        self._warned_for: str | None = None  # the name a same-name warning was given for

    def compose(self) -> ComposeResult:
        person = self.person
        self.stored = {
            "name": person.name if person else "",
            "handle": person.handle if person else "",
            "role": person.role if person else "",
            "every": f"{self.cadence}d",
            "form": (person.form or "") if person else "",
            "started": (person.started_on if person else self.today).isoformat(),
        }
        # Shown as text: a control character in a stored name is a placeholder here, and
        # a field left as shown keeps what is stored (see `_value`).
        self.shown = {key: visible(value) for key, value in self.stored.items()}
        values = self.shown
        with Vertical(id="box") as box:
            title = f"Edit {person.name}" if person else "Add a person"
            box.border_title = as_text(title)
            for key, label, placeholder in FIELDS:
                with Horizontal(classes="field"):
                    yield Static(Content(label), classes="field-label")
                    if key == "handle" and person is None:
                        placeholder = "made from the first name"
                    yield Input(values[key], id=key, placeholder=placeholder, compact=True)
            yield Static(Content(""), classes="error", id="error")
            yield Static(Content("Tab between fields · Enter saves · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _value(self, key: str) -> str:
        """What the field holds; left as shown, what is stored (never the placeholders)."""
        value = self.query_one(f"#{key}", Input).value
        return self.stored[key] if value == self.shown[key] else value.strip()

    def _refuse(self, message: str | Content, field: str) -> None:
        text = message if isinstance(message, Content) else as_text(message)
        self.query_one("#error", Static).update(text)
        self.query_one(f"#{field}", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "started" and event.value.strip():
            try:
                day = parse_date(event.value, self.today, prefer="past")
            except DateWordError as exc:
                self.query_one("#error", Static).update(as_text(str(exc)))
            else:
                line = f"→ started {short_date(day, self.today)}"
                self.query_one("#error", Static).update(Content.styled(line, "$success"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        from ...actions.team import same_name

        name = self._value("name")
        if not name:
            self._refuse("Give the person's name.", "name")
            return
        try:
            cadence = parse_duration_days(self._value("every") or f"{self.cadence}d")
        except DateWordError as exc:
            self._refuse(str(exc), "every")
            return
        try:
            started = parse_date(self._value("started") or "today", self.today, prefer="past")
        except DateWordError as exc:
            self._refuse(str(exc), "started")
            return
        form = self._value("form")
        if form:
            try:
                form = find_form(self.records, form).name
            except FormError as exc:
                self._refuse(str(exc), "form")
                return
        others = [p for p in same_name(name, self.records.people) if p != self.person]
        if others and self.person is None and self._warned_for != name:
            self._warned_for = name
            who = ", ".join(
                f"{p.name} (@{p.handle}{', archived' if p.archived else ''})" for p in others
            )
            self._refuse(
                f"{who} is already on the team. Enter again adds a second person of that name.",
                "name",
            )
            return
        draft = PersonDraft(
            name,
            self._value("handle"),
            self._value("role"),
            cadence,
            form,
            started,
            same_name_ok=self._warned_for == name,
        )
        self.submit(draft)


class ArchiveScreen(Dialog[bool]):
    """Archive someone (True), after a last look at what it means."""

    def __init__(self, person: Person) -> None:
        super().__init__()
        self.person = person

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = as_text(f"Archive {self.person.name}?")
            yield Static(
                Content(
                    "They drop out of every list; their history stays, and A brings them "
                    "back (ctrl+p finds archived people too)."
                ),
                classes="about",
            )
            yield OptionList(
                Option(as_text(f"Archive {self.person.name}"), id="archive"),
                Option(Content("Keep them on the team"), id="keep"),
                id="choice",
                markup=False,
                compact=True,
            )

    def on_mount(self) -> None:
        self.query_one("#choice", OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "archive":
            self.submit(True)
        else:
            self.action_cancel()
