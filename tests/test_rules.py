"""The day view's rules (DESIGN.md §2), pinned to a fixed day and small hand-built records."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from supervisor_tui.domain.entities import (
    ACCEPTED,
    CANCELLED,
    DECLINED,
    HELD,
    IN_PROGRESS,
    OPEN,
    PLANNED,
    Agreement,
    Note,
    Person,
    Records,
    Session,
    Settings,
    Suggestion,
    Win,
)
from supervisor_tui.domain.rules import (
    coaching_due_on,
    day_view,
    due_for_coaching,
    follow_ups_due,
    last_held,
    next_planned,
    open_agreements,
    planned_too_late,
    sessions_today,
    suggestion_flagged,
    unacknowledged_wins,
    unanswered_suggestions,
    win_flagged,
)

TODAY = dt.date(2026, 11, 22)
HELSINKI = ZoneInfo("Europe/Helsinki")
NEW_YORK = ZoneInfo("America/New_York")

_ids = itertools.count(1000)


# --- builders -----------------------------------------------------------------------------


def ago(days: int) -> dt.date:
    """The date `days` before TODAY (negative: after)."""
    return TODAY - dt.timedelta(days=days)


def ahead(days: int) -> dt.date:
    """The date `days` after TODAY."""
    return TODAY + dt.timedelta(days=days)


def at(day: dt.date, hour: int = 10, minute: int = 0, tz: ZoneInfo = HELSINKI) -> dt.datetime:
    """A local moment on `day`."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)


def person(
    name: str = "Anna Virtanen",
    *,
    started_on: dt.date | None = None,
    cadence: int = 30,
    archived: bool = False,
    id: int | None = None,
) -> Person:
    return Person(
        id=next(_ids) if id is None else id,
        name=name,
        handle=name.split()[0].casefold(),
        started_on=ago(400) if started_on is None else started_on,
        cadence_days=cadence,
        archived=archived,
    )


def held(p: Person, on: dt.date, *, id: int | None = None) -> Session:
    return Session(
        id=next(_ids) if id is None else id,
        person_id=p.id,
        status=HELD,
        planned_for=at(on),
        held_on=on,
    )


def planned(p: Person, when: dt.date | dt.datetime, *, id: int | None = None) -> Session:
    moment = when if isinstance(when, dt.datetime) else at(when)
    return Session(
        id=next(_ids) if id is None else id, person_id=p.id, status=PLANNED, planned_for=moment
    )


def cancelled(p: Person, on: dt.date, *, held_on: dt.date | None = None) -> Session:
    return Session(
        id=next(_ids), person_id=p.id, status=CANCELLED, planned_for=at(on), held_on=held_on
    )


def agreement(
    p: Person,
    follow_up_on: dt.date | None,
    *,
    done_on: dt.date | None = None,
    dropped_on: dt.date | None = None,
    id: int | None = None,
) -> Agreement:
    return Agreement(
        id=next(_ids) if id is None else id,
        person_id=p.id,
        text="send the shift plan",
        created=at(ago(20)),
        follow_up_on=follow_up_on,
        done_on=done_on,
        dropped_on=dropped_on,
    )


def suggestion(
    p: Person,
    received_on: dt.date,
    *,
    decision: str = OPEN,
    come_back_by: dt.date | None = None,
    id: int | None = None,
) -> Suggestion:
    return Suggestion(
        id=next(_ids) if id is None else id,
        person_id=p.id,
        text="a shared macro for refund replies",
        received_on=received_on,
        created=at(received_on),
        decision=decision,
        come_back_by=come_back_by,
    )


def win(
    p: Person,
    happened_on: dt.date,
    *,
    acknowledged_on: dt.date | None = None,
    id: int | None = None,
) -> Win:
    return Win(
        id=next(_ids) if id is None else id,
        person_id=p.id,
        text="closed the escalated billing case",
        happened_on=happened_on,
        created=at(happened_on, 15),
        acknowledged_on=acknowledged_on,
    )


_FIELDS = {
    Person: "people",
    Session: "sessions",
    Agreement: "agreements",
    Suggestion: "suggestions",
    Win: "wins",
    Note: "notes",
}


