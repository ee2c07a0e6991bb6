"""Every key, as the user's keymap has set it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..text import as_text
from .dialog import Dialog

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
        for where, bindings in self.groups:
            parts.append((f"{where}\n", "bold $accent"))
            for binding in bindings:
                keys = self.keymap.get(binding.id, binding.key) if binding.id else binding.key
                # The lead's settings file names the keys: text, whatever it holds.
                parts.append(as_text(f"  {_key_label(keys):<13} ", "bold"))
                what = binding.tooltip or binding.description
                parts.append(f"{what:<40} " if binding.id else what)
                parts.append((f"{binding.id}\n" if binding.id else "\n", "dim"))
            parts.append("\n")
        parts.append(("Also\n", "bold $accent"))
        for keys, what in BUILT_IN:
            parts.append((f"  {keys:<13} ", "bold"))
            parts.append(f"{what}\n")
        parts.append(
            "\nChange a key in ~/.config/supervisor-tui/config.toml, [keys] section,\n"
            'by the id shown dim after it: acknowledge = "a,y".'
        )
        with VerticalScroll(id="box") as box:
            box.border_title = "Keys"
            yield Static(Content.assemble(*parts))
