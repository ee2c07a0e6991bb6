"""One agenda item of a coaching session: its title, what to go through, and the notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static, TextArea

from ..textsafe import visible
from .sectioned_list import Section, SectionedList


class AgendaItem(Vertical):
    """Title, an optional list of things to go through, and a notes area."""

    DEFAULT_CSS = """
    AgendaItem { height: auto; margin-bottom: 1; }
    AgendaItem > .agenda-title { text-style: bold; color: $accent; }
    AgendaItem > .agenda-hint { color: $text-muted; }
    AgendaItem > SectionedList { height: auto; max-height: 8; border: none; padding: 0; }
    AgendaItem > SectionedList:blur > .option-list--option-highlighted {
        background: transparent;
        text-style: none;
    }
    AgendaItem > TextArea { height: auto; min-height: 2; max-height: 12; }
    """

    class NotesChanged(Message):
        """The lead typed under ``item``."""

        def __init__(self, item: str, text: str) -> None:
            self.item = item
            self.text = text
            super().__init__()

    def __init__(self, number: int, item: str, notes: str, hint: str = "") -> None:
        super().__init__()
        self.number = number
        self.item = item
        self._notes = notes
        self._hint = hint
        self._sections: list[Section] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(f"{self.number}. {visible(self.item)}"), classes="agenda-title")
        if self._hint:
            yield Static(Content(visible(self._hint, multiline=True)), classes="agenda-hint")
        rows = SectionedList(compact=True, openable=False)
        rows.display = False
        yield rows
        yield TextArea(
            self._notes,
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=f"Notes: {self.item}",
            compact=True,
            highlight_cursor_line=False,
        )

    def show_rows(self, sections: list[Section]) -> None:
        """Show the things to go through under this item (hidden when there are none)."""
        rows = self.query_one(SectionedList)
        rows.display = any(section.rows for section in sections)
        rows.show(sections)

    @property
    def notes_area(self) -> TextArea:
        """Where the notes are typed."""
        return self.query_one(TextArea)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.NotesChanged(self.item, event.text_area.text))
