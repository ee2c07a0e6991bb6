"""Leave (DESIGN.md §2): days on leave do not count towards the cadence, and a person on
leave is not due until they are back. Pure rules on fixed dates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from supervisor_tui.domain.entities import HELD, PLANNED, Leave, Person, Records, Session
from supervisor_tui.domain.planning import propose_month, propose_next, weeks_ahead
from supervisor_tui.domain.rules import coaching_due_on, due_for_coaching, leave_on
from supervisor_tui.present.person import coaching_words

HELSINKI = ZoneInfo("Europe/Helsinki")
ANNA = Person(1, "Anna Virtanen", "anna", dt.date(2026, 1, 5), cadence_days=30)
BEN = Person(2, "Ben Ek", "ben", dt.date(2026, 1, 5), cadence_days=30)
# Anna's last 1:1 was on Sun 1 Nov: without leave she falls due on Tue 1 Dec.
HELD_NOV_1 = Session(10, ANNA.id, HELD, held_on=dt.date(2026, 11, 1))


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def leave(first: str, last: str, person: Person = ANNA, leave_id: int = 20) -> Leave:
    return Leave(leave_id, person.id, d(first), d(last))


@pytest.mark.parametrize(
    ("leaves", "due_on"),
    [
        pytest.param([], "2026-12-01", id="no-leave-one-cadence-after"),
        pytest.param([("2026-11-10", "2026-11-23")], "2026-12-15", id="two-weeks-before-due"),
        pytest.param([("2026-11-30", "2026-12-13")], "2026-12-15", id="through-the-due-date"),
        pytest.param([("2026-12-01", "2026-12-01")], "2026-12-02", id="on-the-due-date-only"),
        pytest.param([("2026-12-02", "2026-12-20")], "2026-12-01", id="after-the-due-date"),
        pytest.param([("2026-10-20", "2026-11-03")], "2026-12-03", id="only-days-after-the-1-1"),
        pytest.param([("2026-09-01", "2026-10-01")], "2026-12-01", id="before-the-1-1"),
        pytest.param(
            [("2026-11-10", "2026-11-16"), ("2026-11-14", "2026-11-23")],
            "2026-12-15",
            id="overlapping-leaves-count-once",
        ),
        pytest.param(
            [("2026-11-10", "2026-11-16"), ("2026-12-05", "2026-12-11")],
            "2026-12-15",
            id="a-second-leave-reached-by-the-pushed-date",
        ),
    ],
)
def test_leave_days_before_the_due_date_push_it_back(leaves, due_on):
    found = [leave(a, b, leave_id=20 + n) for n, (a, b) in enumerate(leaves)]
    assert coaching_due_on(ANNA, [HELD_NOV_1], found) == d(due_on)


def test_someone_elses_leave_moves_nothing():
    assert coaching_due_on(ANNA, [HELD_NOV_1], [leave("2026-11-10", "2026-11-23", BEN)]) == d(
        "2026-12-01"
    )


def test_a_person_never_coached_counts_from_the_start_date_without_leave_days():
    # Started Mon 2 Nov, away until Sun 8 Nov: the 14 days count from Mon 9 Nov (the
    # start day itself is never counted, leave or not).
    new = Person(3, "Chloe Dubois", "chloe", d("2026-11-02"), cadence_days=14)
    assert coaching_due_on(new, [], [Leave(21, 3, d("2026-11-02"), d("2026-11-08"))]) == d(
        "2026-11-22"
    )


def _due(today: str, *leaves: Leave, sessions=(HELD_NOV_1,)) -> list[tuple[str, str]]:
    records = Records(people=(ANNA, BEN), sessions=sessions, leaves=leaves)
    return [
        (row.person.handle, row.due_on.isoformat())
        for row in due_for_coaching(records, d(today))
        if row.person.id == ANNA.id
    ]


@pytest.mark.parametrize(
    ("today", "listed"),
    [
        pytest.param("2026-11-26", [("anna", "2026-12-01")], id="due-soon-without-leave"),
        pytest.param("2026-12-10", [("anna", "2026-12-01")], id="overdue-without-leave"),
    ],
)
def test_without_leave_anna_is_due_as_the_cadence_says(today, listed):
    assert _due(today) == listed


@pytest.mark.parametrize(
    ("today", "listed"),
    [
        pytest.param("2026-11-26", [], id="leave-to-come-pushes-due-out-of-sight"),
        pytest.param("2026-11-30", [], id="first-day-of-leave"),
        pytest.param("2026-12-13", [], id="last-day-of-leave"),
        pytest.param("2026-12-14", [("anna", "2026-12-15")], id="back-due-tomorrow"),
        pytest.param("2026-12-16", [("anna", "2026-12-15")], id="back-and-overdue"),
    ],
)
def test_on_leave_through_the_due_date_anna_is_due_only_once_back(today, listed):
    assert _due(today, leave("2026-11-30", "2026-12-13")) == listed


def test_a_person_on_leave_today_is_not_listed_even_when_overdue_from_before():
    overdue_then_away = leave("2026-12-05", "2026-12-20")
    assert _due("2026-12-10", overdue_then_away) == []
    assert _due("2026-12-21", overdue_then_away) == [("anna", "2026-12-01")]


def test_a_planned_session_past_the_due_date_is_not_flagged_while_away():
    late = Session(11, ANNA.id, PLANNED, planned_for=dt.datetime(2027, 1, 4, 10, tzinfo=HELSINKI))
    away = leave("2026-11-30", "2026-12-13")
    assert _due("2026-12-01", away, sessions=(HELD_NOV_1, late)) == []
    assert _due("2026-12-14", away, sessions=(HELD_NOV_1, late)) == [("anna", "2026-12-15")]


def test_leave_on_finds_the_leave_a_day_falls_in():
    away = leave("2026-11-30", "2026-12-13")
    assert leave_on([away], ANNA.id, d("2026-11-29")) is None
    assert leave_on([away], ANNA.id, d("2026-11-30")) == away
    assert leave_on([away], ANNA.id, d("2026-12-13")) == away
    assert leave_on([away], BEN.id, d("2026-12-01")) is None


# --- the month plan -------------------------------------------------------------------------


def _plan(today: str, *leaves: Leave) -> list[str]:
    records = Records(people=(ANNA,), sessions=(HELD_NOV_1,), leaves=leaves)
    return [f"{p.at:%a %Y-%m-%d}" for p in propose_month(records, d(today))]


@pytest.mark.parametrize(
    ("leaves", "proposed"),
    [
        pytest.param((), ["Tue 2026-12-01"], id="no-leave-on-the-due-date"),
        pytest.param(
            (("2026-11-30", "2026-12-13"),), ["Tue 2026-12-15"], id="through-due-first-day-back"
        ),
        pytest.param(
            (("2026-11-16", "2026-11-29"),), ["Tue 2026-12-15"], id="leave-before-due-pushes-it"
        ),
        pytest.param(
            (("2026-12-02", "2026-12-31"),), ["Tue 2026-12-01"], id="leave-after-due-before-it"
        ),
    ],
)
def test_the_month_plan_counts_leave_and_proposes_no_day_of_it(leaves, proposed):
    found = [leave(a, b, leave_id=20 + n) for n, (a, b) in enumerate(leaves)]
    assert _plan("2026-11-20", *found) == proposed


def test_an_overdue_person_on_leave_gets_the_first_working_day_back():
    # Due Tue 1 Dec, away Wed 2 Dec to Sun 13 Dec: from Thu 3 Dec the plan waits until Mon 14.
    assert _plan("2026-12-03", leave("2026-12-02", "2026-12-13")) == ["Mon 2026-12-14"]


def test_the_person_view_says_when_the_leave_ends_and_when_they_fall_due():
    away = leave("2026-11-30", "2026-12-13")
    said = coaching_words(ANNA, [HELD_NOV_1], d("2026-12-01"), leaves=[away])
    assert said.leave == "on leave until Sun 13 Dec"
    assert said.upcoming == "nothing planned (due in 2 weeks)"
    ahead = coaching_words(ANNA, [HELD_NOV_1], d("2026-11-20"), leaves=[away])
    assert ahead.leave == "on leave from Mon 30 Nov to Sun 13 Dec"
    assert coaching_words(ANNA, [HELD_NOV_1], d("2026-12-14"), leaves=[away]).leave == ""


# --- the next session proposed when one is held ----------------------------------------------

TEN = dt.time(10, 0)


@pytest.mark.parametrize(
    ("leaves", "proposed"),
    [
        pytest.param((), "Tue 2026-12-01", id="one-cadence-ahead"),
        pytest.param((("2026-11-16", "2026-11-22"),), "Tue 2026-12-08", id="leave-pushes-it"),
        pytest.param((("2026-11-28", "2026-12-11"),), "Tue 2026-12-15", id="through-the-due-date"),
        pytest.param((("2026-12-05", "2026-12-20"),), "Tue 2026-12-01", id="leave-after-it"),
        # Due Tue 1 Dec on a leave of Wed 25 Nov to Mon 30 Nov: pushed six days, to Mon 7 Dec.
        pytest.param((("2026-11-25", "2026-11-30"),), "Mon 2026-12-07", id="pushed-to-a-monday"),
    ],
)
def test_the_next_session_proposed_counts_leave_and_is_never_on_a_day_of_it(leaves, proposed):
    found = [leave(a, b, leave_id=20 + n) for n, (a, b) in enumerate(leaves)]
    at = propose_next(ANNA, d("2026-11-01"), TEN, found)
    assert f"{at:%a %Y-%m-%d %H:%M}" == f"{proposed} 10:00"


def test_a_due_date_pulled_back_into_a_leave_goes_to_the_first_working_day_after_it():
    # Due Tue 1 Dec, away from that day to Fri 11 Dec: due Sat 12 Dec, which a working day
    # would pull back to Fri 11 Dec, a day of the leave: Mon 14 Dec instead.
    away = leave("2026-12-01", "2026-12-11")
    assert coaching_due_on(ANNA, [HELD_NOV_1], [away]) == d("2026-12-12")
    assert propose_next(ANNA, d("2026-11-01"), TEN, [away]) == dt.datetime(2026, 12, 14, 10, 0)


def test_the_weeks_ahead_place_a_person_on_leave_by_the_due_date_the_leave_pushed():
    records = Records(
        people=(ANNA,), sessions=(HELD_NOV_1,), leaves=(leave("2026-11-30", "2026-12-13"),)
    )
    ahead = weeks_ahead(records, d("2026-11-27"))  # Mon 23 Nov to Sun 20 Dec
    (row,) = [r for week in ahead.weeks for r in week.people]
    assert row.due_on == d("2026-12-15")
    assert row.proposal is not None and f"{row.proposal.at:%a %Y-%m-%d}" == "Tue 2026-12-15"
    assert ahead.overdue == ()
