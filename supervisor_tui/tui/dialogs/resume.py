"""Offering back a draft that a closed terminal or a dropped connection left behind."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..text import as_text
from .dialog import Dialog


class ResumeScreen(Dialog[bool]):
    """Resume the kept draft (True) or discard it and start again (False)."""

    def __init__(self, name: str, saved: str, summary: str) -> None:
        super().__init__()
        self.person_name = name
        self.saved = saved
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = as_text(f"{self.person_name}: a draft is kept")
            yield Static(
                Content(f"A draft of this session was saved {self.saved}: {self.summary}."),
                classes="about",
            )
            yield OptionList(
                Option(Content("Resume the draft"), id="resume"),
                Option(Content("Discard it and start again"), id="discard"),
                id="choice",
                markup=False,
                compact=True,
            )

    def on_mount(self) -> None:
        self.query_one("#choice", OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id == "resume")

    def action_cancel(self) -> None:
        """Escape keeps the draft: resume it rather than lose anything."""
        self.dismiss(True)
