"""A whole coaching 1:1 typed as a person types it, in a real terminal at 80x24.

Pilot types at machine speed into one widget at a time; a person types at about
100 ms a key, presses Tab between agenda items and Enter in dialogs without waiting
to see them drawn. Here `sup` runs in tmux, each key is sent on its own at 80–120 ms,
and afterwards the held session in the file must hold exactly what was typed, item
by item: on the demo team, and on a database of 10,000 records.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shlex
import signal

import pytest
from apphelpers import ANCHOR, demo_copy, reload
from terminalhelpers import SUP, eventually

from supervisor_tui.actions.drafts import kept_draft
from supervisor_tui.dev.bench.generate import generate
from supervisor_tui.domain.entities import HELD, PERSON
from supervisor_tui.store import Store

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


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _start_sup(tmux, db) -> int:
    """Start `sup` on ``db`` at 80x24 on the demo's anchor day; its process id."""
    command = [str(SUP), "--db", str(db), "--today", ANCHOR.isoformat()]
    tmux.run("new-session", "-d", "-s", "main", "-x", "80", "-y", "24", *command)
    return int(tmux.run("display", "-p", "-t", "main", "#{pane_pid}"))  # sup itself


def _sup_on_the_day_view(tmux, db) -> int:
    """`_start_sup`, once the day view is drawn."""
    app = _start_sup(tmux, db)
    tmux.wait_for(lambda s: "Today's sessions" in s and "Anna Virtanen" in s, "day view", 20)
    return app


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