def records(*items: Person | Session | Agreement | Suggestion | Win | Note) -> Records:
    """A snapshot holding these records, each filed under its kind."""
    by_field: dict[str, list] = {name: [] for name in _FIELDS.values()}
    for item in items:
        by_field[_FIELDS[type(item)]].append(item)
    return Records(**{name: tuple(values) for name, values in by_field.items()})


def names(rows) -> list[str]:
    return [row.person.name for row in rows]


# --- due for coaching ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_since_held", "days_until_due", "flagged"),
    [
        pytest.param(31, -1, True, id="31-days-overdue-by-one-flagged"),
        pytest.param(30, 0, False, id="30-days-due-today-not-flagged"),
        pytest.param(29, 1, False, id="29-days-due-tomorrow-not-flagged"),
        pytest.param(25, 5, False, id="25-days-due-in-five-listed"),
    ],
)
def test_person_at_or_near_the_end_of_cadence_is_due(days_since_held, days_until_due, flagged):
    anna = person()
    rows = due_for_coaching(records(anna, held(anna, ago(days_since_held))), TODAY)

    assert len(rows) == 1
    row = rows[0]
    assert row.person == anna
    assert row.due_on == ahead(days_until_due)
    assert row.days_until_due == days_until_due
    assert row.last_held_on == ago(days_since_held)
    assert row.planned is None
    assert row.flagged is flagged


@pytest.mark.parametrize(
    "days_since_held",
    [pytest.param(24, id="24-days-due-in-six"), pytest.param(5, id="5-days-ago")],
)
def test_person_due_more_than_five_days_ahead_is_not_listed(days_since_held):
    anna = person()

    assert due_for_coaching(records(anna, held(anna, ago(days_since_held))), TODAY) == ()


def test_new_starter_never_coached_counts_from_start_date_and_is_overdue():
    newbie = person("Niko Nieminen", started_on=ago(40))

    (row,) = due_for_coaching(records(newbie), TODAY)

    assert row.due_on == ago(10)
    assert row.days_until_due == -10
    assert row.last_held_on is None
    assert row.flagged is True


def test_new_starter_who_started_three_days_ago_is_not_listed():
    newbie = person("Niko Nieminen", started_on=ago(3))

    assert due_for_coaching(records(newbie), TODAY) == ()


@pytest.mark.parametrize(
    ("days_since_held", "expected_days_until_due"),
    [
        pytest.param(15, -1, id="15-days-overdue"),
        pytest.param(14, 0, id="14-days-due-today"),
        pytest.param(9, 5, id="9-days-due-in-five"),
        pytest.param(8, None, id="8-days-not-listed"),
    ],
)
def test_due_date_follows_the_persons_own_cadence(days_since_held, expected_days_until_due):
    fortnightly = person("Bruno Berg", cadence=14)

    rows = due_for_coaching(records(fortnightly, held(fortnightly, ago(days_since_held))), TODAY)

    assert [r.days_until_due for r in rows] == (
        [] if expected_days_until_due is None else [expected_days_until_due]
    )


def test_due_date_counts_from_the_most_recent_held_session():
    anna = person()
    recs = records(anna, held(anna, ago(70)), held(anna, ago(31)), held(anna, ago(100)))

    (row,) = due_for_coaching(recs, TODAY)

    assert row.last_held_on == ago(31)
    assert row.due_on == ago(1)


@pytest.mark.parametrize(
    "planned_on",
    [
        pytest.param(ahead(1), id="planned-tomorrow-due-in-two"),
        pytest.param(ahead(2), id="planned-on-the-due-date"),
        pytest.param(TODAY, id="planned-for-today"),
    ],
)
def test_planned_session_inside_cadence_window_keeps_person_off_the_list(planned_on):
    anna = person()
    recs = records(anna, held(anna, ago(28)), planned(anna, planned_on))

    assert due_for_coaching(recs, TODAY) == ()


def test_planned_session_past_the_due_date_is_listed_and_flagged_with_the_session():
    anna = person()
    late = planned(anna, ahead(3))
    recs = records(anna, held(anna, ago(28)), late)

    (row,) = due_for_coaching(recs, TODAY)

    assert row.due_on == ahead(2)
    assert row.planned == late
    assert row.flagged is True


