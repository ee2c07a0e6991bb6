"""Goals: setting them, checking in on them, closing them, and importing a month of figures.

A goal has at most one check-in a day: checking in again on the same day (or importing
a corrected file) replaces the value, so re-importing a file changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import NamedTuple

from ..domain.changes import DomainError
from ..domain.entities import (
    ACTIVE,
    DROPPED,
    FROM_CLI,
    FROM_IMPORT,
    MET,
    CheckIn,
    Goal,
    Person,
)
from ..domain.goals import Target, find_goal, new_goal, parse_value
from ..domain.goals import close_goal as closed
from ..domain.kpi import BadRow, read_kpi
from ..domain.words import short_date
from ..present.goals import draft_value_words, target_words
from ..store import Store
from .base import Done, fetch, fetch_person


class KpiRefused(DomainError):
    """A KPI file with rows that can't be imported; nothing of it was written."""

    def __init__(self, bad: list[BadRow]) -> None:
        rows = "row" if len(bad) == 1 else "rows"
        super().__init__(f"Nothing was imported: {len(bad)} {rows} could not be read.")
        self.bad = bad


class Imported(NamedTuple):
    """What an import wrote (or, on a dry run, would write)."""

    done: Done
    new: list[CheckIn]
    changed: list[tuple[CheckIn, CheckIn]]  # (before, after)
    unchanged: int
    goals: dict[int, Goal]  # the goals the rows were for, by id
    people: dict[int, Person]  # whose goals they are, by id


def add_goal(
    store: Store,
    person_id: int,
    title: str,
    target: Target | None,
    review_on: dt.date | None,
    today: dt.date,
) -> Done:
    """Set a goal for a person: a metric with ``target``, a behaviour without."""
    with store.transaction() as txn:
        person = fetch_person(txn, person_id)
        goal = new_goal(person, title, today, target, review_on)
        same = find_goal(txn.records, person.id, goal.title)
        if same is not None:  # an import could not tell the two apart
            raise DomainError(
                f"{person.name} already has a goal called {same.title} (#{same.id}); "
                "check in on that one, or drop it first."
            )
        goal = txn.add(goal)
    review = f", review {short_date(review_on, today)}" if review_on else ""
    return Done(
        f"Set goal #{goal.id} for {person.name}: {goal.title} ({target_words(goal)}{review}).",
        txn.change,
        goal,
    )


def put_check_in(txn, goal: Goal, check_in: CheckIn) -> tuple[CheckIn | None, CheckIn]:
    """Record a check-in, replacing the goal's one of the same day; (the one replaced, saved)."""
    same_day = [c for c in txn.table("check_ins") if c.goal_id == goal.id and c.on == check_in.on]
    if not same_day:
        return None, txn.add(check_in)
    before = same_day[-1]
    if (before.value, before.level) == (check_in.value, check_in.level):
        return before, before  # the same figure again: where it came from stays as it was
    after = replace(
        before,
        value=check_in.value,
        level=check_in.level,
        note=check_in.note or before.note,
        source=check_in.source,
        session_id=check_in.session_id or before.session_id,
    )
    txn.put(after)
    return before, after


def _open_goal(txn, goal_id: int, today: dt.date) -> Goal:
    goal = fetch(txn, goal_id, Goal)
    if goal.status != ACTIVE:
        raise DomainError(
            f"Goal #{goal.id} is {goal.status} since {short_date(goal.closed_on, today)}."
            if goal.closed_on
            else f"Goal #{goal.id} is {goal.status}."
        )
    return goal


def check_goal(
    store: Store, goal_id: int, text: str, on: dt.date, note: str, today: dt.date
) -> Done:
    """Record where a goal stood on ``on``: a figure or a level, as typed."""
    if on > today:
        raise DomainError("A check-in can't be for a day still to come.")
    with store.transaction() as txn:
        goal = _open_goal(txn, goal_id, today)
        value, level = parse_value(goal, text)
        person = fetch_person(txn, goal.person_id)
        new = CheckIn(0, goal.id, goal.person_id, on, value, level, note.strip(), FROM_CLI)
        before, saved = put_check_in(txn, goal, new)
    said = draft_value_words(goal, value, level)
    was = f" (was {draft_value_words(goal, before.value, before.level)})" if before else ""
    return Done(
        f"Checked in {person.name}'s {goal.title} on {short_date(on, today)}: {said}{was}.",
        txn.change,
        saved,
    )


def close_goal(store: Store, goal_id: int, status: str, today: dt.date) -> Done:
    """Mark a goal met (done) or dropped."""
    with store.transaction() as txn:
        goal = closed(fetch(txn, goal_id, Goal), status, today)
        txn.put(goal)
        person = fetch_person(txn, goal.person_id)
    said = {MET: "met", DROPPED: "dropped"}[status]
    return Done(f"{person.name}'s goal #{goal.id} ({goal.title}): {said}.", txn.change, goal)


class _DryRun(Exception):
    """Raised inside the transaction of a dry run, so that nothing is written."""


def import_kpi(store: Store, text: str, today: dt.date, *, dry_run: bool = False) -> Imported:
    """Import a KPI file's rows as check-ins; every row readable, or nothing is written."""
    new: list[CheckIn] = []
    changed: list[tuple[CheckIn, CheckIn]] = []
    unchanged = 0
    goals: dict[int, Goal] = {}
    people: dict[int, Person] = {}
    try:
        with store.transaction() as txn:
            rows, bad = read_kpi(text, txn.records, today)
            if bad:
                raise KpiRefused(bad)
            for row in rows:
                goals[row.goal.id], people[row.person.id] = row.goal, row.person
                check_in = CheckIn(
                    0, row.goal.id, row.person.id, row.on, row.value, row.level, "", FROM_IMPORT
                )
                before, after = put_check_in(txn, row.goal, check_in)
                if before is None:
                    new.append(after)
                elif _same(before, after):
                    unchanged += 1
                else:
                    changed.append((before, after))
            change = txn.change
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    done = Done(_imported_words(len(new), len(changed), unchanged, dry_run), change)
    return Imported(done, new, changed, unchanged, goals, people)


def _same(before: CheckIn, after: CheckIn) -> bool:
    return (before.value, before.level) == (after.value, after.level)


def _imported_words(new: int, changed: int, unchanged: int, dry_run: bool) -> str:
    parts = [f"{new} new", f"{changed} changed", f"{unchanged} already there"]
    if dry_run:
        return f"Would import: {', '.join(parts)}. Nothing was written (--dry-run)."
    return f"Imported: {', '.join(parts)}."
