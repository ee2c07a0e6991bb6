"""Planned coaching sessions as an iCalendar file, for Outlook, Google Calendar and the rest.

Each session keeps one UID for life, and its SEQUENCE counts the moves, so
importing a newer file updates the events instead of adding copies. The file
leaves the machine, so it says as little as it can: the person's name, the
form, and how many agreements are open; never notes or agreement texts.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..domain.entities import PLANNED, Records, Session
from ..domain.rules import open_agreements
from ..domain.textsafe import visible

PRODID = "-//supervisor-tui//Coaching sessions//EN"
SESSION_LENGTH = dt.timedelta(minutes=45)


def uid(session: Session) -> str:
    """The event's UID: stable for the session's life, so a re-import updates it."""
    return f"session-{session.id}@supervisor-tui"


def upcoming_sessions(records: Records, today: dt.date) -> tuple[Session, ...]:
    """Sessions still planned for today or later, of people not archived, soonest first.

    Planned sessions from earlier days are left out: they were never recorded as
    held or cancelled, and the day view flags them until they are.
    """
    active = {p.id for p in records.people if not p.archived}
    upcoming = [
        s
        for s in records.sessions
        if s.status == PLANNED
        and s.planned_for is not None
        and s.person_id in active
        and s.planned_for.date() >= today
    ]
    return tuple(sorted(upcoming, key=lambda s: (s.planned_for, s.id)))


def _start(moment: dt.datetime) -> dt.datetime:
    # A named zone goes out with its VTIMEZONE; a bare offset has no name a calendar
    # would know ("UTC+02:00"), so that moment goes out in UTC instead.
    if isinstance(moment.tzinfo, ZoneInfo) and moment.tzinfo.key:
        return moment
    return moment.astimezone(dt.UTC)


def sessions_calendar(records: Records, today: dt.date, now: dt.datetime) -> bytes:
    """The upcoming planned sessions as an iCalendar (RFC 5545) file."""
    from ..domain.forms import form_for

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Coaching 1:1s")
    stamp = now.astimezone(dt.UTC)
    for session in upcoming_sessions(records, today):
        person = records.person(session.person_id)
        if person is None:  # upcoming_sessions keeps active people only
            continue
        start = _start(session.planned_for)
        form_name = session.form_name or form_for(person, records).name
        count = len(open_agreements(records, person.id))
        agreements = "1 open agreement" if count == 1 else f"{count} open agreements"
        event = Event()
        event.add("uid", uid(session))
        event.add("sequence", session.times_moved)
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + SESSION_LENGTH)
        # Names are shown as text, never as terminal or calendar control characters.
        event.add("summary", f"1:1: {visible(person.name)}")
        event.add("description", f"Coaching form: {visible(form_name)}\n{agreements} to return to")
        event.add("class", "PRIVATE")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