def test_planned_session_past_the_due_date_is_listed_even_beyond_the_due_soon_window():
    anna = person()
    far_too_late = planned(anna, ahead(25))
    recs = records(anna, held(anna, ago(10)), far_too_late)

    (row,) = due_for_coaching(recs, TODAY)

    assert row.days_until_due == 20
    assert row.planned == far_too_late
    assert row.flagged is True


def test_earliest_upcoming_planned_session_decides_whether_the_window_is_covered():
    anna = person()
    recs = records(anna, held(anna, ago(28)), planned(anna, ahead(20)), planned(anna, ahead(1)))

    assert due_for_coaching(recs, TODAY) == ()


def test_stale_planned_session_from_last_week_does_not_cover_the_window():
    anna = person()
    # Planned for a day before the due date, but never recorded as held or cancelled.
    recs = records(anna, held(anna, ago(31)), planned(anna, ago(7)))

    (row,) = due_for_coaching(recs, TODAY)

    assert row.days_until_due == -1
    assert row.planned is None
    assert row.flagged is True


def test_stale_planned_session_does_not_list_someone_not_yet_due():
    anna = person()
    recs = records(anna, held(anna, ago(10)), planned(anna, ago(7)))

    assert due_for_coaching(recs, TODAY) == ()


def test_cancelled_session_does_not_count_as_held():
    anna = person()
    recs = records(anna, held(anna, ago(40)), cancelled(anna, ago(5), held_on=ago(5)))

    (row,) = due_for_coaching(recs, TODAY)

    assert row.last_held_on == ago(40)
    assert row.days_until_due == -10


def test_cancelled_upcoming_session_does_not_cover_the_window():
    anna = person()
    recs = records(anna, held(anna, ago(31)), cancelled(anna, ahead(1)))

    (row,) = due_for_coaching(recs, TODAY)

    assert row.planned is None
    assert row.flagged is True


def test_archived_person_is_never_due_for_coaching():
    gone = person("Gone Person", archived=True)
    recs = records(gone, held(gone, ago(90)), planned(gone, ahead(40)))

    assert due_for_coaching(recs, TODAY) == ()


def test_due_for_coaching_lists_overdue_first_then_by_due_date_then_name():
    cecilia = person("Cecilia Carlsson")
    aaron = person("Aaron Aalto")
    bruno = person("Bruno Berg")
    anna = person("anna virtanen")  # lower case: names sort case-insensitively
    dora = person("Dora Dahl")
    recs = records(
        cecilia,
        held(cecilia, ago(33)),
        bruno,
        held(bruno, ago(28)),
        dora,
        held(dora, ago(31)),
        anna,
        held(anna, ago(28)),
        aaron,
        held(aaron, ago(33)),
    )

    rows = due_for_coaching(recs, TODAY)

    assert names(rows) == [
        "Aaron Aalto",
        "Cecilia Carlsson",
        "Dora Dahl",
        "anna virtanen",
        "Bruno Berg",
    ]
    assert [r.flagged for r in rows] == [True, True, True, False, False]


@pytest.mark.parametrize(
    ("settings", "days_since_held", "listed"),
    [
        pytest.param(Settings(), 22, False, id="default-five-days-due-in-eight-not-listed"),
        pytest.param(Settings(due_soon_days=10), 22, True, id="ten-days-due-in-eight-listed"),
        pytest.param(Settings(due_soon_days=0), 29, False, id="zero-days-due-tomorrow-not-listed"),
        pytest.param(Settings(due_soon_days=0), 30, True, id="zero-days-due-today-listed"),
    ],
)
def test_due_soon_window_comes_from_settings(settings, days_since_held, listed):
    anna = person()
    recs = records(anna, held(anna, ago(days_since_held)))

    assert bool(due_for_coaching(recs, TODAY, settings)) is listed


# --- the helpers the day view and other screens reuse ---------------------------------------


def test_coaching_due_on_is_one_cadence_after_the_last_held_session():
    bruno = person("Bruno Berg", cadence=14)

    assert coaching_due_on(bruno, [held(bruno, ago(3)), held(bruno, ago(20))]) == ahead(11)


