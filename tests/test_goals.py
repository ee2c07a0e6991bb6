"""Goals as rules, on fixed dates: where a goal stands, reading what the lead types, and
the words and trends both interfaces show."""

from __future__ import annotations

import datetime as dt

import pytest

from supervisor_tui.domain.drafts import GoalValue, NewGoal, SessionDraft
from supervisor_tui.domain.entities import (
    BEHAVIOUR,
    DROPPED,
    MET,
    METRIC,
    CheckIn,
    Form,
    Goal,
    Person,
    Records,
)
from supervisor_tui.domain.goals import (
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    GoalValueError,
    Target,
    due_for_review,
    find_goal,
    goal_status,
    parse_level,
    parse_number,
    parse_target,
    parse_value,
)
from supervisor_tui.present.goals import goal_words, last_values, target_words, trend

TODAY = dt.date(2026, 11, 20)
CSAT = Goal(1, 7, "CSAT", dt.date(2026, 5, 1), METRIC, ">=", 4.5, "pts")
AHT = Goal(2, 7, "Handling time", dt.date(2026, 5, 1), METRIC, "<=", 300.0, "s")
FCR = Goal(3, 7, "First-contact resolution", dt.date(2026, 5, 1), METRIC, "=", 100.0, "%")
NAME = Goal(4, 7, "Uses the customer's name", dt.date(2026, 5, 1), BEHAVIOUR)


def _figures(goal: Goal, *values: float, last_on: dt.date = TODAY) -> list[CheckIn]:
    """Monthly check-ins ending on ``last_on``, oldest first."""
    count = len(values)
    return [
        CheckIn(10 + n, goal.id, 7, last_on - dt.timedelta(days=30 * (count - 1 - n)), v)
        for n, v in enumerate(values)
    ]


def _levels(goal: Goal, *levels: str) -> list[CheckIn]:
    count = len(levels)
    return [
        CheckIn(10 + n, goal.id, 7, TODAY - dt.timedelta(days=30 * (count - 1 - n)), level=lv)
        for n, lv in enumerate(levels)
    ]


@pytest.mark.parametrize(
    "goal, values, expected",
    [
        (CSAT, (4.6,), ON_TRACK),
        (CSAT, (4.2, 4.5), ON_TRACK),  # the last one meets it: exactly the target counts
        (CSAT, (4.2, 4.4), OFF_TRACK),  # the last two both miss
        (CSAT, (4.7, 4.4), ON_TRACK),  # one miss is not yet a trend
        (CSAT, (4.4,), ON_TRACK),  # nor is a first miss
        (CSAT, (4.1, 4.2, 4.7, 4.3, 4.2), OFF_TRACK),
        (AHT, (280, 310, 320), OFF_TRACK),  # "at most": above misses
        (AHT, (320, 299), ON_TRACK),
        (FCR, (99, 100), ON_TRACK),  # "exactly"
        (FCR, (100, 99.5, 98), OFF_TRACK),
    ],
)
def test_a_metric_is_off_track_when_its_last_two_check_ins_miss_the_target(goal, values, expected):
    assert goal_status(goal, _figures(goal, *values), TODAY, 30) == expected


@pytest.mark.parametrize(
    "levels, expected",
    [
        (("not yet", "consistently"), ON_TRACK),
        (("consistently",), ON_TRACK),
        (("not yet", "not yet"), OFF_TRACK),  # two below "sometimes"
        (("consistently", "not yet", "not yet"), OFF_TRACK),
        (("not yet",), ON_TRACK),  # one is not yet a trend
        (("not yet", "sometimes"), ON_TRACK),
        (("sometimes", "not yet"), ON_TRACK),
    ],
)
def test_a_behaviour_is_on_track_at_consistently_and_off_after_two_below_sometimes(
    levels, expected
):
    assert goal_status(NAME, _levels(NAME, *levels), TODAY, 30) == expected


@pytest.mark.parametrize(
    "last_on, cadence, expected",
    [
        (TODAY - dt.timedelta(days=30), 30, OFF_TRACK),  # within the cadence, just
        (TODAY - dt.timedelta(days=31), 30, NO_DATA),  # older than the cadence
        (TODAY - dt.timedelta(days=31), 45, OFF_TRACK),  # a longer cadence waits longer
        (TODAY + dt.timedelta(days=1), 30, NO_DATA),  # a day still to come counts for nothing
    ],
)
def test_a_goal_has_no_data_without_a_check_in_within_the_persons_cadence(
    last_on, cadence, expected
):
    check_ins = _figures(CSAT, 4.0, 4.1, last_on=last_on)
    if last_on > TODAY:
        check_ins = check_ins[1:]  # only the future one: nothing seen yet
    assert goal_status(CSAT, check_ins, TODAY, cadence) == expected


