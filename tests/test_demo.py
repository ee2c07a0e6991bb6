"""The demo team (`make demo`): sessions on working days whatever day it is opened."""

from __future__ import annotations

import datetime as dt

import pytest

from supervisor_tui.dev.demo import ANCHOR, SHIPPED, fresh_copy
from supervisor_tui.domain.entities import HELD, PLANNED
from supervisor_tui.domain.rules import day_view
from supervisor_tui.store import Store


def session_days(records) -> list[dt.date]:
    return [
        s.held_on if s.status == HELD else s.planned_for.date()
        for s in records.sessions
        if s.status in (HELD, PLANNED)
    ]


def test_the_shipped_demo_has_every_session_on_a_working_day():
    assert all(day.weekday() < 5 for day in session_days(Store(SHIPPED).load()))


# Monday 23 to Sunday 29 November 2026: opened on any day of a week.
@pytest.mark.parametrize("today", [ANCHOR + dt.timedelta(days=n) for n in range(3, 10)])
def test_a_copy_opened_on_any_day_keeps_sessions_on_working_days(tmp_path, today):
    records = Store(fresh_copy(tmp_path, today)).load()

    days = session_days(records)
    assert all(day.weekday() < 5 for day in days), sorted(d for d in days if d.weekday() >= 5)
    # Held sessions stay in the past; planned ones keep their side of today.
    assert all(s.held_on <= today for s in records.sessions if s.status == HELD)
    # No backup of a copy made a moment ago, no journal or lock left beside it.
    assert {p.name for p in tmp_path.iterdir()} <= {"demo.json", "demo.json.open"}


def test_on_a_sunday_todays_sessions_move_to_monday_and_the_day_view_still_fills(tmp_path):
    sunday = dt.date(2026, 11, 29)
    records = Store(fresh_copy(tmp_path, sunday)).load()

    view = day_view(records, sunday)
    assert [r.flagged for r in view.sessions_today] == [True]  # Fredrik's, from Friday
    monday = day_view(records, sunday + dt.timedelta(days=1))
    assert {r.person.handle for r in monday.sessions_today} >= {"anna", "ben"}
    assert view.due_for_coaching and view.suggestions and view.wins and view.follow_ups
