"""Answering a suggestion: accept, decline (with a reason), or in progress until a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.changes import DomainError, answer
from ...domain.datewords import DateWordError, parse_date
from ...domain.entities import ACCEPTED, DECLINED, IN_PROGRESS, Person, Suggestion
from ..text import as_text
from .dialog import Dialog, date_preview, quote

CHOICES = (
    (ACCEPTED, "Accept: it will happen"),
    (DECLINED, "Decline: say honestly why not"),
    (IN_PROGRESS, "In progress: come back by a date"),
)


@dataclass(frozen=True)
class AnswerDraft:
    """The lead's decision on a suggestion."""

    decision: str
    response: str
    come_back_by: dt.date | None


class AnswerScreen(Dialog[AnswerDraft]):
    """Choose a decision, write the response; in progress asks for a come-back date."""

    def __init__(self, suggestion: Suggestion, person: Person, today: dt.date) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.person = person
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = as_text(f"Answer {self.person.name}")
            yield quote(self.suggestion.text)
            yield OptionList(
                *(Option(Content(label), id=decision) for decision, label in CHOICES),
                id="decision",
                markup=False,
                compact=True,
            )
            yield Static(Content("Response:"), classes="label")
            yield Input(id="response", placeholder="what will happen, or why not", compact=True)
            yield Static(Content("Come back by:"), classes="label", id="later-label")
            yield Input(id="later", placeholder="fri, +1w, 1.12.", compact=True)
            yield Static(Content(""), classes="error", id="error")
            yield Static(
                Content("↑↓ decision · Tab between fields · Enter saves · Esc cancels"),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#decision", OptionList).highlighted = 0
        self._show_later(False)

    @property
    def decision(self) -> str:
        """The highlighted decision."""
        return CHOICES[self.query_one("#decision", OptionList).highlighted or 0][0]

    def _show_later(self, show: bool) -> None:
        self.query_one("#later").display = show
        self.query_one("#later-label").display = show

    def on_option_list_option_highlighted(self, _: OptionList.OptionHighlighted) -> None:
        self._show_later(self.decision == IN_PROGRESS)

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self.query_one("#response", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "later":
            self._preview_date(event.value)

    def _preview_date(self, text: str) -> None:
        error = self.query_one("#error", Static)
        if not text.strip():
            error.update(Content(""))
            return
        error.update(date_preview(text, self.today)[1])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        decision = self.decision
        response = self.query_one("#response", Input).value
        come_back_by = None
        error = self.query_one("#error", Static)
        try:
            if decision == IN_PROGRESS:
                later = self.query_one("#later", Input).value
                if not later.strip():
                    self.query_one("#later", Input).focus()
                    raise DomainError("Say when you will come back with an answer, e.g. fri.")
                come_back_by = parse_date(later, self.today)
            # The same rule the save will apply, checked here so the error shows inline.
            answer(self.suggestion, decision, response, self.today, come_back_by)
        except (DomainError, DateWordError) as exc:
            error.update(as_text(str(exc)))
            return
        self.submit(AnswerDraft(decision, response, come_back_by))
