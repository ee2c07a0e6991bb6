"""The report view in a real terminal at 80x24, keys pressed at a person's pace.

`sup` runs in tmux on the demo team; `m` opens the month, `[` steps back through the
summer and `]` comes forward again, each key a person's pause apart, without waiting
to see the screen drawn first. What the terminal shows must follow every step.
"""

from __future__ import annotations

import random
import shlex

import pytest
from apphelpers import ANCHOR, demo_copy
from terminalhelpers import SUP


@pytest.mark.human_pace
def test_report_opened_and_stepped_through_months_at_human_speed(tmp_path, tmux):
    db = demo_copy(tmp_path)
    rng = random.Random("report")
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {ANCHOR.isoformat()}"
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
        f"{command}; echo EXITED $?; sleep 60",
    )  # fmt: skip
    tmux.wait_for(lambda s: "Today's sessions" in s, "day view", 20)

    tmux.press_as_a_person("m", rng)
    screen = tmux.wait_for(
        lambda s: (
            "Report · November 2026 · so far" in s
            and "Trend" in s
            and "Äki" in s
            and "[ Month before" in s.splitlines()[-1]
        ),
        "the report on November",
        20,
    )
    assert "Coaching" in screen and "Suggestions" in screen and "Follow-ups" in screen
    # The whole screen fits 80x24: the title on top, the keys at the bottom.
    lines = screen.splitlines()
    assert lines[0].startswith(" Report · November 2026")

    for _ in range(3):  # back to August, a key every 150–300 ms
        tmux.press_as_a_person("[", rng)
    screen = tmux.wait_for(lambda s: "Report · August 2026" in s, "the report on August")
    assert "so far" not in screen.splitlines()[0]
    trend = next(line for line in screen.splitlines() if line.startswith(" Trend "))
    assert trend.split()[1:] == ["Mar", "Apr", "May", "Jun", "Jul", "Aug"]

    tmux.press_as_a_person("]", rng)
    tmux.wait_for(lambda s: "Report · September 2026" in s, "the report on September")
    for _ in range(3):  # one more than there is: November is the latest
        tmux.press_as_a_person("]", rng)
    screen = tmux.wait_for(lambda s: "Report · November 2026" in s, "back on November")
    print(screen)  # shown with pytest -rP: what the lead saw

    tmux.press_as_a_person("Escape", rng)
    tmux.wait_for(lambda s: "Today's sessions" in s, "the day view again")
    tmux.press_as_a_person("q", rng)
    assert "EXITED 0" in tmux.wait_for(lambda s: "EXITED" in s, "sup to exit")