def test_a_goal_without_check_ins_has_no_data_and_a_closed_one_says_how_it_closed():
    assert goal_status(CSAT, [], TODAY, 30) == NO_DATA
    off = _figures(CSAT, 4.0, 4.1)
    assert goal_status(Goal(**{**_fields(CSAT), "status": MET}), off, TODAY, 30) == "met"
    assert goal_status(Goal(**{**_fields(CSAT), "status": DROPPED}), off, TODAY, 30) == "dropped"


def _fields(goal: Goal) -> dict:
    return {name: getattr(goal, name) for name in goal.__slots__}


@pytest.mark.parametrize(
    "review_on, listed",
    [
        (TODAY - dt.timedelta(days=3), True),
        (TODAY, True),  # the day has come
        (TODAY + dt.timedelta(days=1), False),
        (None, False),
    ],
)
def test_a_goal_whose_review_date_has_come_is_listed_for_review(review_on, listed):
    goal = Goal(**{**_fields(CSAT), "review_on": review_on})
    closed = Goal(**{**_fields(goal), "id": 9, "status": MET})
    assert due_for_review([goal, closed], TODAY) == ((goal,) if listed else ())


@pytest.mark.parametrize(
    "typed, number",
    [("4.6", 4.6), ("4,6", 4.6), (" 300 ", 300.0), ("-2", -2.0), (".5", 0.5), ("92,25", 92.25)],
)
def test_a_number_is_read_with_a_decimal_point_or_a_finnish_comma(typed, number):
    assert parse_number(typed) == number


@pytest.mark.parametrize("typed", ["", "abc", "4.6.1", "1,234.5", "nan", "inf", "4,6,7", "1e9"])
def test_what_is_not_a_number_is_refused_with_an_example(typed):
    with pytest.raises(GoalValueError, match=r"write it like 4\.6 or 4,6"):
        parse_number(typed)


@pytest.mark.parametrize(
    "typed, unit, target",
    [
        (">= 4.5", None, Target(">=", 4.5, "")),
        (">=4,5", "pts", Target(">=", 4.5, "pts")),
        ("<= 300", "s", Target("<=", 300.0, "s")),
        ("<= 300 s", None, Target("<=", 300.0, "s")),
        ("= 100%", None, Target("=", 100.0, "%")),
        ("≥ 90", "%", Target(">=", 90.0, "%")),
    ],
)
def test_a_target_is_an_operator_a_figure_and_perhaps_a_unit(typed, unit, target):
    assert parse_target(typed, unit) == target


@pytest.mark.parametrize(
    "typed, unit, says",
    [
        ("4.5", None, "is not a target"),
        ("> 4.5", None, "is not a target"),
        (">= 4..5", None, "is not a number"),
        (">= 4.5", "kg", "Use one of these units"),
        (">= 90%", "s", "say one"),
    ],
)
def test_a_target_that_cannot_be_read_says_how_to_write_it(typed, unit, says):
    with pytest.raises(GoalValueError, match=says):
        parse_target(typed, unit)


@pytest.mark.parametrize(
    "typed, level",
    [
        ("not yet", "not yet"),
        ("Not-Yet", "not yet"),
        ("notyet", "not yet"),
        ("n", "not yet"),
        ("some", "sometimes"),
        ("CONSISTENTLY", "consistently"),
        ("1", "not yet"),
        ("2", "sometimes"),
        ("3", "consistently"),
    ],
)
def test_a_level_is_read_from_its_words_their_start_or_its_number(typed, level):
    assert parse_level(typed) == level


@pytest.mark.parametrize("typed", ["", "4", "always", "x"])
def test_what_is_not_a_level_is_refused(typed):
    with pytest.raises(GoalValueError, match="not yet, sometimes or consistently"):
        parse_level(typed)


def test_a_value_is_read_as_its_goal_needs_it():
    assert parse_value(CSAT, "4,6") == (4.6, None)
    assert parse_value(NAME, "2") == (None, "sometimes")
    with pytest.raises(GoalValueError, match=r"a number like 4\.6"):
        parse_value(CSAT, "  ")


