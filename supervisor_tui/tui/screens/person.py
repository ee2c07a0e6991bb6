"""A person: cadence, last and next session, open items, and everything about them."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...present.person import coaching_words
from ..messages import DataChanged
from ..text import as_text
from ..widgets.sectioned_list import Row, SectionedList
from .acting import RowActions
from .rows import person_sections


class PersonScreen(RowActions, Screen):
    """One person; capture keys fill in their @handle for you."""

    CSS_PATH = "person.tcss"
    AUTO_FOCUS = "SectionedList"
    BINDINGS = [
        *RowActions.ROW_BINDINGS,
        Binding("w", "capture_for('win')", "Win", id="capture-win"),
        Binding("i", "capture_for('idea')", "Idea", id="capture-idea"),
        Binding("n", "capture_for('note')", "Note", id="capture-note"),
        Binding("t", "capture_for('todo')", "To-do", id="capture-todo"),
        Binding("G", "add_goal", "Goal", tooltip="Set a goal for this person", id="add-goal"),
        Binding("escape,backspace", "back", "Back", id="back"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self._drawn = False

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        yield SectionedList(id="rows", openable=False)
        # ctrl+p still opens the palette; at 80 columns its hint would push keys off.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.redraw()

    def on_data_changed(self, _: DataChanged) -> None:
        self.redraw()

    def on_screen_resume(self) -> None:
        self.redraw()

    @property
    def current(self) -> Row | None:
        """The highlighted row."""
        return self.query_one(SectionedList).current

    def redraw(self) -> None:
        """Rebuild from the app's records.

        While only the day view's records are loaded (just after start or a
        write), the timeline would be partial: keep what is shown until the
        whole history arrives.
        """
        app = self.app
        if not app.records_complete and self._drawn:
            return
        self._drawn = True
        person = app.records.person(self.person_id) if app.records else None
        if person is None:
            return  # forgotten, perhaps from another terminal: the app closes this view
        today = app.today
        said = coaching_words(person, app.records.sessions, today)
        role = f" · {person.role}" if person.role else ""
        archived = " · archived" if person.archived else ""
        self.query_one("#summary", Static).update(
            Content.assemble(
                as_text(person.name, "bold"),
                as_text(f"  @{person.handle}{role}{archived}", "$text-muted"),
                "\n",
                f"{said.cadence} · {said.last} · {said.upcoming}",
                (f" · {said.moved}" if said.moved else "", "$warning" if said.moves > 1 else ""),
            )
        )
        self.query_one(SectionedList).show(
            person_sections(app.records, person, today, app.settings)
        )
        self.refresh_row_keys()

    def plan_person_id(self) -> int | None:
        """`p` plans this person's session, whatever row is highlighted."""
        return self.person_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.row_action_allowed(action)

    def on_sectioned_list_row_highlighted(self, _: SectionedList.RowHighlighted) -> None:
        self.refresh_row_keys()

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
        for kind in ("win", "idea", "note", "todo"):
            yield SystemCommand(
                f"Capture {kind} for this person",
                f"{kind} @… filled in",
                lambda kind=kind: self.action_capture_for(kind),
            )
