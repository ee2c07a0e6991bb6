"""`sup plan --month`: the month's proposal (a pure rule) and the command that confirms it."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from clihelpers import files, ok, refused, run, said, team
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_tui.domain.entities import CANCELLED, HELD, PLANNED, Person, Records, Session
from supervisor_tui.domain.entities import Settings as AppSettings
from supervisor_tui.domain.planning import WINDOW_DAYS, Proposal, propose_month
from supervisor_tui.store import Store

FRIDAY = dt.date(2026, 11, 20)
MONDAY = dt.date(2026, 11, 23)
HELSINKI = ZoneInfo("Europe/Helsinki")

_ids = itertools.count(1)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def person(name: str, due_on: dt.date, *, archived: bool = False) -> Person:
    """A person never coached, whose first session falls due on ``due_on`` (30-day cadence)."""
    return Person(next(_ids), name, name.lower(), due_on - dt.timedelta(days=30), archived=archived)


def planned(who: Person, moment: str, status: str = PLANNED) -> Session:
    return Session(next(_ids), who.id, status, planned_for=at(moment).replace(tzinfo=HELSINKI))


def propose(people, sessions=(), today=FRIDAY, per_day=None, **settings_):
    records = Records(people=tuple(people), sessions=tuple(sessions))
    return propose_month(records, today, AppSettings(**settings_), per_day)


def plan_of(proposals: tuple[Proposal, ...]) -> list[tuple[str, str]]:
    return [(p.person.name, f"{p.at:%a %Y-%m-%d %H:%M}") for p in proposals]


# --- who gets a session ---------------------------------------------------------------------


def test_only_people_due_within_thirty_days_get_a_session():
    soon = person("Soon", day("2026-11-25"))
    last_day = person("Last", FRIDAY + dt.timedelta(days=WINDOW_DAYS))
    later = person("Later", FRIDAY + dt.timedelta(days=WINDOW_DAYS + 1))
    assert [p.person.name for p in propose([soon, last_day, later])] == ["Soon", "Last"]


def test_someone_with_a_session_planned_from_today_on_is_left_alone():
    today = person("Today", day("2026-11-25"))
    later = person("Later", day("2026-11-25"))
    free = person("Free", day("2026-11-25"))
    sessions = [planned(today, "2026-11-20 16:00"), planned(later, "2027-01-10 10:00")]
    assert [p.person.name for p in propose([today, later, free], sessions)] == ["Free"]


def test_a_session_left_planned_on_an_earlier_day_does_not_count_as_planned():
    stale = person("Stale", day("2026-11-24"))
    (proposal,) = propose([stale], [planned(stale, "2026-11-02 10:00")])
    assert proposal.person == stale


def test_held_sessions_move_the_due_date_a_cadence_on():
    coached = person("Coached", day("2026-11-24"))
    held = Session(next(_ids), coached.id, HELD, held_on=day("2026-11-10"))
    # Due 30 days after 10 Nov, on 10 Dec, a Thursday.
    assert plan_of(propose([coached], [held])) == [("Coached", "Thu 2026-12-10 10:00")]


def test_archived_people_get_nothing_and_their_sessions_take_no_room():
    gone = person("Gone", day("2026-11-23"), archived=True)
    here = person("Here", day("2026-11-23"))
    old = planned(gone, "2026-11-23 10:00")
    assert plan_of(propose([gone, here], [old], per_day=1)) == [("Here", "Mon 2026-11-23 10:00")]


def test_cancelled_sessions_take_no_room():
    other = person("Other", day("2027-03-01"))
    here = person("Here", day("2026-11-23"))
    dropped = planned(other, "2026-11-23 10:00", status=CANCELLED)
    assert plan_of(propose([other, here], [dropped], per_day=1)) == [
        ("Here", "Mon 2026-11-23 10:00")
    ]


def test_nobody_due_means_an_empty_plan():
    assert propose([person("Later", day("2027-02-01"))]) == ()


# --- which day --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "due_on, session_on",
    [
        ("2026-11-26", "Thu 2026-11-26"),  # a working day: that day
        ("2026-11-28", "Fri 2026-11-27"),  # Saturday: the Friday before
        ("2026-11-29", "Fri 2026-11-27"),  # Sunday: the Friday before
        ("2026-11-30", "Mon 2026-11-30"),
        ("2026-12-18", "Fri 2026-12-18"),  # as close to the due date as it gets
    ],
)
def test_the_session_is_on_the_last_working_day_on_or_before_the_due_date(due_on, session_on):
    (proposal,) = propose([person("Anna", day(due_on))])
    assert f"{proposal.at:%a %Y-%m-%d}" == session_on
    assert not proposal.late


@pytest.mark.parametrize(
    "today, due_on, first_day",
    [
        (FRIDAY, "2026-11-20", "Mon 2026-11-23"),  # due today, a Friday: Monday, late
        (FRIDAY, "2026-10-01", "Mon 2026-11-23"),  # long overdue: the first working day
        (MONDAY, "2026-11-23", "Tue 2026-11-24"),  # never today, even on a Monday
        (day("2026-11-21"), "2026-11-21", "Mon 2026-11-23"),  # a Saturday: Monday
    ],
)
def test_overdue_people_get_the_first_working_day_from_tomorrow(today, due_on, first_day):
    (proposal,) = propose([person("Late", day(due_on))], today=today)
    assert f"{proposal.at:%a %Y-%m-%d}" == first_day
    assert proposal.late


def test_the_most_overdue_come_first():
    a_bit = person("A bit", day("2026-11-15"))
    very = person("Very", day("2026-09-01"))
    due = person("Due", day("2026-11-23"))
    assert plan_of(propose([a_bit, due, very], per_day=1)) == [
        ("Very", "Mon 2026-11-23 10:00"),
        ("A bit", "Tue 2026-11-24 10:00"),
        ("Due", "Wed 2026-11-25 10:00"),
    ]


def test_when_the_days_up_to_the_due_date_are_full_the_nearest_free_day_after_it():
    people = [person(name, day("2026-11-24")) for name in ("Aa", "Bb", "Cc", "Dd")]
    proposals = propose(people, per_day=1)
    assert plan_of(proposals) == [
        ("Bb", "Mon 2026-11-23 10:00"),
        ("Aa", "Tue 2026-11-24 10:00"),
        ("Cc", "Wed 2026-11-25 10:00"),
        ("Dd", "Thu 2026-11-26 10:00"),
    ]
    assert [p.late for p in proposals] == [False, False, True, True]


def test_people_due_later_take_their_own_days_not_earlier_ones():
    people = [person("Tue", day("2026-11-24")), person("Fri", day("2026-11-27"))]
    assert plan_of(propose(people, per_day=1)) == [
        ("Tue", "Tue 2026-11-24 10:00"),
        ("Fri", "Fri 2026-11-27 10:00"),
    ]


# --- how many a day, and at what time -------------------------------------------------------


def test_at_most_per_day_sessions_a_day_counting_those_already_planned():
    other1, other2 = person("Other1", day("2027-05-01")), person("Other2", day("2027-05-01"))
    existing = [planned(other1, "2026-11-24 10:00"), planned(other2, "2026-11-24 11:00")]
    due = [person(name, day("2026-11-24")) for name in ("Aa", "Bb", "Cc", "Dd", "Ee")]
    proposals = propose([other1, other2, *due], existing, per_day=3)
    per_day = Counter(p.at.date() for p in proposals)
    assert per_day == {day("2026-11-24"): 1, day("2026-11-23"): 3, day("2026-11-25"): 1}
    assert plan_of(proposals) == [
        ("Bb", "Mon 2026-11-23 10:00"),
        ("Cc", "Mon 2026-11-23 11:00"),
        ("Dd", "Mon 2026-11-23 12:00"),
        ("Aa", "Tue 2026-11-24 12:00"),  # 10:00 and 11:00 were taken
        ("Ee", "Wed 2026-11-25 10:00"),
    ]


def test_the_daily_limit_defaults_to_the_setting():
    people = [person(name, day("2026-11-23")) for name in ("Aa", "Bb", "Cc")]
    assert Counter(p.at.date() for p in propose(people, sessions_per_day=2)) == {
        day("2026-11-23"): 2,
        day("2026-11-24"): 1,
    }
    assert len({p.at.date() for p in propose(people)}) == 1  # three a day by default


def test_a_day_already_full_gets_nothing_more():
    others = [person(f"Other{n}", day("2027-05-01")) for n in range(3)]
    existing = [planned(o, f"2026-11-27 {10 + n}:00") for n, o in enumerate(others)]
    anna = person("Anna", day("2026-11-27"))
    assert plan_of(propose([*others, anna], existing)) == [("Anna", "Thu 2026-11-26 10:00")]


@pytest.mark.parametrize(
    "existing, expected",
    [
        ((), ["10:00", "11:00", "12:00"]),
        (("10:00",), ["11:00", "12:00", "13:00"]),
        (("11:00",), ["10:00", "12:00", "13:00"]),
        (("10:30",), ["12:00", "13:00", "14:00"]),  # hourly steps, an hour clear of it
        (("08:00", "15:00"), ["10:00", "11:00", "12:00"]),
    ],
)
def test_sessions_start_at_session_time_then_hourly_around_those_already_planned(
    existing, expected
):
    others = [person(f"Other{n}", day("2027-05-01")) for n in range(len(existing))]
    sessions = [planned(o, f"2026-11-23 {t}") for o, t in zip(others, existing, strict=True)]
    due = [person(name, day("2026-11-23")) for name in ("Aa", "Bb", "Cc")]
    proposals = propose([*others, *due], sessions, per_day=len(existing) + 3)
    assert [f"{p.at:%H:%M}" for p in proposals] == expected
    assert {p.at.date() for p in proposals} == {day("2026-11-23")}


def test_session_time_comes_from_the_settings():
    people = [person(name, day("2026-11-23")) for name in ("Aa", "Bb")]
    proposals = propose(people, session_time=dt.time(8, 30))
    assert [f"{p.at:%H:%M}" for p in proposals] == ["08:30", "09:30"]


def test_a_day_ends_at_midnight_whatever_the_limit():
    people = [person(f"P{n:02}", day("2026-11-23")) for n in range(16)]
    proposals = propose(people, per_day=20, session_time=dt.time(20, 0))
    by_day = Counter(p.at.date() for p in proposals)
    assert by_day[day("2026-11-23")] == 4  # 20:00, 21:00, 22:00, 23:00
    assert all(p.at.time() >= dt.time(20, 0) for p in proposals)


def test_proposals_are_naive_local_times_in_time_order():
    people = [person("Late", day("2026-12-10")), person("Soon", day("2026-11-23"))]
    proposals = propose(people)
    assert all(p.at.tzinfo is None for p in proposals)
    assert [p.person.name for p in proposals] == ["Soon", "Late"]


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        propose([person("Anna", day("2026-11-23"))], per_day=0)


@settings(max_examples=80, deadline=None)
@given(
    dues=st.lists(st.integers(min_value=-60, max_value=40), max_size=25),
    busy=st.lists(st.tuples(st.integers(1, 30), st.integers(8, 16)), max_size=12),
    per_day=st.integers(1, 4),
    today_offset=st.integers(0, 6),
)
def test_any_plan_keeps_to_working_days_the_limit_the_hours_and_the_due_dates(
    dues, busy, per_day, today_offset
):
    today = MONDAY + dt.timedelta(days=today_offset)
    people = [person(f"P{n:02}", today + dt.timedelta(days=d)) for n, d in enumerate(dues)]
    holder = person("Holder", today + dt.timedelta(days=400))  # has sessions planned
    existing = [planned(holder, f"{today + dt.timedelta(days=d)} {h:02}:00") for d, h in busy]
    proposals = propose([*people, holder], existing, today=today, per_day=per_day)

    due_soon = [name for name, d in zip([p.name for p in people], dues, strict=True) if d <= 30]
    assert sorted(p.person.name for p in proposals) == sorted(due_soon)
    taken = [s.planned_for.replace(tzinfo=None) for s in existing]
    load = Counter(t.date() for t in taken)
    for p in proposals:
        assert p.at.date() > today and p.at.weekday() < 5
        # An hour from every other session that day, planned before or proposed now.
        assert all(abs(p.at - other) >= dt.timedelta(hours=1) for other in taken)
        taken.append(p.at)
        load[p.at.date()] += 1
    for d in {p.at.date() for p in proposals}:
        assert load[d] <= per_day
    # Late only when every working day from tomorrow to the due date is full.
    for p in proposals:
        if p.late:
            first = today + dt.timedelta(days=1)
            days = [first + dt.timedelta(days=i) for i in range((p.due_on - first).days + 1)]
            assert all(d.weekday() >= 5 or load[d] >= per_day for d in days), p


# --- the command ------------------------------------------------------------------------------

TODAY = "2026-11-20"  # a Friday


def month_team(db) -> None:
    """Anna due Tue 24 Nov, Ben overdue since 1 Oct, Äki due Sun 6 Dec, Cia not due till January."""
    said(db, "people", "add", "Anna Virtanen", "--every", "4w", "--started", "2026-10-27")
    said(db, "people", "add", "Äki Mäkelä", "--started", "2026-11-06")
    said(db, "people", "add", "Ben Ek", "--started", "2026-09-01")
    said(db, "people", "add", "Cia Lind", "--every", "8w", "--started", "2026-11-19")


PROPOSAL = (
    "  Person                       Session            Due\n"
    "! Ben Ek                       Mon 23 Nov 10:00   Thu 1 Oct        late\n"
    "  Anna Virtanen                Tue 24 Nov 10:00   Tue 24 Nov\n"
    "  Äki Mäkelä                   Fri 4 Dec 10:00    Sun 6 Dec\n"
    "\n"
    "! = after the due date (1): overdue already, or no earlier day was free.\n"
)


def next_planned_for(db) -> dict[str, str | None]:
    return {p["handle"]: p["next_planned_for"] for p in team(db)}


def test_plan_month_shows_the_proposal_and_plans_nothing_on_no(db_path):
    month_team(db_path)
    before = files(db_path)
    out = ok(db_path, "plan", "--month", today=TODAY, input="n\n")
    assert out == PROPOSAL + "Plan these 3 sessions? [y/N]: n\nNothing planned.\n"
    assert files(db_path) == before


def test_plan_month_plans_nothing_when_there_is_no_answer(db_path):
    month_team(db_path)
    before = files(db_path)
    out = ok(db_path, "plan", "--month", today=TODAY, input="")
    assert out.endswith("Plan these 3 sessions? [y/N]: \nNothing planned.\n")
    assert files(db_path) == before


def test_plan_month_plans_every_proposal_on_yes(db_path):
    month_team(db_path)
    out = ok(db_path, "plan", "--month", today=TODAY, input="y\n")
    assert out == PROPOSAL + (
        "Plan these 3 sessions? [y/N]: y\n"
        "Planned 3 coaching sessions. Put them in your calendar: sup ics --out coaching.ics\n"
    )
    assert next_planned_for(db_path) == {
        "aki": "2026-12-04T10:00:00+02:00",
        "anna": "2026-11-24T10:00:00+02:00",
        "ben": "2026-11-23T10:00:00+02:00",
        "cia": None,
    }


def test_plan_month_yes_plans_without_asking_in_one_write(db_path):
    month_team(db_path)
    out = ok(db_path, "plan", "--month", "--yes", today=TODAY)
    assert "?" not in out
    assert out.endswith(
        "Planned 3 coaching sessions. Put them in your calendar: sup ics --out coaching.ics\n"
    )
    sessions = Store(db_path).load().sessions
    assert sorted(s.id for s in sessions) == [5, 6, 7]
    # Asking again finds nothing more to plan.
    assert ok(db_path, "plan", "--month", today=TODAY) == (
        "Everyone's next session is planned, or not due within 30 days.\n"
    )


def test_plan_month_respects_per_day_and_sessions_already_planned(db_path):
    month_team(db_path)
    said(db_path, "people", "add", "Dan Berg", "--started", "2026-10-25", today=TODAY)
    said(db_path, "plan", "cia", "mon 10:00", today=TODAY)
    ok(db_path, "plan", "--month", "--yes", "--per-day", "1", today=TODAY)
    assert next_planned_for(db_path) == {
        "aki": "2026-12-04T10:00:00+02:00",
        # Ben, most overdue, takes the first free day; Anna and Dan (due Tuesday) follow.
        "anna": "2026-11-25T10:00:00+02:00",
        "ben": "2026-11-24T10:00:00+02:00",
        "cia": "2026-11-23T10:00:00+02:00",  # planned before, on Monday
        "dan": "2026-11-26T10:00:00+02:00",
    }


def test_plan_month_moves_a_session_left_planned_on_an_earlier_day(db_path):
    month_team(db_path)
    said(db_path, "plan", "ben", "2026-11-18 09:00", today="2026-11-17")
    ok(db_path, "plan", "--month", "--yes", today=TODAY)
    ben = [s for s in Store(db_path).load().sessions if s.person_id == 3]
    assert [(s.status, s.planned_for.isoformat(), s.times_moved) for s in ben] == [
        (PLANNED, "2026-11-23T10:00:00+02:00", 1)
    ]


def test_plan_month_with_nobody_due_says_so(db_path):
    said(db_path, "people", "add", "Cia Lind", "--every", "8w", "--started", "2026-11-19")
    assert ok(db_path, "plan", "--month", today=TODAY) == (
        "Everyone's next session is planned, or not due within 30 days.\n"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (("plan", "--month", "anna"), "--month plans everyone"),
        (("plan",), "Say whom and when"),
        (("plan", "anna"), "Say whom and when"),
        (("plan", "anna", "tue", "--yes"), "--yes and --per-day go with --month"),
        (("plan", "anna", "tue", "--per-day", "2"), "--yes and --per-day go with --month"),
    ],
)
def test_plan_month_and_plan_person_are_not_mixed_up(db_path, args, message):
    month_team(db_path)
    assert message in refused(db_path, *args, today=TODAY)


def test_plan_month_refuses_a_per_day_below_one(db_path):
    month_team(db_path)
    result = run(db_path, "plan", "--month", "--per-day", "0", today=TODAY)
    assert result.exit_code == 2
    assert "--per-day" in result.stderr


def test_planning_one_person_still_works(db_path):
    month_team(db_path)
    assert said(db_path, "plan", "anna", "tue 10:00", today=TODAY) == (
        "Planned Anna Virtanen's session for Tue 24 Nov 10:00."
    )


def test_plan_month_refuses_if_someone_was_planned_meanwhile(db_path):
    from supervisor_tui.actions import sessions
    from supervisor_tui.domain.changes import DomainError

    month_team(db_path)
    store = Store(db_path)
    now = dt.datetime(2026, 11, 20, 9, tzinfo=HELSINKI)
    sessions.plan_session(store, 1, dt.datetime(2026, 11, 30, 10), now)
    before = files(db_path)
    with pytest.raises(DomainError, match="Nothing was planned"):
        sessions.plan_many(store, [(3, at("2026-11-23 10:00")), (1, at("2026-11-24 10:00"))], now)
    assert files(db_path) == before


def test_plan_month_adds_its_sessions_to_the_journal_without_rewriting_the_file(db_path):
    # A month's plan only adds sessions: one journal line, as a capture is, so it costs
    # the same at 100k records as at 10. The file itself is not touched.
    import orjson

    month_team(db_path)
    before = db_path.read_bytes()
    ok(db_path, "plan", "--month", "--yes", today=TODAY)
    assert db_path.read_bytes() == before
    last = orjson.loads(Store(db_path).journal_path.read_bytes().splitlines()[-1])
    assert [entry["table"] for entry in last["batch"]] == ["sessions"] * 3
    assert next_planned_for(db_path) == {
        "aki": "2026-12-04T10:00:00+02:00",
        "anna": "2026-11-24T10:00:00+02:00",
        "ben": "2026-11-23T10:00:00+02:00",
        "cia": None,
    }


def test_a_plan_added_to_the_journal_is_undone_and_forgotten_like_any_other(db_path):
    from supervisor_tui.actions import sessions

    month_team(db_path)
    store = Store(db_path)
    now = dt.datetime(2026, 11, 20, 9, tzinfo=HELSINKI)
    done = sessions.plan_many(
        store, [(3, at("2026-11-23 10:00")), (1, at("2026-11-24 10:00"))], now
    )
    assert len(Store(db_path).load().sessions) == 2
    store.undo(done.change)
    assert Store(db_path).load().sessions == ()

    sessions.plan_many(store, [(3, at("2026-11-23 10:00")), (1, at("2026-11-24 10:00"))], now)
    ok(db_path, "forget", "ben", "--yes", today=TODAY)
    left = Store(db_path).load().sessions
    assert [s.person_id for s in left] == [1]
    journal = Store(db_path).journal_path.read_bytes()
    assert b'"person_id":3' not in journal
