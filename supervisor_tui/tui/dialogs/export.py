"""Where to write a 1:1 record: a file name proposed, editable; Enter writes it."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from ...domain.textsafe import visible
from ..text import as_text
from .dialog import Dialog


class ExportScreen(Dialog[Path]):
    """One line: the file to write. An existing file is never replaced."""

    def __init__(self, name: str, proposal: Path) -> None:
        super().__init__()
        self.person_name = name
        self.proposal = proposal

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = as_text(f"Export {self.person_name}'s 1:1 record")
            yield Static(
                Content(
                    "Markdown, to share with the person. It holds personal data: the file "
                    "is readable only by you."
                ),
                classes="about",
            )
            yield Input(
                visible(str(self.proposal)), id="path", compact=True, placeholder="a file name"
            )
            yield Static(Content(""), classes="error", id="preview")
            yield Static(Content("Enter writes it · Esc cancels"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if event.value == visible(str(self.proposal)):
            text = str(self.proposal)  # left as proposed (shown as text)
        if not text:
            self.query_one("#preview", Static).update(Content("Give a file name."))
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        self.submit(path)
