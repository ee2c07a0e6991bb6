"""A whole coaching 1:1 typed as a person types it, in a real terminal at 80x24.

Pilot types at machine speed into one widget at a time; a person types at about
100 ms a key, presses Tab between agenda items and Enter in dialogs without waiting
to see them drawn. Here `sup` runs in tmux, each key is sent on its own at 80–120 ms,
and afterwards the held session in the file must hold exactly what was typed, item
by item: on the demo team, and on a database of 10,000 records.
"""

from __future__ import annotations

import datetime as dt
import random
import shlex

import pytest
from apphelpers import ANCHOR, demo_copy, reload
from terminalhelpers import SUP

from supervisor_tui.dev.bench.generate import generate
from supervisor_tui.domain.entities import HELD, PERSON

# One short note for each item Tab reaches, one after the other. What is at stake is
# each move between fields at a person's pace (Tab, then typing at once; the
# agreement dialog opening while its text is typed): short notes cross as many of
# those as long ones did, at half the typing time. The characters are the awkward
# ones: ";" (tmux's command separator), ",", ":", "." and digits.
NOTES = (
    ("Since last time (our agreements)", "Shift plan sent; Anna confirmed."),
    ("Wins", "Tariff call, FCR 88."),
    ("Numbers and behaviours against goals", "AHT 310 s vs 300."),
    ("Wellbeing and workload", "Fewer late shifts."),
    ("What you need from me", "Callbacks: ask WFM."),
)
AGREEMENT = "Listen back to two calls"


def _database(tmp_path, team: str):
    if team == "demo":
        return demo_copy(tmp_path)
    db = tmp_path / "team-10k.json"
    generate(db, 10_000, ANCHOR)
    return db


@pytest.mark.human_pace
@pytest.mark.parametrize("team", ["demo", "10k"])
def test_a_whole_1_1_typed_at_human_speed_is_held_exactly_as_typed(tmp_path, tmux, team):
    db = _database(tmp_path, team)
    rng = random.Random(f"session-{team}")
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {ANCHOR.isoformat()}"
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
        f"{command}; echo EXITED $?; sleep 60",
    )  # fmt: skip
    tmux.wait_for(lambda s: "Today's sessions" in s and "Anna Virtanen" in s, "day view", 20)

    # Find Anna as a lead would: search for her name (she comes first), Enter opens her,
    # then h on her person view.
    tmux.press_as_a_person("/", rng)
    tmux.type_as_a_person("anna", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.press_as_a_person("h", rng)
    tmux.wait_for(lambda s: "Anna Virtanen  ·  1:1" in s, "Anna's session view", 20)

    for _, text in NOTES:
        tmux.press_as_a_person("Tab", rng)
        tmux.type_as_a_person(text, rng)
    tmux.press_as_a_person("C-n", rng)
    tmux.type_as_a_person(AGREEMENT, rng)
    tmux.press_as_a_person("Enter", rng)  # "Anna will", follow up in two weeks, as proposed
    tmux.press_as_a_person("C-s", rng)
    tmux.press_as_a_person("Enter", rng)  # hold, with the next session as proposed
    screen = tmux.wait_for(
        lambda s: "Anna Virtanen  @anna" in s and "Timeline" in s, "Anna's person view again", 20
    )
    print(screen)  # shown with pytest -rP: what the lead saw at the end

    records = reload(db)
    anna = next(p for p in records.people if p.handle == "anna")
    held = [s for s in records.sessions if s.person_id == anna.id and s.status == HELD]
    session = max(held, key=lambda s: (s.held_on, s.id))
    assert session.held_on == ANCHOR
    assert dict(session.notes) == dict(NOTES)
    (agreement,) = [a for a in records.agreements if a.session_id == session.id]
    assert (agreement.text, agreement.owner, agreement.follow_up_on) == (
        AGREEMENT,
        PERSON,
        ANCHOR + dt.timedelta(days=14),
    )
    # One session held today, not two; no draft left behind.
    assert [s.held_on for s in held].count(ANCHOR) == 1
    assert not list(db.parent.glob(f"{db.name}.drafts/*.json"))

    tmux.press_as_a_person("q", rng)
    assert "EXITED 0" in tmux.wait_for(lambda s: "EXITED" in s, "sup to exit")
