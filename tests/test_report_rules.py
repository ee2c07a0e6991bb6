"""The monthly report's rules (domain/report.py) on a hand-built team and fixed dates."""

from __future__ import annotations

import datetime as dt

import pytest
from reportteam import NOVEMBER, OCTOBER, TODAY, d, in_memory

from supervisor_tui.domain.entities import HELD, Person, Records, Session, Settings, Win
from supervisor_tui.domain.report import (
    MonthError,
    ReportIndex,
    add_months,
    median,
    month_end,
    month_report,
    p90,
    parse_month,
    share,
)

RECORDS, IDS = in_memory()


DEFAULTS = Settings()


def report(month: dt.date, today: dt.date = TODAY, settings: Settings = DEFAULTS):
    return month_report(RECORDS, month, today, settings)


def names(people) -> list[str]:
    return [p.name for p in people]


# -- months -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "count", "expected"),
    [
        (d(11, 1), -1, d(10, 1)),
        (d(1, 1), -1, dt.date(2025, 12, 1)),
        (d(11, 1), 2, dt.date(2027, 1, 1)),
        (d(6, 1), -17, dt.date(2025, 1, 1)),
        (d(3, 1), 0, d(3, 1)),
    ],
)
def test_months_step_across_years(month, count, expected):
    assert add_months(month, count) == expected


@pytest.mark.parametrize(
    ("month", "last"),
    [(d(2, 1), d(2, 28)), (dt.date(2028, 2, 1), dt.date(2028, 2, 29)), (d(12, 1), d(12, 31))],
)
def test_a_months_last_day(month, last):
    assert month_end(month) == last


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-10", d(10, 1)), ("2026-11", d(11, 1)), (" 2025-1 ", d(1, 1).replace(year=2025))],
)
def test_a_month_is_given_as_year_and_month(text, expected):
    assert parse_month(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2026-12", "December 2026 has not begun yet; the latest is 2026-11"),
        ("2026-13", '"2026-13" is not a month. Give it as YYYY-MM, e.g. 2026-11.'),
        ("october", '"october" is not a month'),
        ("26-10", '"26-10" is not a month'),
        ("2026-\x1b[31m", '"2026-\\x1b[31m" is not a month'),
    ],
)
def test_a_month_not_begun_or_not_a_month_is_refused_with_what_works(text, says):
    with pytest.raises(MonthError, match=None) as caught:
        parse_month(text, TODAY)
    assert says in str(caught.value)


@pytest.mark.parametrize(
    ("values", "mid", "ninetieth"),
    [
        ([], None, None),
        ([4], 4, 4),
        ([2, 9, 2], 2, 9),
        ([1, 2], 1.5, 2),
        (list(range(1, 11)), 5.5, 9),
    ],
)
def test_median_and_90th_percentile_by_nearest_rank(values, mid, ninetieth):
    assert median(values) == mid
    assert p90(values) == ninetieth


@pytest.mark.parametrize(
    ("part", "whole", "expected"), [(2, 3, 0.667), (0, 4, 0.0), (0, 0, None), (None, 0, None)]
)
def test_a_share_of_nothing_is_none_not_zero(part, whole, expected):
    assert share(part, whole) == expected


# -- coaching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "people", "coached", "not_coached", "held", "on_day", "moved", "moves", "overdue"),
    [
        # Chloé joined mid-October: she counts, and was not coached. Eeva (2 Nov) does not.
        (OCTOBER, 3, 2, ["Chloé Nieminen"], 2, 1, 1, 2, 9),
        # Nobody coached yet in November: 0 of 4, and no sessions to say anything about.
        (
            NOVEMBER,
            4,
            0,
            ["Anna Virtanen", "Ben Ek", "Chloé Nieminen", "Eeva Salo"],
            0,
            None,
            None,
            None,
            7,
        ),
        # September: both held on the day planned, their first 1:1s since January: Anna
        # overdue 1–24 Sep, Ben 1–9 Sep.
        (d(9, 1), 2, 2, [], 2, 2, 0, 0, 33),
    ],
)
def test_coaching_in_a_month(
    month, people, coached, not_coached, held, on_day, moved, moves, overdue
):
    c = report(month).coaching
    assert (c.people, c.coached, names(c.not_coached)) == (people, coached, not_coached)
    assert (c.held, c.held_on_planned_day, c.moved, c.times_moved) == (held, on_day, moved, moves)
    assert c.days_overdue == overdue


