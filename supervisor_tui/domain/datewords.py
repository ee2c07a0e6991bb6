"""Date words a team lead types: `today`, `fri`, `+3d`, `1.12.`, `2026-12-01`, `tue 10:00`.

Stdlib only, and nothing heavy at import: this sits on the path of `sup capture`,
which has to start in a blink. Every function is pure — ``today`` is an argument,
the clock is never read here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Literal

Prefer = Literal["future", "past"]

DATE_FORMS = "today, tomorrow, a weekday (fri), +3d, +2w, 2026-12-01, 1.12. or 1.12.2026"
_WITH_TIME = "optionally followed by a time such as 10:00"
_DURATION_FORMS = "a number of days or weeks: 30d, 4w or 30"

_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("mon", "monday", "ma", "maanantai"),
            ("tue", "tues", "tuesday", "ti", "tiistai"),
            ("wed", "wednesday", "ke", "keskiviikko"),
            ("thu", "thur", "thurs", "thursday", "to", "torstai"),
            ("fri", "friday", "pe", "perjantai"),
            ("sat", "saturday", "la", "lauantai"),
            ("sun", "sunday", "su", "sunnuntai"),
        )
    )
    for name in names
}
# ASCII digits only: str.isdigit() and \d would also take "٣" or "³".
_OFFSET = re.compile(r"([+-]?)([0-9]{1,5})([dw])")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_FINNISH = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})?")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_DURATION = re.compile(r"([0-9]{1,5})([dw]?)")


class DateWordError(ValueError):
    """Text that is not a date, time or length of time; the message lists what works."""


def quoted(text: str) -> str:
    """``text`` in double quotes for an error message, control characters escaped.

    Messages echo what the user typed back into a terminal; escape sequences in it
    must show as text, never act.
    """
    return '"' + "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text) + '"'


def _split_time(text: str) -> tuple[list[str], str | None]:
    """The date words and the trailing time word (anything with a colon), as typed."""
    words = text.split()
    if words and ":" in words[-1]:
        return words[:-1], words[-1]
    return words, None


def _real_date(year: int, month: int, day: int, typed: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateWordError(
            f"{quoted(typed)} is not a date in the calendar. "
            "Check the day and the month, e.g. 1.12.2026 or 2026-12-01."
        ) from None


def _step(today: dt.date, days: int, typed: str) -> dt.date:
    try:
        return today + dt.timedelta(days=days)
    except OverflowError:
        raise DateWordError(f"{quoted(typed)} is too far away.") from None


def _weekday(today: dt.date, weekday: int, forward: bool) -> dt.date:
    # Always 1..7 days away: a weekday never means today itself.
    if forward:
        return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    return today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


def _date(words: list[str], today: dt.date, prefer: Prefer) -> dt.date | None:
    """The date ``words`` name, or None when they are not a date word at all."""
    typed = " ".join(words)
    folded = [word.casefold() for word in words]
    forward = prefer == "future"
    if len(folded) == 2 and folded[0] == "next" and folded[1] in _WEEKDAYS:
        return _weekday(today, _WEEKDAYS[folded[1]], forward=True)
    if len(folded) != 1:
        return None
    word = folded[0]
    if word in _DAYS:
        return today + dt.timedelta(days=_DAYS[word])
    if word in _WEEKDAYS:
        return _weekday(today, _WEEKDAYS[word], forward)
    if match := _OFFSET.fullmatch(word):
        sign, count, unit = match.groups()
        days = int(count) * (7 if unit == "w" else 1)
        # An unsigned offset ("3d") goes the way the caller prefers.
        backward = sign == "-" or (not sign and not forward)
        return _step(today, -days if backward else days, typed)
    if match := _ISO.fullmatch(word):
        year, month, day = map(int, match.groups())
        return _real_date(year, month, day, typed)
    if match := _FINNISH.fullmatch(word):
        day, month = int(match[1]), int(match[2])
        if match[3]:
            return _real_date(int(match[3]), month, day, typed)
        with contextlib.suppress(ValueError):
            found = dt.date(today.year, month, day)
            if found == today or (found > today) == forward:
                return found
        # Else the coming (or the last) year's: 29.2. typed in November 2027 is 29.2.2028.
        return _real_date(today.year + (1 if forward else -1), month, day, typed)
    return None


def _check(prefer: str) -> None:
    if prefer not in ("future", "past"):
        raise TypeError(f'prefer must be "future" or "past", not {prefer!r}')


def parse_date(text: str, today: dt.date, prefer: Prefer = "future") -> dt.date:
    """The date ``text`` names, counted from ``today``.

    Accepts today/tomorrow/yesterday, weekday names in English or Finnish (the next
    one after today; with ``prefer="past"`` the last one before it; ``next fri`` is
    always ahead), offsets such as +3d, -1w or 2w, ISO 2026-12-01 and Finnish 1.12.2026
    or 1.12. (the nearest such day in the preferred direction, today included).
    A time is refused: this is for places where only a date makes sense.
    """
    _check(prefer)
    words, time_word = _split_time(text)
    if time_word is not None:
        example = " ".join(words) or "today"
        raise DateWordError(
            f"No time is needed here, just a date: {quoted(example)} "
            f"instead of {quoted(text.strip())}."
        )
    if not words:
        raise DateWordError(f"No date given. Use {DATE_FORMS}.")
    found = _date(words, today, prefer)
    if found is None:
        raise DateWordError(f"Can't read {quoted(' '.join(words))} as a date. Use {DATE_FORMS}.")
    return found


def parse_when(
    text: str, today: dt.date, default_time: dt.time, prefer: Prefer = "future"
) -> dt.datetime:
    """The naive local date-time ``text`` names: a date word and/or a time such as 10:00.

    The date words are those of `parse_date`; without them the time is today's, and
    without a time it is ``default_time``. Hours run 0–23, minutes 00–59.
    """
    _check(prefer)
    words, time_word = _split_time(text)
    if not words and time_word is None:
        raise DateWordError(f"No date given. Use {DATE_FORMS}, {_WITH_TIME}.")
    at = default_time
    if time_word is not None:
        match = _TIME.fullmatch(time_word)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise DateWordError(
                f"Can't read {quoted(time_word)} as a time. "
                "Use hours and minutes from 00:00 to 23:59, e.g. 10:00 or 9:30."
            )
        at = dt.time(int(match[1]), int(match[2]))
    day = _date(words, today, prefer) if words else today
    if day is None:
        raise DateWordError(
            f"Can't read {quoted(' '.join(words))} as a date. Use {DATE_FORMS}, {_WITH_TIME}."
        )
    return dt.datetime.combine(day, at)


def parse_duration_days(text: str) -> int:
    """A length of time in whole days: 30d, 4w (28) or a bare 30; at least one day."""
    match = _DURATION.fullmatch(text.strip().casefold())
    if not match:
        raise DateWordError(
            f"Can't read {quoted(text.strip())} as a length of time. Use {_DURATION_FORMS}."
        )
    days = int(match[1]) * (7 if match[2] == "w" else 1)
    if days < 1:
        raise DateWordError(f"A length of time must be at least one day. Use {_DURATION_FORMS}.")
    return days
