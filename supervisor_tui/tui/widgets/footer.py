"""The footer of the keys: one line, drawn by one widget.

Textual's `Footer` mounts a widget per key and rebuilds them all whenever the keys
change, which here is whenever the cursor reaches a row of another kind. That
rebuild (mounting, styling and laying out a dozen widgets, then the whole screen
again) was half of what a ↓ cost. `KeysFooter` draws the same line, a key and its
words for each binding the screen shows, as one widget: a change of keys redraws
one line. It draws as Textual's compact footer does (its theme colours, keys of a
`Binding.Group` side by side before the group's words, disabled keys dim), and a
click on a key presses it.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class Shown(NamedTuple):
    """One key on the footer's line."""

    key: str
    display: str
    description: str  # "" for a key of a group: the group's words follow its keys
    enabled: bool
    tooltip: str


class Label(NamedTuple):
    """A group's words, after its keys."""

    text: str


def _cells(item: Shown | Label) -> int:
    """How many cells ``item`` takes on the line."""
    if isinstance(item, Label):
        return cell_len(item.text)
    words = f" {item.description}" if item.description else ""
    return cell_len(item.display + words)


class KeysFooter(Widget, can_focus=False):
    """The keys of the screen: each shown binding's key and words, on one line."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--hover",
    }

    def __init__(self) -> None:
        super().__init__()
        self._line: tuple[Shown | Label, ...] = ()
        self._hovered: str | None = None
        self._cells: list[tuple[int, int, Shown]] = []  # where each key is drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        line = self._keys_to_show(screen)
        if line != self._line:
            self._line = line
            self.refresh()

    def _keys_to_show(self, screen: Screen) -> tuple[Shown | Label, ...]:
        """What Textual's footer shows: each action's first key; a group of more than
        one action as its keys, then its words."""
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        line: list[Shown | Label] = []
        display = self.app.get_key_display
        for group, actions in groupby(by_action.values(), lambda found: found[0][0].group):
            firsts = [found[0] for found in actions]
            if group is not None and len(firsts) > 1:
                for binding, enabled, tooltip in firsts:
                    tip = tooltip or binding.description
                    line.append(Shown(binding.key, display(binding), "", enabled, tip))
                line.append(Label(group.description))
            else:
                for binding, enabled, tooltip in firsts:
                    words = binding.description
                    line.append(Shown(binding.key, display(binding), words, enabled, tooltip))
        return tuple(line)

    def _fitted(self, width: int) -> list[Shown | Label]:
        """The line, cut to ``width`` by whole keys, never in the middle of one: a dim
        key goes first, then the key before the last (the last, "? Keys", lists them
        all and stays whole)."""
        line = list(self._line)

        def cells(items: list[Shown | Label]) -> int:
            return sum(_cells(item) + 1 for item in items) - 1

        while width > 0 and len(line) > 1 and cells(line) > width:
            dim = [i for i, item in enumerate(line) if isinstance(item, Shown) and not item.enabled]
            at = dim[-1] if dim else len(line) - 2
            if isinstance(line[at], Label):  # a group's words go with the group's keys
                start = at
                while (
                    start > 0
                    and isinstance(line[start - 1], Shown)
                    and not line[start - 1].description
                ):
                    start -= 1
                del line[start : at + 1]
            else:
                del line[at]
        return line

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key")
        words_style = self.get_component_rich_style("keys-footer--description")
        hover_style = self.get_component_rich_style("keys-footer--hover", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        cells: list[tuple[int, int, Shown]] = []
        for item in self._fitted(self.size.width):
            start = text.cell_len
            if isinstance(item, Label):
                text.append(item.text, words_style)
            else:
                text.append(item.display, key_style)
                if item.description:
                    text.append(" " + item.description, words_style)
                if not item.enabled:
                    text.stylize(Style(dim=True), start)
                elif item.key == self._hovered:
                    text.stylize(hover_style, start)
                cells.append((start, text.cell_len, item))
            text.append(" ")
        self._cells = cells
        return text

    def _key_at(self, x: int) -> Shown | None:
        return next((item for start, end, item in self._cells if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._key_at(event.x)
        hovered = item.key if item is not None and item.enabled else None
        if hovered != self._hovered:
            self._hovered = hovered
            self.tooltip = (item.tooltip or None) if item is not None else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._key_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
