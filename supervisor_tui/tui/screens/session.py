"""The session view: a coaching 1:1 that walks the form's agenda from top to bottom.

It starts with the agreements from last time (done, carried over or dropped),
shows the person's waiting wins and suggestions under their agenda items so
they can be closed during the session, keeps notes per item, and collects new
agreements with an owner and a follow-up date. The draft is saved as the lead
types; holding writes it all at once and plans the next session.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult, SuspendNotSupported, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from ...actions import drafts, holding
from ...domain.drafts import (
    CARRY,
    DONE,
    DROP,
    SESSION_DIALOGS,
    OpenDialog,
    Outcome,
    SessionDraft,
)
from ...domain.entities import METRIC, Agreement, CheckIn, Goal, Person, Records
from ...domain.forms import form_for, version_of
from ...domain.goals import check_ins_of, goals_of, title_key
from ...domain.planning import propose_next
from ...domain.rules import held_ids, last_held, open_agreements
from ...domain.textsafe import visible
from ...domain.words import owner_in_words, short_date
from ...present.goals import (
    bare_value,
    draft_value_words,
    goal_words,
    row_target,
    target_words,
    trend,
    value_words,
)
from ...store import PersonGoneError
from ..keys import at_once
from ..messages import DataChanged
from ..text import as_text
from ..widgets.agenda import AgendaItem, AgendaRows, NotesArea
from ..widgets.footer import KeysFooter
from ..widgets.sectioned_list import Row, Section, SectionedList
from ..writer import Job
from .acting import RowActions
from .rows import FOLLOW_UP, GOAL, agreement_row, waiting_rows

if TYPE_CHECKING:
    from ..dialogs.dialog import Dialog

NEW_AGREEMENT = "new_agreement"
NEW_GOAL = "new_goal"
SAVE_DELAY = 0.4  # seconds after the last key before the draft is written
# However fast and long the lead types without a pause, no more than this many seconds
# of it is ever only in memory (a killed process, a machine that loses power).
SAVE_AT_MOST = 2.0
KEPT = "Draft kept: it is offered back when you open this session again."


def _placement(items: tuple[str, ...]) -> dict[str, str]:
    """Which agenda item shows which list; forms vary, so match by words."""

    def find(*words: str, default: str | None) -> str | None:
        return next((i for i in items if any(w in i.casefold() for w in words)), default)

    return {
        "agreements": find("since last", "last time", default=items[0]),
        "wins": find("win", "success", default=None),
        "suggestions": find("need from me", "suggestion", "idea", default=None),
        "next": find("next step", "agreed", default=items[-1]),
        "goals": find("goal", "number", "behaviour", default=None),
    }


class SessionScreen(RowActions, Screen):
    """One coaching 1:1 in progress."""

    CSS_PATH = "session.tcss"
    LETTERS_ARE_TEXT = True  # the app's letter keys (c, u, q) do nothing here
    AUTO_FOCUS = None  # focus is placed once the agenda is drawn (see _after_start)
    HOLDS_KEYS_UNTIL_READY = True  # keys typed while it opens wait for _after_start
    BINDINGS = [
        Binding(
            "ctrl+s",
            "hold",
            "Hold",
            tooltip="Hold the session and plan the next one",
            id="hold-session",
            priority=True,
        ),
        Binding(
            "ctrl+n",
            "new_agreement",
            "Agreement",
            tooltip="New agreement: who does it, and when to follow up",
            id="new-agreement",
            priority=True,
        ),
        # ctrl+e is end-of-line in the notes area, so the editor gets ctrl+o (open).
        Binding(
            "ctrl+o",
            "edit_notes",
            "Editor",
            tooltip="Write these notes in $EDITOR",
            id="edit-notes",
            priority=True,
        ),
        Binding(
            "x",
            "outcome('done')",
            "Done",
            tooltip="Last time's agreement: done",
            id="agreement-done",
            priority=True,
        ),
        Binding(
            "o",
            "outcome('carry')",
            "Carry over",
            tooltip="Last time's agreement: carry it over to a new date",
            id="agreement-carry",
            priority=True,
        ),
        Binding(
            "z",
            "outcome('drop')",
            "Drop",
            tooltip="Last time's agreement: drop it",
            id="agreement-drop",
            priority=True,
        ),
        Binding(
            "delete",
            "remove_agreement",
            "Remove",
            tooltip="Remove a new agreement or goal added by mistake",
            id="remove-agreement",
            priority=True,
        ),
        Binding(
            "v",
            "goal_value",
            "Value",
            tooltip="This session's value for the highlighted goal",
            id="goal-value",
            priority=True,
        ),
        Binding(
            "ctrl+g",
            "new_goal",
            "Goal",
            tooltip="Set a new goal: a number with a target, or a behaviour",
            id="new-goal",
            priority=True,
        ),
        *at_once(RowActions.ROW_BINDINGS[:2]),  # a: thank for a win, r: answer a suggestion
        Binding("escape", "leave", "Leave", id="leave-session", priority=True),
        # Moving between fields happens the moment the key arrives, so the keys typed
        # after it land in the field moved to, however busy the app is.
        Binding(
            "tab",
            "app.focus_next",
            "Next item",
            tooltip="The next agenda item's notes",
            show=False,
            priority=True,
            id="next-item",
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous item",
            tooltip="The previous agenda item's notes",
            show=False,
            priority=True,
            id="previous-item",
        ),
        Binding(
            "up",
            "to_rows",
            "Rows",
            tooltip="On the first line of notes: the agreements, wins or ideas above them",
            show=False,
            priority=True,
            id="to-rows",
        ),
        Binding(
            "down",
            "to_notes",
            "Notes",
            tooltip="On the last of those rows: back to the notes",
            show=False,
            priority=True,
            id="to-notes",
        ),
    ]

    def __init__(self, person_id: int, draft: SessionDraft | None = None) -> None:
        super().__init__()
        self.person_id = person_id
        self.draft: SessionDraft | None = None
        self._given = draft  # a draft handed back after its save failed
        self._summary: tuple[str, Content | str] | None = None  # the title as last drawn
        self._dirty_since: float | None = None  # when the draft changed and was not yet queued
        self._unsaved_since: float | None = None  # its first change since it was last queued
        self._save_timer: Timer | None = None
        self.draft_problem: str | None = None  # why the last draft save failed
        self._leaving = False
        self._ready = False  # the agenda is drawn and focused

    # -- building --------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Whether the agenda is drawn and focused, so keys reach the agenda items."""
        return self._ready

    @property
    def person(self) -> Person:
        """Whose session this is."""
        return self.app.records.person(self.person_id)

    def compose(self) -> ComposeResult:
        yield Static(id="session-title")
        # Not focusable: a scroll container in the Tab chain is a stop where letters
        # fall through to the app.
        agenda = VerticalScroll(id="agenda")
        agenda.can_focus = False
        yield agenda
        yield KeysFooter()

    def on_mount(self) -> None:
        person = self.app.records.person(self.person_id)
        if self._given is not None:
            self._start(self._given)
            self._changed_later()
            return
        draft = drafts.kept_draft(self.app.store, self.person_id)
        if draft is not None and not draft.is_empty:
            saved = draft.saved_at
            when = (
                f"{short_date(saved.date(), self.app.today)} {saved:%H:%M}" if saved else "earlier"
            )
            from ..dialogs.resume import ResumeScreen

            def chosen(resume: bool | None) -> None:
                self.app.hold_keys()  # until the agenda is drawn
                if resume:
                    self._start(draft)
                else:
                    self.app.write(Job(lambda: drafts.discard(self.app.store, draft), quiet=True))
                    self._start(self._fresh_draft())

            self.app.push_screen(ResumeScreen(person.name, when, draft.summary()), chosen)
        else:
            self._start(self._fresh_draft())

    def _fresh_draft(self) -> SessionDraft:
        records = self.app.records
        return SessionDraft.start(
            self.person_id,
            form_for(self.person, records),
            held_ids(records.sessions, self.person_id),
        )

    def _start(self, draft: SessionDraft) -> None:
        # Notes that came from outside (an editor, another process, an old draft) may hold
        # control characters: the notes area shows them as placeholders, and so does the draft.
        for item, text in draft.notes:
            safe = visible(text, multiline=True)
            if safe != text:
                draft = draft.with_note(item, safe)
        self.draft = draft
        records = self.app.records
        last = last_held([s for s in records.sessions if s.person_id == self.person_id])
        places = _placement(draft.items)
        agenda = self.query_one("#agenda", VerticalScroll)
        items = []
        for number, item in enumerate(draft.items, 1):
            hint = ""
            if item == places["agreements"] and last is not None:
                hint = self._last_time_hint(last, records)
            elif item == places["next"]:
                hint = "ctrl+n adds an agreement: who does it, and when to follow up."
            if item == self._goals_at(places):
                goals = "↑ to the goals, v gives each this session's value; ctrl+g sets a new one."
                hint = f"{hint}\n{goals}" if hint else goals
            items.append(AgendaItem(number, item, draft.note(item), hint))
        agenda.mount_all(items)
        self.call_after_refresh(self._after_start)

    def _after_start(self) -> None:
        self._ready = True
        self.redraw()
        first = self.query(AgendaItem).first()
        if not first.focus_rows():
            self.set_focus(first.notes_area)
        # A lead who pressed Tab and typed while the view was still being built: those
        # keys go where they would have gone had it been drawn at once.
        self.app.release_keys()
        if self.draft is not None and self.draft.open_dialog is not None:
            self._reopen_dialog(self.draft.open_dialog)

    def _last_time_hint(self, last, records: Records) -> str:
        form = version_of(records, last.form_name, last.form_version) if last.form_name else None
        steps = last.note_for(form.items[-1]) if form else ""
        text = steps or next((t for _, t in last.notes if t.strip()), "")
        when = short_date(last.held_on, self.app.today)
        return f"Last time ({when}): {text}" if text else f"Last time: {when}."

    def _item_widget(self, item: str) -> AgendaItem | None:
        return next((w for w in self.query(AgendaItem) if w.item == item), None)

    def redraw(self) -> None:
        """Refresh the title and the lists from the records and the draft."""
        if self.draft is None or self.app.records is None or not self._ready:
            return
        if self.person is None:
            return  # forgotten elsewhere: the app closes this view (see forget_draft)
        self._redraw_title()
        places = _placement(self.draft.items)
        lists: dict[str, list[Row]] = {item: [] for item in self.draft.items}
        suggestions, wins = waiting_rows(
            self.app.records, self.person_id, self.app.today, self.app.settings
        )
        lists[places["agreements"]] += self._agreement_rows()
        if places["wins"]:
            lists[places["wins"]] += wins
        if places["suggestions"]:
            lists[places["suggestions"]] += suggestions
        lists[places["next"]] += self._new_agreement_rows()
        goals_at = self._goals_at(places)
        if goals_at is not None:
            lists[goals_at] += self._goal_rows()
        for item, rows in lists.items():
            widget = self._item_widget(item)
            if widget is not None:
                widget.show_rows([Section(f"item-{widget.number}", "", tuple(rows), "")])
        self.refresh_bindings()

    def _redraw_title(self) -> None:
        """The title line: whose session, the form, how far it has got, and the draft."""
        draft, today = self.draft, self.app.today
        summary = draft.summary()
        state = self._draft_state()
        if (summary, state) == self._summary:
            return  # typing within an item changes neither: nothing to redraw
        titles = self.query("#session-title").results(Static)
        title = next(titles, None)
        if title is None:
            return  # the screen is being closed (a failed save came back meanwhile)
        self._summary = (summary, state)
        title.update(
            Content.assemble(
                as_text(self.person.name, "bold"),
                f"  ·  1:1 {short_date(today, today)}  ·  ",
                as_text(f"{draft.form_name} v{draft.form_version}", "$text-muted"),
                f"  ·  {summary}",
                state,
            )
        )

    def _draft_state(self) -> Content | str:
        if self.draft_problem:
            return Content.styled("  ·  draft NOT saved", "$error bold")
        return ""

    def _agreement_rows(self) -> list[Row]:
        """Last time's agreements, each with what this session decided about it so far."""
        today, person, rows = self.app.today, self.person, []
        for a in open_agreements(self.app.records, self.person_id):
            row = agreement_row(a, person, today, who=owner_in_words(a.owner, person.name))
            outcome = self.draft.outcome(a.id)
            if outcome is not None:
                labels = {DONE: "✓ done", DROP: "✗ dropped"}
                when = labels.get(outcome.action) or f"→ {short_date(outcome.follow_up_on, today)}"
                row = replace(row, when=when, flagged=False)
            rows.append(row)
        return rows

    def _new_agreement_rows(self) -> list[Row]:
        today = self.app.today
        return [
            Row(
                f"new-{index}",
                NEW_AGREEMENT,
                f"by {short_date(a.follow_up_on, today)}",
                owner_in_words(a.owner, self.person.name),
                a.text,
                self.person_id,
                index,
            )
            for index, a in enumerate(self.draft.new_agreements)
        ]

    def _goals_at(self, places: dict[str, str | None]) -> str | None:
        """The agenda item that lists the goals: the form's item about them; in a form
        without one (a new starter's), the next steps, once the person has goals."""
        if places["goals"] is not None:
            return places["goals"]
        has_goals = goals_of(self.app.records, self.person_id) or self.draft.new_goals
        return places["next"] if has_goals else None

    def _goal_rows(self) -> list[Row]:
        """The person's active goals with this session's values, then the goals set here."""
        records, today, pid = self.app.records, self.app.today, self.person_id
        rows = []
        for goal in goals_of(records, pid):
            said = goal_words(records, goal, today)
            entered = self.draft.goal_value(goal.id)
            if entered is None:
                values = f"{said.trend} {said.last}".strip()
            else:  # the new point on the trend, after the one before it
                own = check_ins_of(records, goal.id)
                now = CheckIn(0, goal.id, pid, today, entered.value, entered.level)
                before = f"{bare_value(own[-1])} → " if own else "→ "
                values = f"{trend(goal, (*own, now))} {before}{value_words(goal, now)}"
            review = " · review" if said.review_due else ""
            what = f"{row_target(goal)} {values}".strip() + review
            key, status = f"goal-{goal.id}", said.status_words
            rows.append(Row(key, GOAL, status, goal.title, what, pid, goal, said.flagged))
        for index, new in enumerate(self.draft.new_goals):
            aim = "behaviour"  # a new goal has nothing else to show
            if new.op is not None and new.target is not None:
                made = Goal(0, pid, new.title, today, METRIC, new.op, new.target, new.unit)
                aim = target_words(made)
            if new.review_on:
                aim += f" · review {short_date(new.review_on, today)}"
            rows.append(Row(f"new-goal-{index}", NEW_GOAL, "new goal", new.title, aim, pid, index))
        return rows

    def on_data_changed(self, _: DataChanged) -> None:
        self.redraw()

    # -- the draft ---------------------------------------------------------------

    def forget_draft(self) -> None:
        """The person was forgotten: drop the draft, and never write it again."""
        self._leaving = True
        self._stop_timer()
        self._dirty_since = self._unsaved_since = None
        self.draft = None

    def _changed(self, draft: SessionDraft) -> None:
        """A decision changed the draft: redraw the lists and save soon."""
        self.draft = draft
        self.redraw()
        self._changed_later()

    def _changed_later(self) -> None:
        """Save the draft once the lead pauses, or at the latest `SAVE_AT_MOST` after its
        first unsaved change (in the write thread, never on the loop)."""
        self._dirty_since = time.monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = self._dirty_since
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self._save_when_quiet)

    def _save_when_quiet(self) -> None:
        self._save_timer = None
        if self._dirty_since is None:
            return
        now = time.monotonic()
        pause_in = SAVE_DELAY - (now - self._dirty_since)  # typed again since: the pause
        unsaved = now - (self._unsaved_since or now)
        if pause_in > 0 and unsaved < SAVE_AT_MOST:
            wait = min(pause_in, SAVE_AT_MOST - unsaved)
            self._save_timer = self.set_timer(wait, self._save_when_quiet)
            return
        self.save_draft()

    def _stop_timer(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

    def save_draft(self, on_saved: Callable[[], None] | None = None) -> None:
        """Queue the draft as it is now to be kept on disk (or forgotten, if empty)."""
        self._stop_timer()
        self._dirty_since = self._unsaved_since = None
        if self.draft is None:
            return
        self.draft = replace(self.draft, saved_at=self.app.now)
        draft, store = self.draft, self.app.store

        def run() -> bool:  # in the write thread (the draft is frozen: safe to hand over)
            try:
                drafts.keep(store, draft)
            except PersonGoneError:
                return False  # forgotten meanwhile: the store refused to write it
            return True

        def saved(kept: bool) -> None:
            if not kept:
                # The file no longer has this person: reading it back closes this view.
                self.forget_draft()
                self.app.load_records()
                return
            if self.draft_problem and self.is_attached:
                self.draft_problem = None
                self._redraw_title()
            if on_saved is not None:
                on_saved()

        def failed(message: str) -> None:
            self._draft_failed(draft, message)

        self.app.write(Job(run, saved, failed, quiet=True))

    def _draft_failed(self, draft: SessionDraft, message: str) -> None:
        if self.is_attached and not self._leaving:
            self.draft_problem = message
            self._redraw_title()
            self.notify(
                f"The draft could not be saved: {message} Your notes are still here; "
                "it is tried again as you type.",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        # The view has closed: open it again with everything in it, rather than lose it.
        self.app.notify(
            f"The draft of this session could not be saved: {message} "
            "The session is open again with your notes.",
            severity="error",
            markup=False,
            timeout=15,
        )
        self.app.push_screen(SessionScreen(draft.person_id, draft))

    @on(AgendaItem.NotesChanged)
    def _notes_changed(self, event: AgendaItem.NotesChanged) -> None:
        # The hot path of the whole app: one key typed. Only the draft and (when the count
        # of items with notes changes) the title; the lists are untouched.
        if self.draft is not None and self.draft.note(event.item) != event.text:
            self.draft = self.draft.with_note(event.item, event.text)
            self._redraw_title()
            self._changed_later()

    @property
    def current(self) -> Row | None:
        """The highlighted row of the focused list, if a list has focus."""
        focused = self.focused
        return focused.current if isinstance(focused, SectionedList) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        row = self.current
        if action == "outcome":
            return row is not None and row.kind == FOLLOW_UP
        if action == "remove_agreement":
            return row is not None and row.kind in (NEW_AGREEMENT, NEW_GOAL)
        if action == "goal_value":
            return row is not None and row.kind == GOAL
        if action in ("acknowledge", "answer"):
            return self.row_action_allowed(action)
        return True

    def action_to_rows(self) -> None:
        """↑ on the first line of an item's notes: to the rows above them."""
        focused = self.focused
        if not isinstance(focused, NotesArea) or focused.cursor_location[0] != 0:
            raise SkipAction()  # an ordinary ↑
        item = focused.parent
        if not isinstance(item, AgendaItem) or not item.focus_rows():
            raise SkipAction()

    def action_to_notes(self) -> None:
        """↓ on the last of an item's rows: back to its notes."""
        focused = self.focused
        if not isinstance(focused, AgendaRows) or not focused.at_last_row:
            raise SkipAction()  # an ordinary ↓
        self.set_focus(focused.parent.notes_area)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_sectioned_list_row_highlighted(self, _: SectionedList.RowHighlighted) -> None:
        self.refresh_bindings()

    def action_outcome(self, action: str) -> None:
        """Mark the highlighted agreement from last time done, carried over or dropped."""
        row = self.current
        if row is None or row.kind != FOLLOW_UP or self.draft is None:
            return
        agreement = row.record
        current = self.draft.outcome(agreement.id)
        if current is not None and current.action == action:
            self._changed(self.draft.with_outcome(agreement.id, None))  # pressed again: undo
            return
        if action != CARRY:
            self._changed(self.draft.with_outcome(agreement.id, Outcome(action)))
            return
        self._carry(agreement)

    def _carry(self, agreement: Agreement) -> Dialog:
        """Ask for the day last time's ``agreement`` is carried over to."""
        from ..dialogs.carry import CarryOverScreen

        def carried(day: dt.date | None) -> None:
            if day is not None and self.draft is not None:
                self._changed(self.draft.with_outcome(agreement.id, Outcome(CARRY, day)))

        dialog = CarryOverScreen(agreement, self.app.today)
        self.app.push_screen(dialog, carried)
        return dialog

    def action_new_agreement(self) -> Dialog:
        """Add an agreement with an owner and a follow-up date."""
        from ..dialogs.agreement import AgreementScreen

        def add(agreement) -> None:
            if agreement is not None:
                self._changed(self.draft.with_agreement(agreement))

        dialog = AgreementScreen(self.person, self.app.today)
        self.app.push_screen(dialog, add)
        return dialog

    def action_remove_agreement(self) -> None:
        """Remove a new agreement (or goal) added by mistake."""
        row = self.current
        if row is not None and row.kind == NEW_AGREEMENT:
            self._changed(self.draft.without_agreement(row.record))
        elif row is not None and row.kind == NEW_GOAL:
            self._changed(self.draft.without_goal(row.record))

    def action_goal_value(self) -> None:
        """Give the highlighted goal this session's value (a figure or a level)."""
        row = self.current
        if row is not None and row.kind == GOAL and self.draft is not None:
            self._goal_value(row.record)

    def _goal_value(self, goal: Goal) -> Dialog:
        """Ask for ``goal``'s value in this session."""
        from ..dialogs.goal import GoalValueScreen

        entered = self.draft.goal_value(goal.id)
        current = ""
        if entered is not None:
            current = entered.level or draft_value_words(goal, entered.value, None).split()[0]
            current = current.rstrip("%")

        def keep(value) -> None:
            if value is None or self.draft is None:
                return
            if value.value is None and value.level is None:
                self._changed(self.draft.with_goal_value(None, goal.id))
            else:
                self._changed(self.draft.with_goal_value(value))

        dialog = GoalValueScreen(goal, current)
        self.app.push_screen(dialog, keep)
        return dialog

    def action_new_goal(self) -> Dialog:
        """Set a new goal; it is written when the session is held."""
        from ..dialogs.goal import NewGoalScreen

        def add(goal) -> None:
            if goal is not None and self.draft is not None:
                self._changed(self.draft.with_goal(goal))

        titles = [g.title for g in goals_of(self.app.records, self.person_id)]
        titles += [g.title for g in self.draft.new_goals] if self.draft else []
        taken = frozenset(title_key(t) for t in titles)
        dialog = NewGoalScreen(self.app.today, taken)
        self.app.push_screen(dialog, add)
        return dialog

    def action_edit_notes(self) -> None:
        """Write the focused item's notes in $VISUAL or $EDITOR."""
        from ..editor import EditorMissing, edit

        node = self.focused
        while node is not None and not isinstance(node, AgendaItem):
            node = node.parent
        if node is None:
            self.notify("Move to an agenda item's notes first.", severity="warning")
            return
        area = node.notes_area
        try:
            with self.app.suspend():
                edited = edit(area.text, extension=".md")
        except SuspendNotSupported:
            self.notify(
                "An editor can't be opened in this terminal; type the notes here.",
                severity="warning",
            )
            return
        except EditorMissing as exc:
            self.notify(
                f"{exc}. Set $EDITOR, e.g. export EDITOR=nano.", severity="error", markup=False
            )
            return
        if edited is not None:
            area.text = visible(edited.rstrip("\n"), multiline=True)
            self._changed(self.draft.with_note(node.item, area.text))
        area.focus()

    def action_hold(self) -> None:
        """Hold the session: record everything and plan the next one."""
        from ..dialogs.hold import HoldScreen

        if self.draft is None:
            return
        person, app = self.person, self.app
        at = app.settings.session_time
        proposal = propose_next(person, app.today, at, app.records.leaves)
        dialog = HoldScreen(person.name, self.draft.summary(), proposal, app.now, at)

        def saver(choice):
            # The draft goes to disk first: should the hold fail, nothing is lost.
            self.save_draft()
            draft = self.draft

            def run():
                try:
                    return holding.hold_session(
                        app.store, draft, app.today, choice.next_at, app.now
                    )
                except holding.HeldElsewhere as exc:
                    # Said once; a second ctrl+s is the lead's choice to hold it again.
                    app.call_from_thread(self._seen_held, exc.held)
                    raise

            return run

        def closed(choice) -> None:
            if choice is not None:  # held: the draft is in the file now
                self._leaving = True
                self.draft = None
                app.pop_screen()

        dialog.saver = saver
        app.push_screen(dialog, closed)

    def _seen_held(self, held: tuple[int, ...]) -> None:
        if self.draft is not None:
            self.draft = replace(self.draft, held_before=held)

    def action_leave(self) -> None:
        """Back to where the session was opened from; the draft stays for next time."""
        self._leaving = True
        app, draft = self.app, self.draft
        if draft is not None and not draft.is_empty:
            if self._dirty_since is not None or self.draft_problem:
                kept = lambda: app.notify(KEPT)  # noqa: E731 - said once it is on disk
                self.save_draft(on_saved=kept)
            else:
                app.notify(KEPT)
        elif draft is not None and self._dirty_since is not None:
            self.save_draft()  # emptied: forget the old draft
        app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's actions, for the command palette."""
        yield SystemCommand(
            "Set a new goal", "ctrl+g: a number with a target, or a behaviour", self.action_new_goal
        )

    def on_unmount(self) -> None:
        self.keep_unsaved()

    def keep_unsaved(self) -> None:
        """Quitting with ctrl+q, or the terminal closing: whatever is pending goes to disk,
        with a dialog half written over this view (opened again on resume)."""
        if self.draft is None or self._leaving:
            return
        open_dialog = self._open_dialog()
        if open_dialog is not None and open_dialog != self.draft.open_dialog:
            self.draft = replace(self.draft, open_dialog=open_dialog)
            self._dirty_since = time.monotonic()
        if self._dirty_since is not None:
            self.save_draft()

    def dialog_changed(self) -> None:
        """A dialog is being written in over this view (or was closed): it is kept with
        the draft, as the notes are."""
        if self.draft is not None and not self._leaving and self._ready:
            open_dialog = self._open_dialog()
            if open_dialog != self.draft.open_dialog:
                self.draft = replace(self.draft, open_dialog=open_dialog)
                self._changed_later()

    def _open_dialog(self) -> OpenDialog | None:
        """The dialog being written in over this view (a new agreement or goal, a
        carry-over date, a goal's value), if anything is typed in it."""
        from ..dialogs.agreement import AgreementScreen
        from ..dialogs.carry import CarryOverScreen
        from ..dialogs.dialog import Dialog
        from ..dialogs.goal import GoalValueScreen, NewGoalScreen

        stack = self.app.screen_stack
        above = stack[stack.index(self) + 1 :] if self in stack else []
        for dialog in above:
            written = dialog.written() if isinstance(dialog, Dialog) else None
            if not written:
                continue
            typed, chosen = tuple(written.items()), tuple(dialog.chosen().items())
            if isinstance(dialog, AgreementScreen):
                return OpenDialog("agreement", typed, chosen)
            if isinstance(dialog, NewGoalScreen):
                return OpenDialog("goal", typed, chosen)
            if isinstance(dialog, CarryOverScreen):
                return OpenDialog("carry", typed, chosen, dialog.agreement.id)
            if isinstance(dialog, GoalValueScreen):
                return OpenDialog("value", typed, chosen, dialog.goal.id)
        return None

    def _reopen_dialog(self, kept: OpenDialog) -> None:
        """The dialog the terminal closed on, open again as it was; the agreement or goal
        it was about must still be on the agenda (it could be gone: done from the shell)."""
        dialog = None
        if kept.name == "agreement":
            dialog = self.action_new_agreement()
        elif kept.name == "goal":
            dialog = self.action_new_goal()
        elif kept.name == "carry":
            agreements = open_agreements(self.app.records, self.person_id)
            agreement = next((a for a in agreements if a.id == kept.about), None)
            dialog = self._carry(agreement) if agreement is not None else None
        elif kept.name == "value":
            goals = goals_of(self.app.records, self.person_id)
            goal = next((g for g in goals if g.id == kept.about), None)
            dialog = self._goal_value(goal) if goal is not None else None
        words = SESSION_DIALOGS.get(kept.name, "a dialog")
        written = " / ".join(visible(text) for _, text in kept.typed)
        if dialog is None:
            self.app.notify(
                f"The terminal closed while you were writing {words} (“{written}”); what it "
                "was about is no longer on the agenda, so it is not open again.",
                title="Not opened again",
                severity="warning",
                markup=False,
                timeout=60,
            )
            # Told once: the draft no longer holds it, or every resume would tell it again.
            self.draft = replace(self.draft, open_dialog=None)
            self._changed_later()
            return
        dialog.restore(dict(kept.typed), dict(kept.chosen))
        enter = {"carry": "carries it over", "value": "enters it"}.get(kept.name, "adds it")
        self.app.notify(
            f"The terminal closed while you were writing {words}; here it is again. "
            f"Enter {enter}, Esc lets it go.",
            markup=False,
            timeout=10,
        )
