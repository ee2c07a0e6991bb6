"""The one place that reads the clock. Rules never do; callers pass ``today`` down.

``--today`` (or ``SUPERVISOR_TUI_TODAY``) moves the whole app to another day,
for "what does Monday look like?", for demos and for tests.

Stdlib only, not ``pendulum.local_timezone()``: `sup plan` and `sup today` read the
zone for every stored date-time, and importing pendulum would add about 30 ms to them
(measured with ``python -X importtime``); pendulum also drops a POSIX rule such as
``TZ=EET-2EEST,M3.5.0/3,M10.5.0/4`` for /etc/localtime, where the C library honours it.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache


def local_now(today: dt.date | None = None) -> dt.datetime:
    """Now, in the local time zone with its offset; on ``today`` if one is forced."""
    # The C library's offset for this instant agrees with `local_zone()`, and asking it
    # keeps the zone database (3 ms to import) off the path of `sup win`.
    now = dt.datetime.now().astimezone().replace(microsecond=0)
    if today is None or today == now.date():
        return now
    # Same wall-clock time on the forced day, with that day's own offset (DST).
    return dt.datetime.combine(today, now.time().replace(tzinfo=None)).astimezone()


def localize(moment: dt.datetime) -> dt.datetime:
    """A naive local date-time (as typed) made aware in the local time zone.

    Read as `to_local` and calendar programs read it back (RFC 5545): a time the
    clocks skip (03:30 on the last Sunday of March in Helsinki) takes the offset
    from before the jump, so it is 04:30 summer time; a time the clocks pass twice
    (03:30 on the last Sunday of October) is the first of the two.
    """
    if moment.tzinfo is not None:
        return moment
    zone = local_zone()
    if zone is None:
        return moment.astimezone()
    # Through UTC, so a skipped time comes back as the wall-clock time it really is.
    return moment.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)


@cache
def local_zone() -> dt.tzinfo | None:
    """The local time zone as a tzinfo that knows its DST rules, or None if unknown.

    ``datetime.astimezone()`` without an argument asks the C library for the
    local offset on every call, which costs 1.4 µs: 140 ms over 100k records.
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":")
    try:
        if name:
            return ZoneInfo(name)
        # /etc/localtime is usually a link into the zone database: its path names the
        # zone, which a calendar file needs ("Europe/Helsinki", not just the rules).
        target = os.path.realpath("/etc/localtime")
        if "/zoneinfo/" in target:
            return ZoneInfo(target.split("/zoneinfo/", 1)[1])
        with open("/etc/localtime", "rb") as fh:
            return ZoneInfo.from_file(fh)
    except (OSError, ValueError, ZoneInfoNotFoundError):
        return None


def to_local(moment: dt.datetime) -> dt.datetime:
    """An aware moment shown in the local time zone."""
    return moment.astimezone(local_zone())
