"""Keys that act on the highlighted row, shared by the day view and the person view.

The row's dialog returns a draft; the screen's callback writes it through
``actions`` (dialogs never save anything themselves).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.binding import Binding

from ...actions import routines, sessions
from ...domain.entities import IN_PROGRESS, OPEN, PLANNED
from ..widgets.sectioned_list import Row
from .rows import FOLLOW_UP, SESSION, SUGGESTION, WIN


class RowActions:
    """Acknowledge, answer, plan and done, for screens that list rows."""

    ROW_BINDINGS = [
        Binding(
            "a", "acknowledge", "Thank", tooltip="Acknowledge the selected win", id="acknowledge"
        ),
        Binding("r", "answer", "Answer", tooltip="Answer the selected suggestion", id="answer"),
        Binding("p", "plan", "Plan", tooltip="Plan or move a coaching 1:1", id="plan"),
        Binding("d", "done", "Done", tooltip="Mark the selected follow-up done", id="done"),
        Binding(
            "x",
            "cancel_session",
            "Cancel 1:1",
            tooltip="Cancel the selected planned session",
            id="cancel-session",
        ),
        Binding("h", "hold", "1:1", tooltip="Hold a coaching 1:1: the session view", id="hold"),
    ]

    current: Row | None

    def plan_person_id(self) -> int | None:
        """Whose session `p` plans: the highlighted row's person."""
        return self.current.person_id if self.current is not None else None

    _row_keys_shown: tuple[bool, ...] | None = None

    def refresh_row_keys(self) -> None:
        """Have the footer show the keys that apply to the highlighted row, if they
        changed. Redrawing the footer rebuilds its widgets (tens of milliseconds on a
        busy machine), too much for every ↓ a person presses or every reload."""
        shown = tuple(self.check_action(b.action, ()) is not False for b in self.BINDINGS)
        if shown != self._row_keys_shown:
            self._row_keys_shown = shown
            self.refresh_bindings()

    def row_action_allowed(self, action: str) -> bool:
        """Whether a row key applies to the highlighted row (the footer shows only those)."""
        row = self.current
        if action in ("plan", "hold"):
            return self.plan_person_id() is not None
        if row is None or row.record is None:
            return action not in ("acknowledge", "answer", "done", "cancel_session")
        if action == "acknowledge":
            return row.kind == WIN and row.record.acknowledged_on is None
        if action == "answer":
            return row.kind == SUGGESTION and row.record.decision in (OPEN, IN_PROGRESS)
        if action == "done":
            return row.kind == FOLLOW_UP and row.record.is_open
        if action == "cancel_session":
            return row.kind == SESSION and row.record.status == PLANNED
        return True

    def action_acknowledge(self) -> None:
        """Acknowledge the highlighted win: asks how, and takes an optional note."""
        from ..dialogs.acknowledge import AcknowledgeScreen

        if not self.row_action_allowed("acknowledge"):
            return
        app, win = self.app, self.current.record
        dialog = AcknowledgeScreen(win, app.records.person(win.person_id))
        dialog.saver = lambda draft: (
            lambda: routines.acknowledge(app.store, win.id, draft.how, draft.note, app.today)
        )
        app.push_screen(dialog)

    def action_answer(self) -> None:
        """Answer the highlighted suggestion: accept, decline, or in progress until a date."""
        from ..dialogs.answer import AnswerScreen

        if not self.row_action_allowed("answer"):
            return
        app, suggestion = self.app, self.current.record
        dialog = AnswerScreen(suggestion, app.records.person(suggestion.person_id), app.today)
        dialog.saver = lambda draft: (
            lambda: routines.answer(
                app.store,
                suggestion.id,
                draft.decision,
                draft.response,
                app.today,
                draft.come_back_by,
            )
        )
        app.push_screen(dialog)

    def action_plan(self) -> None:
        """Plan (or move) a coaching session for the person, with date words."""
        from ..dialogs.plan import PlanScreen

        person_id = self.plan_person_id()
        if person_id is None:
            return
        app = self.app
        person = app.records.person(person_id)
        dialog = PlanScreen(person, app.records, app.now, app.settings.session_time)
        dialog.saver = lambda when: (
            lambda: sessions.plan_session(app.store, person_id, when, app.now)
        )
        app.push_screen(dialog)

    def action_hold(self) -> None:
        """Open the session view for the person: walk the form, write it down, hold it."""
        person_id = self.plan_person_id()
        if person_id is not None:
            self.app.open_session(person_id)

    def action_cancel_session(self) -> None:
        """Cancel the highlighted planned session (u undoes it)."""
        if self.row_action_allowed("cancel_session"):
            app, session = self.app, self.current.record
            app.perform(lambda: sessions.cancel_session(app.store, session.id, app.today))

    def action_done(self) -> None:
        """Mark the highlighted follow-up done."""
        if self.row_action_allowed("done"):
            app, agreement = self.app, self.current.record
            app.perform(lambda: routines.mark_done(app.store, agreement.id, app.today))

    def row_palette_commands(self) -> Iterable[SystemCommand]:
        """Command-palette entries for what the keys can do on the highlighted row."""
        choices = (
            (
                "acknowledge",
                "Thank: acknowledge win",
                "Say how you acknowledged it",
                self.action_acknowledge,
            ),
            (
                "answer",
                "Answer suggestion",
                "Accept, decline, or come back by a date",
                self.action_answer,
            ),
            ("plan", "Plan 1:1", "Plan or move this person's coaching session", self.action_plan),
            ("done", "Mark follow-up done", "The highlighted agreement is done", self.action_done),
            (
                "hold",
                "Hold 1:1",
                "Open the session view: walk the form, then hold it",
                self.action_hold,
            ),
        )
        for action, title, help_text, callback in choices:
            if self.row_action_allowed(action):
                yield SystemCommand(title, help_text, callback)
