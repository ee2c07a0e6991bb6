"""Planning the weeks ahead as a lead does it, in a real terminal at 80x24 at a person's
pace: W from the day view, down to Chloé, p and a day for her first 1:1, then a to
accept the month plan for everyone else; the file must hold exactly that."""

from __future__ import annotations

import datetime as dt
import random
import shlex
from zoneinfo import ZoneInfo

import pytest
from apphelpers import ANCHOR, demo_copy, reload
from terminalhelpers import SUP

from supervisor_tui.domain.entities import PLANNED
from supervisor_tui.domain.planning import propose_month

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.mark.human_pace
def test_planning_the_next_four_weeks_by_keyboard_at_80x24(tmp_path, tmux):
    db = demo_copy(tmp_path)
    rng = random.Random("planning")
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {ANCHOR.isoformat()}"
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
        f"{command}; echo EXITED $?; sleep 60",
    )  # fmt: skip
    tmux.wait_for(lambda s: "Today's sessions" in s and "Anna Virtanen" in s, "day view", 20)

    tmux.press_as_a_person("W", rng)
    screen = tmux.wait_for(lambda s: "Weeks ahead" in s and "Month plan" in s, "weeks ahead", 20)
    assert "Week 47 · 16–20 Nov" in screen and "Week 50 · 7–11 Dec" in screen
    # Äki, Fredrik (overdue), Ben, Anna (today), then Chloé, never coached.
    for _ in range(4):
        tmux.press_as_a_person("j", rng)
    tmux.press_as_a_person("p", rng)
    tmux.type_as_a_person("mon 14:00", rng)  # typed at once, as the dialog opens
    tmux.press_as_a_person("Enter", rng)
    screen = tmux.wait_for(
        lambda s: any("Mon 23 Nov 14:00 Chloé Nieminen" in line for line in s.splitlines()),
        "Chloé planned on the screen",
        20,
    )
    chloe = next(p for p in reload(db).people if p.handle == "chloe")
    (session,) = [s for s in reload(db).sessions if s.person_id == chloe.id]
    assert session.planned_for == dt.datetime(2026, 11, 23, 14, 0, tzinfo=HELSINKI)

    # What the month plan proposes now, as the screen shows it: then accept it.
    proposals = propose_month(reload(db), ANCHOR)
    assert "Month plan: 3 sessions" in screen
    tmux.press_as_a_person("a", rng)
    screen = tmux.wait_for(lambda s: "No proposal" in s, "the month plan accepted", 20)
    print(screen)  # shown with pytest -rP: what the lead saw at the end
    assert "not planned" not in screen

    records = reload(db)
    for p in proposals:
        (planned,) = [
            s for s in records.sessions if s.person_id == p.person.id and s.status == PLANNED
        ]
        assert planned.planned_for == p.at.replace(tzinfo=HELSINKI)
    tmux.press_as_a_person("Escape", rng)
    tmux.wait_for(lambda s: "Today's sessions" in s, "the day view again", 20)
    tmux.press_as_a_person("q", rng)
    assert "EXITED 0" in tmux.wait_for(lambda s: "EXITED" in s, "sup to exit")