def test_coaching_due_on_counts_from_start_date_when_never_held():
    bruno = person("Bruno Berg", started_on=ago(2), cadence=14)

    assert coaching_due_on(bruno, [planned(bruno, ahead(1)), cancelled(bruno, ago(1))]) == ahead(12)


def test_last_held_ignores_planned_and_cancelled_sessions():
    anna = person()
    latest = held(anna, ago(10))
    sessions = [held(anna, ago(40)), latest, planned(anna, ago(2)), cancelled(anna, ago(1))]

    assert last_held(sessions) == latest
    assert last_held([planned(anna, ahead(1))]) is None


def test_next_planned_is_the_earliest_planned_session_today_or_later():
    anna = person()
    later_today = planned(anna, at(TODAY, 15))
    sessions = [
        planned(anna, ahead(3)),
        later_today,
        planned(anna, ago(1)),
        cancelled(anna, TODAY),
    ]

    assert next_planned(sessions, TODAY) == later_today
    assert next_planned([planned(anna, ago(1))], TODAY) is None


# --- unanswered suggestions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "come_back_by", "listed", "flagged"),
    [
        pytest.param(OPEN, None, True, False, id="open-listed"),
        pytest.param(ACCEPTED, None, False, None, id="accepted-not-listed"),
        pytest.param(DECLINED, None, False, None, id="declined-not-listed"),
        pytest.param(IN_PROGRESS, None, True, False, id="in-progress-without-date-listed"),
        pytest.param(IN_PROGRESS, ago(1), True, True, id="in-progress-date-passed-flagged"),
        pytest.param(IN_PROGRESS, TODAY, True, False, id="in-progress-date-today-listed"),
        pytest.param(IN_PROGRESS, ahead(1), False, None, id="in-progress-date-future-not-listed"),
    ],
)
def test_suggestion_waits_for_an_answer_depending_on_its_decision(
    decision, come_back_by, listed, flagged
):
    anna = person()
    idea = suggestion(anna, ago(3), decision=decision, come_back_by=come_back_by)

    rows = unanswered_suggestions(records(anna, idea), TODAY)

    if listed:
        (row,) = rows
        assert row.suggestion == idea
        assert row.person == anna
        assert row.flagged is flagged
    else:
        assert rows == ()


@pytest.mark.parametrize(
    ("age", "flagged"),
    [
        pytest.param(0, False, id="received-today"),
        pytest.param(6, False, id="six-days-not-flagged"),
        pytest.param(7, True, id="seven-days-flagged"),
        pytest.param(8, True, id="eight-days-flagged"),
    ],
)
def test_suggestion_waiting_a_week_is_flagged(age, flagged):
    anna = person()

    (row,) = unanswered_suggestions(records(anna, suggestion(anna, ago(age))), TODAY)

    assert row.age_days == age
    assert row.flagged is flagged


def test_in_progress_suggestion_due_today_is_flagged_once_a_week_old():
    anna = person()
    idea = suggestion(anna, ago(9), decision=IN_PROGRESS, come_back_by=TODAY)

    (row,) = unanswered_suggestions(records(anna, idea), TODAY)

    assert row.flagged is True


def test_unanswered_suggestions_come_oldest_first_then_by_id():
    anna, bruno = person(), person("Bruno Berg")
    recs = records(
        anna,
        bruno,
        suggestion(anna, ago(1), id=1),
        suggestion(bruno, ago(5), id=9),
        suggestion(anna, ago(5), id=4),
        suggestion(bruno, ago(10), decision=IN_PROGRESS, come_back_by=ago(2), id=7),
    )

    rows = unanswered_suggestions(recs, TODAY)

    assert [r.suggestion.id for r in rows] == [7, 4, 9, 1]


def test_archived_persons_suggestions_are_not_listed():
    gone = person("Gone Person", archived=True)

    assert unanswered_suggestions(records(gone, suggestion(gone, ago(30))), TODAY) == ()


@pytest.mark.parametrize(
    ("settings", "flagged"),
    [
        pytest.param(Settings(), False, id="default-seven-days"),
        pytest.param(Settings(suggestion_flag_days=3), True, id="three-days"),
    ],
)
def test_suggestion_flag_threshold_comes_from_settings(settings, flagged):
    anna = person()

    (row,) = unanswered_suggestions(records(anna, suggestion(anna, ago(3))), TODAY, settings)

    assert row.flagged is flagged