def test_an_archived_person_counts_nowhere():
    r = report(OCTOBER)
    assert "Dawit Haile" not in names(p.person for p in r.people)
    assert r.coaching.held == 2  # his held session of 5 Oct is not counted
    assert r.suggestions.received == 4  # nor his suggestion
    assert r.wins.captured == 3  # nor his win
    assert r.follow_ups.due == 3  # nor his follow-up
    assert IDS["a6"] not in [p.record.id for p in r.promises]


def test_a_month_before_anyone_started_has_no_one_and_no_figures():
    c = report(dt.date(2024, 12, 1)).coaching
    assert (c.people, c.coached, c.not_coached, c.days_overdue) == (0, None, (), None)


def test_a_month_before_the_files_first_record_says_nothing_of_coaching():
    r = report(d(8, 1))  # Anna and Ben were on the team; the file begins on 1 Sep
    assert r.before_records
    c = r.coaching
    assert (c.people, c.coached, c.not_coached, c.days_overdue) == (2, None, (), None)
    assert not report(d(9, 1)).before_records


def _person(started: dt.date, cadence: int = 30) -> Person:
    return Person(1, "Anna Virtanen", "anna", started, cadence_days=cadence)


def _held(*days: dt.date) -> tuple[Session, ...]:
    return tuple(Session(10 + n, 1, HELD, held_on=day) for n, day in enumerate(days))


def _since(day: dt.date) -> tuple[Win, ...]:
    """A win on ``day``: the file's first record, from which it knows anything."""
    return (Win(99, 1, "the first record", day, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),)


@pytest.mark.parametrize(
    ("started", "held", "month", "today", "expected"),
    [
        # Due 31 Oct (30 days after 1 Oct): overdue 1–30 Nov.
        (d(10, 1), (), NOVEMBER, d(12, 15), 30),
        # The month under way counts up to today only.
        (d(10, 1), (), NOVEMBER, d(11, 10), 10),
        # Held on the 10th: overdue 1–9 Nov, then due again 10 Dec.
        (d(10, 1), (d(11, 10),), NOVEMBER, d(12, 15), 9),
        # Held on the due day itself: never overdue.
        (d(10, 1), (d(10, 31),), NOVEMBER, d(12, 15), 0),
        # Joined mid-month: not due before a cadence has passed.
        (d(11, 12), (), NOVEMBER, d(12, 15), 0),
        # Held 5 Oct: due 4 Nov, overdue 5–19 Nov, held again on the 20th.
        (d(1, 1), (d(9, 1), d(10, 5), d(11, 20)), NOVEMBER, d(12, 15), 15),
    ],
)
def test_days_overdue_count_the_days_past_the_due_date_within_the_month(
    started, held, month, today, expected
):
    person = _person(started)
    index = ReportIndex(Records(people=(person,), sessions=_held(*held), wins=_since(d(1, 1))))
    assert index.days_overdue(person, month, today) == expected


def test_days_before_the_files_first_record_are_not_counted_overdue():
    person = _person(d(1, 1))
    index = ReportIndex(Records(people=(person,), wins=_since(d(11, 10))))
    # Due since January by the records, but the file begins on 10 Nov: 10–30 Nov.
    assert index.days_overdue(person, NOVEMBER, d(12, 15)) == 21


# -- suggestions, wins, follow-ups --------------------------------------------------------------


def test_suggestions_count_in_the_month_received_even_when_answered_in_the_next():
    s = report(OCTOBER).suggestions
    assert (s.received, s.answered) == (4, 3)
    assert (s.median_days_to_answer, s.p90_days_to_answer) == (2, 9)
    assert s.answered_within_flag == 2  # Ben's took 9 days
    assert (s.accepted, s.declined, s.in_progress) == (1, 1, 1)
    assert [(o.suggestion.id, o.age_days) for o in s.open] == [(IDS["s3"], 31)]


def test_a_month_with_no_suggestions_says_none_received_and_nothing_else():
    s = report(NOVEMBER).suggestions
    assert s.received == 0
    assert (s.answered, s.median_days_to_answer, s.p90_days_to_answer) == (None, None, None)
    assert (s.answered_within_flag, s.accepted, s.declined, s.in_progress) == (None,) * 4
    assert s.open == ()


