"""Working days on the calendar's awkward days: month and year ends, leap day, DST switches.

The DST switches in Helsinki fall on Sundays (29 Mar and 25 Oct 2026, 28 Mar and
31 Oct 2027), so a session is never proposed on one; the days around them keep
their own offsets once planned.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from clihelpers import ok, said

from supervisor_tui.domain.entities import Person, Records
from supervisor_tui.domain.planning import propose_month, propose_next
from supervisor_tui.domain.workdays import is_working_day, working_day_on_or_before

TEN = dt.time(10, 0)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def next_planned_for(db, today: str) -> dict[str, str | None]:
    """Each person's next planned session as stored, seen on ``today``."""
    people = json.loads(ok(db, "people", "--json", today=today))
    return {p["handle"]: p["next_planned_for"] for p in people}


@pytest.mark.parametrize(
    "date, working",
    [
        ("2026-11-23", True),  # Monday
        ("2026-11-27", True),  # Friday
        ("2026-11-28", False),  # Saturday
        ("2026-11-29", False),  # Sunday
        ("2026-03-29", False),  # Sunday, summer time starts
        ("2026-10-25", False),  # Sunday, summer time ends
        ("2028-02-29", True),  # leap day, a Tuesday
        ("2032-02-29", False),  # leap day, a Sunday
    ],
)
def test_working_days_are_monday_to_friday(date, working):
    assert is_working_day(day(date)) is working


@pytest.mark.parametrize(
    "date, expected",
    [
        ("2026-11-25", "2026-11-25"),  # a working day is itself
        ("2026-11-27", "2026-11-27"),
        ("2026-11-28", "2026-11-27"),  # Saturday: the Friday before
        ("2026-11-29", "2026-11-27"),  # Sunday: the Friday before
        ("2026-11-01", "2026-10-30"),  # back across a month end
        ("2028-01-01", "2027-12-31"),  # back across a year end
        ("2026-03-29", "2026-03-27"),  # the spring DST Sunday
        ("2026-10-25", "2026-10-23"),  # the autumn DST Sunday
        ("2028-02-29", "2028-02-29"),  # leap day on a Tuesday
        ("2032-02-29", "2032-02-27"),  # leap day on a Sunday
    ],
)
def test_the_working_day_on_or_before_a_day(date, expected):
    assert working_day_on_or_before(day(date)) == day(expected)


@pytest.mark.parametrize(
    "held_on, cadence, proposed",
    [
        ("2026-11-20", 30, "2026-12-18"),  # due Sun 20 Dec: the Friday before
        ("2026-01-31", 30, "2026-03-02"),  # past a short February
        ("2028-01-31", 30, "2028-03-01"),  # the same in a leap year: a day sooner
        ("2028-01-30", 30, "2028-02-29"),  # due on leap day itself
        ("2026-02-27", 30, "2026-03-27"),  # due on the spring DST Sunday
        ("2026-09-25", 30, "2026-10-23"),  # due on the autumn DST Sunday
        ("2026-12-03", 28, "2026-12-31"),  # four weeks, to the year's last day
    ],
)
def test_the_next_session_is_one_cadence_ahead_pulled_back_to_a_working_day(
    held_on, cadence, proposed
):
    anna = Person(1, "Anna Virtanen", "anna", day("2026-01-01"), cadence_days=cadence)
    assert propose_next(anna, day(held_on), TEN) == dt.datetime.combine(day(proposed), TEN)


@pytest.mark.parametrize(
    "today, due_on, session_on",
    [
        ("2026-03-23", "2026-03-29", "2026-03-27"),  # due on the spring DST Sunday
        ("2026-10-19", "2026-10-25", "2026-10-23"),  # due on the autumn DST Sunday
        ("2026-10-23", "2026-10-20", "2026-10-26"),  # overdue on a Friday: after the switch
        ("2026-05-25", "2026-05-31", "2026-05-29"),  # due on a Sunday at a month end
        ("2026-07-27", "2026-08-01", "2026-07-31"),  # back across a month end
        ("2028-02-25", "2028-02-29", "2028-02-29"),  # due on leap day
        ("2028-02-28", "2028-02-27", "2028-02-29"),  # overdue: tomorrow is leap day
        ("2026-01-30", "2026-01-31", "2026-02-02"),  # only the weekend before it: late
    ],
)
def test_a_month_plan_on_the_calendars_awkward_days(today, due_on, session_on):
    started = day(due_on) - dt.timedelta(days=30)
    anna = Person(1, "Anna Virtanen", "anna", started)
    (proposal,) = propose_month(Records(people=(anna,)), day(today))
    assert proposal.at == dt.datetime.combine(day(session_on), TEN)


def test_a_month_plan_across_the_spring_switch_keeps_ten_oclock_on_both_sides(db_path):
    # Anna due Fri 27 Mar (winter time), Ben due Mon 30 Mar (summer time).
    said(db_path, "people", "add", "Anna Virtanen", "--started", "2026-02-25")
    said(db_path, "people", "add", "Ben Ek", "--started", "2026-02-28")
    ok(db_path, "plan", "--month", "--yes", today="2026-03-23")
    assert next_planned_for(db_path, "2026-03-23") == {
        "anna": "2026-03-27T10:00:00+02:00",
        "ben": "2026-03-30T10:00:00+03:00",
    }


def test_holding_a_session_proposes_the_next_across_the_autumn_switch(db_path):
    # Held Fri 25 Sep: due Sun 25 Oct, when summer time ends; proposed the Friday before.
    said(db_path, "people", "add", "Anna Virtanen", "--started", "2026-08-01")
    ok(db_path, "held", "anna", "--on", "2026-09-25", today="2026-09-25")
    assert next_planned_for(db_path, "2026-09-25") == {"anna": "2026-10-23T10:00:00+03:00"}
