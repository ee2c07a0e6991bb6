"""Thanking someone while the shell captures, as a person types, in a real terminal at 80x24.

On the demo team, with a shell loop capturing wins from another terminal: the lead
moves to a win with Tab and j, presses a, picks "message" and types the note straight
away (without Tab to the note field, as people do), then Enter; then quits with q.
The acknowledgement, its note to the letter, and every capture of the shell are kept.
"""

from __future__ import annotations

import random
import shlex
import subprocess

import pytest
from apphelpers import ANCHOR, demo_copy, reload
from terminalhelpers import SUP, clean_environment

from supervisor_tui.domain.entities import Settings
from supervisor_tui.domain.rules import day_view
from supervisor_tui.present import day
from supervisor_tui.store import Store

NOTE = "Quick thanks in chat; lovely, calm handling [really]"
CAPTURES = 15


@pytest.mark.human_pace
def test_a_win_thanked_with_a_note_while_the_shell_captures_keeps_every_key(tmp_path, tmux):
    db = demo_copy(tmp_path)
    records = Store(db).load()
    wins = next(s for s in day.day_sections(day_view(records, ANCHOR, Settings()))
                if s.name == day.WINS).rows  # fmt: skip
    win = wins[1].record
    shell = subprocess.Popen(
        [
            "sh",
            "-c",
            " ".join(
                f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} win anna 'from the shell "
                f"{n}' >/dev/null && sleep 0.15 &&"
                for n in range(CAPTURES)
            )
            + " true",
        ],
        env=clean_environment(),
    )
    rng = random.Random("acknowledge")
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {ANCHOR.isoformat()}"
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
        f"{command}; echo EXITED $?; sleep 60",
    )  # fmt: skip
    tmux.wait_for(lambda s: "Unacknowledged wins" in s, "day view", 20)

    for _ in range(3):  # sessions, due, suggestions: on to the wins
        tmux.press_as_a_person("Tab", rng)
    tmux.press_as_a_person("j", rng)
    tmux.press_as_a_person("a", rng)
    tmux.wait_for(lambda s: "What you said" in s, "the thank-you dialog", 20)
    tmux.press_as_a_person("Down", rng)  # by message
    tmux.type_as_a_person(NOTE, rng)  # no Tab first
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: "Acknowledged" in s and f"#{win.id} (message)" in s, "the save", 20)
    assert shell.wait(60) == 0
    tmux.press_as_a_person("q", rng)
    print(tmux.wait_for(lambda s: "EXITED 0" in s, "the app to quit", 20))

    after = reload(db)
    thanked = next(w for w in after.wins if w.id == win.id)
    assert (thanked.acknowledged_how, thanked.ack_note) == ("message", NOTE)
    captured = [w.text for w in after.wins if w.text.startswith("from the shell")]
    assert sorted(captured) == sorted(f"from the shell {n}" for n in range(CAPTURES))
