"""Correcting a row: edit its text and day, delete it, move or hand over a follow-up, and
record a missed 1:1 as held on its own day. Each returns a draft; the screen saves it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.changes import DomainError
from ...domain.clock import localize
from ...domain.corrections import day_of, edit
from ...domain.datewords import DateWordError, parse_date, parse_when
from ...domain.entities import LEAD, PERSON, Agreement, Person, Record, Session
from ...domain.planning import propose_next
from ...domain.words import short_date
from ..text import as_text
from .dialog import Dialog, quote


@dataclass(frozen=True)
class EditDraft:
    """What changed: the new text and/or the new day (None: as it was)."""

    text: str | None
    on: dt.date | None


def _day_words(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


class EditScreen(Dialog[EditDraft]):
    """The item's text and its day, filled in as they are; Enter saves what changed."""

    def __init__(self, record: Record, label: str, person: Person, today: dt.date) -> None:
        super().__init__()
        self.record = record
        self.label = label
        self.person = person
        self.today = today
        self.is_follow_up = isinstance(record, Agreement)

    def compose(self) -> ComposeResult:
        day_label = "Follow up on:" if self.is_follow_up else "On:"
        with Vertical(id="box") as box:
            box.border_title = as_text(f"Edit {self.label} #{self.record.id} · {self.person.name}")
            # Not selected on focus: a fix is a few keys at the end, never the whole text.
            yield Input(
                self.record.text,
                id="text",
                placeholder="the text",
                compact=True,
                select_on_focus=False,
            )
            yield Static(Content(day_label), classes="label")
            day = _day_words(day_of(self.record))
            yield Input(day, id="on", placeholder="yesterday, fri, 1.12.", compact=True)
            yield Static(Content(""), classes="error", id="error")
            yield Static(Content("Tab between fields · Enter saves · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        text = self.query_one("#text", Input)
        text.cursor_position = len(text.value)  # at the end, where a typo is fixed
        text.focus()

    def _day(self, text: str) -> dt.date | None:
        prefer = "future" if self.is_follow_up else "past"
        return parse_date(text, self.today, prefer=prefer)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "on":
            return
        error = self.query_one("#error", Static)
        if not event.value.strip():
            error.update(Content(""))
            return
        try:
            day = self._day(event.value)
        except DateWordError as exc:
            error.update(as_text(str(exc)))
        else:
            error.update(Content.styled(f"→ {short_date(day, self.today)}", "$success"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        error = self.query_one("#error", Static)
        typed = self.query_one("#text", Input).value
        text = typed if typed != self.record.text else None  # untouched: kept exactly
        day_text = self.query_one("#on", Input).value
        try:
            day = self._day(day_text) if day_text.strip() else None
            if day == day_of(self.record):
                day = None
            # The rules the save applies, checked here so the reason shows in place.
            edit(self.record, self.today, text=text, on=day)
        except (DomainError, DateWordError) as exc:
            error.update(as_text(str(exc)))
            return
        if text is None and day is None:
            self.dismiss(None)  # nothing changed: nothing to save, nothing to undo
            self.app.release_keys()
            return
        self.submit(EditDraft(text, day))


class DeleteScreen(Dialog[bool]):
    """Asks before deleting: Enter deletes, Esc keeps it."""

    def __init__(self, record: Record, label: str, person: Person) -> None:
        super().__init__()
        self.record = record
        self.label = label
        self.person = person

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = as_text(f"Delete {self.label} #{self.record.id}?")
            yield quote(self.record.text)
            yield OptionList(
                Option(as_text(f"Delete this {self.label} about {self.person.name}"), id="delete"),
                Option(Content("Keep it"), id="keep"),
                id="choice",
                markup=False,
                compact=True,
            )
            yield Static(
                Content("u undoes a delete · Enter chooses · Esc keeps it"), classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#choice", OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "delete":
            self.submit(True)
        else:
            self.dismiss(None)
            self.app.release_keys()


@dataclass(frozen=True)
class MoveDraft:
    """A follow-up's new date (None: as it was) and owner."""

    follow_up_on: dt.date | None
    owner: str


def a_week_on(today: dt.date) -> dt.date:
    """A week from today, on a working day (a weekend gives way to the Monday after)."""
    day = today + dt.timedelta(days=7)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


class MoveScreen(Dialog[MoveDraft]):
    """A new follow-up date and who does it, in one go."""

    def __init__(self, agreement: Agreement, person: Person, today: dt.date) -> None:
        super().__init__()
        self.agreement = agreement
        self.person = person
        self.today = today

    def compose(self) -> ComposeResult:
        current = self.agreement.follow_up_on
        proposal = current if current is not None and current > self.today else None
        first = self.person.first_name
        with Vertical(id="box") as box:
            box.border_title = as_text(f"Move follow-up #{self.agreement.id} · {self.person.name}")
            yield quote(self.agreement.text)
            yield Static(Content("Follow up on:"), classes="label")
            yield Input(
                _day_words(proposal or a_week_on(self.today)),
                id="when",
                placeholder="fri, +2w, 1.12.",
                compact=True,
            )
            yield Static(Content("Who does it:"), classes="label")
            yield OptionList(
                Option(Content("I will (the lead)"), id=LEAD),
                Option(as_text(f"{first} will"), id=PERSON),
                id="owner",
                markup=False,
                compact=True,
            )
            yield Static(Content(""), classes="error", id="error")
            yield Static(Content("Tab between fields · Enter saves · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        owners = self.query_one("#owner", OptionList)
        owners.highlighted = 0 if self.agreement.owner == LEAD else 1
        self.query_one("#when", Input).focus()
        self._preview(self.query_one("#when", Input).value)

    def _preview(self, text: str) -> tuple[bool, dt.date | None]:
        error = self.query_one("#error", Static)
        try:
            day = parse_date(text, self.today)
        except DateWordError as exc:
            error.update(as_text(str(exc)))
            return False, None
        if day < self.today:
            error.update(Content("A new follow-up date can't be in the past."))
            return False, None
        error.update(Content.styled(f"→ follow up {short_date(day, self.today)}", "$success"))
        return True, day

    def on_input_changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def _save(self) -> None:
        usable, day = self._preview(self.query_one("#when", Input).value)
        if not usable:
            self.query_one("#when", Input).focus()
            return
        owner = (LEAD, PERSON)[self.query_one("#owner", OptionList).highlighted or 0]
        if day == self.agreement.follow_up_on:
            day = None
        if day is None and owner == self.agreement.owner:
            self.dismiss(None)  # as it was: nothing to save
            self.app.release_keys()
            return
        self.submit(MoveDraft(day, owner))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self._save()


@dataclass(frozen=True)
class HeldOnDraft:
    """The day a missed session was held, and when the next one is (None: plan later)."""

    held_on: dt.date
    next_at: dt.datetime | None


class HeldOnScreen(Dialog[HeldOnDraft]):
    """A session planned for an earlier day, recorded as held then: the day is editable,
    and the next one is proposed a cadence after it."""

    def __init__(self, session: Session, person: Person, now: dt.datetime, at: dt.time) -> None:
        super().__init__()
        self.session = session
        self.person = person
        self.now = now
        self.at = at

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def compose(self) -> ComposeResult:
        planned = self.session.planned_for
        with Vertical(id="box") as box:
            box.border_title = as_text(f"{self.person.name}'s 1:1: held on its day")
            yield Static(
                Content(
                    f"Planned for {short_date(planned.date(), self.today)} {planned:%H:%M}, "
                    "never recorded. It was held on:"
                ),
                classes="about",
            )
            yield Input(_day_words(planned.date()), id="on", compact=True)
            yield Static(Content("Next session (leave empty to plan later):"), classes="label")
            yield Input(id="next", compact=True, placeholder="leave empty to plan later")
            yield Static(Content(""), classes="error", id="error")
            yield Static(Content("Tab between fields · Enter saves · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#on", Input).focus()
        self._propose_next()

    def _held_on(self) -> dt.date:
        day = parse_date(self.query_one("#on", Input).value, self.today, prefer="past")
        if day > self.today:
            raise DateWordError("A session can't be held in the future; plan it instead.")
        return day

    def _propose_next(self) -> None:
        """The next one a cadence after the day it was held, but never today or before."""
        try:
            held_on = self._held_on()
        except DateWordError:
            return
        proposal = propose_next(self.person, held_on, self.at)
        if proposal.date() <= self.today:  # overdue by more than a cadence: soon, then
            day = self.today + dt.timedelta(days=1)
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            proposal = dt.datetime.combine(day, self.at)
        self.query_one("#next", Input).value = f"{proposal:%Y-%m-%d %H:%M}"

    def _next(self) -> dt.datetime | None:
        text = self.query_one("#next", Input).value
        if not text.strip():
            return None
        when = localize(parse_when(text, self.today, self.at))
        if when.date() <= self.today:
            raise DateWordError("The next session must be after today.")
        return when

    def _check(self) -> HeldOnDraft | None:
        error = self.query_one("#error", Static)
        try:
            held_on, next_at = self._held_on(), self._next()
        except DateWordError as exc:
            error.update(as_text(str(exc)))
            return None
        said = f"→ held {short_date(held_on, self.today)}"
        if next_at is not None:
            said += f" · next 1:1 {short_date(next_at.date(), self.today)} {next_at:%H:%M}"
        error.update(Content.styled(said, "$success"))
        return HeldOnDraft(held_on, next_at)

    def on_input_changed(self, event: Input.Changed) -> None:
        # A new day held on proposes the next 1:1 again, unless the lead wrote that one.
        if event.input.id == "on" and event.input.has_focus and "next" not in self._typed_in:
            self._propose_next()
        self._check()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        draft = self._check()
        if draft is not None:
            self.submit(draft)