def test_an_imported_metric_finds_its_goal_ignoring_case_accents_and_apostrophes():
    person = Person(7, "Äki Mäkelä", "aki", dt.date(2024, 1, 1))
    goals = (
        Goal(5, 7, "Asiakastyytyväisyys", TODAY),
        Goal(6, 7, "Uses the customer's name", TODAY),
    )
    records = Records(people=(person,), goals=goals)
    assert find_goal(records, 7, "ASIAKASTYYTYVAISYYS") == goals[0]
    assert find_goal(records, 7, "uses the customer’s  name") == goals[1]
    assert find_goal(records, 7, "NPS") is None
    assert find_goal(records, 8, "Asiakastyytyväisyys") is None  # someone else's


@pytest.mark.parametrize(
    "goal, words",
    [(CSAT, "≥ 4.5 pts"), (AHT, "≤ 300 s"), (FCR, "= 100%"), (NAME, "behaviour")],
)
def test_a_target_reads_with_its_sign_and_unit(goal, words):
    assert target_words(goal) == words


def test_a_trend_draws_the_last_six_check_ins_low_to_high():
    assert trend(CSAT, tuple(_figures(CSAT, 4.0, 4.1, 4.2, 4.3, 4.4, 4.5, 4.7))) == "▁▂▃▅▆█"
    assert trend(CSAT, tuple(_figures(CSAT, 4.5, 4.5))) == "▄▄"  # flat
    assert trend(NAME, tuple(_levels(NAME, "not yet", "sometimes", "consistently"))) == "▁▅█"
    assert trend(CSAT, ()) == ""


def test_the_last_values_say_a_unit_once_and_two_levels_at_most():
    assert last_values(AHT, tuple(_figures(AHT, 340, 320.5, 310, 305))) == "320.5 · 310 · 305 s"
    assert last_values(FCR, tuple(_figures(FCR, 98, 99))) == "98% · 99%"
    levels = tuple(_levels(NAME, "not yet", "sometimes", "consistently"))
    assert last_values(NAME, levels) == "sometimes · consistently"


def test_a_goals_words_say_its_status_target_trend_and_review():
    person = Person(7, "Anna Virtanen", "anna", dt.date(2020, 1, 1))
    goal = Goal(**{**_fields(CSAT), "review_on": TODAY})
    records = Records(people=(person,), goals=(goal,), check_ins=tuple(_figures(CSAT, 4.2, 4.4)))
    said = goal_words(records, goal, TODAY)
    assert (said.status_words, said.target, said.last, said.trend) == (
        "off track",
        "≥ 4.5 pts",
        "4.2 · 4.4 pts",
        "▁█",
    )
    assert said.flagged and said.review_due


def test_a_draft_keeps_goal_values_and_new_goals_through_its_file():
    form = Form("Coaching 1:1", 1, ("Numbers and behaviours against goals",))
    draft = (
        SessionDraft.start(7, form)
        .with_goal_value(GoalValue(1, 4.6))
        .with_goal_value(GoalValue(4, level="sometimes"))
        .with_goal(NewGoal("Handling time", "<=", 300.0, "s", TODAY + dt.timedelta(days=90)))
        .with_goal(NewGoal("Uses the customer's name"))
    )
    assert not draft.is_empty
    assert draft.summary() == "notes on 0 of 1 items · 2 goal values · 2 new goals"
    assert SessionDraft.from_doc(draft.to_doc()) == draft
    assert draft.with_goal_value(None, 1).goal_value(1) is None
    assert draft.with_goal_value(GoalValue(1, 4.8)).goal_value(1) == GoalValue(1, 4.8)
    assert draft.without_goal(0).new_goals == (NewGoal("Uses the customer's name"),)


@pytest.mark.parametrize(
    "change",
    [
        {"goal_values": [[1, None, "always"]]},
        {"new_goals": [["CSAT", ">", 4.5, "", None]]},
        {"new_goals": [["CSAT", ">=", None, "", None]]},
    ],
)
def test_a_draft_with_a_goal_it_cannot_hold_is_not_taken_for_one(change):
    form = Form("Coaching 1:1", 1, ("Goals",))
    doc = {**SessionDraft.start(7, form).to_doc(), **change}
    with pytest.raises(ValueError, match="not a session draft"):
        SessionDraft.from_doc(doc)