# --- unacknowledged wins ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "flagged"),
    [
        pytest.param(0, False, id="today-not-flagged"),
        pytest.param(1, False, id="yesterday-not-flagged"),
        pytest.param(2, True, id="two-days-ago-flagged"),
        pytest.param(3, True, id="three-days-ago-flagged"),
    ],
)
def test_win_two_days_old_or_more_is_flagged(age, flagged):
    anna = person()
    success = win(anna, ago(age))

    (row,) = unacknowledged_wins(records(anna, success), TODAY)

    assert row.win == success
    assert row.person == anna
    assert row.age_days == age
    assert row.flagged is flagged


def test_acknowledged_win_is_not_listed():
    anna = person()
    recs = records(anna, win(anna, ago(5), acknowledged_on=ago(4)))

    assert unacknowledged_wins(recs, TODAY) == ()


def test_unacknowledged_wins_come_oldest_first_then_by_id():
    anna, bruno = person(), person("Bruno Berg")
    recs = records(
        anna,
        bruno,
        win(anna, TODAY, id=1),
        win(bruno, ago(3), id=8),
        win(anna, ago(3), id=5),
        win(bruno, ago(6), id=9),
    )

    assert [r.win.id for r in unacknowledged_wins(recs, TODAY)] == [9, 5, 8, 1]


def test_archived_persons_wins_are_not_listed():
    gone = person("Gone Person", archived=True)

    assert unacknowledged_wins(records(gone, win(gone, ago(4))), TODAY) == ()


@pytest.mark.parametrize(
    ("settings", "flagged"),
    [
        pytest.param(Settings(), True, id="default-two-days"),
        pytest.param(Settings(win_flag_days=5), False, id="five-days"),
    ],
)
def test_win_flag_threshold_comes_from_settings(settings, flagged):
    anna = person()

    (row,) = unacknowledged_wins(records(anna, win(anna, ago(3))), TODAY, settings)

    assert row.flagged is flagged


@pytest.mark.parametrize(
    ("tz", "utc_date"),
    [
        # 23:30 in New York is 04:30 UTC the next day: the UTC date must not leak in.
        pytest.param(NEW_YORK, dt.date(2026, 11, 23), id="new-york-minus-five"),
        pytest.param(HELSINKI, dt.date(2026, 11, 22), id="helsinki-plus-two"),
    ],
)
def test_win_captured_at_half_past_eleven_local_counts_as_today(tz, utc_date):
    anna = person()
    created = dt.datetime(2026, 11, 22, 23, 30, tzinfo=tz)
    late_win = Win(
        id=1,
        person_id=anna.id,
        text="calmed the customer who called back three times",
        happened_on=created.date(),
        created=created,
    )
    assert created.astimezone(dt.UTC).date() == utc_date

    view = day_view(records(anna, late_win), dt.date(2026, 11, 22))

    (row,) = view.wins
    assert row.win == late_win
    assert row.age_days == 0
    assert row.flagged is False


# --- follow-ups due -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up_on", "days_late", "flagged"),
    [
        pytest.param(TODAY, 0, False, id="today-not-flagged"),
        pytest.param(ago(1), 1, True, id="yesterday-late-flagged"),
        pytest.param(ago(10), 10, True, id="ten-days-late-flagged"),
    ],
)
def test_open_agreement_whose_follow_up_date_has_come_is_due(follow_up_on, days_late, flagged):
    anna = person()
    promise = agreement(anna, follow_up_on)

    (row,) = follow_ups_due(records(anna, promise), TODAY)

    assert row.agreement == promise
    assert row.person == anna
    assert row.days_late == days_late
    assert row.flagged is flagged


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"follow_up_on": ahead(1)}, id="follow-up-tomorrow"),
        pytest.param({"follow_up_on": ago(3), "done_on": ago(1)}, id="done"),
        pytest.param({"follow_up_on": ago(3), "dropped_on": ago(1)}, id="dropped"),
        pytest.param({"follow_up_on": None}, id="no-follow-up-date"),
    ],
)
def test_agreement_not_yet_due_or_closed_or_undated_is_not_a_follow_up(kwargs):
    anna = person()
    follow_up_on = kwargs.pop("follow_up_on")

    assert follow_ups_due(records(anna, agreement(anna, follow_up_on, **kwargs)), TODAY) == ()


