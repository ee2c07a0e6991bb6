"""A keyboard list of rows grouped under section titles, as the day view shows them.

One scrolling list rather than five widgets, so it works the same at 80x24 and
on a big screen: titles and friendly empty lines are disabled options the
cursor skips; tab and shift+tab jump between sections; j/k move like the arrows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...domain.textsafe import visible
from ...present.cells import fit
from ..keys import at_once
from ..text import as_text

WHEN_WIDTH = 16  # "12 weeks overdue"
WHO_WIDTH = 16
# Rows a section lists at first, and how many more each Enter on its last line adds:
# years of one person's timeline (4,000 rows at 100k records) took over a second to
# lay out, and the newest months are what a lead reads there.
PAGE = 200
MORE = "more-"  # the id of a section's "more" line starts so


@dataclass(frozen=True)
class Row:
    """One line of the list: what it is about and how it reads."""

    key: str  # stable across refreshes, e.g. "win-12"
    kind: str  # "session", "due", "suggestion", "win", "follow_up", "note", …
    when: str
    who: str
    what: str
    person_id: int
    record: Any = field(default=None, compare=False)  # the record keys act on, if any
    flagged: bool = False


class LazyRows(Sequence[Row]):
    """Rows made only when listed: ``make(item)`` for each of ``items``, in order.

    One person's timeline at 100k records is 3,870 rows, and wording them all each time
    the person view opened cost more than the 200 it shows. Equal to rows made from
    equal items by the same ``rule`` (what else the wording depends on: the day, say).
    """

    def __init__(self, items: Sequence[Any], make: Callable[[Any], Row], rule: Any) -> None:
        self._items, self._make, self._rule = items, make, rule
        self._made: dict[int, Row] = {}

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Row, ...]: ...
    def __getitem__(self, index: int | slice) -> Row | tuple[Row, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self._items))))
        if index < 0:
            index += len(self._items)
        if not 0 <= index < len(self._items):
            raise IndexError(index)
        row = self._made.get(index)
        if row is None:
            row = self._made[index] = self._make(self._items[index])
        return row

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LazyRows):
            return NotImplemented
        return self._rule == other._rule and self._items == other._items

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Section:
    """A titled group of rows, with what to say when it is empty."""

    key: str
    title: str
    rows: Sequence[Row]
    empty: str


def row_content(row: Row) -> Content:
    """A row as styled text; whatever the user typed stays literal."""
    mark = ("! ", "$warning bold") if row.flagged else ("  ", "")
    when = (fit(row.when, WHEN_WIDTH), "$warning" if row.flagged else "$text-muted")
    who = as_text(fit(visible(row.who), WHO_WIDTH), "bold")  # fitted once made visible
    return Content.assemble(mark, when, " ", who, " ", as_text(row.what))


class SectionedList(OptionList):
    """Sections of rows; posts `RowHighlighted` and `RowChosen`."""

    # At once (see keys.py): a key that moves the cursor is taken before the key typed
    # after it, which may act on the row it moved to (down, down, h: the third row's 1:1).
    BINDINGS = at_once(
        [
            Binding("enter", "select", "Open", id="open"),
            Binding("down,j", "cursor_down", "Down", show=False, id="down"),
            Binding("up,k", "cursor_up", "Up", show=False, id="up"),
            Binding("home", "first", "First", show=False, id="first"),
            Binding("end", "last", "Last", show=False, id="last"),
            Binding("pagedown", "page_down", "Page down", show=False, id="page-down"),
            Binding("pageup", "page_up", "Page up", show=False, id="page-up"),
            Binding("tab", "next_section", "Next section", show=False, id="next-section"),
            Binding(
                "shift+tab",
                "previous_section",
                "Previous section",
                show=False,
                id="previous-section",
            ),
        ]
    )

    class RowHighlighted(Message):
        """The cursor moved to ``row`` (None when the list has no rows)."""

        def __init__(self, row: Row | None) -> None:
            self.row = row
            super().__init__()

    class RowChosen(Message):
        """Enter was pressed on ``row``."""

        def __init__(self, row: Row) -> None:
            self.row = row
            super().__init__()

    def __init__(
        self,
        *,
        id: str | None = None,
        compact: bool = False,
        openable: bool | Callable[[Row], bool] = True,
    ) -> None:
        """``openable``: whether Enter opens a row (every row, none, or those a test passes)."""
        super().__init__(id=id, markup=False, compact=compact)
        self.openable = openable
        self._rows: dict[str, Row] = {}
        self._section_starts: list[int] = []
        self._shown: list[Section] | None = None
        self._limits: dict[str, int] = {}  # rows listed, by section key, once more are asked for

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every row listed, in order (section titles and empty lines left out)."""
        return tuple(self._rows.values())

    @property
    def current(self) -> Row | None:
        """The highlighted row, if any."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self._rows.get(option.id) if option.id else None

    def show(self, sections: list[Section]) -> None:
        """Replace the contents, keeping the cursor on the same row if it is still there.

        Rows that read as those shown are not drawn again (a reload that changed nothing
        listed: the whole history arriving after the day view's part, a capture for
        another view); the rows still take the newest records for the keys to act on.
        """
        if sections == self._shown:
            self._rows = {row.key: row for section in sections for row in self._listed(section)}
            self.post_message(self.RowHighlighted(self.current))
            return
        self._shown = sections
        previous = self.current
        previous_index = self.highlighted or 0
        options: list[Option] = []
        self._rows = {}
        self._section_starts = []
        for section in sections:
            self._section_starts.append(len(options))
            if section.title:
                title = Content.assemble((f"{section.title} ({len(section.rows)})", "bold $accent"))
                options.append(Option(title, id=f"title-{section.key}", disabled=True))
            if not section.rows and section.empty:
                options.append(
                    Option(
                        Content.styled(f"  {section.empty}", "italic $text-muted"), disabled=True
                    )
                )
            listed = self._listed(section)
            for row in listed:
                self._rows[row.key] = row
                options.append(Option(row_content(row), id=row.key))
            left = len(section.rows) - len(listed)
            if left:
                more = f"  … {left:,} more · Enter lists the next {min(left, PAGE)}"
                options.append(
                    Option(Content.styled(more, "italic $text-muted"), id=MORE + section.key)
                )
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(options)
        target = None
        if previous is not None and previous.key in self._rows:
            target = self.get_option_index(previous.key)
        elif self._rows:
            target = self._nearest_enabled(previous_index)
        self.highlighted = target
        self.post_message(self.RowHighlighted(self.current))

    def _listed(self, section: Section) -> Sequence[Row]:
        return section.rows[: self._limits.get(section.key, PAGE)]

    def _more_here(self) -> str | None:
        """The section whose "more" line is highlighted, if one is."""
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        return option_id.removeprefix(MORE) if option_id.startswith(MORE) else None

    def _list_more(self, key: str) -> None:
        """List the next rows of a section, the cursor on the first of them."""
        at = self.highlighted
        self._limits[key] = self._limits.get(key, PAGE) + PAGE
        sections, self._shown = self._shown or [], None
        self.show(sections)
        self.highlighted = at

    def _nearest_enabled(self, index: int) -> int | None:
        enabled = [i for i, o in enumerate(self.options) if not o.disabled]
        if not enabled:
            return None
        return min(enabled, key=lambda i: (abs(i - index), i))

    def _first_row_from(self, start: int, stop: int) -> int | None:
        return next(
            (i for i in range(start, stop) if not self.get_option_at_index(i).disabled), None
        )

    def _jump(self, direction: int) -> None:
        if not self._rows:
            return
        here = self.highlighted or 0
        starts = [*self._section_starts, self.option_count]
        current = max(i for i, start in enumerate(starts[:-1]) if start <= here)
        for step in range(1, len(starts)):
            section = (current + direction * step) % (len(starts) - 1)
            found = self._first_row_from(starts[section], starts[section + 1])
            if found is not None:
                self.highlighted = found
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With a single section, tab leaves the list as it does everywhere else.
        if action in ("next_section", "previous_section"):
            return len(self._section_starts) > 1
        if action == "select":
            row = self.current
            if row is None:
                return self._more_here() is not None
            return self.openable(row) if callable(self.openable) else self.openable
        return True

    def action_next_section(self) -> None:
        """Jump to the first row of the next section that has rows."""
        self._jump(1)

    def action_previous_section(self) -> None:
        """Jump to the first row of the previous section that has rows."""
        self._jump(-1)

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.call_after_refresh(self._reveal_title)
        self.post_message(self.RowHighlighted(self.current))

    def _reveal_title(self) -> None:
        """Keep a section's title in view when its first row is highlighted.

        Every option is one line (the list does not wrap), so index equals line.
        """
        if self.highlighted is None:
            return
        start = max((s for s in self._section_starts if s <= self.highlighted), default=0)
        first = self._first_row_from(start, self.option_count) == self.highlighted
        if first and start < self.scroll_y:
            self.scroll_to(y=start, animate=False)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        more = self._more_here()
        if more is not None:
            self._list_more(more)
            return
        row = self.current
        if row is not None:
            self.post_message(self.RowChosen(row))
