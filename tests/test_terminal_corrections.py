"""Fixing a typo and finding a note, as a person types, in a real terminal at 80x24.

On the demo team: yesterday's win has a typo at its end; the lead moves to it with Tab
and j, presses e, fixes the word and presses Enter without waiting; then / finds a
note by a word in it, and Enter opens the person. The file must hold the fixed text.
"""

from __future__ import annotations

import random
import shlex
import time

import pytest
from apphelpers import ANCHOR, days, demo_copy, reload
from terminalhelpers import SUP

from supervisor_tui.actions.corrections import edit_item
from supervisor_tui.domain.entities import Settings
from supervisor_tui.domain.rules import day_view
from supervisor_tui.present import day
from supervisor_tui.store import Store

TYPO = "stayed calm with a furious calr"
FIXED = "stayed calm with a furious caller"


@pytest.mark.human_pace
def test_a_typo_in_yesterdays_win_is_fixed_and_a_note_found_at_human_speed(tmp_path, tmux):
    db = demo_copy(tmp_path)
    records = Store(db).load()
    wins = next(s for s in day.day_sections(day_view(records, ANCHOR, Settings()))
                if s.name == day.WINS).rows  # fmt: skip
    at = next(n for n, row in enumerate(wins) if row.record.happened_on == ANCHOR - days(1))
    win = wins[at].record
    edit_item(Store(db), win.id, ANCHOR, text=TYPO)
    rng = random.Random("corrections")
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {ANCHOR.isoformat()}"
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
        f"{command}; echo EXITED $?; sleep 60",
    )  # fmt: skip
    tmux.wait_for(lambda s: "Unacknowledged wins" in s and "calr" in s, "day view", 20)

    for _ in range(3):  # sessions, due, suggestions: on to the wins
        tmux.press_as_a_person("Tab", rng)
    for _ in range(at):
        tmux.press_as_a_person("j", rng)
    tmux.press_as_a_person("e", rng)
    # A person looks at the text before fixing its end. (Backspace typed while the dialog
    # is still opening can land after the letters typed behind it: the app's type-ahead
    # puts Enter back in order, not the other keys a field acts on through bindings.)
    tmux.wait_for(lambda s: "Edit win #" in s and "calr" in s, "the edit dialog", 20)
    time.sleep(rng.uniform(0.4, 0.6))  # reading the text, as a person does before fixing it
    tmux.press_as_a_person("BSpace", rng)  # "calr" → "cal"
    tmux.type_as_a_person("ler", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: "furious caller" in s, "the fixed win", 20)
    assert next(w for w in reload(db).wins if w.id == win.id).text == FIXED

    tmux.press_as_a_person("/", rng)
    tmux.type_as_a_person("abusive", rng)
    tmux.press_as_a_person("Enter", rng)  # before the results are drawn, as a person would
    # The newest note with the word is the first result: its person opens.
    newest = max(
        (n for n in Store(db).load().notes if "abusive" in n.text), key=lambda n: n.created
    )
    name = Store(db).load().person(newest.person_id).name
    screen = tmux.wait_for(lambda s: f"{name}  @" in s and "Timeline" in s, "the person", 20)
    print(screen)  # shown with pytest -rP: what the lead saw at the end
    assert next(w for w in reload(db).wins if w.id == win.id).text == FIXED, "nothing undone"
