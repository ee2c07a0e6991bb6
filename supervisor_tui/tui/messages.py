"""What the app tells its screens. Screens import this, never the app."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """The records were (re)loaded; screens redraw from ``app.records`` (the day view
    from ``app.day_records``, what is open of them)."""
