"""The demo team: a contact-centre team of eleven with six months of history.

``data/demo.json`` is built by this module for a fixed anchor day and shipped.
``make demo`` opens a private copy moved to today, so every section of the
day view has entries (some flagged) whatever day it runs, and the shipped
file is never modified.

    python -m supervisor_tui.dev.demo build data/demo.json   # regenerate the shipped file
    python -m supervisor_tui.dev.demo copy DIR               # print the path of a fresh copy
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from ..domain.clock import localize
from ..domain.entities import (
    ACCEPTED,
    HELD,
    IN_PROGRESS,
    PERSON,
    WELLBEING,
    Agreement,
    Form,
    Note,
    Person,
    Session,
    Suggestion,
    Win,
)
from ..domain.forms import SHIPPED as SHIPPED_FORMS
from ..domain.people import make_handle
from ..domain.workdays import is_working_day, working_day_on_or_after, working_day_on_or_before
from ..store import Store

ANCHOR = dt.date(2026, 11, 20)  # a Friday: the day data/demo.json was built for
ZONE = ZoneInfo("Europe/Helsinki")
DATA_DIR = Path(__file__).resolve().parents[1] / "data"  # a link to the repository's data/
SHIPPED = DATA_DIR / "demo.json"

TEAM = [
    # name, role, started (days before anchor), cadence, last held (days ago), planned (days ahead)
    ("Anna Virtanen", "senior customer advisor", 1400, 30, 27, 0),
    ("Äki Mäkelä", "chat specialist", 900, 30, 36, None),
    ("Ben Lindqvist", "customer advisor", 600, 30, 29, 0),
    ("Chloé Nieminen", "customer advisor (new)", 12, 14, None, None),
    ("Dawit Haile", "billing specialist", 700, 30, 26, 12),
    ("Eeva Salo", "customer advisor", 1100, 30, 9, 19),
    ("Fredrik Holm", "technical support", 500, 30, 31, -1),
    ("Greta Korhonen", "customer advisor", 800, 30, 14, 15),
    ("Hanna Järvinen", "quality coach", 2000, 30, 26, None),
    ("Iiro Lehtonen", "customer advisor", 1000, 30, 70, None),  # left: archived
    ("Joni Rantanen", "chat specialist", 450, 30, 6, 23),
]

WINS = [
    "closed the escalated billing case the customer had chased for three weeks",
    "turned a cancellation call into a renewal by finding the right plan",
    "first-contact resolution 92 % this week, best on the team",
    "stayed calm and kind with a caller who shouted for ten minutes",
    "wrote the knowledge-base article on router resets that everyone now uses",
    "helped Chloé through her first difficult chat without being asked",
    "customer sent a thank-you email naming them personally",
    "spotted the duplicate-charge bug and reported it with clear examples",
    "covered the evening queue on short notice when two were ill",
    "CSAT 4.9 over 120 contacts this month",
    "handled a bereavement call with real care; the family wrote to thank us",
    "cut average wrap-up time by a minute with a new note template",
    "explained the new tariff so well the customer upgraded",
    "calmed an angry business customer and kept the account",
    "mentored the new starters on the CRM shortcuts",
]
IDEAS = [
    ("shorter wrap-up codes for chats", "accepted", "Trialling the shorter list from 1 December."),
    (
        "a quiet room for calls after a hard customer",
        "accepted",
        "Room 2B is ours on Tuesdays and Thursdays.",
    ),
    ("a shared snippet library for chat replies", "accepted", "Set up in Teams; Joni owns it."),
    (
        "move the team meeting away from Monday mornings",
        "declined",
        "Mondays are the only slot the whole shift overlaps; we'll keep it to 20 minutes.",
    ),
    (
        "work from home on Fridays",
        "declined",
        "Not before the new phone system lands in spring: home lines can't record calls yet.",
    ),
    (
        "callback slots instead of long queues at lunch",
        "in_progress",
        "Asked the WFM team for volumes.",
    ),
    ("rotate who takes the escalation line", "accepted", "Weekly rota starting next week."),
    ("a glossary of billing terms for new starters", "accepted", "Dawit and Hanna will draft it."),
    (
        "longer breaks after abusive calls",
        "accepted",
        "Take ten minutes, note it in the log, no questions.",
    ),
    ("better headsets for the open-plan side", "in_progress", "Quote requested from IT."),
]
NEW_IDEAS = [
    "let advisors see their own CSAT comments the same day",
    "a checklist for handing over open cases before holidays",
    "an FAQ page for the new tariff before customers start calling",
    "pair new starters with a buddy for their first month",
]
AGREEMENTS = [
    ("listen back to two calls together and pick one thing to try", PERSON),
    ("book the de-escalation training", PERSON),
    ("send the updated shift plan", "lead"),
    ("ask IT about the second screen", "lead"),
    ("try the new closing phrase for a week", PERSON),
    ("shadow Hanna on the quality calibration", PERSON),
    ("find out about the team-lead pathway", "lead"),
    ("share the billing glossary draft", PERSON),
    ("check the holiday request with WFM", "lead"),
    ("set a personal goal for first-contact resolution", PERSON),
]
NOTES = [
    ("handled a very long escalation well; looked tired afterwards", "observation"),
    ("rough day: three abusive callers in a row", WELLBEING),
    ("asked about moving to the chat team", "observation"),
    ("mentioned sleeping badly since the night shifts", WELLBEING),
    ("great energy in the team meeting", "observation"),
    ("a bit quiet this week; check in gently", WELLBEING),
]
SESSION_NOTES = {
    "Since last time (our agreements)": [
        "Went through last month's agreements; most done, one carried over.",
        "Training booked. Closing phrase works well with older customers.",
    ],
    "Wins": ["Talked about the thank-you email and what made that call work."],
    "Numbers and behaviours against goals": [
        "FCR 85 %, goal 80 %. AHT a little high on billing calls.",
        "CSAT steady at 4.6. Wants to work on shorter holds.",
    ],
    "Wellbeing and workload": [
        "Evening shifts are tiring; we'll look at the rota.",
        "Feels fine; enjoys the chat queue more than the phones.",
    ],
    "What you need from me": ["Clearer info on the tariff change before it goes live."],
    "Agreed next steps": ["Listen back to two calls together next time."],
}


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def build(store: Store, anchor: dt.date = ANCHOR, seed: int = 7) -> None:
    """Write the demo team into an empty ``store``, as it stands on ``anchor``."""
    rng = random.Random(seed)
    day = lambda n: anchor - dt.timedelta(days=n)  # noqa: E731 - reads best inline here
    form = SHIPPED_FORMS[0]
    with store.transaction() as txn:
        for f in SHIPPED_FORMS:
            txn.add_form(f)
        for index, (name, role, started, cadence, last_held, planned) in enumerate(TEAM):
            handle = make_handle(name, (p.handle for p in txn.records.people))
            person = txn.add(
                Person(
                    0,
                    name,
                    handle,
                    day(started),
                    role=role,
                    cadence_days=cadence,
                    archived=name.startswith("Iiro"),
                )
            )
            _history(txn, rng, person, form, anchor, last_held, index)
            if planned is not None:
                hour = (10, 14, 9, 13, 11)[index % 5]
                # On a working day: the Friday before, when the offset lands on a weekend.
                on = working_day_on_or_before(anchor + dt.timedelta(days=planned))
                txn.add(Session(0, person.id, planned_for=_at(on, hour, 30 * (index % 2))))
        _open_items(txn, rng, anchor)


def _history(
    txn, rng, person: Person, form: Form, anchor: dt.date, last_held: int | None, index: int
) -> None:
    """Six months of held sessions, agreements, wins, suggestions and notes, all closed."""
    if last_held is None:
        return
    start = max(0, (anchor - person.started_on).days)
    held_days = [last_held + 30 * k + rng.randint(-3, 3) * (k > 0) for k in range(6)]
    for ago in sorted((d for d in held_days if d < start), reverse=True):
        planned_on = working_day_on_or_before(anchor - dt.timedelta(days=ago))
        strain = _strain(planned_on, anchor)
        notes = tuple((item, rng.choice(SESSION_NOTES[item])) for item in form.items)
        moved = int(rng.random() < 0.15)
        text, owner = rng.choice(AGREEMENTS)
        done_after = rng.randint(5, 16)
        if strain >= 2 and index % 3 == 0:
            continue  # the summer: this one never happened
        held_on = planned_on
        if strain >= 2 and index % 3 == 1:
            # Pushed back a week by the holidays: moved, and overdue meanwhile.
            held_on = min(working_day_on_or_before(planned_on + dt.timedelta(days=8)), anchor)
            moved += 1
        session = txn.add(
            Session(
                0,
                person.id,
                HELD,
                planned_for=_at(planned_on, 10),
                held_on=held_on,
                times_moved=moved,
                form_name=form.name,
                form_version=form.version,
                notes=notes,
            )
        )
        created = _at(held_on, 11)
        txn.add(
            Agreement(
                0,
                person.id,
                text,
                created,
                owner=owner,
                follow_up_on=held_on + dt.timedelta(days=14),
                session_id=session.id,
                done_on=held_on + dt.timedelta(days=_later(done_after, strain, 13)),
            )
        )
    for _ in range(rng.randint(2, 5)):
        happened = working_day_on_or_before(anchor - dt.timedelta(days=rng.randint(8, 170)))
        if happened < person.started_on:
            continue
        txn.add(
            Win(
                0,
                person.id,
                rng.choice(WINS),
                happened,
                _at(happened, 15),
                acknowledged_on=happened
                + dt.timedelta(days=_later(rng.randint(0, 2), _strain(happened, anchor), 0, 1)),
                acknowledged_how=rng.choice(("in person", "message", "team meeting")),
            )
        )
    for text, decision, response in rng.sample(IDEAS, 2):
        received = working_day_on_or_before(anchor - dt.timedelta(days=rng.randint(20, 160)))
        if received < person.started_on:
            continue
        if decision == IN_PROGRESS:
            decision, response = ACCEPTED, response + " Done now."
        txn.add(
            Suggestion(
                0,
                person.id,
                text,
                received,
                _at(received, 12),
                decision=decision,
                response=response,
                answered_on=received
                + dt.timedelta(days=_later(rng.randint(2, 6), _strain(received, anchor), 2)),
            )
        )
    text, kind = NOTES[index % len(NOTES)]
    noted = working_day_on_or_before(anchor - dt.timedelta(days=rng.randint(10, 90)))
    txn.add(Note(0, person.id, text, _at(noted, 16), kind=kind))


# How hard each month before the anchor's was (months back: strain), so the report's
# figures vary as a real team's do: a summer with holidays (sessions skipped or pushed
# back, answers and thanks slow), a recovering September, a strong October.
STRAIN = {1: -1, 2: 1, 3: 2, 5: 1}


def _strain(day: dt.date, anchor: dt.date) -> int:
    """How stretched the lead was in the month of ``day``: -1 (a good month) to 2."""
    back = (anchor.year - day.year) * 12 + anchor.month - day.month
    return STRAIN.get(back, 0)


def _later(days: int, strain: int, best: int, step: int = 2) -> int:
    """A delay of ``days``, ``step`` days longer for each degree of ``strain``, or no longer
    than ``best`` in a good month."""
    if strain < 0:
        return min(days, best)
    return days + step * strain


def _open_items(txn, rng, anchor: dt.date) -> None:
    """What is waiting on the anchor day: some fresh, some flagged."""
    people = {p.handle: p for p in txn.records.people}
    day = lambda n: anchor - dt.timedelta(days=n)  # noqa: E731
    # Unanswered suggestions: one flagged by age, one fresh, one promised by yesterday.
    txn.add(Suggestion(0, people["greta"].id, NEW_IDEAS[0], day(9), _at(day(9), 13)))
    txn.add(Suggestion(0, people["joni"].id, NEW_IDEAS[3], day(1), _at(day(1), 10)))
    txn.add(
        Suggestion(
            0,
            people["anna"].id,
            IDEAS[5][0],
            day(15),
            _at(day(15), 9),
            decision=IN_PROGRESS,
            response=IDEAS[5][2],
            answered_on=day(12),
            come_back_by=day(1),
        )
    )
    txn.add(
        Suggestion(
            0,
            people["eeva"].id,
            IDEAS[9][0],
            day(6),
            _at(day(6), 9),
            decision=IN_PROGRESS,
            response=IDEAS[9][2],
            answered_on=day(5),
            come_back_by=day(-7),
        )
    )
    # Unacknowledged wins: today, yesterday, and one waiting four days (flagged).
    txn.add(Win(0, people["ben"].id, WINS[0], day(0), _at(day(0), 9, 40)))
    txn.add(Win(0, people["aki"].id, WINS[3], day(1), _at(day(1), 16)))
    txn.add(Win(0, people["dawit"].id, WINS[7], day(4), _at(day(4), 11)))
    txn.add(
        Win(0, people["chloe"].id, "solved her first technical case alone", day(3), _at(day(3), 14))
    )
    # Open agreements from each person's last session: due today, late (flagged), later.
    for handle, (text, owner), follow_up in (
        ("anna", AGREEMENTS[2], day(0)),
        ("anna", AGREEMENTS[4], day(-3)),
        ("aki", AGREEMENTS[3], day(5)),
        ("ben", AGREEMENTS[1], day(2)),
        ("hanna", AGREEMENTS[6], day(-10)),
    ):
        _agreed_last_time(txn, people[handle], text, owner, follow_up)
    # Fresh notes.
    txn.add(Note(0, people["aki"].id, NOTES[1][0], _at(day(1), 17), kind=WELLBEING))
    txn.add(
        Note(
            0,
            people["chloe"].id,
            "asks good questions; needs more billing practice",
            _at(day(2), 15),
        )
    )
    del rng


def _agreed_last_time(txn, person: Person, text: str, owner: str, follow_up_on: dt.date) -> None:
    """An open agreement made in the person's last held session."""
    held = max(
        (x for x in txn.records.sessions if x.person_id == person.id and x.status == HELD),
        key=lambda x: x.held_on,
    )
    txn.add(
        Agreement(
            0,
            person.id,
            text,
            _at(held.held_on, 11),
            owner=owner,
            follow_up_on=follow_up_on,
            session_id=held.id,
        )
    )


