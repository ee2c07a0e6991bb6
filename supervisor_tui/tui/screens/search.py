"""Search: a word from a win, an idea or its answer, a note, a follow-up or a 1:1's notes,
or a name; Enter opens the person.

Typing never waits for the search: it starts once the keys pause (a debounce), runs in
a worker thread, and a result that is no longer what the box says is thrown away. The
texts are folded once per snapshot of the records (`Index`), so each search is a scan.
"""

from __future__ import annotations

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...domain.entities import Records
from ...domain.folding import fold
from ...domain.search import PERSON, SESSION, Hit, Index
from ...domain.words import short_date
from ..messages import DataChanged
from ..text import as_text
from ..widgets.footer import KeysFooter
from ..widgets.sectioned_list import Row, Section, SectionedList

DEBOUNCE_SECONDS = 0.15
SHOWN_AT_MOST = 200  # a list of thousands helps nobody, and costs a redraw

KIND_WORDS = {
    PERSON: "person",
    "win": "win",
    "suggestion": "idea",
    "note": "note",
    "wellbeing": "wellbeing",
    "follow_up": "follow-up",
    SESSION: "1:1 notes",
}
LEAD_IN = 24  # characters kept before a match found far into a long text


def _snippet(text: str, query: str) -> str:
    """The text on one line, starting a little before the first word found when that is
    far in (a row shows what fits in 80 columns)."""
    line = " ".join(text.split())
    words = fold(query).split()
    folded = fold(line)
    if not words or len(folded) != len(line):  # folding changed the length: no offsets
        return line
    at = folded.find(words[0])
    return line if at <= LEAD_IN else "…" + line[at - LEAD_IN // 2 :]


class SearchScreen(Screen):
    """A search box over every record's text; the results list under it."""

    CSS_PATH = "search.tcss"
    HOLDS_KEYS_UNTIL_READY = True  # what is typed right after / goes into the box
    BINDINGS = [
        Binding("escape", "back", "Back", id="search-back"),
        Binding("enter", "open_first", "Open", id="search-open", show=False, priority=True),
        Binding("down", "to_results", "Results", show=False, id="search-results"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None
        self.query_text = ""
        self.shown_for: str | None = None  # the query whose results are on screen
        self._open_when_shown = False

    def compose(self) -> ComposeResult:
        yield Static(Content("Search"), id="title")
        yield Input(
            id="query",
            placeholder="a word from a win, idea, note, follow-up or 1:1; or a name",
            # Keys typed as the screen opens are in the box before it is focused: were
            # they selected then, the next key would replace them.
            select_on_focus=False,
        )
        yield SectionedList(id="results")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        self._say()
        self.call_after_refresh(self.app.release_keys)

    # -- searching -------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._start)

    def _start(self) -> None:
        self._timer = None
        records = self.app.records
        if records is None:
            return  # not read yet: DataChanged starts it
        self._search(records, self.query_text)

    def on_data_changed(self, _: DataChanged) -> None:
        if self.query_text.strip():
            self._start()

    # A description of its own: Textual's default writes out every argument, and the
    # repr of 100k records held the event loop for a second at every key typed.
    @work(thread=True, exclusive=True, group="search", description="a search")
    def _search(self, records: Records, query: str) -> None:
        """In a worker thread: fold the records once (for as long as the app holds
        them), then find ``query``."""
        hits, total = self.app.index_of(records, Index.of).find(query, limit=SHOWN_AT_MOST)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, hits, total)

    def _show(self, query: str, hits: list[Hit], total: int) -> None:
        if query != self.query_text:
            return  # typed on meanwhile: a newer search is coming
        records = self.app.records
        rows = []
        for n, hit in enumerate(hits):
            person = records.person(hit.person_id)
            who = person.name if person is not None else "?"
            text = f"{hit.item}: {hit.text}" if hit.item else hit.text
            what = f"{KIND_WORDS[hit.kind]} · {_snippet(text, query)}"
            when = short_date(hit.on, self.app.today) if hit.on else ""
            rows.append(Row(f"hit-{n}", hit.kind, when, who, what, hit.person_id, hit))
        empty = "Nothing found. Fewer or shorter words find more." if query.strip() else ""
        self.query_one(SectionedList).show([Section("results", "", tuple(rows), empty)])
        self.shown_for = query
        self._say(total)
        if self._open_when_shown:
            self._open_when_shown = False
            self._open_first()

    def _say(self, found: int | None = None) -> None:
        title = self.query_one("#title", Static)
        if found is None or not self.query_text.strip():
            title.update(Content("Search: type a word, Enter opens the person · Esc back"))
            return
        count = f"{found} found" if found <= SHOWN_AT_MOST else f"{found} found, first shown"
        title.update(Content.assemble(as_text(f"Search: {count}", "bold")))

    # -- keys --------------------------------------------------------------------------

    def action_open_first(self) -> None:
        """Enter in the box: open the first result, once the results are for what it says.

        A priority key, as in the dialogs: the keys typed after it (h, to hold a 1:1) are
        held from this moment until the person view is open, and never land in the box;
        the Enter itself follows the keys typed before it into the box and comes back as
        `Input.Submitted` with all of them in.
        """
        self.app.hold_keys()
        self.query_one("#query", Input)._forward_event(events.Key("enter", "\r"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value
        if not query.strip():
            self.app.release_keys()
            return
        self.query_text = query  # the box's last Changed may still be on its way
        if self.shown_for == query and self._timer is None:
            self._open_first()
            return
        self._open_when_shown = True
        if self._timer is not None:  # don't wait for the pause: search now
            self._timer.stop()
            self._timer = None
        self._start()

    def _open_first(self) -> None:
        row = self.query_one(SectionedList).current
        if row is None:
            self.app.release_keys()  # nothing to open: the keys go back to the box
        else:
            self.open_person(row)

    def on_sectioned_list_row_chosen(self, event: SectionedList.RowChosen) -> None:
        self.open_person(event.row)

    def open_person(self, row: Row) -> None:
        """The person the result is about (or the person found)."""
        from .person import PersonScreen

        app = self.app
        if app.records.person(row.person_id) is None:
            return
        app.hold_keys()  # until the person view is there to take them

        async def release_once_open() -> None:
            await opening
            app.call_after_refresh(app.release_keys)

        opening = app.push_screen(PersonScreen(row.person_id))
        app.run_worker(release_once_open(), group="search-open")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_first":  # in the list, Enter opens the highlighted row
            return isinstance(self.focused, Input)
        if action == "to_results":
            return isinstance(self.focused, Input) and self.query_one(SectionedList).rows != ()
        return True

    def action_to_results(self) -> None:
        """↓ from the box: into the results."""
        self.query_one(SectionedList).focus()

    def action_back(self) -> None:
        """Back to where / was pressed."""
        self.app.pop_screen()
