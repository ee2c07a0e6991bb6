"""Date words: today, fri, +3d, 1.12., 2026-12-01, with or without a time."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervisor_tui.domain.datewords import (
    DateWordError,
    parse_date,
    parse_duration_days,
    parse_when,
    quoted,
)

SUNDAY = dt.date(2026, 11, 22)
FRIDAY = dt.date(2026, 11, 20)
MID_DECEMBER = dt.date(2026, 12, 15)
TEN = dt.time(10, 0)

WEEKDAY_NAMES = {
    0: ["mon", "monday", "ma", "maanantai"],
    1: ["tue", "tues", "tuesday", "ti", "tiistai"],
    2: ["wed", "wednesday", "ke", "keskiviikko"],
    3: ["thu", "thur", "thurs", "thursday", "to", "torstai"],
    4: ["fri", "friday", "pe", "perjantai"],
    5: ["sat", "saturday", "la", "lauantai"],
    6: ["sun", "sunday", "su", "sunnuntai"],
}
ALL_WEEKDAY_NAMES = [(name, day) for day, names in WEEKDAY_NAMES.items() for name in names]


def nov(day: int) -> dt.date:
    return dt.date(2026, 11, day)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", nov(22)),
        ("tomorrow", nov(23)),
        ("yesterday", nov(21)),
        ("  Tomorrow ", nov(23)),
        ("TODAY", nov(22)),
        ("+3d", nov(25)),
        ("3d", nov(25)),
        ("+0d", nov(22)),
        ("+2w", dt.date(2026, 12, 6)),
        ("2w", dt.date(2026, 12, 6)),
        ("-3d", nov(19)),
        ("-1w", nov(15)),
        ("+3D", nov(25)),
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("2027-1-5", dt.date(2027, 1, 5)),
        ("1.12.", dt.date(2026, 12, 1)),
        ("1.12.2026", dt.date(2026, 12, 1)),
        ("01.12.2026", dt.date(2026, 12, 1)),
        ("22.11.", nov(22)),
        ("next fri", nov(27)),
        ("NEXT  Fri", nov(27)),
        ("next sunday", nov(29)),
    ],
)
def test_date_words_on_a_sunday(text: str, expected: dt.date) -> None:
    assert parse_date(text, SUNDAY) == expected


@pytest.mark.parametrize(("name", "weekday"), ALL_WEEKDAY_NAMES)
def test_every_weekday_name_in_english_and_finnish_is_understood(name: str, weekday: int) -> None:
    # From a Sunday, Monday is 1 day ahead and Sunday a full week.
    assert parse_date(name, SUNDAY) == SUNDAY + dt.timedelta(days=weekday + 1)
    assert parse_date(name.upper(), SUNDAY) == SUNDAY + dt.timedelta(days=weekday + 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("fri", nov(27)), ("pe", nov(27)), ("thu", nov(26)), ("sat", nov(21)), ("next fri", nov(27))],
)
def test_weekday_name_means_the_next_occurrence_never_today(text: str, expected: dt.date) -> None:
    assert parse_date(text, FRIDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fri", nov(20)),
        ("sun", nov(15)),
        ("mon", nov(16)),
        ("sat", nov(21)),
        ("3d", nov(19)),
        ("2w", nov(8)),
        ("+3d", nov(25)),
        ("next fri", nov(27)),
        ("today", nov(22)),
        ("1.12.", dt.date(2025, 12, 1)),
        ("21.11.", nov(21)),
        ("22.11.", nov(22)),
        ("1.12.2026", dt.date(2026, 12, 1)),
    ],
)
def test_prefer_past_looks_back_for_weekdays_bare_offsets_and_yearless_dates(
    text: str, expected: dt.date
) -> None:
    assert parse_date(text, SUNDAY, prefer="past") == expected


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        ("1.12.", "future", dt.date(2027, 12, 1)),
        ("1.12.", "past", dt.date(2026, 12, 1)),
        ("15.12.", "future", dt.date(2026, 12, 15)),
        ("15.12.", "past", dt.date(2026, 12, 15)),
        ("31.12.", "future", dt.date(2026, 12, 31)),
        ("31.12.", "past", dt.date(2025, 12, 31)),
        ("1.1.", "future", dt.date(2027, 1, 1)),
        ("1.1.", "past", dt.date(2026, 1, 1)),
    ],
)
def test_yearless_date_is_the_nearest_one_in_the_preferred_direction(
    text: str, prefer: str, expected: dt.date
) -> None:
    assert parse_date(text, MID_DECEMBER, prefer=prefer) == expected  # type: ignore[arg-type]


@given(
    st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2200, 12, 24)),
    st.sampled_from(ALL_WEEKDAY_NAMES),
)
def test_weekday_is_always_one_to_seven_days_away_and_the_right_day(
    today: dt.date, name_and_day: tuple[str, int]
) -> None:
    name, weekday = name_and_day
    ahead = parse_date(name, today)
    behind = parse_date(name, today, prefer="past")
    assert ahead.weekday() == weekday == behind.weekday()
    assert 1 <= (ahead - today).days <= 7
    assert 1 <= (today - behind).days <= 7


@pytest.mark.parametrize(
    "text",
    [
        "frday",
        "+0x",
        "3",
        "1.12",
        "12/1",
        "2026-12-01x",
        "next",
        "next tomorrow",
        "fri fri",
        "٣d",
        "+123456d",
        "tomorow",
    ],
)
def test_unreadable_date_names_the_input_and_lists_the_accepted_forms(text: str) -> None:
    with pytest.raises(DateWordError) as caught:
        parse_date(text, SUNDAY)
    message = str(caught.value)
    assert f'Can\'t read "{text}" as a date.' in message
    assert "today, tomorrow, a weekday (fri), +3d, +2w, 2026-12-01, 1.12. or 1.12.2026" in message


def test_misspelt_weekday_message_is_exactly_as_documented() -> None:
    with pytest.raises(DateWordError) as caught:
        parse_when("frday", SUNDAY, TEN)
    assert str(caught.value) == (
        'Can\'t read "frday" as a date. Use today, tomorrow, a weekday (fri), +3d, +2w, '
        "2026-12-01, 1.12. or 1.12.2026, optionally followed by a time such as 10:00."
    )


@pytest.mark.parametrize(
    "text", ["32.1.", "31.2.", "29.2.2027", "2026-13-01", "2026-02-30", "0.5.", "1.0.2026"]
)
def test_impossible_calendar_date_is_an_error(text: str) -> None:
    with pytest.raises(DateWordError, match="not a date in the calendar"):
        parse_date(text, SUNDAY)


def test_leap_day_is_a_real_date_in_a_leap_year() -> None:
    assert parse_date("29.2.2028", SUNDAY) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("text", "today", "prefer", "expected"),
    [
        ("29.2.", dt.date(2027, 11, 20), "future", dt.date(2028, 2, 29)),  # the coming one
        ("29.2.", dt.date(2029, 1, 10), "past", dt.date(2028, 2, 29)),  # the last one
        ("29.2.", dt.date(2028, 1, 10), "future", dt.date(2028, 2, 29)),
        ("29.2.", dt.date(2028, 2, 29), "future", dt.date(2028, 2, 29)),  # today included
        ("29.2.", dt.date(2028, 2, 29), "past", dt.date(2028, 2, 29)),
        ("28.2.", dt.date(2028, 2, 29), "future", dt.date(2029, 2, 28)),
        ("1.3.", dt.date(2028, 2, 29), "past", dt.date(2027, 3, 1)),
        ("31.12.", dt.date(2026, 12, 31), "future", dt.date(2026, 12, 31)),
        ("1.1.", dt.date(2026, 12, 31), "future", dt.date(2027, 1, 1)),
        ("31.12.", dt.date(2027, 1, 1), "past", dt.date(2026, 12, 31)),
    ],
)
def test_yearless_leap_day_and_year_ends_are_the_nearest_in_the_preferred_direction(
    text: str, today: dt.date, prefer: str, expected: dt.date
) -> None:
    assert parse_date(text, today, prefer=prefer) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("today", "prefer"),
    [
        (dt.date(2026, 11, 22), "future"),  # no 29 February in 2026 or 2027
        (dt.date(2028, 3, 1), "future"),  # this year's is past, 2029 has none
        (dt.date(2027, 1, 10), "past"),
    ],
)
def test_a_yearless_leap_day_with_none_within_a_year_is_an_error(
    today: dt.date, prefer: str
) -> None:
    with pytest.raises(DateWordError, match="not a date in the calendar"):
        parse_date("29.2.", today, prefer=prefer)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_date_is_an_error_listing_the_forms(text: str) -> None:
    with pytest.raises(DateWordError, match=r"No date given\. Use today, tomorrow"):
        parse_date(text, SUNDAY)
    with pytest.raises(DateWordError, match=r"No date given\. Use today, tomorrow"):
        parse_when(text, SUNDAY, TEN)


@pytest.mark.parametrize("text", ["tue 10:00", "10:00", "1.12. 25:00"])
def test_parse_date_refuses_a_time_and_says_none_is_needed(text: str) -> None:
    with pytest.raises(DateWordError, match="No time is needed here"):
        parse_date(text, SUNDAY)


def test_offset_beyond_the_calendar_is_an_error_not_a_crash() -> None:
    with pytest.raises(DateWordError, match="too far away"):
        parse_date("+99999w", dt.date(9000, 1, 1))


def test_prefer_must_be_future_or_past() -> None:
    with pytest.raises(TypeError):
        parse_date("fri", SUNDAY, prefer="later")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tue 10:00", dt.datetime(2026, 11, 24, 10, 0)),
        ("TUE 10:00", dt.datetime(2026, 11, 24, 10, 0)),
        ("2026-12-01 9:30", dt.datetime(2026, 12, 1, 9, 30)),
        ("1.12. 10:00", dt.datetime(2026, 12, 1, 10, 0)),
        ("1.12.2026 14:05", dt.datetime(2026, 12, 1, 14, 5)),
        ("next fri 08:05", dt.datetime(2026, 11, 27, 8, 5)),
        ("+3d 0:00", dt.datetime(2026, 11, 25, 0, 0)),
        ("tomorrow 23:59", dt.datetime(2026, 11, 23, 23, 59)),
        ("10:00", dt.datetime(2026, 11, 22, 10, 0)),
        (" 7:45 ", dt.datetime(2026, 11, 22, 7, 45)),
        ("tomorrow", dt.datetime(2026, 11, 23, 9, 15)),
        ("ti", dt.datetime(2026, 11, 24, 9, 15)),
    ],
)
def test_when_is_a_date_word_and_an_optional_time(text: str, expected: dt.datetime) -> None:
    when = parse_when(text, SUNDAY, dt.time(9, 15))
    assert when == expected
    assert when.tzinfo is None


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("25:00", "25:00"),
        ("tue 24:00", "24:00"),
        ("tue 10:60", "10:60"),
        ("tue 10:5", "10:5"),
        ("tue :30", ":30"),
        ("tue 1:2:3", "1:2:3"),
    ],
)
def test_impossible_time_is_an_error_naming_it(text: str, bad: str) -> None:
    with pytest.raises(DateWordError) as caught:
        parse_when(text, SUNDAY, TEN)
    assert f'Can\'t read "{bad}" as a time.' in str(caught.value)
    assert "00:00 to 23:59" in str(caught.value)


@pytest.mark.parametrize(("text", "bad"), [("frday 10:00", "frday"), ("10:00 tue", "10:00 tue")])
def test_unreadable_date_before_a_time_names_the_date_part(text: str, bad: str) -> None:
    with pytest.raises(DateWordError, match=f'Can\'t read "{bad}" as a date'):
        parse_when(text, SUNDAY, TEN)


@pytest.mark.parametrize(
    ("text", "days"), [("30d", 30), ("4w", 28), ("30", 30), (" 2W ", 14), ("1", 1), ("1d", 1)]
)
def test_duration_is_days_or_weeks(text: str, days: int) -> None:
    assert parse_duration_days(text) == days


@pytest.mark.parametrize("text", ["", "d", "1m", "month", "4 w", "3.5", "-3d", "+3d", "x30"])
def test_unreadable_duration_lists_the_accepted_forms(text: str) -> None:
    with pytest.raises(DateWordError, match=r"as a length of time\. Use .*30d, 4w or 30"):
        parse_duration_days(text)


@pytest.mark.parametrize("text", ["0", "0d", "0w"])
def test_duration_must_be_at_least_a_day(text: str) -> None:
    with pytest.raises(DateWordError, match="at least one day"):
        parse_duration_days(text)


def test_quoted_input_never_carries_control_characters() -> None:
    assert quoted("fr\x1b[2Jday\n") == '"fr\\x1b[2Jday\\n"'
    assert quoted("päivä") == '"päivä"'


@given(st.text(), st.sampled_from(["future", "past"]))
def test_any_text_is_a_date_or_a_date_word_error(text: str, prefer: str) -> None:
    for parse in (
        lambda: parse_date(text, SUNDAY, prefer),  # type: ignore[arg-type]
        lambda: parse_when(text, SUNDAY, TEN, prefer),  # type: ignore[arg-type]
        lambda: parse_duration_days(text),
    ):
        with contextlib.suppress(DateWordError):
            parse()
