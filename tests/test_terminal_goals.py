"""This month's goal values entered in a 1:1 as a person types them, in a real terminal at
80x24: tmux, each key sent on its own at 80–120 ms, as in `test_terminal_session`.
Afterwards the file holds the values with the held session, and the person view shows
the new point."""

from __future__ import annotations

import random
import shlex

import pytest
from apphelpers import ANCHOR, demo_copy, reload
from terminalhelpers import SUP

from supervisor_tui.domain.entities import FROM_SESSION, HELD

NOTE = "AHT down; names used."


@pytest.mark.human_pace
def test_goal_values_typed_at_human_speed_are_held_with_the_session(tmp_path, tmux):
    db = demo_copy(tmp_path)
    rng = random.Random("goals")
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {ANCHOR.isoformat()}"
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
        f"{command}; echo EXITED $?; sleep 60",
    )  # fmt: skip
    tmux.wait_for(lambda s: "1 goal off track" in s, "Anna's session row with her goals", 20)

    tmux.press_as_a_person("/", rng)
    tmux.type_as_a_person("anna", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.press_as_a_person("h", rng)
    tmux.wait_for(lambda s: "Anna Virtanen  ·  1:1" in s, "Anna's session view", 20)

    for _ in range(3):  # to the notes of the goals item, the third
        tmux.press_as_a_person("Tab", rng)
    tmux.type_as_a_person(NOTE, rng)  # its v is text, not the value key
    tmux.press_as_a_person("Up", rng)  # onto the goals: CSAT first
    tmux.press_as_a_person("Down", rng)  # Handling time
    tmux.press_as_a_person("v", rng)
    tmux.type_as_a_person("295,5", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.press_as_a_person("Down", rng)  # Uses the customer's name
    tmux.press_as_a_person("v", rng)
    tmux.type_as_a_person("2", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: "→ 295.5 s" in s and "→ sometimes" in s, "both values", 10)
    tmux.press_as_a_person("C-s", rng)
    tmux.press_as_a_person("Enter", rng)  # hold, with the next session as proposed
    tmux.wait_for(
        lambda s: "Anna Virtanen  @anna" in s and "Open items" in s, "back on Anna's view", 20
    )

    records = reload(db)
    anna = next(p for p in records.people if p.handle == "anna")
    session = max(
        (s for s in records.sessions if s.person_id == anna.id and s.status == HELD),
        key=lambda s: (s.held_on, s.id),
    )
    assert session.held_on == ANCHOR
    assert session.note_for("Numbers and behaviours against goals") == NOTE
    goals = {g.id: g.title for g in records.goals}
    entered = {
        goals[c.goal_id]: (c.value, c.level, c.on, c.source)
        for c in records.check_ins
        if c.session_id == session.id
    }
    assert entered == {
        "Handling time": (295.5, None, ANCHOR, FROM_SESSION),
        "Uses the customer's name": (None, "sometimes", ANCHOR, FROM_SESSION),
    }

    # Her person view, where the 1:1 was opened from: the new point at the end of the
    # trend, now on track.
    screen = tmux.wait_for(lambda s: "305 · 295.5 s" in s, "the person view's new point", 20)
    line = next(row for row in screen.splitlines() if "Handling time" in row)
    assert "on track" in line and "█▆▅▄▃▁" in line, line
    tmux.press_as_a_person("q", rng)
    assert "EXITED 0" in tmux.wait_for(lambda s: "EXITED" in s, "sup to exit")
