"""The one-line capture syntax shared by the TUI's capture bar and `sup capture`.

    win @anna closed the escalated billing case
    idea @ben shorter wrap-up codes        (also: suggestion @ben …)
    note @aki calm with a furious caller    (wellbeing @aki … is a wellbeing note)
    todo @ben send the shift plan by fri    (no "by …": follow up in a week)
    plan @anna tue 10:00

Errors are all ValueErrors whose message says what to type instead: `CaptureError`
for the shape of the line, and `PersonRefError` (unknown or ambiguous @ref) and
`DateWordError` (plan's date) passed through unchanged from the modules that raise
them. A todo's bad "by …" date becomes a `CaptureError`, because only the capture
syntax knows how to keep such words as text.

No Textual, no pendulum, no storage: this is on the fast path of `sup capture`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from supervisor_tui.domain.datewords import DateWordError, parse_when, quoted
from supervisor_tui.domain.entities import OBSERVATION, WELLBEING, Person
from supervisor_tui.domain.people import people_matching, resolve_person
from supervisor_tui.domain.workdays import working_day_on_or_after

KINDS: tuple[str, ...] = ("win", "idea", "note", "wellbeing", "todo", "plan")
# Every word that may start a line → (kind of record, kind of note).
_KIND_WORDS = {
    "win": ("win", ""),
    "idea": ("idea", ""),
    "suggestion": ("idea", ""),
    "note": ("note", OBSERVATION),
    "wellbeing": ("note", WELLBEING),
    "todo": ("todo", ""),
    "plan": ("plan", ""),
}
_EXAMPLES = {
    "win": "closed the escalated billing case",
    "idea": "shorter wrap-up codes for chats",
    "suggestion": "shorter wrap-up codes for chats",
    "note": "stayed calm with a furious caller",
    "wellbeing": "rough day after a long escalation",
    "todo": "send the shift plan by fri",
    "plan": "tue 10:00",
}
_BY = re.compile(r"(?<!\S)by(?!\S)", re.IGNORECASE)
_MAX_DATE_WORDS = 3  # "next fri 10:00"; a longer tail after "by" is ordinary text
_TODO_FOLLOW_UP_DAYS = 7


class CaptureError(ValueError):
    """A capture line that does not fit the syntax; the message says what to type."""


@dataclass(frozen=True, slots=True)
class Capture:
    """One parsed capture line, ready for the store to turn into a record."""

    kind: str  # "win" | "idea" | "note" | "todo" | "plan"
    person: Person
    text: str = ""  # exactly as typed, trimmed; "" for plan
    note_kind: str = ""  # "observation" or "wellbeing" for a note, else ""
    follow_up_on: dt.date | None = None  # todo
    when: dt.datetime | None = None  # plan; naive local time


def _first_word(text: str) -> tuple[str, str]:
    """The first whitespace-separated word and everything after the whitespace behind it."""
    parts = text.lstrip().split(None, 1)
    return (parts[0], parts[1] if len(parts) > 1 else "") if parts else ("", "")


def _follow_up(text: str, today: dt.date) -> tuple[str, dt.date]:
    """Split a todo's text from a trailing "by <1-3 words>" follow-up date."""
    found = list(_BY.finditer(text))
    if found:
        last = found[-1]
        words = text[last.end() :].split()
        if 1 <= len(words) <= _MAX_DATE_WORDS:
            try:
                when = parse_when(" ".join(words), today, dt.time(0, 0))
            except DateWordError as err:
                tail = quoted(f"… {text[last.start() :]} by fri")
                raise CaptureError(
                    f'{err} A todo that ends in "by" and up to three words takes them as its '
                    f"follow-up date; to keep them as text, add the date at the end: {tail}."
                ) from err
            # A time after "by" is accepted but dropped: a follow-up is a day, not a meeting.
            return text[: last.start()].strip(), when.date()
    # In a week, on a working day: a to-do captured on a Sunday is followed up on Monday week.
    return text, working_day_on_or_after(today + dt.timedelta(days=_TODO_FOLLOW_UP_DAYS))


def parse_capture(
    line: str, people: Iterable[Person], today: dt.date, default_time: dt.time = dt.time(10, 0)
) -> Capture:
    """Parse ``KIND @REF TEXT`` into a `Capture`, or raise a ValueError saying what to type.

    The text is kept exactly as typed, only trimmed. ``people`` may include archived
    people; they never match. ``today`` dates a todo's follow-up (``by fri``, else a
    week ahead) and a plan's date words; a plan with no time gets ``default_time``.
    """
    head, rest = _first_word(line)
    if not head:
        raise CaptureError(
            f"Nothing to capture. Start with a kind and a person: win @anna {_EXAMPLES['win']}"
        )
    word = head.casefold()
    if word not in _KIND_WORDS:
        raise CaptureError(
            f"{quoted(head)} is not a kind. Start the line with one of: {', '.join(KINDS)}"
        )
    ref, text = _first_word(rest)
    if not ref.startswith("@") or len(ref) == 1:
        raise CaptureError(f"Say who it is about: {word} @anna {_EXAMPLES[word]}")
    # "win @anna: closed …" reads naturally, and handles never end in punctuation.
    person = resolve_person(ref.rstrip(",:;"), people)
    return build_capture(word, person, text, today, default_time)


def build_capture(
    word: str, person: Person, text: str, today: dt.date, default_time: dt.time = dt.time(10, 0)
) -> Capture:
    """A `Capture` of kind ``word`` about ``person``, its text parsed as `parse_capture` does.

    For callers that already know the kind and the person, such as `sup win anna "…"`.
    """
    word = word.casefold()
    kind, note_kind = _KIND_WORDS[word]
    text = text.strip()
    if not text:
        what = "a date" if kind == "plan" else "some text"
        raise CaptureError(f"{word} needs {what}, e.g. {word} @{person.handle} {_EXAMPLES[word]}")
    if kind == "plan":
        return Capture(kind, person, when=parse_when(text, today, default_time))
    if kind == "todo":
        text, follow_up_on = _follow_up(text, today)
        if not text:
            raise CaptureError(
                f"todo needs some text, e.g. todo @{person.handle} {_EXAMPLES[word]}"
            )
        return Capture(kind, person, text, follow_up_on=follow_up_on)
    return Capture(kind, person, text, note_kind=note_kind)


def person_of(line: str, people: Iterable[Person]) -> Person | None:
    """Whom a capture line, perhaps half typed, is about: the person its ``@ref`` names
    after the kind, if that names one; else None."""
    _, rest = _first_word(line)
    ref, _ = _first_word(rest)
    if not ref.startswith("@") or len(ref) == 1:
        return None
    try:
        return resolve_person(ref.rstrip(",:;"), people)
    except ValueError:
        return None


def complete(line: str, people: Iterable[Person]) -> list[str]:
    """Whole-line completions for a partly typed capture line, in a stable order.

    Completes the kind word (``w`` → ``win ``, ``wellbeing ``) and then the person
    right after it (``win @an`` → ``win @anna ``), matching active people's handles and
    names the way `resolve_person` does. Past the person there is nothing to complete.
    """
    start = line.lstrip()
    head, rest = _first_word(start)
    if head == start:
        return [f"{kind} " for kind in KINDS if kind.startswith(head.casefold())]
    ref, _ = _first_word(rest)
    # Whitespace after the reference means the user has moved on to the text.
    if head.casefold() not in _KIND_WORDS or rest != ref:
        return []
    typed = start[: len(start) - len(ref)]
    return [f"{typed}@{person.handle} " for person in people_matching(ref, people)]
