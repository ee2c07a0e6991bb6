"""A lead's morning with people, typed at a person's pace in a real terminal at 80x24:
read last month's 1:1 before the next one, put someone on leave for two weeks and see
them drop out of "due"; rename someone, archive them and bring them back."""

from __future__ import annotations

import datetime as dt
import random
import shlex

import pytest
from apphelpers import ANCHOR, demo_copy, person_named, reload
from terminalhelpers import SUP

from supervisor_tui.tui.screens.rows import HELD_SESSION, person_sections


def _start(tmux, db) -> None:
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {ANCHOR.isoformat()}"
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
        f"{command}; echo EXITED $?; sleep 60",
    )  # fmt: skip
    tmux.wait_for(lambda s: "Due for coaching" in s and "Hanna Järvinen" in s, "day view", 20)


def _open(tmux, rng, handle: str, name: str) -> None:
    """Find someone as a lead would: search for the name, Enter on the first match."""
    tmux.press_as_a_person("/", rng)
    tmux.type_as_a_person(handle, rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: s.startswith(f" {name}  @{handle}"), f"{name}'s person view", 20)


def _due_section(screen: str) -> str:
    return screen.split("Due for coaching", 1)[1].split("Unanswered suggestions", 1)[0]


def _quit(tmux, rng) -> None:
    tmux.press_as_a_person("q", rng)
    assert "EXITED 0" in tmux.wait_for(lambda s: "EXITED" in s, "sup to exit")


@pytest.mark.human_pace
def test_read_last_months_1_1_then_two_weeks_of_leave_take_hanna_out_of_due(tmp_path, tmux):
    db = demo_copy(tmp_path)
    rng = random.Random("people-leave")
    records = reload(db)
    hanna = person_named(records, "hanna")
    # Where her latest 1:1 sits in her timeline: tab jumps a section at a time (open
    # items, goals) to the timeline's first row.
    sections = person_sections(records, hanna, ANCHOR)
    at = next(n for n, section in enumerate(sections) if section.key == "timeline")
    tabs = sum(1 for section in sections[:at] if section.rows)
    timeline = sections[at].rows
    steps = next(n for n, row in enumerate(timeline) if row.kind == HELD_SESSION)
    _start(tmux, db)
    assert "Hanna Järvinen" in _due_section(tmux.screen())

    _open(tmux, rng, "hanna", "Hanna Järvinen")
    tmux.wait_for(lambda s: "Timeline" in s, "her timeline", 20)
    for _ in range(tabs):
        tmux.press_as_a_person("Tab", rng)
    for _ in range(steps):
        tmux.press_as_a_person("j", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: "Coaching session: Hanna Järvinen" in s, "the 1:1's record", 20)
    for _ in range(12):
        tmux.press_as_a_person("j", rng)
    record = tmux.wait_for(lambda s: "What we agreed" in s, "the agreements, scrolled to")
    print(record)  # shown with pytest -rP
    tmux.press_as_a_person("Escape", rng)
    tmux.wait_for(lambda s: s.startswith(" Hanna Järvinen  @hanna"), "her person view again")

    tmux.press_as_a_person("L", rng)
    tmux.wait_for(lambda s: "Hanna Järvinen: leave" in s, "the leave dialog")
    tmux.type_as_a_person("+2w", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: "on leave until Fri 4 Dec" in s, "her leave in the summary", 20)
    tmux.press_as_a_person("Escape", rng)  # back to the search she was found by
    tmux.press_as_a_person("Escape", rng)  # and to the day view
    screen = tmux.wait_for(
        lambda s: "Due for coaching" in s and "filter" not in s.splitlines()[0],
        "the whole day view",
    )
    print(screen)
    assert "Hanna Järvinen" not in _due_section(screen)

    hanna_now = reload(db)
    (leave,) = [lv for lv in hanna_now.leaves if lv.person_id == hanna.id]
    assert (leave.starts_on, leave.ends_on) == (ANCHOR, ANCHOR + dt.timedelta(days=14))
    _quit(tmux, rng)


@pytest.mark.human_pace
def test_rename_archive_and_bring_back_by_keyboard(tmp_path, tmux):
    db = demo_copy(tmp_path)
    rng = random.Random("people-rename")
    _start(tmux, db)
    _open(tmux, rng, "hanna", "Hanna Järvinen")

    tmux.press_as_a_person("E", rng)
    tmux.wait_for(lambda s: "Edit Hanna Järvinen" in s, "the edit dialog")
    tmux.type_as_a_person("Hanna Mäki", rng)  # the name is selected: typing replaces it
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: s.startswith(" Hanna Mäki  @hanna"), "the new name", 20)
    assert person_named(reload(db), "hanna").name == "Hanna Mäki"

    tmux.press_as_a_person("A", rng)
    tmux.wait_for(lambda s: "Archive Hanna Mäki?" in s, "the question")
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: "@hanna · quality coach · archived" in s, "archived", 20)
    assert person_named(reload(db), "hanna").archived

    tmux.press_as_a_person("A", rng)
    tmux.wait_for(lambda s: "Hanna Mäki is back on the team" in s, "back", 20)
    assert not person_named(reload(db), "hanna").archived
    _quit(tmux, rng)
