"""Keeping personal data no longer than needed: which records are past the lead's retention.

Off unless the lead sets it (``[retention]`` in the settings file): how long to keep
notes about someone's wellbeing, and anything closed (a follow-up done or dropped, a
suggestion answered, a win acknowledged, a session held or cancelled, a note
written), is the lead's decision and their organisation's, not the app's.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .entities import WELLBEING, Record, Records
from .kinds import ABOUT_A_PERSON


@dataclass(frozen=True)
class Retention:
    """How many months to keep what; None keeps it for good."""

    wellbeing_notes_months: int | None = None
    closed_items_months: int | None = None

    @property
    def is_off(self) -> bool:
        """Nothing is ever purged."""
        return self.wellbeing_notes_months is None and self.closed_items_months is None


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def expired(records: Records, today: dt.date, retention: Retention) -> tuple[Record, ...]:
    """Every record about a person kept longer than ``retention`` allows, oldest first."""
    wellbeing = _cutoff(today, retention.wellbeing_notes_months)
    closed = _cutoff(today, retention.closed_items_months)
    found: list[tuple[dt.date, Record]] = []
    for kind in ABOUT_A_PERSON:
        for record in getattr(records, kind.table):
            day = kind.closed_on(record)
            if day is None:
                continue
            is_wellbeing = kind.table == "notes" and record.kind == WELLBEING
            if (closed and day < closed) or (is_wellbeing and wellbeing and day < wellbeing):
                found.append((day, record))
    return tuple(record for _, record in sorted(found, key=lambda pair: (pair[0], pair[1].id)))


def _cutoff(today: dt.date, months: int | None) -> dt.date | None:
    return None if months is None else months_before(today, months)
