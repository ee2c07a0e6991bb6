"""Goals: this session's value for one, and a new goal (in a session or the person view)."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from ...domain.drafts import GoalValue, NewGoal
from ...domain.entities import BEHAVIOUR, METRIC, Goal
from ...domain.goals import (
    GoalValueError,
    Target,
    check_title,
    parse_target,
    parse_value,
    title_key,
)
from ...present.goals import draft_value_words, target_words
from ..text import as_text
from .dialog import Dialog, date_preview


class GoalValueScreen(Dialog[GoalValue]):
    """One line: a figure (4.6 or 4,6) or a level (1, 2, 3 or the words); empty clears it."""

    def __init__(self, goal: Goal, current: str = "") -> None:
        super().__init__()
        self.goal = goal
        self.current = current

    def compose(self) -> ComposeResult:
        goal = self.goal
        with Vertical(id="box") as box:
            box.border_title = "This session's value"
            yield Static(as_text(f"{goal.title} ({target_words(goal)})"), classes="about")
            if goal.kind == BEHAVIOUR:
                hint, example = "1 not yet · 2 sometimes · 3 consistently", "1, 2 or 3"
            else:
                hint, example = "a number: 4.6 or 4,6", "4,6"
            yield Input(self.current, id="value", placeholder=example, compact=True)
            yield Static(Content(""), classes="error", id="preview")
            yield Static(Content(f"{hint} · Enter keeps it · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#value", Input).focus()
        self._parse(self.current)

    def _parse(self, text: str) -> GoalValue | None:
        preview = self.query_one("#preview", Static)
        if not text.strip():
            preview.update(Content.styled("(empty: no value this session)", "$text-muted"))
            return GoalValue(self.goal.id)
        try:
            value, level = parse_value(self.goal, text)
        except GoalValueError as exc:
            preview.update(as_text(str(exc)))
            return None
        preview.update(as_text(f"→ {draft_value_words(self.goal, value, level)}", "$success"))
        return GoalValue(self.goal.id, value, level)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._parse(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = self._parse(event.value)
        if value is not None:
            self.submit(value)


class NewGoalScreen(Dialog[NewGoal]):
    """A title, and for a metric a target (with its unit); a review date if wanted."""

    def __init__(self, today: dt.date, taken: frozenset[str] = frozenset()) -> None:
        """``taken``: the `title_key` of every goal the person already has, active."""
        super().__init__()
        self.today = today
        self.taken = taken

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = "New goal"
            yield Input(
                id="title",
                placeholder='what to reach: "CSAT", "Uses the customer\'s name"',
                compact=True,
            )
            yield Static(Content("Target (empty for a behaviour):"), classes="label")
            yield Input(id="target", placeholder=">= 4.5, <= 300 s, = 100%", compact=True)
            yield Static(Content("Review on (optional):"), classes="label")
            yield Input(id="review", placeholder="+12w, 1.3.2027", compact=True)
            yield Static(Content(""), classes="error", id="error")
            yield Static(Content("Tab between fields · Enter saves · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _target(self) -> tuple[bool, Target | None]:
        text = self.query_one("#target", Input).value
        if not text.strip():
            return True, None
        try:
            return True, parse_target(text)
        except GoalValueError as exc:
            self.query_one("#error", Static).update(as_text(str(exc)))
            return False, None

    def _review(self) -> tuple[bool, dt.date | None]:
        text = self.query_one("#review", Input).value
        if not text.strip():
            return True, None
        day, line = date_preview(text, self.today, "review ")
        self.query_one("#error", Static).update(line)
        return day is not None, day

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "review":
            self._review()
        elif event.input.id == "target":
            ok, target = self._target()
            if ok:
                words = "a behaviour: not yet, sometimes, consistently"
                if target is not None:
                    made = Goal(0, 0, "-", self.today, METRIC, target.op, target.value, target.unit)
                    words = target_words(made)
                self.query_one("#error", Static).update(Content.styled(f"→ {words}", "$success"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            title = check_title(self.query_one("#title", Input).value)
        except GoalValueError as exc:
            self.query_one("#error", Static).update(as_text(str(exc)))
            self.query_one("#title", Input).focus()
            return
        if title_key(title) in self.taken:
            self.query_one("#error", Static).update(
                as_text(f"There is a goal called {title} already; give this one another name.")
            )
            self.query_one("#title", Input).focus()
            return
        ok, target = self._target()
        if not ok:
            self.query_one("#target", Input).focus()
            return
        ok, review = self._review()
        if not ok:
            self.query_one("#review", Input).focus()
            return
        if review is not None and review < self.today:
            self.query_one("#error", Static).update(Content("A review date can't be in the past."))
            return
        if target is None:
            self.submit(NewGoal(title, review_on=review))
        else:
            self.submit(NewGoal(title, target.op, target.value, target.unit, review))
