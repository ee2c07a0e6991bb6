"""The one place that reads the clock. Rules never do; callers pass ``today`` down.

``--today`` (or ``SUPERVISOR_TUI_TODAY``) moves the whole app to another day,
for "what does Monday look like?", for demos and for tests.
"""

from __future__ import annotations

import datetime as dt


def local_now(today: dt.date | None = None) -> dt.datetime:
    """Now, in the local time zone with its offset; on ``today`` if one is forced."""
    now = dt.datetime.now().astimezone().replace(microsecond=0)
    if today is None or today == now.date():
        return now
    # Same wall-clock time on the forced day, with that day's own offset (DST).
    return dt.datetime.combine(today, now.time().replace(tzinfo=None)).astimezone()


def localize(moment: dt.datetime) -> dt.datetime:
    """A naive local date-time (as typed) made aware in the local time zone."""
    return moment.astimezone() if moment.tzinfo is None else moment
