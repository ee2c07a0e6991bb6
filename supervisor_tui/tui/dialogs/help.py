"""Every key, as the user's keymap has set it."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..text import as_text
from .dialog import Dialog

# The box's text (76 columns less its border, padding and scroll bar) and the key column.
TEXT_WIDTH = 70
KEY_INDENT = "  "
KEY_WIDTH = 13

BUILT_IN = [
    ("ctrl+p", "command palette: every action, and open anyone by name"),
    ("esc", "close a dialog, go back"),
]


def _key_label(keys: str) -> str:
    names = {
        "question_mark": "?",
        "slash": "/",
        "enter": "enter",
        "escape": "esc",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "plus": "+",
        "down": "↓",
        "up": "↑",
        "pagedown": "pgdn",
        "pageup": "pgup",
    }
    return " ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


class HelpScreen(Dialog[None]):
    """A scrollable list of every key; Esc, q or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "cancel", "Close", id="close-help"),
    ]

    def __init__(self, groups: list[tuple[str, list[Binding]]], keymap: dict[str, str]) -> None:
        super().__init__()
        self.groups = groups  # (where, bindings), as the app lists them
        self.keymap = keymap  # binding id -> keys, as the lead set them

    def compose(self) -> ComposeResult:
        parts: list[str | Content | tuple[str, str]] = []
        ids = [b.id for _, bindings in self.groups for b in bindings if b.id]
        # What a key does wraps in its own column, so that the id stays on the key's line.
        width = TEXT_WIDTH - len(KEY_INDENT) - KEY_WIDTH - 1 - max(map(len, ids), default=0) - 2
        for where, bindings in self.groups:
            parts.append((f"{where}\n", "bold $accent"))
            for binding in bindings:
                keys = self.keymap.get(binding.id, binding.key) if binding.id else binding.key
                # The lead's settings file names the keys: text, whatever it holds.
                parts.append(as_text(f"{KEY_INDENT}{_key_label(keys):<{KEY_WIDTH}} ", "bold"))
                what = textwrap.wrap(binding.tooltip or binding.description, width) or [""]
                parts.append(f"{what[0]:<{width}} ")
                parts.append((f"{binding.id or ''}\n", "dim"))
                for more in what[1:]:
                    parts.append(f"{' ' * (len(KEY_INDENT) + KEY_WIDTH + 1)}{more}\n")
            parts.append("\n")
        parts.append(("Also\n", "bold $accent"))
        for keys, what in BUILT_IN:
            parts.append((f"{KEY_INDENT}{keys:<{KEY_WIDTH}} ", "bold"))
            parts.append(f"{what}\n")
        parts.append(
            "\nChange a key in ~/.config/supervisor-tui/config.toml, [keys] section,\n"
            'by the id shown dim after it: acknowledge = "a,y".'
        )
        with VerticalScroll(id="box") as box:
            box.border_title = "Keys"
            yield Static(Content.assemble(*parts))
