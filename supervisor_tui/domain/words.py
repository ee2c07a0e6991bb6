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


# The names strftime gives in the C locale, which the app never leaves: looked up, not
# formatted, since an export of 100k records says 165k dates (1.4 s with strftime).
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day: dt.date, today: dt.date) -> str:
    """A compact date: "Tue 24 Nov", with the year only when it is not this year's."""
    text = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def late_in_words(days_late: int) -> str:
    """How late a follow-up is: "due today", "1 day late", "5 days late"."""
    if days_late <= 0:
        return "due today"
    return "1 day late" if days_late == 1 else f"{days_late} days late"


def follow_up_in_words(follow_up_on: dt.date | None, today: dt.date) -> str:
    """When an agreement is to be followed up: late, due today, or "by Tue 24 Nov"."""
    if follow_up_on is None:
        return "no date"
    if follow_up_on <= today:
        return late_in_words((today - follow_up_on).days)
    return f"by {short_date(follow_up_on, today)}"


def owner_in_words(owner: str, person_name: str) -> str:
    """Who does an agreement: "you" (the lead) or the person's first name."""
    return "you" if owner == "lead" else person_name.split()[0]


def open_items_in_words(count: int) -> str:
    """What a session returns to: "1 open item to return to"."""
    return f"{count} open item{'' if count == 1 else 's'} to return to"


def coaching_in_words(
    last_held_on: dt.date | None,
    started_on: dt.date,
    planned_for: dt.date | None,
    today: dt.date,
) -> str:
    """Why someone is due for coaching: planned too late, never coached, or when last held."""
    if planned_for is not None:
        return f"planned only for {short_date(planned_for, today)}"
    if last_held_on is None:
        return f"never coached · started {short_date(started_on, today)}"
    return f"last held {short_date(last_held_on, today)}"
