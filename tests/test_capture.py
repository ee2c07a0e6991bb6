"""The one-line capture syntax: `win @anna closed the escalated billing case`."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervisor_tui.domain.capture import (
    KINDS,
    Capture,
    CaptureError,
    complete,
    parse_capture,
    person_of,
)
from supervisor_tui.domain.datewords import DateWordError
from supervisor_tui.domain.entities import Person
from supervisor_tui.domain.people import PersonRefError

START = dt.date(2024, 3, 1)
SUNDAY = dt.date(2026, 11, 22)
NEXT_FRI = dt.date(2026, 11, 27)
A_WEEK_ON = dt.date(2026, 11, 30)  # a week after Sunday 22 is a Sunday: the Monday after it

ANNA = Person(1, "Anna Virtanen", "anna", START)
ANTTI = Person(2, "Antti Korhonen", "antti", START)
AKI = Person(3, "Äki Mäkelä", "aki", START)
BEN = Person(4, "Ben Ng", "ben", START)
OLLI = Person(5, "Olli Oja", "olli", START, archived=True)
TEAM = (ANNA, ANTTI, AKI, BEN, OLLI)


def parse(line: str, default_time: dt.time = dt.time(10, 0)) -> Capture:
    return parse_capture(line, TEAM, SUNDAY, default_time)


@pytest.mark.parametrize(
    ("line", "kind", "person", "text", "note_kind"),
    [
        ("win @anna closed the billing case", "win", ANNA, "closed the billing case", ""),
        ("WIN @anna closed it", "win", ANNA, "closed it", ""),
        ("idea @ben shorter wrap-up codes", "idea", BEN, "shorter wrap-up codes", ""),
        ("suggestion @ben shorter wrap-up codes", "idea", BEN, "shorter wrap-up codes", ""),
        ("note @aki calm with a caller", "note", AKI, "calm with a caller", "observation"),
        ("wellbeing @aki rough day", "note", AKI, "rough day", "wellbeing"),
        ("Wellbeing @AKI rough day", "note", AKI, "rough day", "wellbeing"),
        ("  win   @virt   padded text  ", "win", ANNA, "padded text", ""),
        ("win @anna: closed it", "win", ANNA, "closed it", ""),
        ("win @mäk handled it", "win", AKI, "handled it", ""),
    ],
)
def test_win_idea_and_note_lines_become_captures(
    line: str, kind: str, person: Person, text: str, note_kind: str
) -> None:
    assert parse(line) == Capture(kind, person, text, note_kind=note_kind)


def test_text_keeps_inner_spacing_markup_and_quotes_exactly_as_typed() -> None:
    text = 'two  spaces\tand a tab, [b]not markup[/b], "quotes" and a \\ backslash'
    assert parse(f"win @anna {text}  ").text == text


@pytest.mark.parametrize(
    ("line", "text", "follow_up_on"),
    [
        ("todo @ben send the shift plan by fri", "send the shift plan", NEXT_FRI),
        ("todo @ben send the shift plan BY Fri", "send the shift plan", NEXT_FRI),
        ("todo @ben send the plan by fri 10:00", "send the plan", NEXT_FRI),
        ("todo @ben send the plan by next fri 10:00", "send the plan", NEXT_FRI),
        ("todo @ben send the plan by 1.12.", "send the plan", dt.date(2026, 12, 1)),
        ("todo @ben send the plan by +2w", "send the plan", dt.date(2026, 12, 6)),
        ("todo @ben go by bus by tomorrow", "go by bus", dt.date(2026, 11, 23)),
        ("todo @ben send the shift plan", "send the shift plan", A_WEEK_ON),
        (
            "todo @ben stand by the window near the door",
            "stand by the window near the door",
            A_WEEK_ON,
        ),
        ("todo @ben ask what to stand by", "ask what to stand by", A_WEEK_ON),
        ("todo @ben nearby fri", "nearby fri", A_WEEK_ON),
    ],
)
def test_todo_takes_a_trailing_by_date_as_follow_up_else_a_week_ahead(
    line: str, text: str, follow_up_on: dt.date
) -> None:
    assert parse(line) == Capture("todo", BEN, text, follow_up_on=follow_up_on)


@pytest.mark.parametrize(
    ("today", "follow_up_on"),
    [
        pytest.param(dt.date(2026, 11, 23), dt.date(2026, 11, 30), id="mon-to-mon"),
        pytest.param(dt.date(2026, 11, 27), dt.date(2026, 12, 4), id="fri-to-fri"),
        pytest.param(dt.date(2026, 11, 28), dt.date(2026, 12, 7), id="sat-to-mon-not-sat"),
        pytest.param(dt.date(2026, 11, 29), dt.date(2026, 12, 7), id="sun-to-mon-not-sun"),
    ],
)
def test_todo_without_a_date_is_followed_up_a_week_on_on_a_working_day(today, follow_up_on):
    capture = parse_capture("todo @ben send the shift plan", TEAM, today)

    assert capture.follow_up_on == follow_up_on


def test_todo_with_unreadable_by_date_says_how_to_keep_the_words_as_text() -> None:
    with pytest.raises(CaptureError) as caught:
        parse("todo @ben stand by me")
    message = str(caught.value)
    assert message.startswith('Can\'t read "me" as a date.')
    assert '"… by me by fri"' in message
    assert isinstance(caught.value.__cause__, DateWordError)


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("plan @anna tue 10:00", dt.datetime(2026, 11, 24, 10, 0)),
        ("plan @anna 1.12. 9:30", dt.datetime(2026, 12, 1, 9, 30)),
        ("plan @anna tue", dt.datetime(2026, 11, 24, 8, 45)),
        ("plan @anna 14:00", dt.datetime(2026, 11, 22, 14, 0)),
        ("PLAN @virt next fri", dt.datetime(2026, 11, 27, 8, 45)),
    ],
)
def test_plan_reads_a_date_and_optional_time_with_the_default_time(
    line: str, when: dt.datetime
) -> None:
    assert parse(line, default_time=dt.time(8, 45)) == Capture("plan", ANNA, "", when=when)


def test_plan_with_unreadable_date_passes_the_date_word_error_through() -> None:
    with pytest.raises(DateWordError, match='Can\'t read "frday" as a date'):
        parse("plan @anna frday 10:00")


@pytest.mark.parametrize(
    ("line", "error", "message"),
    [
        ("", CaptureError, "Nothing to capture. Start with a kind and a person: win @anna"),
        ("   ", CaptureError, "Nothing to capture"),
        ("wn @anna hi", CaptureError, '"wn" is not a kind. Start the line with one of: win, idea'),
        ("win anna closed it", CaptureError, "Say who it is about: win @anna "),
        ("win", CaptureError, "Say who it is about: win @anna "),
        ("idea @ great idea", CaptureError, "Say who it is about: idea @anna "),
        ("win @anna", CaptureError, "win needs some text, e.g. win @anna closed the escalated"),
        ("note @virt   ", CaptureError, "note needs some text, e.g. note @anna "),
        ("todo @ben by fri", CaptureError, "todo needs some text, e.g. todo @ben "),
        ("plan @anna", CaptureError, "plan needs a date, e.g. plan @anna tue 10:00"),
        ("win @an great", PersonRefError, "Anna Virtanen (@anna), Antti Korhonen (@antti)"),
        ("win @zed great", PersonRefError, 'No one called "zed". People: @aki, @anna'),
        ("win @olli great", PersonRefError, "No one called"),
        ("plan @anna 31.2.", DateWordError, "not a date in the calendar"),
    ],
)
def test_bad_lines_raise_an_error_that_says_what_to_type(
    line: str, error: type[ValueError], message: str
) -> None:
    with pytest.raises(error) as caught:
        parse(line)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_unknown_kind_message_is_exactly_as_documented() -> None:
    with pytest.raises(CaptureError) as caught:
        parse("wn @anna closed it")
    assert str(caught.value) == (
        '"wn" is not a kind. Start the line with one of: win, idea, note, wellbeing, todo, plan'
    )


def test_kinds_offered_for_completion() -> None:
    assert KINDS == ("win", "idea", "note", "wellbeing", "todo", "plan")


@pytest.mark.parametrize(
    ("line", "suggestions"),
    [
        ("", ["win ", "idea ", "note ", "wellbeing ", "todo ", "plan "]),
        ("w", ["win ", "wellbeing "]),
        ("W", ["win ", "wellbeing "]),
        ("win", ["win "]),
        ("x", []),
        ("win ", ["win @aki ", "win @anna ", "win @antti ", "win @ben "]),
        ("win @an", ["win @anna ", "win @antti "]),
        ("win @virt", ["win @anna "]),
        ("Win  @AK", ["Win  @aki "]),
        ("note @mäk", ["note @aki "]),
        ("idea a", ["idea @aki ", "idea @anna ", "idea @antti "]),
        ("win @oll", []),
        ("wn @an", []),
        ("win @anna ", []),
        ("win @anna closed", []),
    ],
)
def test_completion_offers_kinds_then_people_as_whole_lines(
    line: str, suggestions: list[str]
) -> None:
    assert complete(line, TEAM) == suggestions


# Text that has bitten capture syntaxes before: Finnish letters, emoji, markup-like
# brackets, quotes, backslashes, newlines, escape codes, and things that look like syntax.
AWKWARD = [
    "Äiti kiitti: hyvä päivä!",
    "asiakas oli tyytyväinen 😀🎉",
    "[b]brackets[/b] and [red]colour[/]",
    "said \"it's fine\" and 'thanks'",
    "C:\\path\\to\\file \\n not a newline",
    "two\nlines",
    "\x1b[31mred\x1b[0m",
    "by fri",
    "todo @ben by fri",
    "@anna @ben",
    "   padded   ",
    "win",
]
texts = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(),
    st.builds(
        lambda a, b, c: a + b + c, st.sampled_from(AWKWARD), st.text(), st.sampled_from(AWKWARD)
    ),
).filter(lambda t: t.strip())


@given(kind=st.sampled_from(["win", "idea", "suggestion", "note", "wellbeing"]), text=texts)
def test_text_round_trips_exactly_apart_from_surrounding_whitespace(kind: str, text: str) -> None:
    assert parse(f"{kind} @anna {text}").text == text.strip()


lines = st.one_of(
    st.text(),
    st.builds(
        lambda kind, ref, rest: f"{kind} {ref} {rest}",
        st.sampled_from([*KINDS, "suggestion", "WIN", "x"]),
        st.sampled_from(["@anna", "@an", "@", "@zed", "@olli", "anna", "@äki", ""]),
        st.one_of(st.text(), st.builds("{} by {}".format, st.text(), st.text())),
    ),
)


@given(lines)
def test_any_line_parses_or_raises_a_value_error(line: str) -> None:
    with contextlib.suppress(ValueError):
        parse(line)


@given(st.text())
def test_completion_never_fails_and_only_extends_known_kinds(line: str) -> None:
    for suggestion in complete(line, TEAM):
        assert suggestion.endswith(" ")
        assert suggestion.split()[0].casefold() in {*KINDS, "suggestion"}


@pytest.mark.parametrize(
    ("line", "about"),
    [
        ("win @anna calmed a caller", ANNA),
        ("win @anna", ANNA),
        ("idea @ben: shorter wrap-up codes", BEN),
        ("win @äki", AKI),
        ("win @an", None),  # Anna or Antti: it does not say yet
        ("win @olli", None),  # archived
        ("win @nobody great call", None),
        ("win anna calmed a caller", None),
        ("win", None),
        ("", None),
    ],
)
def test_a_half_typed_line_is_about_the_person_it_names_after_the_kind(line, about):
    assert person_of(line, TEAM) == about
