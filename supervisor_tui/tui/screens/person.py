"""A person: cadence, last and next session, open items, and everything about them."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...domain.drafts import EDIT_PERSON, LEAVE
from ...present.person import coaching_words
from ..keys import HoldsKeysUntilDrawn, at_once
from ..messages import DataChanged
from ..text import as_text
from ..widgets.footer import KeysFooter
from ..widgets.sectioned_list import SectionedList
from .acting import RowActions
from .rows import HELD_SESSION, person_sections

CAPTURE_FOR = Binding.Group("Capture")


class PersonScreen(HoldsKeysUntilDrawn, RowActions, Screen):
    """One person; capture keys fill in their @handle for you."""

    CSS_PATH = "person.tcss"
    AUTO_FOCUS = "SectionedList"
    BINDINGS = at_once(
        [
            Binding("enter", "open_row", "Open", id="open"),
            *RowActions.ROW_BINDINGS,
            # One footer entry for the four: "w i n t Capture".
            Binding("w", "capture_for('win')", "Win", id="capture-win", group=CAPTURE_FOR),
            Binding("i", "capture_for('idea')", "Idea", id="capture-idea", group=CAPTURE_FOR),
            Binding("n", "capture_for('note')", "Note", id="capture-note", group=CAPTURE_FOR),
            Binding("t", "capture_for('todo')", "To-do", id="capture-todo", group=CAPTURE_FOR),
            Binding("G", "add_goal", "Goal", tooltip="Set a goal for this person", id="add-goal"),
            Binding(
                "E",
                "edit_person",
                "Edit person",
                tooltip="Edit name, handle, role, cadence…",
                id="edit-person",
            ),
            # Rare: in ? and the palette, not in the footer, which 80 columns fill already.
            Binding(
                "A",
                "archive",
                "Archive",
                tooltip="Archive or bring back",
                id="archive",
                show=False,
            ),
            Binding(
                "L", "leave", "Leave", tooltip="Put on leave, or change it", id="leave", show=False
            ),
            Binding("escape,backspace", "back", "Back", id="back"),
        ]
    )
    # w i n t stand for c here; esc for going back is known. ⏎ shows where it opens
    # something: on a held 1:1, its record.
    FOOTER_LEAVES_OUT = frozenset({"undo", "quit", "capture", "back"})

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self._drawn_from: tuple[object, object] | None = None  # the records and day drawn

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        yield SectionedList(id="rows", openable=lambda row: row.kind == HELD_SESSION)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.redraw()

    def on_data_changed(self, _: DataChanged) -> None:
        self.redraw()

    def on_screen_resume(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Rebuild from the app's records.

        While only the day view's records are loaded (just after start or a
        write), the timeline would be partial: keep what is shown until the
        whole history arrives.
        """
        app = self.app
        last = self._drawn_from
        if last is not None:
            if not app.records_complete:
                return  # the timeline would be partial: keep what is shown
            if last[0] is app.records and last[1] == app.today:
                return  # drawn just now (mounted, then resumed), or back from a dialog
        self._drawn_from = (app.records, app.today)
        person = app.records.person(self.person_id) if app.records else None
        if person is None:
            return  # forgotten, perhaps from another terminal: the app closes this view
        today = app.today
        said = coaching_words(person, app.records.sessions, today, leaves=app.records.leaves)
        role = f" · {person.role}" if person.role else ""
        archived = " · archived" if person.archived else ""
        self.query_one("#summary", Static).update(
            Content.assemble(
                as_text(person.name, "bold"),
                as_text(f"  @{person.handle}{role}{archived}", "$text-muted"),
                "\n",
                f"{said.cadence} · {said.last} · {said.upcoming}",
                (f" · {said.moved}" if said.moved else "", "$warning" if said.moves > 1 else ""),
                (f"\n{said.leave}" if said.leave else "", "$warning"),
            )
        )
        self.query_one(SectionedList).show(
            person_sections(app.records, person, today, app.settings)
        )
        self.refresh_bindings()

    def plan_person_id(self) -> int | None:
        """`p` plans this person's session, whatever row is highlighted."""
        return self.person_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_person", "archive", "leave"):
            person = self.app.records.person(self.person_id) if self.app.records else None
            return person is not None and (action == "archive" or not person.archived)
        if action == "open_row":  # only a held 1:1 opens: its record
            return self.current is not None and self.current.kind == HELD_SESSION
        return self.row_action_allowed(action)

    def action_open_row(self) -> None:
        """Enter: a held 1:1's whole record."""
        if self.current is not None:
            self.on_sectioned_list_row_chosen(SectionedList.RowChosen(self.current))

    def on_sectioned_list_row_chosen(self, event: SectionedList.RowChosen) -> None:
        if event.row.kind == HELD_SESSION:
            from .record import SessionRecordScreen

            self.app.push_screen(SessionRecordScreen(event.row.record.id, self.person_id))

    # -- the person themselves ---------------------------------------------------------

    def action_edit_person(self) -> None:
        """Edit name, handle, role, cadence, coaching form and start date (u undoes it)."""
        from ...actions.base import Done
        from ...actions.team import update_person
        from ...store import Change
        from ..dialogs.person import PersonFormScreen

        app = self.app
        person = app.records.person(self.person_id)
        if person is None or person.archived:
            return
        dialog = PersonFormScreen(app.records, app.today, person)

        def save(draft):
            changed = {
                "name": draft.name if draft.name != person.name else None,
                "handle": draft.handle if draft.handle != person.handle else None,
                "role": draft.role if draft.role != person.role else None,
                "cadence_days": (
                    draft.cadence_days if draft.cadence_days != person.cadence_days else None
                ),
                "form": draft.form if draft.form != (person.form or "") else None,
                "started_on": draft.started_on if draft.started_on != person.started_on else None,
            }
            if all(value is None for value in changed.values()):
                return lambda: Done(f"No change to {person.name}.", Change(), person)
            return lambda: update_person(app.store, person.id, **changed)

        dialog.saver = save
        dialog.reopens = (EDIT_PERSON, person)
        app.push_screen(dialog)

    def action_archive(self) -> None:
        """Archive (asking first), or bring back someone archived."""
        from ...actions import team
        from ..dialogs.person import ArchiveScreen

        app = self.app
        person = app.records.person(self.person_id)
        if person is None:
            return
        if person.archived:
            app.perform(lambda: team.unarchive_person(app.store, person.id))
            return
        dialog = ArchiveScreen(person)
        dialog.saver = lambda _: lambda: team.archive_person(app.store, person.id)
        app.push_screen(dialog)

    def action_leave(self) -> None:
        """Put the person on leave from and to a date, or change or call off their leave."""
        from ...actions import team
        from ...domain.rules import upcoming_leave
        from ..dialogs.leave import LeaveScreen

        app = self.app
        person = app.records.person(self.person_id)
        if person is None or person.archived:
            return
        today = app.today
        current = upcoming_leave(app.records.leaves, person.id, today)
        dialog = LeaveScreen(person, today, current)

        def save(draft):
            if draft.starts_on is None:
                return lambda: team.clear_leave(app.store, person.id, today, current.id)
            return lambda: team.set_leave(
                app.store, person.id, draft.starts_on, draft.ends_on, today, draft.note
            )

        dialog.saver = save
        dialog.reopens = (LEAVE, person)
        app.push_screen(dialog)

    def on_sectioned_list_row_highlighted(self, _: SectionedList.RowHighlighted) -> None:
        self.refresh_bindings()

    def action_capture_for(self, kind: str) -> None:
        """Open the capture bar with the kind and this person filled in."""
        person = self.app.records.person(self.person_id)
        self.app.action_capture(f"{kind} @{person.handle} ")

    def action_add_goal(self) -> None:
        """Set a goal for this person: a number with a target, or a behaviour."""
        from ...actions.goals import add_goal
        from ...domain.goals import Target, goals_of, title_key
        from ..dialogs.goal import NewGoalScreen

        app, person_id = self.app, self.person_id
        taken = frozenset(title_key(g.title) for g in goals_of(app.records, person_id))
        dialog = NewGoalScreen(app.today, taken)

        def saver(new):
            target = None if new.op is None else Target(new.op, new.target, new.unit)
            return lambda: add_goal(
                app.store, person_id, new.title, target, new.review_on, app.today
            )

        dialog.saver = saver
        app.push_screen(dialog)

    def action_back(self) -> None:
        """Back to the day view."""
        self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's actions, for the command palette."""
        yield from self.row_palette_commands()
        yield SystemCommand("Set a goal for this person", "G", self.action_add_goal)
        person = self.app.records.person(self.person_id) if self.app.records else None
        if person is not None and not person.archived:
            yield SystemCommand(
                "Edit this person",
                "Name, handle, role, cadence, form, start",
                self.action_edit_person,
            )
            yield SystemCommand(
                "Leave", "Put this person on leave, or change it", self.action_leave
            )
            yield SystemCommand(
                "Archive this person", "Off every list; history kept", self.action_archive
            )
        elif person is not None:
            yield SystemCommand(
                "Bring back this person", "Unarchive: on every list again", self.action_archive
            )
        row = self.current
        if row is not None and row.kind == HELD_SESSION:
            yield SystemCommand(
                "Read this 1:1's record",
                "The whole record of the highlighted session",
                lambda: self.on_sectioned_list_row_chosen(SectionedList.RowChosen(row)),
            )
        for kind in ("win", "idea", "note", "todo"):
            yield SystemCommand(
                f"Capture {kind} for this person",
                f"{kind} @… filled in",
                lambda kind=kind: self.action_capture_for(kind),
            )
