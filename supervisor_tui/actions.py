"""What the lead can do, as operations on the store; the CLI and the TUI share these.

Each operation runs the domain's pure change inside one store transaction and
returns a ``Done``: a one-line message for the user and the ``Change`` that
undo can revert.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from .capture import Capture
from .clock import localize
from .domain import changes
from .domain.changes import DomainError
from .domain.entities import (
    ACCEPTED,
    DECLINED,
    LEAD,
    WELLBEING,
    Agreement,
    Note,
    Person,
    Record,
    Session,
    Suggestion,
    Win,
)
from .domain.words import short_date
from .store import Change, Store

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .store.txn import Txn

R = TypeVar("R", bound=Record)

_KIND_NAMES = {
    Win: ("win", "sup ack"),
    Suggestion: ("suggestion", "sup answer"),
    Agreement: ("follow-up", "sup done"),
    Session: ("session", "sup held"),
    Note: ("note", None),
    Person: ("person", None),
}


class Done(NamedTuple):
    """The outcome of an action: what to tell the user, and what undo would revert."""

    message: str
    change: Change
    record: Record | None = None
    hint: str = ""  # what to type next in the shell; the TUI shows keys instead
    draft: tuple[str, dict] | None = None  # a draft that undo brings back (key, doc)


def _when(moment: dt.datetime, today: dt.date) -> str:
    return f"{short_date(moment.date(), today)} {moment:%H:%M}"


def _get(txn: Txn, record_id: int, kind: type[R]) -> R:
    record = txn.get(record_id)
    if not isinstance(record, kind):
        have, command = _KIND_NAMES[type(record)]
        want, _ = _KIND_NAMES[kind]
        hint = f" Use `{command} {record_id}` for that." if command else ""
        raise DomainError(f"#{record_id} is a {have}, not a {want}.{hint}")
    return record


def _person(txn: Txn, person_id: int) -> Person:
    return _get(txn, person_id, Person)


def record_for(capture: Capture, now: dt.datetime) -> Record:
    """The new record a capture line stands for (todo, win, idea, note; not plan)."""
    pid, today = capture.person.id, now.date()
    match capture.kind:
        case "win":
            return Win(0, pid, capture.text, happened_on=today, created=now)
        case "idea":
            return Suggestion(0, pid, capture.text, received_on=today, created=now)
        case "note":
            return Note(0, pid, capture.text, created=now, kind=capture.note_kind or "observation")
        case "todo":
            return Agreement(
                0, pid, capture.text, now, owner=LEAD, follow_up_on=capture.follow_up_on
            )
    raise ValueError(f"no record for a {capture.kind} capture")


def save_capture(store: Store, capture: Capture, now: dt.datetime) -> Done:
    """Save a parsed capture line."""
    if capture.kind == "plan":
        return plan_session(store, capture.person.id, capture.when, now)
    saved, change = store.add(record_for(capture, now))
    name = capture.person.name
    today = now.date()
    hint = ""
    match saved:
        case Win():
            message = f"Saved win #{saved.id} for {name}."
            hint = f"Acknowledge it soon: sup ack {saved.id}"
        case Suggestion():
            message = f"Saved {name}'s suggestion #{saved.id}."
            hint = f"Answer it: sup answer {saved.id}"
        case Note(kind=kind):
            label = "wellbeing note" if kind == WELLBEING else "note"
            message = f"Saved {label} #{saved.id} about {name}."
        case Agreement():
            when = short_date(saved.follow_up_on, today) if saved.follow_up_on else "no date"
            message = f"Saved to-do #{saved.id} for {name}, follow up on {when}."
    return Done(message, change, saved, hint)


def plan_session(store: Store, person_id: int, when: dt.datetime, now: dt.datetime) -> Done:
    """Plan the person's next session at ``when``, moving the planned one if there is one."""
    when = localize(when)
    with store.transaction() as txn:
        person = _person(txn, person_id)
        session = changes.plan(person, txn.records.sessions, when, now)
        moved = session.id != 0 and session.times_moved > 0
        if session.id == 0:
            session = txn.add(session)
        else:
            txn.put(session)
    if moved:
        message = (
            f"Moved {person.name}'s session to {_when(when, now.date())} "
            f"(moved {session.times_moved}× so far)."
        )
    else:
        message = f"Planned {person.name}'s session for {_when(when, now.date())}."
    return Done(message, txn.change, session)


def cancel_session(store: Store, session_id: int, today: dt.date) -> Done:
    """Cancel a planned session (sick leave, say); the person is then due again."""
    with store.transaction() as txn:
        session = changes.cancel(_get(txn, session_id, Session))
        txn.put(session)
        person = _person(txn, session.person_id)
    when = _when(session.planned_for, today)
    return Done(
        f"Cancelled {person.name}'s session of {when}.",
        txn.change,
        session,
        f"Plan the next one: sup plan {person.handle} DATE",
    )


def acknowledge(store: Store, win_id: int, how: str, note: str, today: dt.date) -> Done:
    """Acknowledge a win."""
    with store.transaction() as txn:
        win = changes.acknowledge(_get(txn, win_id, Win), today, how, note)
        txn.put(win)
        person = _person(txn, win.person_id)
    return Done(f"Acknowledged {person.name}'s win #{win.id} ({how}).", txn.change, win)


def answer(
    store: Store,
    suggestion_id: int,
    decision: str,
    response: str,
    today: dt.date,
    come_back_by: dt.date | None = None,
) -> Done:
    """Answer a suggestion: accept, decline, or in progress until ``come_back_by``."""
    with store.transaction() as txn:
        old = _get(txn, suggestion_id, Suggestion)
        new = changes.answer(old, decision, response, today, come_back_by)
        txn.put(new)
        person = _person(txn, new.person_id)
    if decision == ACCEPTED:
        what = "accepted"
    elif decision == DECLINED:
        what = "declined"
    else:
        what = f"in progress; come back by {short_date(come_back_by, today)}"
    return Done(f"Answered {person.name}'s suggestion #{new.id}: {what}.", txn.change, new)


