"""The words both interfaces show (`present/`): day view rows and titles, a person's coaching.

Pure: small hand-built records on a fixed day, no store, no interface.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from supervisor_tui.domain.entities import (
    HELD,
    IN_PROGRESS,
    LEAD,
    PERSON,
    Agreement,
    Person,
    Records,
    Session,
    Suggestion,
    Win,
)
from supervisor_tui.domain.rules import day_view
from supervisor_tui.present.day import (
    DUE,
    FOLLOW_UPS,
    SESSIONS,
    SUGGESTIONS,
    WINS,
    day_sections,
    day_title,
    needing_attention,
)
from supervisor_tui.present.person import coaching_words

TODAY = dt.date(2026, 11, 27)  # a Friday
HELSINKI = ZoneInfo("Europe/Helsinki")
ANNA = Person(1, "Anna Virtanen", "anna", dt.date(2026, 11, 17))  # due in 20 days if never coached
OLLI = Person(3, "Olli Oja", "olli", dt.date(2025, 1, 6))


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI)


def created(n: int = 0) -> dt.datetime:
    return at(days_ago(n), 9)


def section(records: Records, name: str):
    """The one section called ``name`` of the day ``records`` make."""
    worded = day_sections(day_view(records, TODAY))
    return next(s for s in worded if s.name == name)


def only_row(records: Records, name: str):
    rows = section(records, name).rows
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    ("team", "title"),
    [
        (0, "Friday 27 November 2026 · 0 people"),
        (1, "Friday 27 November 2026 · 1 person"),
        (12, "Friday 27 November 2026 · 12 people"),
    ],
)
def test_day_title_names_the_day_and_counts_the_team(team: int, title: str) -> None:
    assert day_title(TODAY, team) == title


def test_an_empty_day_has_five_titled_sections_each_saying_so_kindly() -> None:
    worded = day_sections(day_view(Records(people=(ANNA,)), TODAY))
    assert [(s.name, s.title, s.rows) for s in worded] == [
        (SESSIONS, "Today's sessions", ()),
        (DUE, "Due for coaching", ()),
        (SUGGESTIONS, "Unanswered suggestions", ()),
        (WINS, "Unacknowledged wins", ()),
        (FOLLOW_UPS, "Follow-ups due", ()),
    ]
    assert [s.empty for s in worded] == [
        "No sessions planned for today.",
        "Everyone's coaching is on track.",
        "Every suggestion has its answer.",
        "Every win has been acknowledged.",
        "No follow-ups due.",
    ]
    assert needing_attention(worded) == 0


@pytest.mark.parametrize(
    ("open_items", "what"),
    [
        (0, "0 open items to return to"),
        (1, "1 open item to return to"),
        (3, "3 open items to return to"),
    ],
)
def test_a_session_today_says_its_time_and_what_to_return_to(open_items: int, what: str) -> None:
    held = Session(10, ANNA.id, HELD, held_on=days_ago(25))
    planned = Session(11, ANNA.id, planned_for=at(TODAY, 14))
    agreements = tuple(
        Agreement(20 + n, ANNA.id, f"item {n}", created(25), follow_up_on=TODAY + dt.timedelta(3))
        for n in range(open_items)
    )
    row = only_row(Records((ANNA,), (held, planned), agreements), SESSIONS)
    assert (row.record_id, row.what, row.when, row.at, row.flagged) == (
        11,
        what,
        "14:00",
        "",
        False,
    )


def test_a_session_left_from_an_earlier_day_is_flagged_with_its_date_and_its_time_apart() -> None:
    planned = Session(11, ANNA.id, planned_for=at(days_ago(3), 9))
    row = only_row(Records((ANNA,), (planned,)), SESSIONS)
    assert (row.what, row.when, row.at, row.flagged) == (
        "not recorded as held or cancelled",
        "Tue 24 Nov",
        "09:00",
        True,
    )


@pytest.mark.parametrize(
    ("sessions", "what", "when"),
    [
        ((), "never coached · started Mon 6 Jan 2025", "22 months overdue"),
        (
            (Session(10, ANNA.id, HELD, held_on=days_ago(40)),),
            "last held Sun 18 Oct",
            "10 days overdue",
        ),
        (
            (Session(10, ANNA.id, HELD, held_on=days_ago(27)),),
            "last held Sat 31 Oct",
            "due in 3 days",
        ),
        (
            (
                Session(10, ANNA.id, HELD, held_on=days_ago(27)),
                Session(11, ANNA.id, planned_for=at(TODAY + dt.timedelta(10))),
            ),
            "planned only for Mon 7 Dec",
            "due in 3 days",
        ),
    ],
)
def test_a_person_due_says_why_and_when(
    sessions: tuple[Session, ...], what: str, when: str
) -> None:
    sessions = tuple(replace(s, person_id=OLLI.id) for s in sessions)
    row = only_row(Records((OLLI,), sessions), DUE)
    assert (row.record_id, row.person, row.what, row.when) == (None, OLLI, what, when)


@pytest.mark.parametrize(
    ("decision", "received", "what", "when"),
    [
        ("open", 0, "a shorter wrap-up code", "today"),
        ("open", 1, "a shorter wrap-up code", "yesterday"),
        ("open", 9, "a shorter wrap-up code", "9 days ago"),
        (IN_PROGRESS, 20, "(promised an answer) a shorter wrap-up code", "2 weeks ago"),
    ],
)
def test_a_waiting_suggestion_says_its_age_and_a_promise(
    decision: str, received: int, what: str, when: str
) -> None:
    come_back_by = days_ago(1) if decision == IN_PROGRESS else None
    suggestion = Suggestion(
        30, ANNA.id, "a shorter wrap-up code", days_ago(received), created(received), decision
    )
    suggestion = replace(suggestion, come_back_by=come_back_by)
    row = only_row(Records((ANNA,), suggestions=(suggestion,)), SUGGESTIONS)
    assert (row.record_id, row.what, row.when) == (30, what, when)


@pytest.mark.parametrize(
    ("happened", "when", "flagged"),
    [(0, "today", False), (1, "yesterday", False), (2, "2 days ago", True)],
)
def test_a_win_says_how_long_it_has_waited_and_is_flagged_from_two_days(
    happened: int, when: str, flagged: bool
) -> None:
    win = Win(40, ANNA.id, "calmed an angry caller", days_ago(happened), created(happened))
    row = only_row(Records((ANNA,), wins=(win,)), WINS)
    assert (row.record_id, row.what, row.when, row.flagged) == (
        40,
        "calmed an angry caller",
        when,
        flagged,
    )


@pytest.mark.parametrize(
    ("owner", "late", "what", "when"),
    [
        (LEAD, 0, "send the shift plan (you)", "due today"),
        (PERSON, 1, "send the shift plan (Anna)", "1 day late"),
        (LEAD, 5, "send the shift plan (you)", "5 days late"),
    ],
)
def test_a_follow_up_says_who_does_it_and_how_late(
    owner: str, late: int, what: str, when: str
) -> None:
    agreement = Agreement(50, ANNA.id, "send the shift plan", created(9), owner, days_ago(late))
    row = only_row(Records((ANNA,), agreements=(agreement,)), FOLLOW_UPS)
    assert (row.record_id, row.what, row.when) == (50, what, when)


def test_needing_attention_counts_the_flagged_rows_of_every_section() -> None:
    records = Records(
        (ANNA,),
        (Session(11, ANNA.id, planned_for=at(days_ago(3))),),
        wins=(Win(40, ANNA.id, "a win", days_ago(5), created(5)),),
    )
    assert needing_attention(day_sections(day_view(records, TODAY))) == 2


# --- a person's coaching ------------------------------------------------------------------


LAST = Session(10, ANNA.id, HELD, held_on=days_ago(10))
NEXT = Session(11, ANNA.id, planned_for=at(TODAY + dt.timedelta(4), 10), times_moved=2)


FULL, SHORT = False, True


@pytest.mark.parametrize(
    ("sessions", "short", "words"),
    [
        (
            (LAST, NEXT),
            FULL,
            ("Coached every 30 days", "last 1:1 Tue 17 Nov", "next Tue 1 Dec 10:00", "moved 2×", 2),
        ),
        ((LAST, NEXT), SHORT, ("every 30d", "last Tue 17 Nov", "next Tue 1 Dec", "moved 2×", 2)),
        (
            (LAST,),
            FULL,
            (
                "Coached every 30 days",
                "last 1:1 Tue 17 Nov",
                "nothing planned (due in 2 weeks)",
                "",
                0,
            ),
        ),
        ((LAST,), SHORT, ("every 30d", "last Tue 17 Nov", "due in 2 weeks", "", 0)),
        (
            (),
            FULL,
            ("Coached every 30 days", "never coached", "nothing planned (due in 2 weeks)", "", 0),
        ),
        ((), SHORT, ("every 30d", "never coached", "due in 2 weeks", "", 0)),
    ],
)
def test_coaching_words_say_cadence_last_next_and_moves_in_full_or_short(
    sessions: tuple[Session, ...], short: bool, words: tuple
) -> None:
    assert tuple(coaching_words(ANNA, sessions, TODAY, short=short)) == (*words, "")  # no leave


def test_coaching_words_count_only_the_persons_own_sessions() -> None:
    words = coaching_words(OLLI, (LAST, NEXT), TODAY)
    assert tuple(words) == (
        "Coached every 30 days",
        "never coached",
        "nothing planned (22 months overdue)",
        "",
        0,
        "",
    )
