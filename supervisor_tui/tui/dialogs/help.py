"""Every key, as the user's keymap has set it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from .dialog import Dialog


def _groups() -> list[tuple[str, list[Binding]]]:
    from ..app import SupervisorApp
    from ..screens.day import DayScreen
    from ..screens.person import PersonScreen
    from ..screens.session import SessionScreen
    from ..widgets.sectioned_list import SectionedList

    return [
        ("Everywhere", SupervisorApp.BINDINGS),
        ("Day view", DayScreen.BINDINGS),
        ("Person view", PersonScreen.BINDINGS),
        ("Session view (a coaching 1:1)", SessionScreen.BINDINGS),
        ("Moving around", SectionedList.BINDINGS),
    ]


BUILT_IN = [
    ("↑ ↓", "move between rows"),
    ("pgup pgdn home end", "move by a page, to the top or the bottom"),
    ("ctrl+p", "command palette: every action, and open anyone by name"),
    ("esc", "close a dialog, go back"),
]


def _key_label(keys: str) -> str:
    names = {"question_mark": "?", "slash": "/", "enter": "enter", "escape": "esc"}
    return " ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


class HelpScreen(Dialog[None]):
    """A scrollable list of every key; Esc, q or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "cancel", "Close", id="close-help"),
    ]

    def compose(self) -> ComposeResult:
        keymap = dict(self.app._keymap) if getattr(self.app, "_keymap", None) else {}
        parts: list[str | tuple[str, str]] = []
        for title, bindings in _groups():
            parts.append((f"{title}\n", "bold $accent"))
            for binding in bindings:
                keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
                parts.append((f"  {_key_label(keys):<13} ", "bold"))
                parts.append(f"{binding.tooltip or binding.description}\n")
            parts.append("\n")
        parts.append(("Also\n", "bold $accent"))
        for keys, what in BUILT_IN:
            parts.append((f"  {keys:<13} ", "bold"))
            parts.append(f"{what}\n")
        parts.append(
            "\nKeys can be changed in ~/.config/supervisor-tui/config.toml, [keys] section."
        )
        with VerticalScroll(id="box") as box:
            box.border_title = "Keys"
            yield Static(Content.assemble(*parts))
