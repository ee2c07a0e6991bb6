"""Goals as rules: reading a target or a value as typed, and where a goal stands.

A metric is on track when its latest check-in meets the target and off track when
its latest two both miss it; a behaviour is on track at "consistently" and off
track when its latest two are both below "sometimes". In between (one miss, or
"sometimes") a goal still counts as on track: one month is not yet a trend. A
goal without a check-in within the person's cadence has no data: whatever it said
once is too old to coach on.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .entities import (
    ACTIVE,
    BEHAVIOUR,
    DROPPED,
    LEVELS,
    MET,
    METRIC,
    SOMETIMES,
    CheckIn,
    Goal,
    Person,
    Records,
)
from .errors import DomainError
from .folding import fold
from .textsafe import is_one_line

# Where a goal stands: the three an active goal can be in, and the lead's own two.
ON_TRACK, OFF_TRACK, NO_DATA = "on_track", "off_track", "no_data"
STATUSES = (ON_TRACK, OFF_TRACK, NO_DATA, MET, DROPPED)

# Units a target may carry; free text would make every figure a guess.
UNITS = ("%", "s", "pts")
LONGEST_TITLE = 80


class GoalValueError(DomainError):
    """A value, a target or a unit that could not be read; the message gives an example."""


@dataclass(frozen=True, slots=True)
class Target:
    """What a metric should reach: ``op`` (>=, <=, =), a figure and its unit."""

    op: str
    value: float
    unit: str = ""


def parse_number(text: str) -> float:
    """A figure as typed: ``4.6``, or ``4,6`` as Finnish writes it; GoalValueError if not."""
    raw = text.strip().replace("\u2212", "-")
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", raw):
        raise GoalValueError(f'"{text.strip()}" is not a number; write it like 4.6 or 4,6.')
    number = float(raw)
    if not math.isfinite(number):
        raise GoalValueError(f'"{text.strip()}" is not a number; write it like 4.6 or 4,6.')
    return number


def parse_unit(text: str | None) -> str:
    """A target's unit: one of `UNITS`, or none."""
    unit = (text or "").strip()
    if unit and unit not in UNITS:
        raise GoalValueError(f'Use one of these units: {", ".join(UNITS)} (or none), not "{unit}".')
    return unit


def parse_target(text: str, unit: str | None = None) -> Target:
    """A target as typed: ``>= 4.5``, ``<= 300``, ``= 100``; a unit may follow (``>= 90%``)."""
    found = re.fullmatch(r"\s*(>=|<=|=|≥|≤)\s*([^%a-zA-Z\s]+)\s*(%|s|pts)?\s*", text)
    if found is None:
        raise GoalValueError(
            f'"{text.strip()}" is not a target; write it like ">= 4.5", "<= 300" or "= 100".'
        )
    op = {"≥": ">=", "≤": "<="}.get(found[1], found[1])
    value = parse_number(found[2])
    given = parse_unit(unit)
    if found[3] and given and found[3] != given:
        raise GoalValueError(f'The target says "{found[3]}" and --unit says "{given}"; say one.')
    return Target(op, value, found[3] or given)


def parse_level(text: str) -> str:
    """A behaviour's level as typed: the words, the start of them, or 1, 2, 3."""
    word = " ".join(fold(text).replace("-", " ").replace("_", " ").split())
    if word in ("1", "2", "3"):
        return LEVELS[int(word) - 1]
    found = [level for level in LEVELS if word and level.startswith(word)]
    if word and word.replace(" ", "") == "notyet":
        found = [LEVELS[0]]
    if len(found) != 1:
        raise GoalValueError(
            f'"{text.strip()}" is not a level; say not yet, sometimes or consistently (or 1, 2, 3).'
        )
    return found[0]


def parse_value(goal: Goal, text: str) -> tuple[float | None, str | None]:
    """What a check-in of ``goal`` records, as typed: (figure, None) or (None, level)."""
    if not text.strip():
        raise GoalValueError(
            "Give the value: a level (not yet, sometimes, consistently)."
            if goal.kind == BEHAVIOUR
            else "Give the value: a number like 4.6 or 4,6."
        )
    if goal.kind == BEHAVIOUR:
        return None, parse_level(text)
    return parse_number(text), None


def check_title(title: str) -> str:
    """A goal's title, trimmed; refused when empty, longer than a line or holding a
    control character (it is shown in 80 columns, and matched by imports)."""
    if not is_one_line(title.strip()):
        raise GoalValueError(
            "A goal's name is one line of text, without line breaks, tabs or control characters."
        )
    title = " ".join(title.split())
    if not title:
        raise GoalValueError('Name the goal, e.g. "CSAT" or "Uses the customer\'s name".')
    if len(title) > LONGEST_TITLE:
        raise GoalValueError(f"Keep a goal's name to {LONGEST_TITLE} characters.")
    return title


