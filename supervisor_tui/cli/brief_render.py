"""`sup brief team` and `sup handover` printed, as text or Markdown.

The brief is written to be read out or pasted into the team's chat: one line a
decision, no hard line breaks inside one. The handover is for a deputy's terminal
or their inbox. User text passes through ``visible`` (text) or ``md_text`` (Markdown).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from collections.abc import Callable

from ..domain.entities import LEAD, OPEN, WELLBEING, Agreement, Person, Suggestion
from ..domain.handover import NOTES_DAYS, Decision, Handover, PersonHandover, TeamBrief
from ..domain.textsafe import visible
from ..domain.words import age_in_words, late_in_words, short_date, span_in_words
from ..present.markdown import md_text
from .render import WIDTH

Escape = Callable[[str], str]


def _long(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _plain(text: str) -> str:
    return visible(text)


# -- the team brief -------------------------------------------------------------------------------


def _first_names(brief: TeamBrief) -> dict[int, str]:
    """Each suggester by first name, or by full name where two share one."""
    people = {d.person.id: d.person for d in (*brief.accepted, *brief.declined, *brief.in_progress)}
    firsts = Counter(p.first_name for p in people.values())
    return {
        pid: (p.first_name if firsts[p.first_name] == 1 else p.name) for pid, p in people.items()
    }


def _decision_line(
    d: Decision, names: dict[int, str] | None, esc: Escape, today: dt.date, bullet: str
) -> str:
    s = d.suggestion
    who = f"{esc(names[d.person.id])}: " if names is not None else ""
    line = f'{bullet}{who}"{esc(s.text)}"'
    response = s.response.strip()
    if response:
        line += f" — {esc(response)}"
    if s.come_back_by is not None and s.come_back_by >= today:
        line += f" (we'll come back by {_long(s.come_back_by)})"
    elif s.come_back_by is not None:
        line += f" (we owe you an answer: it was due on {_long(s.come_back_by)})"
    return line


BRIEF_GROUPS = (
    ("accepted", "Accepted, and happening"),
    ("declined", "Not now, and why"),
    ("in_progress", "Still looking into it"),
)


def brief_text(brief: TeamBrief, names: bool, markdown: bool) -> str:
    """The team brief, as Markdown for a chat or as plain text to read out."""
    esc: Escape = md_text if markdown else _plain
    named = _first_names(brief) if names else None
    since = _long(brief.since)
    count = len(brief.accepted) + len(brief.declined) + len(brief.in_progress)
    title = "You said, we did"
    intro = (
        f"What became of your suggestions since {since}: "
        f"{count} decision{'s' if count != 1 else ''}."
    )
    out = [f"**{title}**" if markdown else title.upper(), "", intro]
    if brief.empty:
        out[-1] = f"No decisions on your suggestions since {since} yet: more soon."
        return "\n".join(out) + "\n"
    for field, heading in BRIEF_GROUPS:
        group = getattr(brief, field)
        if not group:
            continue
        out += ["", f"**{heading}**" if markdown else f"{heading}:"]
        bullet = "- " if markdown else "  - "
        out += [_decision_line(d, named, esc, brief.today, bullet) for d in group]
    out += ["", "Thank you for every idea: keep them coming."]
    return "\n".join(out) + "\n"


# -- the handover ---------------------------------------------------------------------------------


def _owner(a: Agreement, person: Person) -> str:
    return "team lead" if a.owner == LEAD else person.first_name


def _suggestion_state(s: Suggestion, today: dt.date, esc: Escape) -> str:
    received = f"received {age_in_words(s.received_on, today)}"
    if s.decision == OPEN or s.come_back_by is None:
        return f"{received}, no answer yet"
    promised = short_date(s.come_back_by, today)
    if s.come_back_by < today:
        promised += f", {late_in_words((today - s.come_back_by).days)}"
    said = f': "{esc(s.response)}"' if s.response.strip() else ""
    return f"{received}; in progress{said}; an answer promised by {promised}"


def _items(row: PersonHandover, today: dt.date, esc: Escape) -> list[tuple[str, list[str]]]:
    """(label, lines) for each kind of open loop the person has."""
    person = row.person
    groups: list[tuple[str, list[str]]] = []
    if row.coaching_due is not None:
        due = row.coaching_due
        days = (due.due_on - today).days
        when = (
            f"overdue since {short_date(due.due_on, today)}"
            if days < 0
            else f"due {short_date(due.due_on, today)}"
        )
        last = "never coached"
        if due.last_held_on is not None:
            last = f"last 1:1 {short_date(due.last_held_on, today)}"
        planned = (
            f"; planned only for {short_date(due.planned.planned_for.date(), today)}"
            if due.planned is not None
            else "; nothing planned: plan one"
        )
        groups.append(("Coaching", [f"{when} ({last}){planned}"]))
    if row.sessions:
        lines = []
        for s in row.sessions:
            at = s.planned_for
            note = " (earlier, never recorded as held)" if at.date() < today else ""
            lines.append(f"#{s.id} {short_date(at.date(), today)} {at:%H:%M}{note}")
        groups.append(("1:1 planned", lines))
    if row.follow_ups:
        groups.append(
            (
                "Follow-ups",
                [
                    f"#{a.id} {esc(a.text)} ({esc(_owner(a, person))}; "
                    + (
                        late_in_words((today - a.follow_up_on).days)
                        if a.follow_up_on <= today
                        else f"by {short_date(a.follow_up_on, today)}"
                    )
                    + ")"
                    for a in row.follow_ups
                ],
            )
        )
    if row.suggestions:
        groups.append(
            (
                "Suggestions",
                [
                    f'#{s.id} "{esc(s.text)}": {_suggestion_state(s, today, esc)}'
                    for s in row.suggestions
                ],
            )
        )
    if row.wins:
        groups.append(
            (
                "Wins to thank",
                [f"#{w.id} {esc(w.text)} ({age_in_words(w.happened_on, today)})" for w in row.wins],
            )
        )
    if row.notes:
        groups.append(
            (
                "Notes",
                [
                    f"{short_date(n.created.date(), today)}"
                    f"{' (wellbeing)' if n.kind == WELLBEING else ''}: {esc(n.text)}"
                    for n in row.notes
                ],
            )
        )
    last = row.last_session
    if last is not None and any(text.strip() for _, text in last.notes):
        groups.append(
            (
                f"Last 1:1 ({short_date(last.held_on, today)})",
                [f"{esc(item)}: {esc(text)}" for item, text in last.notes if text.strip()],
            )
        )
    return groups


def _summary(h: Handover) -> str:
    sessions = sum(len(r.sessions) for r in h.people)
    follow = sum(len(r.follow_ups) for r in h.people)
    ideas = sum(len(r.suggestions) for r in h.people)
    wins = sum(len(r.wins) for r in h.people)
    due = sum(r.coaching_due is not None for r in h.people)

    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    return (
        f"{n(sessions, '1:1 planned', '1:1s planned')}, "
        f"{n(follow, 'follow-up falling due', 'follow-ups falling due')}, "
        f"{n(ideas, 'suggestion waiting', 'suggestions waiting')} for an answer, "
        f"{n(wins, 'win', 'wins')} to thank; "
        f"{n(due, 'person falls', 'people fall')} due for coaching."
    )


def _period(h: Handover) -> str:
    span = (h.until - h.today).days
    return (
        f"{short_date(h.today, h.today)} to {short_date(h.until, h.today)} ({span_in_words(span)})"
    )


NOTES_WARNING = (
    f"INCLUDES PRIVATE NOTES: observations and wellbeing notes of the last {NOTES_DAYS} days, "
    "and each person's last 1:1 notes. Share it with care."
)
NO_NOTES = (
    "Observations, wellbeing notes and 1:1 notes are left out "
    "(--include-notes adds them). Ids work with sup ack, sup answer and sup done."
)


def handover_text(h: Handover, markdown: bool) -> str:
    """The handover, as text (80 columns) or Markdown."""
    esc: Escape = md_text if markdown else _plain
    title = f"Handover for a deputy: {_period(h)}"
    out: list[str] = []
    if h.include_notes:
        out += [f"**{NOTES_WARNING}**" if markdown else NOTES_WARNING, ""]
    out += [f"# {title}" if markdown else title, ""]
    out += _wrap(_summary(h), markdown)
    if not h.include_notes:
        out += ["", *_wrap(NO_NOTES, markdown)]
    quiet = [r.person for r in h.people if r.empty]
    for row in h.people:
        if row.empty:
            continue
        p = row.person
        role = f" · {esc(p.role)}" if p.role else ""
        name = f"{esc(p.name)} (@{esc(p.handle)}){role}"
        out += ["", f"## {name}" if markdown else name]
        for label, lines in _items(row, h.today, esc):
            if markdown:
                out += ["", f"**{label}**", ""] + [f"- {line}" for line in lines]
            else:
                for number, line in enumerate(lines):
                    lead = f"  {label if number == 0 else '':<14}"
                    out += textwrap.wrap(
                        line,
                        WIDTH,
                        initial_indent=lead,
                        subsequent_indent=" " * len(lead) + "  ",
                        break_on_hyphens=False,
                    )
    if quiet:
        names = ", ".join(esc(p.name) for p in quiet)
        out += ["", *_wrap(f"Nothing open for {names}.", markdown)]
    if not h.people:
        out += ["", "No one on the team."]
    return "\n".join(out) + "\n"


def _wrap(text: str, markdown: bool) -> list[str]:
    return [text] if markdown else textwrap.wrap(text, WIDTH, break_on_hyphens=False)
