"""Working days: Monday to Friday, the days coaching sessions go in the diary.

Stdlib only: ``date.weekday()`` says it in one comparison, and `sup held` (which
proposes the next session) must not pay pendulum's import. Public holidays are not
known here.
"""

from __future__ import annotations

import datetime as dt


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday."""
    return day.weekday() < 5


def working_day_on_or_before(day: dt.date) -> dt.date:
    """``day`` itself on a working day, else the Friday before it."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def working_day_on_or_after(day: dt.date) -> dt.date:
    """``day`` itself on a working day, else the Monday after it."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def next_working_day(day: dt.date) -> dt.date:
    """The first working day after ``day`` (a Friday's is the Monday after)."""
    return working_day_on_or_after(day + dt.timedelta(days=1))