def test_follow_ups_come_by_follow_up_date_then_id():
    anna, bruno = person(), person("Bruno Berg")
    recs = records(
        anna,
        bruno,
        agreement(anna, TODAY, id=1),
        agreement(bruno, ago(2), id=6),
        agreement(anna, ago(2), id=3),
        agreement(bruno, ago(9), id=8),
    )

    assert [r.agreement.id for r in follow_ups_due(recs, TODAY)] == [8, 3, 6, 1]


def test_archived_persons_follow_ups_are_not_listed():
    gone = person("Gone Person", archived=True)

    assert follow_ups_due(records(gone, agreement(gone, ago(2))), TODAY) == ()


# --- today's sessions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "listed", "flagged"),
    [
        pytest.param(at(TODAY, 9), True, False, id="this-morning"),
        pytest.param(at(TODAY, 16), True, False, id="this-afternoon"),
        pytest.param(at(ago(7)), True, True, id="last-week-never-recorded-flagged"),
        pytest.param(at(ago(1)), True, True, id="yesterday-never-recorded-flagged"),
        pytest.param(at(ahead(1), 9), False, None, id="tomorrow-not-listed"),
        # Local dates decide: 23:30 in New York is already the 23rd in UTC.
        pytest.param(at(TODAY, 23, 30, NEW_YORK), True, False, id="late-tonight-new-york"),
        # 00:30 on the 23rd in Helsinki is still the 22nd in UTC.
        pytest.param(at(ahead(1), 0, 30), False, None, id="just-after-midnight-helsinki"),
    ],
)
def test_planned_session_for_today_or_an_earlier_day_is_listed(when, listed, flagged):
    anna = person()
    session = planned(anna, when)

    rows = sessions_today(records(anna, session), TODAY)

    if listed:
        (row,) = rows
        assert row.session == session
        assert row.person == anna
        assert row.flagged is flagged
    else:
        assert rows == ()


@pytest.mark.parametrize(
    "session_for",
    [
        pytest.param(lambda p: held(p, TODAY), id="held-today"),
        pytest.param(lambda p: cancelled(p, TODAY), id="cancelled-today"),
        pytest.param(lambda p: cancelled(p, ago(7)), id="cancelled-last-week"),
    ],
)
def test_held_or_cancelled_session_is_not_in_todays_sessions(session_for):
    anna = person()

    assert sessions_today(records(anna, session_for(anna)), TODAY) == ()


def test_todays_session_carries_open_agreements_and_last_held_session():
    anna, bruno = person(), person("Bruno Berg")
    previous = held(anna, ago(30))
    soon = agreement(anna, ago(2), id=11)
    later = agreement(anna, ahead(5), id=12)
    undated = agreement(anna, None, id=13)
    recs = records(
        anna,
        bruno,
        held(anna, ago(60)),
        previous,
        cancelled(anna, ago(3), held_on=ago(3)),
        planned(anna, at(TODAY, 10)),
        undated,
        later,
        soon,
        agreement(anna, ago(10), done_on=ago(1)),
        agreement(anna, ago(10), dropped_on=ago(1)),
        agreement(bruno, ago(1)),
    )

    (row,) = sessions_today(recs, TODAY)

    assert row.open_agreements == (soon, later, undated)
    assert row.last_held == previous


def test_first_session_has_no_last_held_session():
    newbie = person("Niko Nieminen", started_on=ago(10))

    (row,) = sessions_today(records(newbie, planned(newbie, TODAY)), TODAY)

    assert row.last_held is None
    assert row.open_agreements == ()


def test_open_agreements_are_the_persons_own_soonest_follow_up_first():
    anna, bruno = person(), person("Bruno Berg")
    first = agreement(anna, ago(1), id=2)
    second = agreement(anna, ahead(1), id=1)
    undated = agreement(anna, None, id=3)
    recs = records(anna, bruno, undated, second, first, agreement(bruno, ago(5)))

    assert open_agreements(recs, anna.id) == (first, second, undated)