def fresh_copy(directory: Path, today: dt.date) -> Path:
    """A private copy of the shipped demo with every date moved so that ``today`` is its anchor.

    Moved by whole days, sessions would fall on weekends; each one that does is put on
    the Friday before, on the same side of today (a session planned for today, on a
    weekend, on Monday), as a lead would have had it.
    """
    target = directory / "demo.json"
    copy = Store(SHIPPED).copy_shifted(target, (today - ANCHOR).days)
    moved = [s for s in copy.load().sessions if _on_working_day(s, today) is not s]
    if moved:
        with copy.transaction() as txn:
            for session in moved:
                txn.put(_on_working_day(session, today))
        for sidecar in (".journal", ".lock"):
            Path(str(target) + sidecar).unlink(missing_ok=True)
        for backup in directory.glob("demo.*.bak.json"):  # of the copy, minutes old
            backup.unlink()
    return target


def _on_working_day(session: Session, today: dt.date) -> Session:
    """``session`` itself when it lies on a working day, else moved to the Friday before
    (so that it keeps to the due date it kept), or, for one planned for today on a
    weekend, to the Monday after."""
    day = session.held_on or (session.planned_for.date() if session.planned_for else None)
    if day is None or is_working_day(day):
        return session
    before = working_day_on_or_before(day)
    # Back to the Friday, unless that would turn a session still ahead into one left
    # unrecorded (today's, on a weekend): then on to Monday.
    past = session.held_on is not None or day < today
    new_day = before if past or before > today else working_day_on_or_after(day)
    planned_for = session.planned_for
    if planned_for is not None:
        wall = planned_for.replace(tzinfo=None).time()
        planned_for = localize(dt.datetime.combine(new_day, wall))
    held_on = new_day if session.held_on is not None else None
    return replace(session, planned_for=planned_for, held_on=held_on)


def main(argv: list[str]) -> None:
    """``build PATH`` regenerates the shipped demo; ``copy`` prints a fresh copy's path."""
    if argv[:1] == ["build"] and len(argv) == 2:
        target = Path(argv[1])
        for leftover in target.parent.glob(target.name + "*"):
            leftover.unlink()
        build(Store(target))
        for sidecar in (".journal", ".lock", ".open"):
            Path(str(target) + sidecar).unlink(missing_ok=True)
    elif argv[:1] == ["copy"]:
        directory = (
            Path(argv[1]) if len(argv) > 1 else Path(tempfile.mkdtemp(prefix="supervisor-demo-"))
        )
        print(fresh_copy(directory, dt.date.today()))
    else:
        sys.exit("usage: python -m supervisor_tui.dev.demo build PATH | copy [DIR]")


if __name__ == "__main__":
    main(sys.argv[1:])
