"""Benchmark databases of a given size, in the real schema, through the real store.

A team of 25 with years of closed history (held sessions, acknowledged wins,
answered suggestions, done agreements, notes) and the handful of open items a
real day has, so `sup today` does the same work it does for a lead.

    python -m supervisor_tui.dev.bench.generate 100000 bench-100k.json
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from ...domain.entities import ACCEPTED, HELD, Agreement, Note, Person, Session, Suggestion, Win
from ...domain.forms import SHIPPED as SHIPPED_FORMS
from ...store import Store

TEAM_SIZE = 25
WORDS = [
    "customer",
    "billing",
    "case",
    "escalated",
    "calm",
    "chat",
    "queue",
    "refund",
    "router",
    "tariff",
    "renewal",
    "callback",
    "thanks",
    "knowledge",
    "article",
    "shift",
    "colleague",
    "helped",
    "resolved",
    "first",
    "contact",
    "survey",
    "praise",
]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(6, 14)))


def generate(path: Path, size: int, today: dt.date, seed: int = 1) -> None:
    """Write a database of about ``size`` records at ``path`` (which must not exist)."""
    rng = random.Random(seed)
    store = Store(path)
    zone = dt.datetime.now().astimezone().tzinfo
    span = max(60, size // TEAM_SIZE)  # days of history, so each day has a few records

    def moment(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.choice((0, 30))), zone)

    with store.transaction() as txn:
        for form in SHIPPED_FORMS:
            txn.add_form(form)
        started = today - dt.timedelta(days=span + 30)
        # The benchmark captures for "anna", as a lead would.
        names = [("Anna Virtanen", "anna")] + [
            (f"Person {i:02d}", f"p{i:02d}") for i in range(1, TEAM_SIZE)
        ]
        people = txn.add_many([Person(0, name, handle, started) for name, handle in names])
        records = []
        for _ in range(size - TEAM_SIZE):
            person = rng.choice(people)
            day = today - dt.timedelta(days=rng.randint(1, span))
            kind = rng.random()
            if kind < 0.30:
                records.append(
                    Win(
                        0,
                        person.id,
                        _text(rng),
                        day,
                        moment(day),
                        acknowledged_on=day,
                        acknowledged_how="in person",
                    )
                )
            elif kind < 0.55:
                records.append(Note(0, person.id, _text(rng), moment(day)))
            elif kind < 0.70:
                records.append(
                    Suggestion(
                        0,
                        person.id,
                        _text(rng),
                        day,
                        moment(day),
                        decision=ACCEPTED,
                        response=_text(rng),
                        answered_on=day,
                    )
                )
            elif kind < 0.90:
                records.append(
                    Agreement(0, person.id, _text(rng), moment(day), follow_up_on=day, done_on=day)
                )
            else:
                records.append(
                    Session(
                        0,
                        person.id,
                        HELD,
                        planned_for=moment(day),
                        held_on=day,
                        notes=(("Wins", _text(rng)),),
                    )
                )
        # What is open on the day: a few of each, as on a real day.
        for person in people[:8]:
            records.append(Win(0, person.id, _text(rng), today, moment(today)))
            records.append(Suggestion(0, person.id, _text(rng), today, moment(today)))
            records.append(Agreement(0, person.id, _text(rng), moment(today), follow_up_on=today))
        txn.add_many(records)


USAGE = """usage: python -m supervisor_tui.dev.bench.generate SIZE PATH

Write a benchmark database of about SIZE records (e.g. 100000) to PATH, which must
not exist yet. The people are Person 1 … Person 25 (@p1 … @p25)."""


def main(argv: list[str]) -> int:
    """Generate the database the command line asks for; 0 on success, 2 on a usage error."""
    if len(argv) != 2 or not argv[0].isdigit() or int(argv[0]) < 1:
        print(USAGE, file=sys.stderr if argv not in (["--help"], ["-h"]) else sys.stdout)
        return 0 if argv in (["--help"], ["-h"]) else 2
    path = Path(argv[1])
    if path.exists():
        print(f"{path} exists already: give a path for a new file.", file=sys.stderr)
        return 2
    generate(path, int(argv[0]), dt.date.today())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