def test_todays_sessions_come_in_time_order():
    anna, bruno, cecilia = person(), person("Bruno Berg"), person("Cecilia Carlsson")
    recs = records(
        anna,
        bruno,
        cecilia,
        planned(anna, at(TODAY, 14), id=1),
        planned(bruno, at(TODAY, 9), id=2),
        planned(cecilia, at(ago(4), 11), id=3),
    )

    assert [r.session.id for r in sessions_today(recs, TODAY)] == [3, 2, 1]


def test_archived_persons_sessions_are_not_listed():
    gone = person("Gone Person", archived=True)

    assert sessions_today(records(gone, planned(gone, TODAY), planned(gone, ago(3))), TODAY) == ()


# --- the day view -------------------------------------------------------------------------


def _busy_day(p: Person) -> Records:
    """One person with something in every section of the day view."""
    return records(
        p,
        held(p, ago(45)),
        planned(p, at(ago(1), 10)),  # never recorded: still listed under today's sessions
        planned(p, ahead(20)),
        suggestion(p, ago(8)),
        win(p, ago(1)),
        agreement(p, ago(1)),
    )


SECTIONS = ["sessions_today", "due_for_coaching", "suggestions", "wins", "follow_ups"]


@pytest.mark.parametrize("section", SECTIONS)
def test_active_person_with_something_everywhere_appears_in_every_section(section):
    anna = person()

    (row,) = getattr(day_view(_busy_day(anna), TODAY), section)

    assert row.person == anna


@pytest.mark.parametrize("section", SECTIONS)
def test_archived_person_drops_out_of_every_section(section):
    gone = person("Gone Person", archived=True)

    assert getattr(day_view(_busy_day(gone), TODAY), section) == ()


def test_day_view_assembles_all_five_sections_in_display_order():
    anna, bruno, cecilia = person(), person("Bruno Berg"), person("Cecilia Carlsson")
    recs = records(
        anna,
        bruno,
        cecilia,
        # Anna: 1:1 this afternoon, last one 31 days ago; Bruno: overdue, nothing planned.
        held(anna, ago(31)),
        planned(anna, at(TODAY, 14), id=101),
        held(bruno, ago(40)),
        held(cecilia, ago(3)),
        planned(cecilia, at(ago(2), 9), id=102),
        suggestion(bruno, ago(9), id=201),
        suggestion(cecilia, ago(2), id=202),
        suggestion(anna, ago(1), decision=ACCEPTED, id=203),
        win(cecilia, TODAY, id=301),
        win(anna, ago(4), id=302),
        win(bruno, ago(4), acknowledged_on=ago(3), id=303),
        agreement(anna, ago(3), id=401),
        agreement(bruno, TODAY, id=402),
        agreement(cecilia, ahead(2), id=403),
    )

    view = day_view(recs, TODAY)

    assert view.today == TODAY
    assert [(r.session.id, r.flagged) for r in view.sessions_today] == [
        (102, True),
        (101, False),
    ]
    # Anna was due yesterday, but her session is today: as early as it gets, so not listed.
    assert [(r.person.name, r.days_until_due, r.flagged) for r in view.due_for_coaching] == [
        ("Bruno Berg", -10, True),
    ]
    assert [(r.suggestion.id, r.flagged) for r in view.suggestions] == [(201, True), (202, False)]
    assert [(r.win.id, r.flagged) for r in view.wins] == [(302, True), (301, False)]
    assert [(r.agreement.id, r.flagged) for r in view.follow_ups] == [(401, True), (402, False)]
    (anna_today,) = [r for r in view.sessions_today if r.person == anna]
    assert [a.id for a in anna_today.open_agreements] == [401]


def test_day_view_passes_settings_to_every_thresholded_rule():
    anna = person()
    recs = records(anna, held(anna, ago(22)), suggestion(anna, ago(3)), win(anna, ago(3)))
    strict = Settings(due_soon_days=10, suggestion_flag_days=3, win_flag_days=5)

    default_view = day_view(recs, TODAY)
    strict_view = day_view(recs, TODAY, strict)

    assert default_view.due_for_coaching == ()
    assert len(strict_view.due_for_coaching) == 1
    assert [r.flagged for r in default_view.suggestions] == [False]
    assert [r.flagged for r in strict_view.suggestions] == [True]
    assert [r.flagged for r in default_view.wins] == [True]
    assert [r.flagged for r in strict_view.wins] == [False]


