"""The session view: a coaching 1:1 that walks the form's agenda from top to bottom.

It starts with the agreements from last time (done, carried over or dropped),
shows the person's waiting wins and suggestions under their agenda items so
they can be closed during the session, keeps notes per item, and collects new
agreements with an owner and a follow-up date. The draft is saved as the lead
types; holding writes it all at once and plans the next session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from .. import holding
from ..app import DataChanged
from ..domain.changes import propose_next
from ..domain.drafts import CARRY, DONE, DROP, Outcome, SessionDraft
from ..domain.entities import Person, Records
from ..domain.rules import last_held, open_agreements
from ..domain.words import owner_in_words, short_date
from ..forms import form_for, version_of
from ..store import StoreError
from ..textsafe import visible
from ..widgets.agenda import AgendaItem
from ..widgets.sectioned_list import Row, Section, SectionedList
from .acting import RowActions
from .rows import FOLLOW_UP, agreement_row, waiting_rows

NEW_AGREEMENT = "new_agreement"
SAVE_DELAY = 0.4  # seconds after the last key before the draft is written


def _placement(items: tuple[str, ...]) -> dict[str, str]:
    """Which agenda item shows which list; forms vary, so match by words."""

    def find(*words: str, default: str | None) -> str | None:
        return next((i for i in items if any(w in i.casefold() for w in words)), default)

    return {
        "agreements": find("since last", "last time", default=items[0]),
        "wins": find("win", "success", default=None),
        "suggestions": find("need from me", "suggestion", "idea", default=None),
        "next": find("next step", "agreed", default=items[-1]),
    }


class SessionScreen(RowActions, Screen):
    """One coaching 1:1 in progress."""

    CSS_PATH = "session.tcss"
    BINDINGS = [
        Binding(
            "ctrl+s",
            "hold",
            "Hold",
            tooltip="Hold the session and plan the next one",
            id="hold-session",
        ),
        Binding(
            "ctrl+n",
            "new_agreement",
            "Agreement",
            tooltip="New agreement: who does it, and when to follow up",
            id="new-agreement",
        ),
        # ctrl+e is end-of-line in the notes area, so the editor gets ctrl+o (open).
        Binding(
            "ctrl+o",
            "edit_notes",
            "Editor",
            tooltip="Write these notes in $EDITOR",
            id="edit-notes",
        ),
        Binding(
            "x",
            "outcome('done')",
            "Done",
            tooltip="Last time's agreement: done",
            id="agreement-done",
        ),
        Binding(
            "o",
            "outcome('carry')",
            "Carry over",
            tooltip="Last time's agreement: carry it over to a new date",
            id="agreement-carry",
        ),
        Binding(
            "z",
            "outcome('drop')",
            "Drop",
            tooltip="Last time's agreement: drop it",
            id="agreement-drop",
        ),
        Binding(
            "delete",
            "remove_agreement",
            "Remove",
            tooltip="Remove a new agreement added by mistake",
            id="remove-agreement",
        ),
        RowActions.ROW_BINDINGS[0],  # a: thank for a win
        RowActions.ROW_BINDINGS[1],  # r: answer a suggestion
        Binding("escape", "leave", "Leave (draft kept)", id="leave-session"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.draft: SessionDraft | None = None
        self._save_timer = None

    # -- building --------------------------------------------------------------

    @property
    def person(self) -> Person:
        """Whose session this is."""
        return self.app.records.person(self.person_id)

    def compose(self) -> ComposeResult:
        yield Static(id="session-title")
        yield VerticalScroll(id="agenda")
        # ctrl+p still opens the palette; at 80 columns its hint would push keys off.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        records, person = self.app.records, self.person
        kept = self.app.store.load_draft(f"session-{self.person_id}")
        draft = None
        if kept is not None:
            try:
                draft = SessionDraft.from_doc(kept)
            except ValueError:
                draft = None
        if draft is not None and not draft.is_empty:
            saved = draft.saved_at
            when = (
                f"{short_date(saved.date(), self.app.today)} {saved:%H:%M}" if saved else "earlier"
            )
            from .resume import ResumeScreen

            def chosen(resume: bool | None) -> None:
                if resume:
                    self._start(draft)
                else:
                    self.app.store.discard_draft(draft.key)
                    self._start(SessionDraft.start(self.person_id, form_for(person, records)))

            self.app.push_screen(ResumeScreen(person.name, when, draft.summary()), chosen)
        else:
            self._start(SessionDraft.start(self.person_id, form_for(person, records)))

    def _start(self, draft: SessionDraft) -> None:
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
            items.append(AgendaItem(number, item, draft.note(item), hint))
        agenda.mount_all(items)
        self.call_after_refresh(self._after_start)

    def _after_start(self) -> None:
        self.redraw()
        first = self.query(AgendaItem).first()
        lists = [r for r in first.query(SectionedList) if r.display]
        (lists[0] if lists else first.notes_area).focus()

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
        if self.draft is None or self.app.records is None:
            return
        person = self.person
        if person is None:
            self.app.pop_screen()
            return
        draft, today = self.draft, self.app.today
        self.query_one("#session-title", Static).update(
            Content.assemble(
                (visible(person.name), "bold"),
                f"  ·  1:1 {short_date(today, today)}  ·  ",
                (f"{visible(draft.form_name)} v{draft.form_version}", "$text-muted"),
                f"  ·  {draft.summary()}",
            )
        )
        places = _placement(draft.items)
        lists: dict[str, list[Row]] = {item: [] for item in draft.items}
        suggestions, wins = waiting_rows(self.app.records, self.person_id, self.app.today)
        lists[places["agreements"]] += self._agreement_rows()
        if places["wins"]:
            lists[places["wins"]] += wins
        if places["suggestions"]:
            lists[places["suggestions"]] += suggestions
        lists[places["next"]] += self._new_agreement_rows()
        for item, rows in lists.items():
            widget = self._item_widget(item)
            if widget is not None:
                widget.show_rows([Section(f"item-{widget.number}", "", tuple(rows), "")])
        self.refresh_bindings()

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

    def on_data_changed(self, _: DataChanged) -> None:
        self.redraw()

    # -- the draft ---------------------------------------------------------------

    def _changed(self, draft: SessionDraft) -> None:
        self.draft = draft
        self.redraw()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_draft)

    def save_draft(self) -> None:
        """Keep the draft on disk (or forget it, if nothing has been written yet)."""
        if self.draft is None:
            return
        if self.draft.is_empty:
            self.app.store.discard_draft(self.draft.key)
            return
        self.draft = replace(self.draft, saved_at=self.app.now)
        try:
            self.app.store.save_draft(self.draft.key, self.draft.to_doc())
        except StoreError as exc:
            self.notify(f"The draft could not be saved: {exc}", severity="error", markup=False)

    @on(AgendaItem.NotesChanged)
    def _notes_changed(self, event: AgendaItem.NotesChanged) -> None:
        if self.draft is not None and self.draft.note(event.item) != event.text:
            self._changed(self.draft.with_note(event.item, event.text))

    # -- keys --------------------------------------------------------------------

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
            return row is not None and row.kind == NEW_AGREEMENT
        if action in ("acknowledge", "answer"):
            return self.row_action_allowed(action)
        return True

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
        from .carry import CarryOverScreen

        def carried(day: dt.date | None) -> None:
            if day is not None:
                self._changed(self.draft.with_outcome(agreement.id, Outcome(CARRY, day)))

        self.app.push_screen(CarryOverScreen(agreement, self.app.today), carried)

    def action_new_agreement(self) -> None:
        """Add an agreement with an owner and a follow-up date."""
        from .agreement import AgreementScreen

        def add(agreement) -> None:
            if agreement is not None:
                self._changed(self.draft.with_agreement(agreement))

        self.app.push_screen(AgreementScreen(self.person, self.app.today), add)

    def action_remove_agreement(self) -> None:
        """Remove a new agreement added by mistake."""
        row = self.current
        if row is not None and row.kind == NEW_AGREEMENT:
            self._changed(self.draft.without_agreement(row.record))

    def action_edit_notes(self) -> None:
        """Write the focused item's notes in $VISUAL or $EDITOR."""
        import click

        node = self.focused
        while node is not None and not isinstance(node, AgendaItem):
            node = node.parent
        if node is None:
            self.notify("Move to an agenda item's notes first.", severity="warning")
            return
        area = node.notes_area
        try:
            with self.app.suspend():
                edited = click.edit(area.text, extension=".md", require_save=True)
        except SuspendNotSupported:
            self.notify(
                "An editor can't be opened in this terminal; type the notes here.",
                severity="warning",
            )
            return
        except click.UsageError as exc:
            self.notify(
                f"{exc}. Set $EDITOR, e.g. export EDITOR=nano.", severity="error", markup=False
            )
            return
        if edited is not None:
            area.text = edited.rstrip("\n")
            self._changed(self.draft.with_note(node.item, area.text))
        area.focus()

    def action_hold(self) -> None:
        """Hold the session: record everything and plan the next one."""
        from .hold import HoldChoice, HoldScreen

        if self.draft is None:
            return
        person, app = self.person, self.app
        at = app.settings.session_time
        proposal = propose_next(person, app.today, at)

        def done(choice: HoldChoice | None) -> None:
            if choice is None:
                return
            self.save_draft()  # should the write fail, the draft is still there
            draft = self.draft
            result = app.perform(
                lambda: holding.hold_session(app.store, draft, app.today, choice.next_at, app.now)
            )
            if result is not None:
                self.draft = None
                app.pop_screen()

        app.push_screen(HoldScreen(person.name, self.draft.summary(), proposal, app.now, at), done)

    def action_leave(self) -> None:
        """Back to where the session was opened from; the draft stays for next time."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self.save_draft()
        if self.draft is not None and not self.draft.is_empty:
            self.notify("Draft kept: it is offered back when you open this session again.")
        self.app.pop_screen()

    def on_unmount(self) -> None:
        if self.draft is not None and self._save_timer is not None:
            self._save_timer.stop()
            self.save_draft()
