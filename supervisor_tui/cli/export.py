"""Exports: everything (or everything about one person) as JSON or Markdown.

For a handover, a backup in a readable form, or a person's request to see what is
kept about them (the right of access): then it must be all of it, in both formats:
every record of every kind about them, their role and cadence, acknowledgement
notes, their session draft (one set aside as damaged too), and what the backups
still hold that the file no longer does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

from ..actions.drafts import CAPTURE_LINE_KIND
from ..domain.drafts import (
    ADD_PERSON,
    EDIT_PERSON,
    LEAVE,
    PLAN,
    SESSION_DIALOGS,
    KeptDialog,
    SessionDraft,
    draft_key,
)
from ..domain.entities import Person, Records
from ..domain.kinds import ABOUT_A_PERSON, BY_TABLE
from ..domain.words import owner_in_words, short_date
from ..present.markdown import md_text
from .render import dumps

Draft = tuple[str, dict[str, Any] | str]  # its key, and its document (or damaged text)
Kept = tuple[str, str, str, dict[str, Any]]  # backup, table, key, document


class Extras(NamedTuple):
    """What the database file does not hold: drafts, and what only backups still hold."""

    drafts: list[Draft] = []
    in_backups: list[Kept] = []


NOTHING_ELSE = Extras()


def _mine(records: Records, person: Person | None, group: str) -> list:
    items = getattr(records, group)
    return [r for r in items if person is None or r.person_id == person.id]


class _Own:
    """Each person's records of each kind, sorted out once: the Markdown of a team of 25
    would otherwise look through 100k records 250 times."""

    def __init__(self, records: Records) -> None:
        self._by: dict[str, dict[int, list]] = {}
        for kind in ABOUT_A_PERSON:
            groups: dict[int, list] = {}
            for record in getattr(records, kind.table):
                groups.setdefault(record.person_id, []).append(record)
            self._by[kind.table] = groups

    def __call__(self, person: Person, group: str) -> list:
        return self._by[group].get(person.id, [])


def drafts_of(drafts: list[Draft], person: Person | None) -> list[Draft]:
    """The drafts about ``person`` (all of them for None)."""
    if person is None:
        return drafts
    key = draft_key(person.id)
    return [
        (k, doc)
        for k, doc in drafts
        if k == key or (isinstance(doc, dict) and doc.get("person_id") == person.id)
    ]


def as_json(records: Records, person: Person | None, extras: Extras = NOTHING_ELSE) -> str:
    """Every record (about one person, if given) as JSON, grouped by kind, with the drafts.

    Records go to orjson as they are: it writes a dataclass field by field, in order,
    as `dataclasses.asdict` would, without deep-copying 100k records first.
    """
    people = [person] if person else list(records.people)
    doc: dict[str, Any] = {
        "format": 1,
        "people": people,
        **{k.table: _mine(records, person, k.table) for k in ABOUT_A_PERSON},
        "drafts": [
            {"key": key, "draft": d} if isinstance(d, dict) else {"key": key, "damaged": d}
            for key, d in drafts_of(extras.drafts, person)
        ],
    }
    if person is not None:
        doc["in_backups"] = [
            {"backup": name, "table": table, "id": int(key), "doc": d}
            for name, table, key, d in extras.in_backups
        ]
    return dumps(doc)


def as_markdown(
    records: Records, person: Person | None, today: dt.date, extras: Extras = NOTHING_ELSE
) -> str:
    """A readable record, one section per person (archived people last)."""
    if person is not None:
        people = [person]
    else:
        archived = sorted((p for p in records.people if p.archived), key=lambda p: p.name)
        people = [*records.active_people(), *archived]
    out: list[str] = []
    own = _Own(records)
    for p in people:
        out.append(f"# {md_text(p.name)} (@{md_text(p.handle)})\n")
        out.append(_person_line(p, today))
        out.extend(_sessions(own(p, "sessions"), today))
        out.extend(_goals(records, own(p, "goals"), own(p, "check_ins"), today))
        for kind in ABOUT_A_PERSON:
            if kind.table in ("sessions", "goals", "check_ins"):
                continue  # above: sessions with their notes, goals with their check-ins
            title, line = _SECTIONS[kind.table]  # a new kind needs its section here
            items = own(p, kind.table)
            if items:
                out.append(f"## {title}\n")
                out.extend(f"- {line(item, p, today)}" for item in items)
                out.append("")
        for key, draft in drafts_of(extras.drafts, p):
            out.extend(_draft(key, draft, p, today))
        if person is not None and extras.in_backups:
            out.append("## Still in the backups (earlier versions, or since deleted)\n")
            out.extend(f"- {_kept_line(kept)}" for kept in extras.in_backups)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _person_line(p: Person, today: dt.date) -> str:
    parts = [
        f"Role: {md_text(p.role)}" if p.role else "No role given",
        f"coached every {p.cadence_days} days",
        f"started {short_date(p.started_on, today)}",
    ]
    if p.form:
        parts.append(f"coaching form {md_text(p.form)}")
    if p.archived:
        parts.append("archived")
    return "; ".join(parts) + ".\n"


def _sessions(sessions: list, today: dt.date) -> list[str]:
    if not sessions:
        return []
    out = ["## Coaching sessions\n"]
    for s in sorted(sessions, key=_session_day, reverse=True):
        if s.held_on:
            when = f"held {short_date(s.held_on, today)}"
        elif s.planned_for:
            when = f"{s.status} for {short_date(s.planned_for.date(), today)} {s.planned_for:%H:%M}"
        else:
            when = s.status
        extra = f", moved {s.times_moved}×" if s.times_moved else ""
        form = f", {md_text(s.form_name)} v{s.form_version}" if s.form_name else ""
        out.append(f"### #{s.id} {when}{form}{extra}\n")
        for item, text in s.notes:
            if text.strip():
                out.append(f"**{md_text(item)}**\n\n{md_text(text)}\n")
    return out


def _goals(records: Records, goals: list, check_ins: list, today: dt.date) -> list[str]:
    """A person's goals, each with its check-ins, oldest first."""
    from ..domain.goals import status_of
    from ..present.goals import STATUS_WORDS, target_words

    if not goals and not check_ins:
        return []
    out = ["## Goals\n"]
    for g in goals:
        status = STATUS_WORDS[status_of(records, g, today)]
        review = f", review {short_date(g.review_on, today)}" if g.review_on else ""
        if g.target is None and g.unit:  # a unit without a target says nothing, yet is kept
            review += f", unit {md_text(g.unit)}"
        out.append(
            f"- #{g.id} {md_text(g.title)} ({md_text(target_words(g))}), set "
            f"{short_date(g.set_on, today)}{review}: {status}"
        )
        for c in (c for c in check_ins if c.goal_id == g.id):
            out.append(f"  - {_check_in_line(g, c, today)}")
    kept = {g.id for g in goals}
    orphans = [c for c in check_ins if c.goal_id not in kept]
    if orphans:
        out.append("- Check-ins of goals no longer kept:")
        out.extend(f"  - goal #{c.goal_id}: {_check_in_line(None, c, today)}" for c in orphans)
    out.append("")
    return out