def test_empty_records_give_an_empty_day_view():
    view = day_view(Records(), TODAY)

    assert view.today == TODAY
    assert all(getattr(view, section) == () for section in SECTIONS)


@pytest.mark.parametrize(
    ("planned_in_days", "listed"),
    [(0, False), (1, False), (2, True), (6, True)],
    # TODAY is a Sunday: Monday is the next working day.
    ids=["session-today", "session-monday", "session-tuesday", "session-next-week"],
)
def test_overdue_person_is_covered_by_a_session_by_the_next_working_day(planned_in_days, listed):
    anna = person()
    recs = records(anna, held(anna, ago(40)), planned(anna, at(ahead(planned_in_days), 10)))

    rows = due_for_coaching(recs, TODAY)

    assert [(r.person, r.flagged) for r in rows] == ([(anna, True)] if listed else [])


@pytest.mark.parametrize(
    ("today", "due_on", "planned_on", "too_late"),
    [
        # Not yet due: up to the due date is in time, a day after is late.
        pytest.param("2026-11-23", "2026-11-27", "2026-11-27", False, id="on-the-due-date"),
        pytest.param("2026-11-23", "2026-11-27", "2026-11-30", True, id="after-the-due-date"),
        # Overdue on a Tuesday: today or Wednesday is as soon as it gets, Thursday is late.
        pytest.param("2026-11-24", "2026-11-20", "2026-11-24", False, id="overdue-today"),
        pytest.param("2026-11-24", "2026-11-20", "2026-11-25", False, id="overdue-tomorrow"),
        pytest.param("2026-11-24", "2026-11-20", "2026-11-26", True, id="overdue-day-after"),
        # Overdue on a Friday (or at the weekend): Monday is the next working day.
        pytest.param("2026-11-27", "2026-11-20", "2026-11-30", False, id="friday-to-monday"),
        pytest.param("2026-11-27", "2026-11-20", "2026-12-01", True, id="friday-to-tuesday"),
        pytest.param("2026-11-28", "2026-11-20", "2026-11-30", False, id="saturday-to-monday"),
        # Due today: tomorrow is the next working day too.
        pytest.param("2026-11-24", "2026-11-24", "2026-11-25", False, id="due-today-tomorrow"),
    ],
)
def test_a_session_is_too_late_after_the_due_date_unless_by_the_next_working_day(
    today, due_on, planned_on, too_late
):
    day = dt.date.fromisoformat

    assert planned_too_late(day(due_on), day(planned_on), day(today)) is too_late


@pytest.mark.parametrize("planned_in_days", [0, 1])
def test_overdue_person_planned_today_or_the_next_working_day_drops_off_the_due_list(
    planned_in_days,
):
    monday = dt.date(2026, 11, 23)
    anna = person()
    session = planned(anna, at(monday + dt.timedelta(days=planned_in_days), 10))
    recs = records(anna, held(anna, monday - dt.timedelta(days=40)), session)

    assert due_for_coaching(recs, monday) == ()


@pytest.mark.parametrize(
    ("received", "decision", "come_back_by", "flagged"),
    [
        pytest.param(6, OPEN, None, False, id="open-six-days"),
        pytest.param(7, OPEN, None, True, id="open-a-week"),
        pytest.param(1, IN_PROGRESS, 1, True, id="promised-yesterday"),
        pytest.param(1, IN_PROGRESS, 0, False, id="promised-today"),
        pytest.param(10, IN_PROGRESS, -3, False, id="promised-later-answered-for-now"),
        pytest.param(10, ACCEPTED, None, False, id="answered"),
    ],
)
def test_suggestion_flag_is_the_day_views(received, decision, come_back_by, flagged):
    back_by = None if come_back_by is None else ago(come_back_by)
    s = suggestion(person(), ago(received), decision=decision, come_back_by=back_by)

    assert suggestion_flagged(s, TODAY) is flagged


@pytest.mark.parametrize(("age", "flagged"), [(0, False), (1, False), (2, True), (9, True)])
def test_win_flag_is_the_day_views(age, flagged):
    assert win_flagged(win(person(), ago(age)), TODAY) is flagged
