"""`sup ics`: planned sessions as a calendar file that Outlook and Google Calendar import."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from dataclasses import replace

import pytest
from clihelpers import RAW_CONTROL, TODAY, add_team, ok, plant_person, run, said, team
from icalendar import Calendar

from supervisor_tui.present.ics import sessions_calendar
from supervisor_tui.store import Store


def ics_bytes(db, **kwargs) -> bytes:
    """`sup ics` exactly as written (CliRunner's text output would turn CRLF into LF)."""
    result = run(db, "ics", **kwargs)
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    return result.stdout_bytes


def export(db, **kwargs) -> Calendar:
    return Calendar.from_ical(ics_bytes(db, **kwargs))


def events(cal: Calendar) -> dict[str, dict]:
    """The calendar's events by UID, with the fields that matter."""
    return {
        str(e["UID"]): {
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "sequence": int(e["SEQUENCE"]),
            "summary": str(e["SUMMARY"]),
            "description": str(e["DESCRIPTION"]),
        }
        for e in cal.walk("VEVENT")
    }


def planned_team(db) -> None:
    """Anna planned Tue 24 Nov 10:00 (#4), Ben Mon 30 Nov 14:30 (#5); Äki has nothing."""
    add_team(db)
    said(db, "plan", "anna", "tue 10:00")
    said(db, "plan", "ben", "2026-11-30 14:30")


def test_every_planned_session_is_one_event_with_a_stable_uid(db_path):
    planned_team(db_path)
    cal = export(db_path)
    assert str(cal["PRODID"]) == "-//supervisor-tui//Coaching sessions//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert sorted(events(cal)) == ["session-4@supervisor-tui", "session-5@supervisor-tui"]


def test_each_event_starts_when_the_session_is_planned_in_its_time_zone(db_path):
    planned_team(db_path)
    planned = {p["handle"]: p["next_planned_for"] for p in team(db_path)}
    found = events(export(db_path))
    anna = found["session-4@supervisor-tui"]
    assert anna["start"] == dt.datetime.fromisoformat(planned["anna"])
    assert anna["start"].utcoffset() == dt.timedelta(hours=2)
    assert str(anna["start"].tzinfo) == "Europe/Helsinki"
    assert anna["end"] - anna["start"] == dt.timedelta(minutes=45)
    ben = found["session-5@supervisor-tui"]
    assert ben["start"] == dt.datetime.fromisoformat(planned["ben"])
    assert (anna["sequence"], ben["sequence"]) == (0, 0)


def test_the_file_carries_the_time_zone_it_refers_to_and_crlf_lines(db_path):
    planned_team(db_path)
    data = ics_bytes(db_path)
    cal = Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert b"\r\nDTSTART;TZID=Europe/Helsinki:20261124T100000\r\n" in data
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_summary_names_the_person_and_description_says_little(db_path):
    planned_team(db_path)
    said(db_path, "todo", "anna", "send the secret shift plan", "--by", "fri")
    said(db_path, "note", "anna", "--wellbeing", "private worries")
    anna = events(export(db_path))["session-4@supervisor-tui"]
    assert anna["summary"] == "1:1: Anna Virtanen"
    assert anna["description"] == "Coaching form: Coaching 1:1\n1 open agreement to return to"
    raw = ics_bytes(db_path)
    assert b"secret" not in raw and b"worries" not in raw


def test_the_form_named_is_the_persons_own(db_path):
    planned_team(db_path)
    said(db_path, "people", "set", "ben", "--form", "new starter")
    ben = events(export(db_path))["session-5@supervisor-tui"]
    assert ben["description"] == "Coaching form: New starter\n0 open agreements to return to"


def test_uids_stay_the_same_across_exports_and_a_move_raises_the_sequence(db_path):
    planned_team(db_path)
    first = events(export(db_path))
    assert events(export(db_path)).keys() == first.keys()
    said(db_path, "plan", "anna", "wed 13:00")
    moved = events(export(db_path))
    assert moved.keys() == first.keys()
    anna = moved["session-4@supervisor-tui"]
    assert anna["sequence"] == 1
    assert anna["start"] == dt.datetime.fromisoformat("2026-11-25T13:00:00+02:00")
    assert moved["session-5@supervisor-tui"] == first["session-5@supervisor-tui"]


def test_held_cancelled_past_and_archived_sessions_are_left_out(db_path):
    planned_team(db_path)
    said(db_path, "people", "add", "Dan Berg")
    said(db_path, "plan", "dan", "fri 09:00")  # #7
    said(db_path, "people", "archive", "dan")
    said(db_path, "held", "ben", "--no-next")  # Ben's planned session is the held one now
    said(db_path, "plan", "aki", "2026-11-21 10:00", today="2026-11-20")  # yesterday: left out
    assert sorted(events(export(db_path))) == ["session-4@supervisor-tui"]
    # On the day of Anna's session it is still in; the day after, it is gone.
    assert sorted(events(export(db_path, today="2026-11-24"))) == ["session-4@supervisor-tui"]
    assert events(export(db_path, today="2026-11-25")) == {}


def test_an_empty_calendar_is_still_a_valid_file(db_path):
    cal = export(db_path)
    assert cal.name == "VCALENDAR"
    assert events(cal) == {}


def test_names_are_escaped_for_the_calendar_and_the_terminal(db_path):
    plant_person(db_path, "Eve, \x1b[31mRed; \u202eevil\\", "eve")
    said(db_path, "plan", "eve", "tue 10:00")
    raw = ics_bytes(db_path).decode()
    assert not RAW_CONTROL.search(raw.replace("\r\n", ""))
    assert "SUMMARY:1:1: Eve\\, ␛[31mRed\\; <U+202E>evil\\\\\r\n" in raw
    (eve,) = events(Calendar.from_ical(raw)).values()
    assert eve["summary"] == "1:1: Eve, ␛[31mRed; <U+202E>evil\\"


def test_out_writes_a_private_file_and_says_how_many(db_path, tmp_path):
    planned_team(db_path)
    target = tmp_path / "cal" / "coaching.ics"
    old = os.umask(0o022)
    try:
        out = ok(db_path, "ics", "--out", str(target))
    finally:
        os.umask(old)
    assert out == f"Wrote 2 sessions to {target}.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(events(Calendar.from_ical(target.read_bytes()))) == sorted(
        events(export(db_path))
    )


