"""The local time zone and the clock: named zones, $TZ, and the DST switch days in Helsinki.

Helsinki moves its clocks at 03:00 local time on the last Sunday of March (03:00 EET
becomes 04:00 EEST) and at 04:00 on the last Sunday of October (back to 03:00 EET).
"""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
from clihelpers import said, team

from supervisor_tui.domain.clock import local_now, local_zone, localize, to_local

HELSINKI = ZoneInfo("Europe/Helsinki")
SPRING = dt.date(2026, 3, 29)  # last Sunday of March 2026
AUTUMN = dt.date(2026, 10, 25)  # last Sunday of October 2026


@pytest.fixture(autouse=True)
def _fresh_zone():
    """local_zone() is read once per process; these tests change $TZ under it."""
    local_zone.cache_clear()
    yield
    local_zone.cache_clear()


def _with_tz(monkeypatch, value: str) -> None:
    monkeypatch.setenv("TZ", value)
    time.tzset()


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize("tz", ["Europe/Helsinki", ":Europe/Helsinki"])
def test_the_local_zone_is_the_zone_named_in_tz(monkeypatch, tz):
    _with_tz(monkeypatch, tz)
    zone = local_zone()
    # A calendar file needs the name (TZID), not just the offsets.
    assert isinstance(zone, ZoneInfo)
    assert zone.key == "Europe/Helsinki"


@pytest.mark.parametrize("tz", ["EET-2EEST,M3.5.0/3,M10.5.0/4", "Nowhere/Atlantis"])
def test_a_tz_without_a_zone_name_leaves_the_offsets_to_the_c_library(monkeypatch, tz):
    _with_tz(monkeypatch, tz)
    assert local_zone() is None
    summer = dt.datetime(2026, 7, 1, 9, tzinfo=dt.UTC)
    # The same offsets as `date` shows for this TZ: the rule's, or UTC for a name unknown.
    assert to_local(summer).utcoffset() == summer.astimezone().utcoffset()
    assert localize(at("2026-07-01 12:00")) == at("2026-07-01 12:00").astimezone()


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("2026-03-28 10:00", "2026-03-28T10:00:00+02:00"),  # the Saturday before: winter
        ("2026-03-29 02:59", "2026-03-29T02:59:00+02:00"),  # a minute before the jump
        ("2026-03-29 03:00", "2026-03-29T04:00:00+03:00"),  # skipped: read as calendars do
        ("2026-03-29 03:30", "2026-03-29T04:30:00+03:00"),
        ("2026-03-29 04:00", "2026-03-29T04:00:00+03:00"),
        ("2026-03-29 10:00", "2026-03-29T10:00:00+03:00"),
        ("2026-03-30 10:00", "2026-03-30T10:00:00+03:00"),
        ("2026-10-24 10:00", "2026-10-24T10:00:00+03:00"),
        ("2026-10-25 02:59", "2026-10-25T02:59:00+03:00"),
        ("2026-10-25 03:30", "2026-10-25T03:30:00+03:00"),  # happens twice: the first
        ("2026-10-25 04:00", "2026-10-25T04:00:00+02:00"),
        ("2026-10-25 10:00", "2026-10-25T10:00:00+02:00"),
        ("2026-01-31 10:00", "2026-01-31T10:00:00+02:00"),  # month end
        ("2028-02-29 10:00", "2028-02-29T10:00:00+02:00"),  # leap day
        ("2026-12-31 23:59", "2026-12-31T23:59:00+02:00"),  # year end
    ],
)
def test_a_typed_time_gets_the_offset_helsinki_has_on_that_day(typed, stored):
    moment = localize(at(typed))
    assert moment.isoformat() == stored
    assert moment.utcoffset() == at(stored).utcoffset()


@pytest.mark.parametrize("day", [SPRING, AUTUMN, dt.date(2028, 2, 29)])
def test_every_time_on_a_switch_day_reads_back_as_typed_but_the_skipped_hour(day):
    for minutes in range(0, 24 * 60, 15):
        typed = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60))
        back = to_local(dt.datetime.fromisoformat(localize(typed).isoformat()))
        skipped = day == SPRING and typed.hour == 3
        assert back.replace(tzinfo=None) == typed + dt.timedelta(hours=skipped), typed


@pytest.mark.parametrize(
    "instant, shown",
    [
        ("2026-03-29T00:59:00+00:00", "2026-03-29T02:59:00+02:00"),
        ("2026-03-29T01:00:00+00:00", "2026-03-29T04:00:00+03:00"),
        ("2026-10-25T00:30:00+00:00", "2026-10-25T03:30:00+03:00"),
        ("2026-10-25T01:30:00+00:00", "2026-10-25T03:30:00+02:00"),  # the second 03:30
        ("2026-02-28T22:00:00+00:00", "2026-03-01T00:00:00+02:00"),  # month end
        ("2028-02-29T21:59:00+00:00", "2028-02-29T23:59:00+02:00"),  # leap day
    ],
)
def test_a_stored_moment_is_shown_in_helsinki_time(instant, shown):
    moment = to_local(at(instant))
    assert moment.isoformat() == shown
    assert moment.tzinfo is local_zone()


@pytest.mark.parametrize(
    "today", [SPRING, AUTUMN, dt.date(2026, 1, 31), dt.date(2028, 2, 29), dt.date(2026, 12, 31)]
)
def test_a_forced_day_keeps_its_date_and_has_that_days_offset(today):
    now = local_now(today)
    assert now.date() == today
    assert now.utcoffset() == localize(now.replace(tzinfo=None)).utcoffset()


def test_a_time_the_clocks_skip_is_planned_an_hour_later_not_earlier(db_path):
    # The C library read a typed 03:30 as 02:30; calendar programs read it as 04:30.
    said(db_path, "people", "add", "Anna Virtanen")
    assert said(db_path, "plan", "anna", "28.3.2027 03:30") == (
        "Planned Anna Virtanen's session for Sun 28 Mar 2027 04:30. "
        "That is after Anna's due date, Tue 22 Dec: move it earlier if you can."
    )
    assert team(db_path)[0]["next_planned_for"] == "2027-03-28T04:30:00+03:00"


def test_a_session_planned_the_day_after_the_spring_switch_keeps_its_time(db_path):
    said(db_path, "people", "add", "Anna Virtanen")
    said(db_path, "plan", "anna", "29.3.2027 10:00")
    assert team(db_path)[0]["next_planned_for"] == "2027-03-29T10:00:00+03:00"
