"""Keys that act on the highlighted row, shared by the day view and the person view.

The row's dialog returns a draft; the screen's callback writes it through
``actions`` (dialogs never save anything themselves).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.css.query import NoMatches

from ...actions import corrections, routines, sessions
from ...domain.corrections import EDITABLE
from ...domain.drafts import PLAN
from ...domain.entities import (
    IN_PROGRESS,
    OPEN,
    PLANNED,
    Agreement,
    Person,
    Record,
    Session,
    Suggestion,
    Win,
)
from ..widgets.sectioned_list import Row, SectionedList
from .rows import FOLLOW_UP, SESSION, SUGGESTION, WIN

# Row keys that act on the row's own record (a due row has none).
_ON_RECORDS = ("edit", "delete", "move_follow_up", "drop_follow_up", "held_on_its_day")


class RowActions:
    """Acknowledge, answer, plan and done, for screens that list rows."""

    # Keys that work here but that the footer leaves out: 80 columns hold only so many,
    # and these are known or rare. `?` and the palette list every key.
    FOOTER_LEAVES_OUT: frozenset[str] = frozenset({"open", "undo", "quit"})

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys the footer shows: every active one but those left out here."""
        return {
            key: active
            for key, active in super().active_bindings.items()  # type: ignore[misc]
            if active.binding.id not in self.FOOTER_LEAVES_OUT
        }

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
        Binding("e", "edit", "Edit", tooltip="Edit the selected item's text or day", id="edit"),
        Binding(
            "delete",
            "delete",
            "Delete",
            tooltip="Delete the selected item (asks first)",
            id="delete",
            show=False,  # 80 columns: ? and the palette list it
        ),
        Binding(
            "o",
            "move_follow_up",
            "Move",
            tooltip="Move the selected follow-up to a new date or hand it over",
            id="move-follow-up",
        ),
        Binding(
            "z",
            "drop_follow_up",
            "Drop",
            tooltip="Drop the selected follow-up",
            id="drop-follow-up",
            show=False,  # 80 columns: ? and the palette list it
        ),
        Binding(
            "H",
            "held_on_its_day",
            "Held",
            tooltip="Record the selected missed 1:1 as held on its planned day",
            id="held-on-its-day",
        ),
    ]

    @property
    def current(self) -> Row | None:
        """The highlighted row; None on a screen whose list is gone (one closing, whose
        keys Textual may still ask about)."""
        try:
            rows = self.query_one(SectionedList)  # type: ignore[attr-defined]
        except NoMatches:
            return None
        return rows.current

    def plan_person_id(self) -> int | None:
        """Whose session `p` plans: the highlighted row's person."""
        return self.current.person_id if self.current is not None else None

    def row_action_allowed(self, action: str) -> bool:
        """Whether a row key applies to the highlighted row (the footer shows only those)."""
        row = self.current
        if action in ("plan", "hold"):
            return self.plan_person_id() is not None
        if row is None or row.record is None:
            return action not in ("acknowledge", "answer", "done", "cancel_session", *_ON_RECORDS)
        if action == "acknowledge":
            return row.kind == WIN and row.record.acknowledged_on is None
        if action == "answer":
            return row.kind == SUGGESTION and row.record.decision in (OPEN, IN_PROGRESS)
        if action == "done":
            return row.kind == FOLLOW_UP and row.record.is_open
        if action == "cancel_session":
            return row.kind == SESSION and row.record.status == PLANNED
        if action in ("edit", "delete"):
            return isinstance(row.record, EDITABLE)
        if action in ("move_follow_up", "drop_follow_up"):
            return isinstance(row.record, Agreement) and row.record.is_open
        if action == "held_on_its_day":
            return isinstance(row.record, Session) and self._missed(row.record)
        return True

    def action_acknowledge(self) -> None:
        """Acknowledge the highlighted win: asks how, and takes an optional note."""
        if self.row_action_allowed("acknowledge"):
            self._thank(self.current.record)

    def _thank(self, win: Win) -> None:
        from ..dialogs.acknowledge import AcknowledgeScreen

        app = self.app
        dialog = AcknowledgeScreen(win, app.records.person(win.person_id))
        dialog.saver = lambda draft: (
            lambda: routines.acknowledge(app.store, win.id, draft.how, draft.note, app.today)
        )
        dialog.reopens = ("acknowledge", win)
        app.push_screen(dialog)

    def action_answer(self) -> None:
        """Answer the highlighted suggestion: accept, decline, or in progress until a date."""
        if self.row_action_allowed("answer"):
            self._answer(self.current.record)

    def _answer(self, suggestion: Suggestion) -> None:
        from ..dialogs.answer import AnswerScreen

        app = self.app
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
        dialog.reopens = ("answer", suggestion)
        app.push_screen(dialog)

    def action_plan(self) -> None:
        """Plan (or move) a coaching session for the person, with date words."""
        person_id = self.plan_person_id()
        if person_id is not None:
            self._plan(self.app.records.person(person_id))

    def _plan(self, person: Person) -> None:
        from ..dialogs.plan import PlanScreen

        app = self.app
        dialog = PlanScreen(person, app.records, app.now, app.settings.session_time)
        dialog.saver = lambda when: (
            lambda: sessions.plan_session(app.store, person.id, when, app.now)
        )
        dialog.reopens = (PLAN, person)
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

    def action_edit(self) -> None:
        """Edit the highlighted item's text and day (u undoes it)."""
        if self.row_action_allowed("edit"):
            self._edit(self.current.record)

    def _edit(self, record: Record) -> None:
        from ..dialogs.correct import EditScreen

        app = self.app
        label = corrections.label_of(record)
        dialog = EditScreen(record, label, app.records.person(record.person_id), app.today)
        dialog.saver = lambda draft: (
            lambda: corrections.edit_item(
                app.store, record.id, app.today, text=draft.text, on=draft.on
            )
        )
        dialog.reopens = ("edit", record)
        app.push_screen(dialog)

    def open_again(self, action: str, record: Record | None) -> bool:
        """Open the row key's dialog on ``record`` again (the terminal closed on it), if
        the key still applies to it: not a win thanked since, say, from the shell."""
        openers = {
            "acknowledge": (Win, lambda win: win.acknowledged_on is None, self._thank),
            "answer": (Suggestion, lambda s: s.decision in (OPEN, IN_PROGRESS), self._answer),
            "edit": (EDITABLE, lambda _: True, self._edit),
            PLAN: (Person, lambda person: not person.archived, self._plan),
            "move_follow_up": (Agreement, lambda agreement: agreement.is_open, self._move),
            "held_on_its_day": (Session, self._missed, self._held_on),
        }
        kind, applies, open_dialog = openers.get(action, (None, None, None))
        if kind is None or not isinstance(record, kind) or not applies(record):
            return False
        open_dialog(record)
        return True

    def action_delete(self) -> None:
        """Delete the highlighted item, once confirmed (u brings it back)."""
        from ..dialogs.correct import DeleteScreen

        if not self.row_action_allowed("delete"):
            return
        app, record = self.app, self.current.record
        label = corrections.label_of(record)
        dialog = DeleteScreen(record, label, app.records.person(record.person_id))
        dialog.saver = lambda _: lambda: corrections.delete_item(app.store, record.id)
        app.push_screen(dialog)

    def action_move_follow_up(self) -> None:
        """Move the highlighted follow-up to a new date and/or hand it to the other owner."""
        if self.row_action_allowed("move_follow_up"):
            self._move(self.current.record)

    def _move(self, agreement: Agreement) -> None:
        from ..dialogs.correct import MoveScreen

        app = self.app
        dialog = MoveScreen(agreement, app.records.person(agreement.person_id), app.today)
        dialog.saver = lambda draft: (
            lambda: corrections.move_follow_up(
                app.store, agreement.id, app.today, draft.follow_up_on, draft.owner
            )
        )
        dialog.reopens = ("move_follow_up", agreement)
        app.push_screen(dialog)

    def action_drop_follow_up(self) -> None:
        """Drop the highlighted follow-up; the notification says u undoes it."""
        if self.row_action_allowed("drop_follow_up"):
            app, agreement = self.app, self.current.record
            app.perform(
                lambda: corrections.drop_follow_up(app.store, agreement.id, app.today),
                hint=" u undoes it.",
            )

    def action_held_on_its_day(self) -> None:
        """Record the highlighted missed 1:1 as held on the day it was planned for."""
        if self.row_action_allowed("held_on_its_day"):
            self._held_on(self.current.record)

    def _missed(self, session: Session) -> bool:
        """Whether ``session`` is a 1:1 planned for an earlier day, neither held nor cancelled."""
        return (
            session.status == PLANNED
            and session.planned_for is not None
            and session.planned_for.date() < self.app.today
        )

    def _held_on(self, session: Session) -> None:
        from ...actions.holding import hold_without_notes
        from ..dialogs.correct import HeldOnScreen

        app = self.app
        person = app.records.person(session.person_id)
        dialog = HeldOnScreen(session, person, app.now, app.settings.session_time)
        dialog.saver = lambda draft: (
            lambda: hold_without_notes(app.store, person.id, draft.held_on, draft.next_at, app.now)
        )
        dialog.reopens = ("held_on_its_day", session)
        app.push_screen(dialog)

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
            ("edit", "Edit item", "Correct the highlighted item's text or day", self.action_edit),
            (
                "delete",
                "Delete item",
                "Delete the highlighted item (asks first)",
                self.action_delete,
            ),
            (
                "move_follow_up",
                "Move follow-up",
                "A new date, or hand it to the other owner",
                self.action_move_follow_up,
            ),
            (
                "drop_follow_up",
                "Drop follow-up",
                "No longer follow it up",
                self.action_drop_follow_up,
            ),
            (
                "held_on_its_day",
                "Record missed 1:1 as held",
                "Held on the day it was planned for",
                self.action_held_on_its_day,
            ),
        )
        for action, title, help_text, callback in choices:
            if self.row_action_allowed(action):
                yield SystemCommand(title, help_text, callback)
