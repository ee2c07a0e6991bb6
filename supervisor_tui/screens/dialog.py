"""The look and the escape key every small dialog shares."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen

from ..datewords import DateWordError, parse_date
from ..domain.words import short_date

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A small modal that returns a draft with ``dismiss`` or None on Escape."""

    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)


def date_preview(text: str, today: dt.date, label: str = "") -> tuple[dt.date | None, Content]:
    """The day some date words mean, and the line that confirms it or says what is wrong."""
    try:
        day = parse_date(text, today)
    except DateWordError as exc:
        return None, Content(str(exc))
    return day, Content.styled(f"→ {label}{short_date(day, today)}", "$success")
