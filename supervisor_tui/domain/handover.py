"""Closing the loop with the team, and handing over to a deputy: `sup brief team`, `sup handover`.

Pure selections of the records. Neither ever carries a note of any kind unless the
handover is asked for them (``include_notes``): a team brief is read out to the team,
and a deputy needs the open loops, not the private record.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from .entities import (
    ACCEPTED,
    DECLINED,
    IN_PROGRESS,
    OPEN,
    PLANNED,
    Agreement,
    Leave,
    Note,
    Person,
    Records,
    Session,
    Suggestion,
    Win,
)
from .folding import fold
from .rules import coaching_due_on, last_held, next_planned

BRIEF_DAYS = 30  # `sup brief team` looks back this far by default
NOTES_DAYS = 90  # `sup handover --include-notes`: notes written this recently


# -- the team brief -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision on one of the team's suggestions."""

    suggestion: Suggestion
    person: Person


@dataclass(frozen=True, slots=True)
class TeamBrief:
    """What became of the team's suggestions since a day: "you said, we did"."""

    since: dt.date
    today: dt.date
    accepted: tuple[Decision, ...]
    declined: tuple[Decision, ...]
    in_progress: tuple[Decision, ...]

    @property
    def empty(self) -> bool:
        """No decision since then."""
        return not (self.accepted or self.declined or self.in_progress)


def team_brief(records: Records, since: dt.date, today: dt.date) -> TeamBrief:
    """The decisions on the team's suggestions answered from ``since`` to ``today``, each
    group in the order they were made. Archived people's suggestions drop out."""
    groups: dict[str, list[Decision]] = defaultdict(list)
    for s in records.suggestions:
        person = records.person(s.person_id)
        if person is None or person.archived or s.answered_on is None:
            continue
        if s.decision == OPEN or not since <= s.answered_on <= today:
            continue
        groups[s.decision].append(Decision(s, person))
    for group in groups.values():
        group.sort(key=lambda d: (d.suggestion.answered_on, d.suggestion.id))
    return TeamBrief(
        since,
        today,
        tuple(groups[ACCEPTED]),
        tuple(groups[DECLINED]),
        tuple(groups[IN_PROGRESS]),
    )


# -- the handover ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoachingDue:
    """Someone who falls due for coaching before the deputy hands back."""

    due_on: dt.date
    last_held_on: dt.date | None
    planned: Session | None  # planned, but only after the due date


@dataclass(frozen=True, slots=True)
class PersonHandover:
    """What a deputy needs to know about one person until the lead is back."""

    person: Person
    sessions: tuple[Session, ...]  # planned in the period (or earlier, never recorded)
    follow_ups: tuple[Agreement, ...]  # open, falling due by the end of the period
    suggestions: tuple[Suggestion, ...]  # open or in progress, oldest first
    wins: tuple[Win, ...]  # waiting for thanks, oldest first
    coaching_due: CoachingDue | None
    notes: tuple[Note, ...] = ()  # only with include_notes
    last_session: Session | None = None  # only with include_notes, for its notes

    @property
    def empty(self) -> bool:
        """Nothing for the deputy to do about this person."""
        return not (
            self.sessions
            or self.follow_ups
            or self.suggestions
            or self.wins
            or self.coaching_due
            or self.notes
            or (self.last_session is not None and self.last_session.notes)
        )


@dataclass(frozen=True, slots=True)
class Handover:
    """The brief for a deputy covering from ``today`` until ``until``."""

    today: dt.date
    until: dt.date
    include_notes: bool
    people: tuple[PersonHandover, ...]  # everyone on the team, by name


def handover(
    records: Records, today: dt.date, until: dt.date, *, include_notes: bool = False
) -> Handover:
    """Each active person's open loops from ``today`` until ``until``; with
    ``include_notes``, their notes of the last ``NOTES_DAYS`` days and their last
    session's notes as well."""
    by_person: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s in records.sessions:
        by_person[s.person_id]["sessions"].append(s)
    for a in records.agreements:
        if a.is_open and a.follow_up_on is not None and a.follow_up_on <= until:
            by_person[a.person_id]["follow_ups"].append(a)
    for s in records.suggestions:
        if s.decision in (OPEN, IN_PROGRESS):
            by_person[s.person_id]["suggestions"].append(s)
    for w in records.wins:
        if w.acknowledged_on is None:
            by_person[w.person_id]["wins"].append(w)
    if include_notes:
        since = today - dt.timedelta(days=NOTES_DAYS)
        for n in records.notes:
            if n.created.date() >= since:
                by_person[n.person_id]["notes"].append(n)
    rows = []
    for person in records.active_people():
        mine = by_person.get(person.id, {})
        own = mine.get("sessions", [])
        planned = sorted(
            (
                s
                for s in own
                if s.status == PLANNED
                and s.planned_for is not None
                and s.planned_for.date() <= until
            ),
            key=lambda s: (s.planned_for, s.id),
        )
        rows.append(
            PersonHandover(
                person=person,
                sessions=tuple(planned),
                follow_ups=tuple(
                    sorted(mine.get("follow_ups", []), key=lambda a: (a.follow_up_on, a.id))
                ),
                suggestions=tuple(
                    sorted(mine.get("suggestions", []), key=lambda s: (s.received_on, s.id))
                ),
                wins=tuple(sorted(mine.get("wins", []), key=lambda w: (w.happened_on, w.id))),
                coaching_due=_coaching_due(person, own, today, until, records.leaves),
                notes=tuple(sorted(mine.get("notes", []), key=lambda n: (n.created, n.id))),
                last_session=last_held(own) if include_notes else None,
            )
        )
    rows.sort(key=lambda r: fold(r.person.name))
    return Handover(today, until, include_notes, tuple(rows))


def _coaching_due(
    person: Person,
    sessions: list[Session],
    today: dt.date,
    until: dt.date,
    leaves: tuple[Leave, ...] = (),
) -> CoachingDue | None:
    """When the person falls due by ``until`` and nothing is planned by then, as the
    day view's rule says it (a session planned past the due date counts as none; days
    on leave do not count towards the cadence)."""
    due_on = coaching_due_on(person, sessions, leaves)
    if due_on > until:
        return None
    planned = next_planned(sessions, today)
    if planned is not None and planned.planned_for.date() <= max(due_on, today):
        return None
    held = last_held(sessions)
    return CoachingDue(due_on, held.held_on if held else None, planned)