@pytest.mark.human_pace
def test_notes_typed_without_a_pause_outlive_the_app_being_killed(tmp_path, tmux):
    """A lead types on and on, never pausing long enough for the draft to be written at
    a pause, and the process is killed (kill -9; a laptop losing power is the same):
    opened again, the session offers what was typed up to two seconds before."""
    db = demo_copy(tmp_path)
    rng = random.Random("killed")
    app = _sup_on_the_day_view(tmux, db)
    tmux.press_as_a_person("/", rng)
    tmux.type_as_a_person("anna", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.press_as_a_person("h", rng)
    tmux.wait_for(lambda s: "Anna Virtanen  ·  1:1" in s, "Anna's session view", 20)
    tmux.press_as_a_person("Tab", rng)

    text = "Went through the shift plan, the callbacks and the new tariff script."
    tmux.type_as_a_person(text, rng, lo=0.08, hi=0.12)  # 5.6-8.4 s, never 0.4 s still
    os.kill(app, signal.SIGKILL)

    anna = next(p for p in reload(db).people if p.handle == "anna")
    kept = kept_draft(Store(db), anna.id)
    assert kept is not None, "nothing of the notes was on disk"
    note = kept.note("Since last time (our agreements)")
    # At most the last two seconds of typing (20-25 keys at this pace) were only in memory.
    assert text.startswith(note) and len(note) >= len(text) - 25, note

    eventually(lambda: not _running(app), "killed app gone")
    _start_sup(tmux, db)
    tmux.wait_for(lambda s: "Today's sessions" in s, "day view again", 20)
    tmux.press_as_a_person("/", rng)
    tmux.type_as_a_person("anna", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.press_as_a_person("h", rng)
    tmux.wait_for(lambda s: "a draft is kept" in s, "the kept draft offered", 20)
    tmux.press_as_a_person("Enter", rng)  # resume it
    screen = tmux.wait_for(lambda s: note[:40] in s, "the kept notes in the session", 20)
    print(screen)


@pytest.mark.human_pace
def test_a_terminal_closed_mid_sentence_keeps_every_key_typed(tmp_path, tmux):
    """The window closed, or the SSH connection dropped (the app gets SIGHUP), a moment
    after the last key: the draft holds every key, and the app has closed."""
    db = demo_copy(tmp_path)
    rng = random.Random("hung up")
    app = _sup_on_the_day_view(tmux, db)
    tmux.press_as_a_person("/", rng)
    tmux.type_as_a_person("anna", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.press_as_a_person("h", rng)
    tmux.wait_for(lambda s: "Anna Virtanen  ·  1:1" in s, "Anna's session view", 20)
    tmux.press_as_a_person("Tab", rng)

    text = "Asked about the late shifts; she wants"
    tmux.type_as_a_person(text, rng)
    tmux.run("kill-server")  # the terminal is gone: SIGHUP
    eventually(lambda: not _running(app), "app closed", timeout=30)

    anna = next(p for p in reload(db).people if p.handle == "anna")
    kept = kept_draft(Store(db), anna.id)
    assert kept is not None and kept.note("Since last time (our agreements)") == text


@pytest.mark.human_pace
def test_writing_as_soon_as_the_session_opens_lands_in_the_first_notes(tmp_path, tmux):
    # The view opens on last time's agreements (x, o, z act there). A lead who starts to
    # write at once, without Tab: the text is the first item's notes, every key of it,
    # and no agreement is touched ("through" holds an o: carry over, were it a key here).
    db = demo_copy(tmp_path)
    rng = random.Random("write-at-once")
    command = f"{shlex.quote(str(SUP))} --db {shlex.quote(str(db))} --today {ANCHOR.isoformat()}"
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
        f"{command}; echo EXITED $?; sleep 60",
    )  # fmt: skip
    tmux.wait_for(lambda s: "Today's sessions" in s and "Anna Virtanen" in s, "day view", 20)
    tmux.press_as_a_person("/", rng)
    tmux.type_as_a_person("anna", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.press_as_a_person("h", rng)
    tmux.type_as_a_person("Went through both; all fine.", rng)  # as the view opens
    tmux.press_as_a_person("Tab", rng)
    tmux.type_as_a_person("Tariff call.", rng)
    tmux.press_as_a_person("C-s", rng)
    tmux.press_as_a_person("Enter", rng)  # hold, with the next session as proposed
    tmux.wait_for(lambda s: "Timeline" in s, "Anna's person view again", 20)

    records = reload(db)
    anna = next(p for p in records.people if p.handle == "anna")
    session = max(
        (s for s in records.sessions if s.person_id == anna.id and s.status == HELD),
        key=lambda s: (s.held_on, s.id),
    )
    assert session.held_on == ANCHOR
    assert dict(session.notes) == {
        "Since last time (our agreements)": "Went through both; all fine.",
        "Wins": "Tariff call.",
    }
    before = {a.id: a for a in reload(demo_copy(tmp_path / "before")).agreements}
    for agreement in records.agreements:
        if agreement.person_id == anna.id and agreement.id in before:
            assert agreement == before[agreement.id], "an agreement was acted on"


@pytest.mark.human_pace
def test_a_terminal_closed_on_a_capture_line_opens_the_bar_with_it_next_time(tmp_path, tmux):
    """The window closed (SIGHUP) with a line half typed in the capture bar: the next
    `sup` opens the bar with that line, every key of it, and Enter saves it."""
    db = demo_copy(tmp_path)
    rng = random.Random("capture hung up")
    app = _sup_on_the_day_view(tmux, db)
    tmux.press_as_a_person("c", rng)
    line = "win @ben calmed a caller; kept the renewal"
    tmux.type_as_a_person(line, rng)
    tmux.run("kill-server")  # the terminal is gone: SIGHUP
    eventually(lambda: not _running(app), "app closed", timeout=30)

    _start_sup(tmux, db)
    tmux.wait_for(lambda s: line in s and "win · idea" in s, "the bar with the line again", 20)
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: "Saved win" in s, "the win saved", 20)
    ben = next(p for p in reload(db).people if p.handle == "ben")
    assert "calmed a caller; kept the renewal" in [
        w.text for w in reload(db).wins if w.person_id == ben.id
    ]


@pytest.mark.human_pace
def test_a_terminal_closed_on_a_thank_you_note_opens_it_again_next_time(tmp_path, tmux):
    """The window closed (SIGHUP) while a thank-you note was being written: the next
    `sup` opens the same dialog with the note and the way chosen, and Enter saves it."""
    db = demo_copy(tmp_path)
    rng = random.Random("thanks hung up")
    app = _sup_on_the_day_view(tmux, db)
    tmux.press_as_a_person("/", rng)
    tmux.type_as_a_person("dawit", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: "win to thank" in s and "a Thank" in s, "Dawit's open win", 20)
    tmux.press_as_a_person("a", rng)
    tmux.press_as_a_person("Down", rng)  # by message
    tmux.press_as_a_person("Tab", rng)
    note = "told him at the huddle; the fix saved 40 refunds"
    tmux.type_as_a_person(note, rng)
    tmux.run("kill-server")  # the terminal is gone: SIGHUP
    eventually(lambda: not _running(app), "app closed", timeout=30)
    dawit = next(p for p in reload(db).people if p.handle == "dawit")
    (win,) = [w for w in reload(db).wins if w.person_id == dawit.id and not w.acknowledged_on]

    _start_sup(tmux, db)
    tmux.wait_for(lambda s: note in s and "Thank Dawit Haile" in s, "the note open again", 20)
    tmux.type_as_a_person(" today", rng)
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: "Acknowledged Dawit Haile's win" in s, "the win thanked", 20)
    (thanked,) = [w for w in reload(db).wins if w.id == win.id]
    assert (thanked.acknowledged_how, thanked.ack_note) == ("message", note + " today")


def test_someone_half_added_is_not_lost_when_the_app_is_killed_outright(tmp_path, tmux):
    """`+` at a person's pace, the app killed (SIGKILL) as the lead pauses: the next
    `sup` opens the add dialog with the name and role, and Enter adds them."""
    db = demo_copy(tmp_path)
    rng = random.Random("person killed")
    app = _sup_on_the_day_view(tmux, db)
    tmux.press_as_a_person("+", rng)
    tmux.wait_for(lambda s: "Add a person" in s, "the add dialog", 20)
    tmux.type_as_a_person("Maria Lind", rng)
    for _ in range(2):  # past the handle, to the role
        tmux.press_as_a_person("Tab", rng)
    tmux.type_as_a_person("customer advisor", rng)
    eventually(
        lambda: (
            (Store(db).load_draft("dialog-text") or {}).get("typed")
            == {"name": "Maria Lind", "role": "customer advisor"}
        ),
        "the name and role on disk as the lead pauses",
        timeout=10,
    )
    os.kill(app, signal.SIGKILL)
    eventually(lambda: not _running(app), "app killed", timeout=30)

    _start_sup(tmux, db)
    tmux.wait_for(
        lambda s: "Add a person" in s and "Maria Lind" in s and "customer advisor" in s,
        "the add dialog with what was typed, again",
        20,
    )
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(lambda s: "Added Maria Lind" in s, "Maria added", 20)
    (maria,) = [p for p in reload(db).people if p.name == "Maria Lind"]
    assert maria.role == "customer advisor"


@pytest.mark.human_pace
def test_a_capture_line_is_not_lost_when_the_app_is_killed_outright(tmp_path, tmux):
    """SIGKILL (the OOM killer, kill -9, power) gives the app no chance to keep anything:
    a line typed at a person's pace is on disk within a second of the lead pausing, and
    the next `sup` opens the bar with it."""
    db = demo_copy(tmp_path)
    rng = random.Random("capture killed")
    app = _sup_on_the_day_view(tmux, db)
    tmux.press_as_a_person("c", rng)
    line = "idea @aki a shared glossary of billing terms"
    tmux.type_as_a_person(line, rng)
    eventually(
        lambda: (Store(db).load_draft("capture-line") or {}).get("line") == line,
        "the line on disk as the lead pauses",
        timeout=10,
    )
    os.kill(app, signal.SIGKILL)
    eventually(lambda: not _running(app), "app killed", timeout=30)  # and its window closed

    _start_sup(tmux, db)
    tmux.wait_for(lambda s: line in s and "win · idea" in s, "the bar with the line again", 20)
    tmux.press_as_a_person("Enter", rng)
    tmux.wait_for(
        lambda s: "win · idea" not in s and "a shared glossary of billing terms" in s,
        "the idea saved and listed",
        20,
    )
    aki = next(p for p in reload(db).people if p.handle == "aki")
    assert "a shared glossary of billing terms" in [
        s.text for s in reload(db).suggestions if s.person_id == aki.id
    ]
