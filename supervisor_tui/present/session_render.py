"""A held session read back: as text for the lead's terminal, as Markdown to share.

The TUI's record of a session shows the same Markdown, so both interfaces say it alike.

Everything a user typed passes through ``visible`` (text) or ``markdown.md_text``
(Markdown), so a note can neither drive the terminal nor format the document.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from ..domain.entities import LEAD, Agreement, Person
from ..domain.session_record import SessionRecord, agreement_status
from ..domain.textsafe import visible
from ..domain.words import short_date
from .markdown import md_text

WIDTH = 80  # `sup session show` fits a terminal; the TUI shows the Markdown
INDENT = "   "


def _long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _form_line(record: SessionRecord) -> str:
    session = record.session
    if session.form_name is None:
        return "no form recorded"
    return f"{session.form_name}, version {session.form_version}"


def _status(agreement: Agreement, today: dt.date, date=short_date) -> str:
    state, day = agreement_status(agreement)
    if state == "open":
        return f"follow up {date(day, today)}, open" if day else "open"
    return f"{state} {date(day, today)}"


# -- text ------------------------------------------------------------------------------------


def _owner_text(agreement: Agreement, person: Person) -> str:
    return "you" if agreement.owner == LEAD else visible(person.first_name)


def _paragraphs(text: str) -> list[str]:
    lines = []
    for line in visible(text, multiline=True).splitlines():
        if not line.strip():
            lines.append("")
            continue
        lines.extend(textwrap.wrap(line, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT))
    return lines


def as_text(record: SessionRecord, today: dt.date) -> str:
    """The session as plain text, 80 columns."""
    person, session = record.person, record.session
    out = [
        f"{visible(person.name)} (@{visible(person.handle)}) · "
        f"held {short_date(session.held_on, today)}",
        f"Form: {visible(_form_line(record))}",
    ]
    if not record.notes:
        out += ["", "No notes were written in this session."]
    for number, (item, text) in enumerate(record.notes, 1):
        out.append("")
        out.append(f"{number}. {visible(item)}")
        out.extend(_paragraphs(text) if text.strip() else [f"{INDENT}(no notes)"])
    # Carried-over agreements are said only when there are some: most sessions carry none.
    for title, agreements, always in (
        ("Agreed in this session", record.agreed, True),
        ("From earlier sessions, closed that day", record.closed, True),
        ("Carried over from earlier sessions", record.carried, False),
    ):
        if not (agreements or always):
            continue
        out.append("")
        if not agreements:
            out.append(f"{title}: nothing.")
            continue
        out.append(title)
        for a in agreements:
            line = f"#{a.id} {visible(a.text)} ({_owner_text(a, person)}; {_status(a, today)})"
            out.extend(textwrap.wrap(line, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT))
    if record.goal_values or record.goals_set:
        out += ["", "Goals"]
        for line in _goal_lines(record, today):
            out.extend(
                textwrap.wrap(visible(line), WIDTH, initial_indent=INDENT, subsequent_indent=INDENT)
            )
    return "\n".join(out)


def _goal_lines(record: SessionRecord, today: dt.date, text=str, date=short_date) -> list[str]:
    """The goals discussed with their values, then those set, in words (``text`` makes
    the lead's words safe for where they go)."""
    from ..present.goals import target_words, value_words

    lines = [
        f"{text(g.title)} ({target_words(g)}): {value_words(g, c)}" for g, c in record.goal_values
    ]
    for g in record.goals_set:
        review = f", review {date(g.review_on, today)}" if g.review_on else ""
        lines.append(f"New goal: {text(g.title)} ({target_words(g)}{review})")
    return lines


# -- Markdown ---------------------------------------------------------------------------------


def _owner_md(agreement: Agreement, person: Person) -> str:
    return "team lead" if agreement.owner == LEAD else md_text(person.first_name)


def _md_notes(text: str) -> str:
    # Lines kept as typed (hard breaks), blank lines as paragraph breaks; leading
    # spaces dropped so that an indented line cannot become a code block.
    paragraphs, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(md_text(line.strip()))
        elif current:
            paragraphs.append("  \n".join(current))
            current = []
    if current:
        paragraphs.append("  \n".join(current))
    return "\n\n".join(paragraphs)


def _long(day: dt.date, _today: dt.date) -> str:
    return _long_date(day)


def as_markdown(record: SessionRecord, today: dt.date) -> str:
    """The session as Markdown, written to be shared with the person."""
    person, session = record.person, record.session
    out = [
        f"# Coaching session: {md_text(person.name)}",
        "",
        f"Held on {_long_date(session.held_on)}. Form: {md_text(_form_line(record))}.",
    ]
    for item, text in record.notes:
        out += ["", f"## {md_text(item)}", "", _md_notes(text) if text.strip() else "_No notes._"]
    for title, agreements, always in (
        ("What we agreed", record.agreed, True),
        ("From last time, closed that day", record.closed, True),
        ("Carried over", record.carried, False),
    ):
        if not (agreements or always):
            continue
        out += ["", f"## {title}", ""]
        if not agreements:
            out.append("_Nothing._")
        for a in agreements:
            out.append(
                f"- {md_text(a.text)} ({_owner_md(a, person)}; {_status(a, today, date=_long)})"
            )
    if record.goal_values or record.goals_set:
        out += ["", "## Goals", ""]
        out += [f"- {line}" for line in _goal_lines(record, today, md_text, _long)]
    return "\n".join(out) + "\n"