def _check_in_line(goal, c, today: dt.date) -> str:
    from ..present.goals import number_words, value_words

    value = value_words(goal, c) if goal else c.level or number_words(c.value or 0)
    note = f" — {md_text(c.note)}" if c.note else ""
    return f"{short_date(c.on, today)}: {value} ({c.source}){note}"


def _session_day(s) -> dt.date:
    return s.held_on or (s.planned_for.date() if s.planned_for else dt.date.min)


def _agreement_line(a, p: Person, today: dt.date) -> str:
    if a.done_on:
        state = f"done {short_date(a.done_on, today)}"
    elif a.dropped_on:
        state = f"dropped {short_date(a.dropped_on, today)}"
    elif a.follow_up_on:
        state = f"follow up {short_date(a.follow_up_on, today)}"
    else:
        state = "open"
    who = md_text(owner_in_words(a.owner, p.name))
    return f"{short_date(a.created.date(), today)}: {md_text(a.text)} ({who}, {state})"


def _suggestion_line(s, p: Person, today: dt.date) -> str:
    answer = f": {md_text(s.response)}" if s.response else ""
    decision = s.decision.replace("_", " ")
    if s.answered_on:
        decision += f" {short_date(s.answered_on, today)}"
    if s.come_back_by:
        decision += f", come back by {short_date(s.come_back_by, today)}"
    return f"{short_date(s.received_on, today)}: {md_text(s.text)} — {decision}{answer}"


