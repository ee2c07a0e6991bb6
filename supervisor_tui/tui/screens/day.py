"""The day view: whom to coach, whom to answer, whom to thank and what was promised."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...domain.drafts import ADD_PERSON, EDIT_PERSON, LEAVE
from ...domain.entities import Person, Record
from ...domain.rules import day_view
from ...present import day
from ..keys import at_once
from ..messages import DataChanged
from ..widgets.footer import KeysFooter
from ..widgets.sectioned_list import Row, SectionedList
from . import rows as kinds
from .acting import RowActions


class DayScreen(RowActions, Screen):
    """The home screen."""

    CSS_PATH = "day.tcss"
    AUTO_FOCUS = "SectionedList"
    BINDINGS = at_once(
        [
            *RowActions.ROW_BINDINGS,
            Binding("enter", "open_person", "Open", id="open"),
            Binding("slash", "search", "Search", id="search"),
            Binding(
                "W",
                "weeks_ahead",
                "Weeks",
                tooltip="Weeks ahead: plan the next four weeks' 1:1s",
                id="weeks-ahead",
            ),
            Binding("m", "report", "Report", id="report"),
            Binding(
                "plus",
                "add_person",
                "Add person",
                tooltip="Add someone to the team",
                id="add-person",
                show=False,  # rare: ? and the palette list it; 80 columns are full
            ),
        ]
    )

    def compose(self) -> ComposeResult:
        yield Static(Content("Loading your team…"), id="title")
        yield SectionedList(id="rows")
        yield KeysFooter()

    def on_mount(self) -> None:
        if self.app.records is not None:
            self.redraw()

    def on_data_changed(self, _: DataChanged) -> None:
        self.redraw()

    def on_screen_resume(self) -> None:
        if self.app.records is not None:
            self.redraw()

    def redraw(self) -> None:
        """Rebuild the view from the app's records and today's date."""
        app = self.app
        records = app.day_records
        view = day_view(records, app.today, app.settings)
        team = len(records.active_people())
        worded = day.day_sections(view)
        title = day.day_title(view.today, team)
        flagged = day.needing_attention(worded)
        parts: list[str | Content | tuple[str, str]] = [(title, "bold")]
        if flagged:
            parts.append(("  ·  ", "$text-muted"))
            parts.append((f"! {flagged} need attention", "$warning bold"))
        self.query_one("#title", Static).update(Content.assemble(*parts))
        if not team:
            sections = []
            self.query_one("#title", Static).update(
                Content(f"{day.NO_TEAM} Press + to add someone.")
            )
        else:
            sections = kinds.day_sections(worded)
        self.query_one(SectionedList).show(sections)
        self.refresh_bindings()

    # -- keys ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.row_action_allowed(action)

    def on_sectioned_list_row_highlighted(self, _: SectionedList.RowHighlighted) -> None:
        self.refresh_bindings()

    def on_sectioned_list_row_chosen(self, event: SectionedList.RowChosen) -> None:
        self.open_person(event.row)

    def action_open_person(self) -> None:
        """Open the highlighted row's person."""
        if self.current is not None:
            self.open_person(self.current)

    def open_person(self, row: Row) -> None:
        """Show the person a row is about."""
        from .person import PersonScreen

        self.app.push_screen(PersonScreen(row.person_id))

    def action_weeks_ahead(self) -> None:
        """Open the planning screen: the next four working weeks."""
        self.app.open_weeks_ahead()

    def action_search(self) -> None:
        """Search every record's text, and people's names: the search screen."""
        from .search import SearchScreen

        self.app.push_screen(SearchScreen())

    def action_report(self) -> None:
        """Open the monthly report."""
        from .report import ReportScreen

        self.app.push_screen(ReportScreen())

    def action_add_person(self) -> None:
        """Add someone to the team: name, handle, role, cadence, form and start date."""
        from ...actions.team import add_person
        from ..dialogs.person import PersonFormScreen

        app = self.app
        if app.records is None:
            return
        dialog = PersonFormScreen(app.records, app.today, cadence=app.settings.default_cadence_days)
        dialog.saver = lambda draft: (
            lambda: add_person(
                app.store,
                draft.name,
                draft.handle or None,
                draft.cadence_days,
                draft.role,
                draft.started_on,
                same_name_ok=draft.same_name_ok,
                form=draft.form or None,
            )
        )
        dialog.reopens = (ADD_PERSON, None)
        app.push_screen(dialog)

    def open_again(self, action: str, record: Record | None) -> bool:
        """As `RowActions.open_again`, and the person view's own dialogs: someone being
        added; a person's details or leave, over their view (where `E` and `L` opened
        them)."""
        from .person import PersonScreen

        if action == ADD_PERSON:
            self.action_add_person()
            return True
        on_their_view = {
            EDIT_PERSON: PersonScreen.action_edit_person,
            LEAVE: PersonScreen.action_leave,
        }
        if action in on_their_view:
            if not isinstance(record, Person) or record.archived:
                return False
            view = PersonScreen(record.id)
            self.app.push_screen(view)
            on_their_view[action](view)
            return True
        return super().open_again(action, record)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """The highlighted row's actions, for the command palette."""
        yield SystemCommand("Add person", "Add someone to the team", self.action_add_person)
        yield from self.row_palette_commands()
        yield SystemCommand(
            "Search", "Wins, ideas, notes, follow-ups, 1:1 notes and names", self.action_search
        )
        if self.current is not None:
            name = self.app.records.person(self.current.person_id).name
            yield SystemCommand(
                f"Open {name}", "The highlighted row's person", self.action_open_person
            )
