"""One real terminal: `sup` in tmux, the capture bar, and a shell one-liner beside it.

Everything the Pilot tests skip is in play here: the console script, a real pty,
terminal key parsing, the poll timer noticing another process, and quitting back
to the shell. tmux runs on a private socket so the developer's sessions are untouched.
"""

from __future__ import annotations

import random
import shlex
import subprocess
import time

import pytest
from apphelpers import ANCHOR, demo_copy, reload
from terminalhelpers import SUP, clean_environment


def test_sup_in_a_real_terminal_shows_the_capture_bar_and_the_shells_win_then_quits(tmp_path, tmux):
    db = demo_copy(tmp_path)
    day = ANCHOR.isoformat()
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {day}"
    # The pane's shell reports how sup ended, then stays so the pane can be read.
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "120", "-y", "40",
        f"{command}; echo EXITED $?; sleep 60",
    )  # fmt: skip

    tmux.wait_for(lambda s: "Today's sessions (3)" in s, "day view")
    tmux.keys("c")
    tmux.wait_for(lambda s: "Capture" in s and "win · idea" in s, "capture bar")
    tmux.keys("win @anna from the capture bar", literal=True)
    tmux.wait_for(lambda s: "win @anna from the capture bar" in s, "typed line")
    tmux.keys("Enter")

    shell = subprocess.run(
        [str(SUP), "--db", str(db), "--today", day, "win", "ben", "from the shell"],
        capture_output=True,
        text=True,
        timeout=30,
        env=clean_environment(),
    )
    assert shell.returncode == 0, shell.stderr

    screen = tmux.wait_for(
        lambda s: "from the capture bar" in s and "from the shell" in s,
        "rows for both wins",
    )
    # 120 columns: the longest win text fits uncut, as it would not at 80.
    assert "closed the escalated billing case the customer had chased for three weeks" in screen
    assert "win · idea" not in screen, "the capture bar should have closed"
    assert "Unacknowledged wins (6)" in screen
    wins = {w.text: w for w in reload(db).wins}
    assert "from the capture bar" in wins
    assert "from the shell" in wins
    people = {p.id: p.handle for p in reload(db).people}
    assert people[wins["from the capture bar"].person_id] == "anna"
    assert people[wins["from the shell"].person_id] == "ben"

    print(screen)  # shown by pytest -rP, to look at what a user saw
    tmux.keys("q")
    screen = tmux.wait_for(lambda s: "EXITED" in s, "exit of sup")
    assert "EXITED 0" in screen
    assert "Traceback" not in screen


@pytest.mark.human_pace
def test_escape_then_a_key_at_a_persons_pace_are_two_keys(tmp_path, tmux):
    # Escape, then a key 60-90 ms later: the bar closes, and the key acts on the day view.
    # Read as one key, Escape then "j" would type a "j" into the bar (Alt+j), and Escape
    # then Enter would save the line the lead meant to throw away.
    db = demo_copy(tmp_path)
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {ANCHOR.isoformat()}"
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
        f"unset ESCDELAY; {command}; echo EXITED $?; sleep 60",
    )  # fmt: skip
    day_view = "Today's sessions (3)"
    tmux.wait_for(lambda s: day_view in s, "day view", 20)
    rng = random.Random("escape")
    for round_, key in enumerate(["j", "Enter", "k", "Enter"]):
        tmux.keys("c")
        tmux.wait_for(lambda s: "win · idea" in s, "capture bar")
        tmux.type_as_a_person(f"win @anna draft {round_}", rng)
        tmux.keys("Escape")
        time.sleep(rng.uniform(0.06, 0.09))
        tmux.keys(key)
        screen = tmux.wait_for(lambda s: "win · idea" not in s, "the bar closed by Escape")
        assert f"draft {round_}" not in screen
        if key == "Enter":  # opened the highlighted row's person: back to the day view
            tmux.wait_for(lambda s: day_view not in s, "the person view")
            tmux.press_as_a_person("Escape", rng)
            tmux.wait_for(lambda s: day_view in s, "the day view again")
    tmux.keys("q")
    tmux.wait_for(lambda s: "EXITED 0" in s, "sup to quit")
    assert not [w for w in reload(db).wins if "draft" in w.text]
