"""A held coaching session read back: the whole record, as `sup session show --format md`
says it, to read before the next 1:1; `e` writes it to a Markdown file to share."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Markdown, Static

from ...domain.entities import HELD
from ...domain.session_record import SessionRecord, held_sessions, session_record
from ...domain.words import short_date
from ...present.session_render import as_markdown
from ..keys import HoldsKeysUntilDrawn
from ..messages import DataChanged
from ..text import as_text
from ..widgets.footer import KeysFooter


class SessionRecordScreen(HoldsKeysUntilDrawn, Screen):
    """One held session: notes per agenda item and the agreements, scrollable."""

    CSS_PATH = "record.tcss"
    AUTO_FOCUS = "#scroll"
    BINDINGS = [
        Binding(
            "e", "export", "Export", tooltip="Write the record to a Markdown file", id="export"
        ),
        Binding("j", "scroll('down')", "Down", show=False, id="record-down"),
        Binding("k", "scroll('up')", "Up", show=False, id="record-up"),
        Binding("escape,backspace", "back", "Back", id="record-back"),
    ]

    def __init__(self, session_id: int, person_id: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.person_id = person_id  # the app closes this screen if they are forgotten
        self.record: SessionRecord | None = None
        self._shown: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("Reading the history…"), id="record-title")
        with VerticalScroll(id="scroll"):
            yield Markdown(id="record")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.redraw()

    def on_data_changed(self, _: DataChanged) -> None:
        self.redraw()

    def redraw(self) -> None:
        """The record from the app's records, once the whole history is read (an earlier
        session and the agreements closed in it are history, not on the day view)."""
        app = self.app
        if app.records is None or not app.records_complete:
            return
        session = next((s for s in app.records.sessions if s.id == self.session_id), None)
        if session is None or session.status != HELD or session.held_on is None:
            self.record = None
            self.query_one("#record-title", Static).update(
                Content("This session is no longer recorded as held (undone, or changed).")
            )
            self.query_one("#record", Markdown).update("")
            self.refresh_bindings()
            return
        self.record = session_record(app.records, session)
        today = app.today
        held = held_sessions(app.records, self.person_id)
        number = next(n for n, s in enumerate(held, 1) if s.id == session.id)
        self.query_one("#record-title", Static).update(
            Content.assemble(
                as_text(self.record.person.name, "bold"),
                (f"  1:1 held {short_date(session.held_on, today)}", ""),
                (f"  ·  {number} of {len(held)} held", "$text-muted"),
            )
        )
        text = as_markdown(self.record, today)
        if text != self._shown:  # a redraw for nothing would lose the reading position
            self._shown = text
            self.query_one("#record", Markdown).update(text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return self.record is not None
        return True

    def action_scroll(self, direction: str) -> None:
        """j and k scroll a line, as the arrows do."""
        scroll = self.query_one("#scroll", VerticalScroll)
        if direction == "down":
            scroll.scroll_down(animate=False)
        else:
            scroll.scroll_up(animate=False)

    def action_export(self) -> None:
        """Write the record to a Markdown file (0600), asking where, with a name proposed."""
        from ...actions.session_record import export_record, free_name
        from ...store.paths import export_dir
        from ..dialogs.export import ExportScreen

        record = self.record
        if record is None:
            return
        markdown = as_markdown(record, self.app.today)
        stem = f"{record.person.handle}-1on1-{record.session.held_on.isoformat()}"
        dialog = ExportScreen(record.person.name, free_name(export_dir(), stem))
        dialog.saver = lambda path: lambda: export_record(path, markdown)
        self.app.push_screen(dialog)

    def action_back(self) -> None:
        """Back to the person."""
        self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's actions, for the command palette."""
        if self.record is not None:
            yield SystemCommand(
                "Export this 1:1 record", "Write it to a Markdown file", self.action_export
            )