@pytest.mark.parametrize(("flag", "within"), [(7, 2), (10, 3), (2, 0), (3, 2)])
def test_answered_within_the_flag_threshold_from_the_settings(flag, within):
    s = report(OCTOBER, settings=Settings(suggestion_flag_days=flag)).suggestions
    assert s.answered_within_flag == within


@pytest.mark.parametrize(
    ("month", "captured", "thanked", "mid", "within", "judged", "by_how"),
    [
        (OCTOBER, 3, 2, 1.5, 1, 3, (("in person", 1), ("message", 1))),
        # Yesterday's win is not late yet: it is not judged, either way.
        (NOVEMBER, 2, 1, 1, 1, 1, (("team meeting", 1),)),
        (d(8, 1), 0, None, None, None, 0, ()),
    ],
)
def test_wins_captured_thanked_and_how_soon(month, captured, thanked, mid, within, judged, by_how):
    w = report(month).wins
    assert (w.captured, w.acknowledged, w.median_days_to_acknowledge) == (captured, thanked, mid)
    assert (w.acknowledged_within_flag, w.judged, w.by_how) == (within, judged, by_how)


@pytest.mark.parametrize(
    ("month", "due", "on_time", "late", "still_open", "dropped"),
    [
        (OCTOBER, 3, 1, 1, 1, 1),
        # Ben's follow-up of 25 Nov is not due yet on the 20th.
        (NOVEMBER, 0, None, None, None, 0),
    ],
)
def test_follow_ups_due_in_the_month_kept_or_not(month, due, on_time, late, still_open, dropped):
    f = report(month).follow_ups
    assert (f.due, f.done_on_time, f.done_late, f.open, f.dropped) == (
        due,
        on_time,
        late,
        still_open,
        dropped,
    )


def test_promises_are_the_leads_open_follow_ups_and_come_back_dates_soonest_first():
    promises = report(NOVEMBER).promises
    assert [(p.record.id, p.due_on, p.days_late) for p in promises] == [
        (IDS["a3"], d(10, 30), 21),
        (IDS["s5"], d(11, 25), 0),
        (IDS["a5"], d(11, 25), 0),
    ]


def test_promises_are_todays_whatever_month_is_reported():
    assert report(OCTOBER).promises == report(NOVEMBER).promises


# -- per person and the trend -------------------------------------------------------------------


def test_per_person_rows_for_october():
    rows = {r.person.name: r for r in report(OCTOBER).people}
    assert list(rows) == ["Anna Virtanen", "Ben Ek", "Chloé Nieminen"]
    ben = rows["Ben Ek"]
    assert (ben.held, ben.moved, ben.days_overdue) == (1, 1, 9)
    assert (ben.suggestions, ben.answered, ben.wins, ben.thanked) == (1, 1, 1, 1)
    assert (ben.follow_ups_due, ben.follow_ups_on_time) == (1, 0)
    anna = rows["Anna Virtanen"]
    assert (anna.suggestions, anna.answered, anna.follow_ups_due, anna.follow_ups_on_time) == (
        2,
        2,
        1,
        1,
    )


def test_the_trend_is_six_months_ending_with_the_month_reported():
    trend = report(NOVEMBER).trend
    assert [h.month for h in trend] == [d(m, 1) for m in range(6, 12)]
    october, november = trend[-2], trend[-1]
    assert (
        october.share_coached,
        october.median_days_to_answer,
        october.share_wins_thanked_in_time,
        october.share_follow_ups_on_time,
    ) == (0.667, 2, 0.333, 0.333)
    assert (
        november.share_coached,
        november.median_days_to_answer,
        november.share_wins_thanked_in_time,
        november.share_follow_ups_on_time,
    ) == (0.0, None, 1.0, None)
    # June: Anna and Ben were on the team, but the file begins on 1 Sep: nothing to say.
    assert [h.share_coached for h in trend[:3]] == [None, None, None]


def test_a_past_month_is_not_under_way_and_the_current_one_is():
    assert not report(OCTOBER).under_way
    assert report(NOVEMBER).under_way
    assert report(OCTOBER).last_day == d(10, 31)
    assert report(NOVEMBER).last_day == TODAY