def mark_done(store: Store, agreement_id: int, today: dt.date) -> Done:
    """Mark a follow-up done."""
    with store.transaction() as txn:
        agreement = changes.mark_done(_get(txn, agreement_id, Agreement), today)
        txn.put(agreement)
        person = _person(txn, agreement.person_id)
    return Done(f"Done: #{agreement.id} for {person.name}.", txn.change, agreement)


def add_person(
    store: Store,
    name: str,
    handle: str | None,
    cadence_days: int,
    role: str,
    started_on: dt.date,
) -> Done:
    """Add a person to the team."""
    from .domain.people import fold, make_handle

    name = " ".join(name.split())
    if not name:
        raise DomainError('Give the person\'s name, e.g. sup people add "Anna Virtanen".')
    with store.transaction() as txn:
        taken = {p.handle for p in txn.records.people}
        if handle is not None:
            handle = fold(handle.lstrip("@"))
            if not handle or not handle.replace("-", "").replace("_", "").isalnum():
                raise DomainError("A handle is one word of letters and digits, e.g. --handle anna.")
            if handle in taken:
                raise DomainError(f"@{handle} is taken. Choose another with --handle.")
        person = txn.add(
            Person(
                0,
                name,
                handle or make_handle(name, taken),
                started_on,
                role=role,
                cadence_days=cadence_days,
            )
        )
    every = f"every {cadence_days} days"
    return Done(f"Added {person.name} (@{person.handle}), coached {every}.", txn.change, person)


def archive_person(store: Store, person_id: int) -> Done:
    """Archive a person: they drop out of every list; their history stays."""
    with store.transaction() as txn:
        person = _person(txn, person_id)
        if person.archived:
            raise DomainError(f"{person.name} is already archived.")
        person = replace(person, archived=True)
        txn.put(person)
    return Done(f"Archived {person.name}. Their history stays until you forget them.", txn.change)


def forget_person(store: Store, person_id: int) -> Done:
    """Erase a person and everything about them from the database and its backups."""
    with store.transaction() as txn:
        person = _person(txn, person_id)
        records = txn.records
        mine = [
            r
            for group in (
                records.sessions,
                records.agreements,
                records.suggestions,
                records.wins,
                records.notes,
            )
            for r in group
            if r.person_id == person_id
        ]
        for record in mine:
            txn.delete(record)
        txn.delete(person)
    scrubbed = store.scrub_backups(person_id)
    from .domain.drafts import draft_key

    store.discard_draft(draft_key(person_id))  # notes of a session never held
    backups = "1 backup" if scrubbed == 1 else f"{scrubbed} backups"
    records = "1 record" if len(mine) == 1 else f"{len(mine)} records"
    return Done(
        f"Forgot {person.name}: {records} erased from the database and from {backups}.",
        txn.change,
    )


def update_person(
    store: Store,
    person_id: int,
    *,
    form: str | None = None,
    cadence_days: int | None = None,
    role: str | None = None,
) -> Done:
    """Change a person's default coaching form, cadence or role; None leaves one as it is.

    ``form=""`` puts the person back on the team's default form.
    """
    from .forms import find_form

    if form is None and cadence_days is None and role is None:
        raise DomainError("Say what to change: --form NAME, --every 4w or --role TEXT.")
    with store.transaction() as txn:
        person = _person(txn, person_id)
        said = []
        changed = person
        if form is not None:
            name = find_form(txn.records, form).name if form.strip() else None
            changed = replace(changed, form=name)
            said.append(f'form "{name}"' if name else "the team's default form")
        if cadence_days is not None:
            changed = replace(changed, cadence_days=cadence_days)
            said.append(f"coached every {cadence_days} days")
        if role is not None:
            role = " ".join(role.split())
            changed = replace(changed, role=role)
            said.append(f'role "{role}"' if role else "no role")
        if changed == person:
            return Done(
                f"No change: {person.name} already has {', '.join(said)}.", Change(), person
            )
        txn.put(changed)
    return Done(f"Updated {person.name}: {', '.join(said)}.", txn.change, changed)


def plan_many(store: Store, proposals: Iterable[tuple[int, dt.datetime]], now: dt.datetime) -> Done:
    """Plan several people's next sessions at once (``sup plan --month``), in one transaction.

    Each ``(person id, naive local time)`` is planned as ``sup plan`` would. If one of
    them got a session planned meanwhile (from another terminal), nothing is planned.
    """
    from .domain.rules import next_planned

    today = now.date()
    with store.transaction() as txn:
        planned = []
        for person_id, at in proposals:
            person = _person(txn, person_id)
            own = [s for s in txn.records.sessions if s.person_id == person_id]
            if person.archived or next_planned(own, today) is not None:
                raise DomainError(
                    f"{person.name}'s coaching changed meanwhile (perhaps from another "
                    "terminal). Nothing was planned; run `sup plan --month` again."
                )
            session = changes.plan(person, own, localize(at), now)
            if session.id == 0:
                session = txn.add(session)
            else:
                txn.put(session)  # a session planned for an earlier day, never held: moved
            planned.append(session)
    count = len(planned)
    noun = "session" if count == 1 else "sessions"
    return Done(
        f"Planned {count} coaching {noun}.",
        txn.change,
        None,
        "Put them in your calendar: sup ics --out coaching.ics",
    )
