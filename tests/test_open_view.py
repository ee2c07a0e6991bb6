"""The open view beside the file (`supervisor.json.open`): what the day view needs,
kept at every write so that `sup today` need not read years of history. It is only
ever a shortcut: missing, damaged or outdated, the day view reads the whole file and
says exactly the same."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from clihelpers import ok, run
from storehelpers import DAY, seed_history, win

from supervisor_tui.actions.routines import acknowledge
from supervisor_tui.cli import render
from supervisor_tui.dev.demo import ANCHOR, fresh_copy
from supervisor_tui.domain.rules import day_view
from supervisor_tui.store import Store

TODAY = ANCHOR.isoformat()


def _view(db: Path) -> Path:
    return db.with_name(db.name + ".open")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    db = fresh_copy(tmp_path, ANCHOR)
    ok(db, "win", "anna", "captured into the journal", today=TODAY)  # not folded yet
    return db


def test_the_day_view_reads_the_same_from_the_open_view_as_from_the_whole_file(demo):
    ok(demo, "today", today=TODAY)  # a read without a view writes one
    assert _view(demo).exists()
    with_view = ok(demo, "today", "--json", today=TODAY)
    _view(demo).unlink()
    without = ok(demo, "today", "--json", today=TODAY)
    assert with_view == without
    assert "captured into the journal" in with_view


def test_every_write_keeps_the_open_view_current(demo):
    ok(demo, "today", today=TODAY)
    win_id = Store(demo).load(open_only=True).wins[-1].id
    ok(demo, "ack", str(win_id), "--how", "message", today=TODAY)  # a whole-file write
    after_view = ok(demo, "today", "--json", today=TODAY)
    _view(demo).unlink()
    assert after_view == ok(demo, "today", "--json", today=TODAY)
    assert f'"id": {win_id},' not in after_view


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"base": [1, 2, 3], "data": {}}'])
def test_a_damaged_open_view_is_ignored_and_written_anew(demo, damage):
    ok(demo, "today", today=TODAY)
    expected = ok(demo, "today", "--json", today=TODAY)
    _view(demo).write_bytes(damage)
    assert ok(demo, "today", "--json", today=TODAY) == expected
    assert _view(demo).read_bytes() != damage


def test_an_open_view_of_an_earlier_file_is_never_used(tmp_path, whole_file_writes):
    # A backup put back by hand: the view beside it describes the file before that.
    db = tmp_path / "supervisor.json"
    store = Store(db)
    team = seed_history(store, total=20).people
    earlier = tmp_path / "earlier.json"
    shutil.copyfile(db, earlier)
    with store.transaction() as txn:
        txn.add(win(team[0].id, "only in the later file"))  # open: in the view
    assert "only in the later file" in ok(db, "today", "--json", today="2026-03-03")
    assert b"only in the later file" in _view(db).read_bytes()
    shutil.copyfile(earlier, db)  # the view beside db still describes the later file
    Path(store.journal_path).unlink()

    shown = ok(db, "today", "--json", today="2026-03-03")
    assert "only in the later file" not in shown


def test_the_open_view_is_as_private_as_the_file_and_forgetting_empties_it(demo):
    ok(demo, "today", today=TODAY)
    assert _view(demo).stat().st_mode & 0o777 == 0o600
    assert b"Virtanen" in _view(demo).read_bytes()
    result = run(demo, "forget", "anna", "--yes", today=TODAY)
    assert result.exit_code == 0, result.output
    assert b"Virtanen" not in _view(demo).read_bytes()


def test_a_store_holding_everything_reads_the_day_view_from_the_open_view(tmp_path):
    # The TUI holds every record after its first read. After each of its writes the
    # day view is worked out again: from what is open, not from the whole history.
    store = Store(tmp_path / "supervisor.json")
    everything = seed_history(store, total=300)
    waiting = [w for w in everything.wins if w.acknowledged_on is None]
    acknowledge(store, waiting[0].id, "in person", "", DAY)

    held = store.held()
    day = store.load(open_only=True)
    assert held is not None and len(held.wins) == len(everything.wins)  # nothing re-read
    assert waiting[0].id not in {w.id for w in day.wins}
    assert {w.id for w in day.wins} == {w.id for w in waiting[1:]}
    assert not day.notes and len(day.sessions) <= len(day.people)  # no history
    for today in (DAY, DAY + dt.timedelta(days=40)):
        assert day_view(day, today) == day_view(held, today)


def _history_with_plans(tmp_path: Path) -> Path:
    """Months of history (several 1:1s held with each person), one person archived, and
    1:1s planned ahead: what the team list and the calendar are about."""
    db = tmp_path / "supervisor.json"
    seed_history(Store(db), total=300)
    ok(db, "plan", "p0", "2026-03-09 10:00", today="2026-03-03")
    ok(db, "plan", "p1", "2026-03-10 14:00", today="2026-03-03")
    ok(db, "people", "archive", "p4", today="2026-03-03")
    return db


@pytest.mark.parametrize("flags", [(), ("--all",), ("--json",), ("--all", "--json")])
def test_the_team_list_reads_what_is_open_and_says_what_the_whole_history_says(tmp_path, flags):
    db = _history_with_plans(tmp_path)
    everything = Store(db).load()
    today, show_all = dt.date(2026, 3, 3), "--all" in flags
    if "--json" in flags:
        expected = render.people_json(everything, today, show_all) + "\n"
    else:
        expected = render.people_text(everything, today, show_all, color=False) + "\n"
    assert ok(db, "people", *flags, today="2026-03-03") == expected


def test_the_team_forms_and_calendar_are_listed_past_damaged_history(tmp_path):
    # A damaged note years back: what lists only what is open never reads it (as the
    # day view); what reads everything still names it, and no write puts it back.
    db = _history_with_plans(tmp_path)
    data = json.loads(db.read_text())
    key = next(iter(data["notes"]))
    data["notes"][key]["text"] = 42
    db.write_text(json.dumps(data))
    on = {"today": "2026-03-03"}
    assert ok(db, "people", **on).startswith("@p0 ")
    assert "Coaching 1:1" in ok(db, "forms", **on)
    assert "1. " in ok(db, "forms", "show", "Coaching 1:1", **on)
    assert ok(db, "ics", **on).count("BEGIN:VEVENT") == 2
    refusal = run(db, "search", "history", **on)
    assert refusal.exit_code == 1
    assert f"has a damaged record (notes #{key})" in refusal.stderr
