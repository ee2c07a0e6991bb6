"""Ages and due dates in words, as the day view says them."""

from __future__ import annotations

import datetime as dt


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def span_in_words(days: int) -> str:
    """A positive number of days in the largest unit that reads naturally."""
    if days < 14:
        return _plural(days, "day")
    if days < 60:
        return _plural(days // 7, "week")
    if days < 730:
        return _plural(days // 30, "month")
    return _plural(days // 365, "year")


def age_in_words(then: dt.date, today: dt.date) -> str:
    """How long ago ``then`` was: "today", "yesterday", "3 days ago", "in 2 days"."""
    days = (today - then).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    if days > 0:
        return f"{span_in_words(days)} ago"
    return f"in {span_in_words(-days)}"


def due_in_words(days_until_due: int) -> str:
    """A due date relative to today: "due today", "due in 3 days", "4 days overdue"."""
    if days_until_due == 0:
        return "due today"
    if days_until_due == 1:
        return "due tomorrow"
    if days_until_due > 0:
        return f"due in {span_in_words(days_until_due)}"
    return f"{span_in_words(-days_until_due)} overdue"


def short_date(day: dt.date, today: dt.date) -> str:
    """A compact date: "Tue 24 Nov", with the year only when it is not this year's."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"