def _win_line(w, p: Person, today: dt.date) -> str:
    line = f"{short_date(w.happened_on, today)}: {md_text(w.text)}"
    if w.acknowledged_on:
        how = f" {md_text(w.acknowledged_how)}" if w.acknowledged_how else ""
        line += f" — acknowledged {short_date(w.acknowledged_on, today)}{how}"
    if w.ack_note:
        line += f": {md_text(w.ack_note)}"
    return line


def _note_line(n, p: Person, today: dt.date) -> str:
    return f"{short_date(n.created.date(), today)} ({n.kind}): {md_text(n.text)}"


def _leave_line(lv, p: Person, today: dt.date) -> str:
    span = f"{short_date(lv.starts_on, today)} to {short_date(lv.ends_on, today)}"
    return f"{span}: {md_text(lv.note)}" if lv.note else span


_SECTIONS: dict[str, tuple[str, Callable[[Any, Person, dt.date], str]]] = {
    "agreements": ("Agreements", _agreement_line),
    "suggestions": ("Suggestions", _suggestion_line),
    "wins": ("Wins", _win_line),
    "notes": ("Notes", _note_line),
    "leaves": ("Leave (days not counted towards the cadence)", _leave_line),
}


# What a kept dialog was for, by the row key's action.
_KEPT_DIALOGS = {
    "acknowledge": "thanks for #{id}",
    "answer": "an answer to #{id}",
    "edit": "an edit of #{id}",
    EDIT_PERSON: "an edit of their details",
    ADD_PERSON: "a new person",
    PLAN: "their next 1:1",
    LEAVE: "their leave",
    "move_follow_up": "a new date for #{id}",
    "held_on_its_day": "#{id} held on its day",
}


def _draft(key: str, doc: dict[str, Any] | str, p: Person, today: dt.date) -> list[str]:
    """A session in progress (kept as a draft, not yet held), as the lead has written it;
    or the capture line or a row's dialog being written when the terminal closed."""
    kept = KeptDialog.from_doc(doc)
    if kept is not None:
        what = _KEPT_DIALOGS.get(kept.action, kept.action + " #{id}").format(id=kept.record_id)
        return [
            f"## Being written when the terminal closed: {what}\n",
            *(f"{md_text(text)}\n" for text in kept.typed.values()),
        ]
    if isinstance(doc, dict) and doc.get("kind") == CAPTURE_LINE_KIND:
        line = doc.get("line")
        return [
            "## A capture line, being typed when the terminal closed\n",
            f"{md_text(line if isinstance(line, str) else repr(line))}\n",
        ]
    try:
        draft = SessionDraft.from_doc(doc) if isinstance(doc, dict) else None
    except ValueError:
        draft = None
    if draft is None:
        text = doc if isinstance(doc, str) else repr(doc)
        return [
            "## A session draft that could not be read (kept as it is)\n",
            f"```\n{text.replace('```', '` ` `')}\n```\n",
        ]
    saved = f", last saved {short_date(draft.saved_at.date(), today)}" if draft.saved_at else ""
    out = [f"## Session in progress (a draft{saved}, {md_text(draft.form_name)})\n"]
    for item, text in draft.notes:
        out.append(f"**{md_text(item)}**\n\n{md_text(text)}\n")
    for agreement_id, outcome in draft.outcomes:
        when = f" to {short_date(outcome.follow_up_on, today)}" if outcome.follow_up_on else ""
        out.append(f"- agreement #{agreement_id}: {outcome.action}{when}")
    for new in draft.new_agreements:
        who = md_text(owner_in_words(new.owner, p.name))
        out.append(
            f"- agreed: {md_text(new.text)} ({who}, by {short_date(new.follow_up_on, today)})"
        )
    if draft.open_dialog is not None:
        what = SESSION_DIALOGS.get(draft.open_dialog.name, "a dialog")
        written = " / ".join(md_text(text) for _, text in draft.open_dialog.typed)
        out.append(f"- {what}, half written when the terminal closed: {written}")
    out.append("")
    return out


def _kept_line(kept: Kept) -> str:
    name, table, key, doc = kept
    kind = BY_TABLE[table].label if table in BY_TABLE else table
    fields = "; ".join(
        f"{field}: {md_text(_flat(value))}"
        for field, value in doc.items()
        if value not in (None, "", [], False) and field != "person_id"
    )
    return f"{md_text(name)}: {kind} #{key}: {fields}"


def _flat(value: Any) -> str:
    if isinstance(value, list):
        return " / ".join(_flat(v) for v in value)
    return str(value)