def new_goal(
    person: Person,
    title: str,
    set_on: dt.date,
    target: Target | None = None,
    review_on: dt.date | None = None,
    session_id: int | None = None,
) -> Goal:
    """A new goal: a metric with ``target``, a behaviour without one."""
    if review_on is not None and review_on < set_on:
        raise GoalValueError("A review date can't be before the goal is set.")
    if target is None:
        return Goal(
            0, person.id, check_title(title), set_on, review_on=review_on, session_id=session_id
        )
    return Goal(
        0,
        person.id,
        check_title(title),
        set_on,
        METRIC,
        target.op,
        target.value,
        target.unit,
        review_on,
        session_id,
    )


def close_goal(goal: Goal, status: str, today: dt.date) -> Goal:
    """The goal marked met or dropped today; refused if it is closed already."""
    if goal.status != ACTIVE:
        raise DomainError(f"Goal #{goal.id} is already {goal.status}.")
    return replace(goal, status=status, closed_on=today)


def meets(goal: Goal, check_in: CheckIn) -> bool:
    """Whether a metric's check-in meets its target."""
    value, target = check_in.value, goal.target
    if value is None or target is None:
        return False
    if goal.op == ">=":
        return value >= target
    if goal.op == "<=":
        return value <= target
    return math.isclose(value, target, abs_tol=1e-9)


def level_rank(level: str | None) -> int:
    """0, 1, 2 for not yet, sometimes, consistently; -1 for none."""
    return LEVELS.index(level) if level in LEVELS else -1


def goal_status(goal: Goal, check_ins: Iterable[CheckIn], today: dt.date, cadence_days: int) -> str:
    """Where ``goal`` stands on ``today``, given its check-ins and the person's cadence."""
    if goal.status in (MET, DROPPED):
        return goal.status
    seen = sorted((c for c in check_ins if c.on <= today), key=lambda c: (c.on, c.id))
    if not seen or (today - seen[-1].on).days > cadence_days:
        return NO_DATA
    last, before = seen[-1], seen[-2] if len(seen) > 1 else None
    if goal.kind == METRIC:
        if meets(goal, last):
            return ON_TRACK
        missed_twice = before is not None and not meets(goal, before)
    else:
        if last.level == LEVELS[-1]:
            return ON_TRACK
        low = level_rank(SOMETIMES)
        missed_twice = (
            before is not None and max(level_rank(last.level), level_rank(before.level)) < low
        )
    return OFF_TRACK if missed_twice else ON_TRACK


def check_ins_of(records: Records, goal_id: int) -> tuple[CheckIn, ...]:
    """A goal's check-ins, oldest first."""
    return tuple(c for c in records.check_ins if c.goal_id == goal_id)  # Records keeps them so


def goals_of(records: Records, person_id: int, *, everything: bool = False) -> tuple[Goal, ...]:
    """A person's goals, active ones only unless ``everything``, in the order they were set."""
    own = (
        g for g in records.goals if g.person_id == person_id and (everything or g.status == ACTIVE)
    )
    return tuple(sorted(own, key=lambda g: (g.set_on, g.id)))


def status_of(records: Records, goal: Goal, today: dt.date) -> str:
    """Where a stored goal stands, with its person's cadence."""
    person = records.person(goal.person_id)
    cadence = person.cadence_days if person is not None else 30
    return goal_status(goal, check_ins_of(records, goal.id), today, cadence)


def off_track_count(records: Records, person_id: int, today: dt.date) -> int:
    """How many of the person's active goals are off track."""
    return sum(status_of(records, g, today) == OFF_TRACK for g in goals_of(records, person_id))


def review_due(goal: Goal, today: dt.date) -> bool:
    """Whether an active goal's review date has come."""
    return goal.status == ACTIVE and goal.review_on is not None and goal.review_on <= today


def due_for_review(goals: Iterable[Goal], today: dt.date) -> tuple[Goal, ...]:
    """Active goals whose review date has come: the person's next session goes over them."""
    return tuple(g for g in goals if review_due(g, today))


def find_goal(records: Records, person_id: int, title: str) -> Goal | None:
    """The person's active goal with this title, ignoring case and accents (an import's
    "Asiakastyytyväisyys" finds "asiakastyytyvaisyys"); the latest set if several."""
    key = title_key(title)
    found = [g for g in goals_of(records, person_id) if title_key(g.title) == key]
    return found[-1] if found else None


def title_key(title: str) -> str:
    """A title as matched: case, accents and runs of spaces ignored, and ’ read as '
    (spreadsheets turn one into the other)."""
    return " ".join(fold(title).replace("\u2019", "'").replace("\u2018", "'").split())


def values_of(check_ins: Iterable[CheckIn]) -> list[float]:
    """The check-ins as figures to draw a trend of (a level as its rank)."""
    out: list[float] = []
    for c in check_ins:
        if c.value is not None:
            out.append(c.value)
        elif c.level is not None:
            out.append(float(level_rank(c.level)))
    return out
