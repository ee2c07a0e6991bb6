"""A hand-built team whose monthly figures are worked out by hand (tests/test_report*.py).

Today is Friday 20 November 2026. October is a whole month; November is under way.

October, worked out:
- Team: Anna and Ben (all month), Chloé (joined Thu 15 Oct). Eeva joins on 2 Nov;
  Dawit is archived, so nothing of his counts anywhere.
- Coaching: Anna held on Fri 23 Oct, on the day planned; Ben held on Tue 20 Oct, planned
  for the 14th and moved twice. Chloé not coached. Ben was overdue from Sun 11 Oct
  (30 days after 10 Sep) to Mon 19 Oct: 9 days.
- Suggestions (4): Anna's accepted in 2 days; Anna's second in progress after 2 days;
  Ben's received Wed 28 Oct and declined Fri 6 Nov (9 days: counts in October, not in
  under 7); Chloé's still open (31 days on 20 Nov). Median 2, p90 9.
- Wins (3): Anna's thanked the same day in person, Ben's after 3 days by message,
  Chloé's never. Median 1.5; 1 in under 2 days, out of 3 judged.
- Follow-ups: on time (Anna), late (Ben), open (Chloé, owned by the lead), dropped (Anna).

November so far: no suggestions at all; Eeva joined; nobody coached yet; Ben overdue
since Fri 20 Nov (1 day) and Chloé since Sun 15 Nov (6 days); one win thanked the next
day at a team meeting, one from yesterday not yet (not judged yet); Ben's follow-up due
on Wed 25 Nov is not due yet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable
from zoneinfo import ZoneInfo

from supervisor_tui.domain.entities import (
    ACCEPTED,
    DECLINED,
    HELD,
    IN_PROGRESS,
    LEAD,
    OBSERVATION,
    PERSON,
    WELLBEING,
    Agreement,
    Note,
    Person,
    Records,
    Session,
    Suggestion,
    Win,
)

TODAY = dt.date(2026, 11, 20)
OCTOBER = dt.date(2026, 10, 1)
NOVEMBER = dt.date(2026, 11, 1)
ZONE = ZoneInfo("Europe/Helsinki")
CANARY = "CANARY-PRIVATE-WORD"

Add = Callable[[object], object]


def d(month: int, day: int) -> dt.date:
    """A day of 2026."""
    return dt.date(2026, month, day)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    """A local moment on ``day``."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZONE)


def build(add: Add) -> dict[str, int]:
    """Add the team through ``add`` (a transaction's, or `in_memory`'s); ids by name."""
    ids: dict[str, int] = {}

    def person(key: str, name: str, started: dt.date, archived: bool = False) -> Person:
        p = add(Person(0, name, key, started, archived=archived))
        ids[key] = p.id
        return p

    anna = person("anna", "Anna Virtanen", d(1, 5))
    ben = person("ben", "Ben Ek", d(1, 5))
    chloe = person("chloe", "Chloé Nieminen", d(10, 15))
    dawit = person("dawit", "Dawit Haile", d(1, 5), archived=True)
    person("eeva", "Eeva Salo", d(11, 2))

    def held(who: Person, on: dt.date, planned: dt.date, moved: int = 0, notes=()) -> None:
        add(Session(0, who.id, HELD, at(planned), on, moved, "Coaching 1:1", 1, notes))

    held(anna, d(9, 25), d(9, 25))
    held(anna, d(10, 23), d(10, 23), notes=(("Wellbeing and workload", f"tired {CANARY}"),))
    held(ben, d(9, 10), d(9, 10))
    held(ben, d(10, 20), d(10, 14), moved=2)
    held(dawit, d(10, 5), d(10, 5))
    add(Session(0, anna.id, planned_for=at(d(11, 23))))

    def idea(key, who, received, decision="open", answered=None, response="", back=None):
        s = add(
            Suggestion(
                0, who.id, f"idea {key}", received, at(received), decision, response, answered, back
            )
        )
        ids[key] = s.id

    idea("s1", anna, d(10, 5), ACCEPTED, d(10, 7), "trialling it from December")
    idea("s5", anna, d(10, 12), IN_PROGRESS, d(10, 14), "asked IT", d(11, 25))
    idea("s2", ben, d(10, 28), DECLINED, d(11, 6), "not before spring, the rota is fixed")
    idea("s3", chloe, d(10, 20))
    idea("s4", dawit, d(10, 10), ACCEPTED, d(10, 11), "done")

    def win(key, who, happened, acked=None, how=""):
        w = add(Win(0, who.id, f"win {key}", happened, at(happened), acked, how))
        ids[key] = w.id

    win("w1", anna, d(10, 2), d(10, 2), "in person")
    win("w2", ben, d(10, 10), d(10, 13), "message")
    win("w3", chloe, d(10, 30))
    win("w6", dawit, d(10, 30))
    win("w4", anna, d(11, 19))
    win("w5", ben, d(11, 2), d(11, 3), "team meeting")

    def agreed(key, who, follow, done=None, owner=PERSON, dropped=None):
        a = add(
            Agreement(
                0, who.id, f"follow-up {key}", at(d(9, 1)), owner, follow, None, done, dropped
            )
        )
        ids[key] = a.id

    agreed("a1", anna, d(10, 9), done=d(10, 8))
    agreed("a2", ben, d(10, 16), done=d(10, 20))
    agreed("a3", chloe, d(10, 30), owner=LEAD)
    agreed("a5", ben, d(11, 25), owner=LEAD)
    agreed("a6", dawit, d(10, 12), owner=LEAD)
    agreed("a4", anna, d(10, 22), dropped=d(10, 22))

    add(Note(0, chloe.id, f"an observation {CANARY}", at(d(11, 10)), OBSERVATION))
    add(Note(0, ben.id, f"rough week {CANARY}", at(d(11, 18)), WELLBEING))
    return ids


def in_memory() -> tuple[Records, dict[str, int]]:
    """The team as `Records`, with ids given in order from 1."""
    counter = itertools.count(1)
    made: list[object] = []

    def add(record):
        saved = dataclasses.replace(record, id=next(counter))
        made.append(saved)
        return saved

    ids = build(add)
    by_kind: dict[type, list] = {}
    for record in made:
        by_kind.setdefault(type(record), []).append(record)
    records = Records(
        people=tuple(by_kind.get(Person, ())),
        sessions=tuple(by_kind.get(Session, ())),
        agreements=tuple(by_kind.get(Agreement, ())),
        suggestions=tuple(by_kind.get(Suggestion, ())),
        wins=tuple(by_kind.get(Win, ())),
        notes=tuple(by_kind.get(Note, ())),
    )
    return records, ids


def in_store(db) -> dict[str, int]:
    """The team written to the database at ``db``; ids by name."""
    from supervisor_tui.store import Store

    with Store(db).transaction() as txn:
        return build(txn.add)
