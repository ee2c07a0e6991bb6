"""Goals in words: a target, a value, a status and a small trend, as both interfaces show them.

`sup goals`, the Markdown records, the person view and the session view all take
their words from here, so "≥ 4.5 pts" and "off track" read the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..domain.entities import BEHAVIOUR, CheckIn, Goal, Records
from ..domain.goals import (
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    check_ins_of,
    review_due,
    status_of,
    values_of,
)

STATUS_WORDS = {
    ON_TRACK: "on track",
    OFF_TRACK: "off track",
    NO_DATA: "no data",
    "met": "met",
    "dropped": "dropped",
}
_OPS = {">=": "≥", "<=": "≤", "=": "="}
_BARS = "▁▂▃▄▅▆▇█"
TREND_POINTS = 6  # the months a trend shows: half a year


def number_words(value: float) -> str:
    """A figure without trailing zeros: 4.5, 300, 92.25."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def with_unit(value: float, unit: str) -> str:
    """A figure with its unit: 92%, 240 s, 12 pts."""
    figure = number_words(value)
    if not unit:
        return figure
    return f"{figure}{unit}" if unit == "%" else f"{figure} {unit}"


def target_words(goal: Goal) -> str:
    """The target: "≥ 4.5", "≤ 300 s"; for a behaviour, "behaviour"."""
    if goal.kind == BEHAVIOUR or goal.target is None:
        return "behaviour"
    return f"{_OPS.get(goal.op or '', goal.op)} {with_unit(goal.target, goal.unit)}"


def value_words(goal: Goal, check_in: CheckIn) -> str:
    """What a check-in recorded: "4.6", "92%", "sometimes"."""
    if check_in.level is not None:
        return check_in.level
    if check_in.value is not None:
        return with_unit(check_in.value, goal.unit if goal.kind != BEHAVIOUR else "")
    return "?"


def bare_value(check_in: CheckIn) -> str:
    """A check-in's value without its unit: "4.6", "sometimes"."""
    if check_in.level is not None:
        return check_in.level
    return number_words(check_in.value) if check_in.value is not None else "?"


def draft_value_words(goal: Goal, value: float | None, level: str | None) -> str:
    """A value typed in a session, not yet saved."""
    return value_words(goal, CheckIn(0, goal.id, goal.person_id, dt.date.min, value, level))


def trend(goal: Goal, check_ins: tuple[CheckIn, ...], points: int = TREND_POINTS) -> str:
    """The latest check-ins as a row of bars, oldest first: "▂▃▅▄▃▂"."""
    values = values_of(check_ins)[-points:]
    if not values:
        return ""
    if goal.kind == BEHAVIOUR:
        low, high = 0.0, 2.0  # the scale is fixed: "consistently" is always the top
    else:
        low, high = min(values), max(values)
    if high == low:
        return _BARS[3] * len(values)
    top = len(_BARS) - 1
    return "".join(_BARS[round((v - low) / (high - low) * top)] for v in values)


def last_values(goal: Goal, check_ins: tuple[CheckIn, ...]) -> str:
    """The latest values, oldest first, a unit said once: "4.2 · 4.4 · 4.6 pts", "76%",
    "sometimes · consistently" (levels are long: two of them)."""
    if goal.kind == BEHAVIOUR:
        return " · ".join(value_words(goal, c) for c in check_ins[-2:])
    shown = check_ins[-3:]
    if goal.unit == "%" or not goal.unit:
        return " · ".join(value_words(goal, c) for c in shown)
    figures = [bare_value(c) for c in shown]
    return f"{' · '.join(figures)} {goal.unit}" if figures else ""


def row_target(goal: Goal) -> str:
    """The target at the start of a goal's row: "≥ 4.5 pts"; nothing for a behaviour (its
    levels say what it is, and 80 columns have no room to spare)."""
    return "" if goal.target is None else target_words(goal)


class GoalWords(NamedTuple):
    """One goal as the lead reads it."""

    goal: Goal
    status: str  # ON_TRACK, OFF_TRACK, …
    status_words: str  # "off track"
    target: str  # "≥ 4.5"
    last: str  # "4.2 · 4.4" (the last three, oldest first); "" without check-ins
    trend: str  # "▂▃▅▄▃▂"
    review_due: bool  # its review date has come

    @property
    def flagged(self) -> bool:
        """Off track: what the lead should see first."""
        return self.status == OFF_TRACK


def goal_words(records: Records, goal: Goal, today: dt.date) -> GoalWords:
    """Where one goal stands on ``today``, in words."""
    own = check_ins_of(records, goal.id)
    status = status_of(records, goal, today)
    last = last_values(goal, own)
    review = review_due(goal, today)
    return GoalWords(
        goal, status, STATUS_WORDS[status], target_words(goal), last, trend(goal, own), review
    )
