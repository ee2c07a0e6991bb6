"""One agenda item of a coaching session: its title, what to go through, and the notes.

The notes area is the item's only Tab stop: a lead typing notes and pressing Tab
lands in the next item's notes, never on a list where letters are commands. The
rows above the notes (last time's agreements, waiting wins and suggestions) are
reached with ↑ from the notes' first line and left with Tab or ↓ past the last row;
a character typed on them that is none of their keys goes on into the notes.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static, TextArea

from ...domain.textsafe import visible
from ..text import as_text
from .sectioned_list import Section, SectionedList


class NotesArea(TextArea):
    """The notes of one item: shows pasted control characters as visible placeholders."""

    def __init__(self, text: str, placeholder: Content) -> None:
        super().__init__(
            visible(text, multiline=True),
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=placeholder,
            compact=True,
            highlight_cursor_line=False,
        )
        self.has_rows = False

    def on_mount(self) -> None:
        # Notes are added to far more than rewritten: start at the end of what is there.
        self.move_cursor(self.document.end)

    async def _on_paste(self, event: events.Paste) -> None:
        # A paste is the one way control characters get typed: keep them visible.
        safe = visible(event.text, multiline=True)
        if safe != event.text:
            event.prevent_default()
            event.stop()
            if not self.read_only:
                self.replace(safe, *self.selection)
        # Otherwise TextArea's own _on_paste inserts it: Textual calls the handler of
        # every class in the line, so calling it here too pasted everything twice.


class AgendaRows(SectionedList):
    """The rows of one item; focused from the notes with ↑, never a Tab stop of its own."""

    def __init__(self) -> None:
        super().__init__(compact=True, openable=False)
        self.can_focus = False

    @property
    def at_last_row(self) -> bool:
        """Whether ↓ has nowhere further to go in the list."""
        last = max((i for i, o in enumerate(self.options) if not o.disabled), default=None)
        return self.highlighted is None or self.highlighted == last

    def on_blur(self) -> None:
        self.can_focus = False


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

    def compose(self) -> ComposeResult:
        yield Static(as_text(f"{self.number}. {self.item}"), classes="agenda-title")
        if self._hint:
            yield Static(as_text(self._hint, multiline=True), classes="agenda-hint")
        rows = AgendaRows()
        rows.display = False
        yield rows
        # A text area reads a str placeholder as markup: an agenda item is the lead's text.
        yield NotesArea(self._notes, as_text(f"Notes: {self.item}"))

    def show_rows(self, sections: list[Section]) -> None:
        """Show the things to go through under this item (hidden when there are none)."""
        rows = self.rows
        shown = any(section.rows for section in sections)
        rows.show(sections)
        if rows.has_focus and not shown:
            self.notes_area.focus()  # the last row went: never leave focus nowhere
        rows.display = shown
        self.notes_area.has_rows = shown

    @property
    def rows(self) -> AgendaRows:
        """The rows to go through under this item."""
        return self.query_one(AgendaRows)

    @property
    def notes_area(self) -> NotesArea:
        """Where the notes are typed."""
        return self.query_one(NotesArea)

    def focus_rows(self) -> bool:
        """Put the focus on the rows, if there are any; False when there are none."""
        rows = self.rows
        if not rows.display:
            return False
        rows.can_focus = True
        self.screen.set_focus(rows)  # at once, not after the keys already waiting
        return True

    def on_key(self, event: events.Key) -> None:
        # A character typed on the rows that is no key of theirs (their keys act before
        # it gets here) starts the notes: a lead who opens the session and starts to
        # write finds the text in the notes, not lost on a list.
        if self.rows.has_focus and event.is_printable and event.character is not None:
            event.stop()
            event.prevent_default()
            notes = self.notes_area
            self.screen.set_focus(notes)  # at once: the next key typed goes there too
            notes.insert(event.character)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.NotesChanged(self.item, event.text_area.text))