def test_out_replaces_an_older_file_and_keeps_it_private(db_path, tmp_path):
    planned_team(db_path)
    target = tmp_path / "coaching.ics"
    target.write_text("old")
    target.chmod(0o644)
    ok(db_path, "ics", "--out", str(target))
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_session_stored_with_a_fixed_offset_goes_out_in_utc(db_path):
    planned_team(db_path)
    records = Store(db_path).load()
    session = next(s for s in records.sessions if s.id == 4)
    fixed = session.planned_for.astimezone(dt.timezone(dt.timedelta(hours=2)))
    records = replace(records, sessions=(replace(session, planned_for=fixed),))
    now = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
    raw = sessions_calendar(records, dt.date(2026, 11, 22), now).decode()
    assert "DTSTART:20261124T080000Z\r\n" in raw
    assert "DTSTAMP:20261122T120000Z\r\n" in raw
    assert "VTIMEZONE" not in raw


@pytest.mark.parametrize("argv", [("win", "anna", "closed the case"), ("plan", "anna", "tue")])
def test_capturing_never_imports_icalendar(db_path, argv):
    add_team(db_path)
    probe = (
        "import sys; from supervisor_tui.cli import main\n"
        f"sys.argv = ['sup', *{list(argv)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('icalendar' in sys.modules, 'pendulum' in sys.modules, file=sys.stderr)\n"
    )
    env = dict(os.environ, SUPERVISOR_TUI_DB=str(db_path), SUPERVISOR_TUI_TODAY=TODAY)
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.startswith(("Saved win", "Planned Anna"))
    assert done.stderr.strip().splitlines()[-1] == "False False"


def test_a_session_in_a_zone_without_a_name_goes_out_in_utc():
    import datetime as dt
    from zoneinfo import ZoneInfo

    from supervisor_tui.present.ics import _start

    with open("/usr/share/zoneinfo/Europe/Helsinki", "rb") as fh:
        nameless = ZoneInfo.from_file(fh)  # as read from /etc/localtime when it is a copy
    start = _start(dt.datetime(2026, 12, 1, 10, 0, tzinfo=nameless))
    assert start == dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    assert start.tzinfo is dt.UTC
