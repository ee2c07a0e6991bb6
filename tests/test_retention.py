"""Retention: personal data kept no longer than the lead chooses (off unless set).

`sup purge --dry-run` lists what is past the settings; `sup purge` erases it from the
database, its journal and every backup, the way `forget` erases a person.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from clihelpers import add_team, files, ok, run, said
from storehelpers import holding

from supervisor_tui.domain.entities import (
    ACCEPTED,
    CANCELLED,
    HELD,
    OPEN,
    PLANNED,
    WELLBEING,
    Agreement,
    Note,
    Records,
    Session,
    Suggestion,
    Win,
)
from supervisor_tui.domain.retention import Retention, expired, months_before
from supervisor_tui.store import Store
from supervisor_tui.store.config import ConfigError, load

TODAY = dt.date(2026, 11, 22)
TZ = dt.timezone(dt.timedelta(hours=2))


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ)


OLD = dt.date(2024, 1, 10)  # closed before the 24-month cutoff (22 Nov 2024)
RECENT = dt.date(2025, 6, 1)  # before the 12-month cutoff for wellbeing notes only
FRESH = dt.date(2026, 11, 20)


def test_months_before_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert months_before(TODAY, 12) == dt.date(2025, 11, 22)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2026, 1, 15), 36) == dt.date(2023, 1, 15)


def test_only_closed_items_and_wellbeing_notes_past_their_months_expire():
    records = Records(
        sessions=(
            Session(1, 1, HELD, _at(OLD), OLD),
            Session(2, 1, CANCELLED, _at(OLD)),
            Session(3, 1, PLANNED, _at(OLD)),  # planned, never held: still open
            Session(4, 1, HELD, _at(FRESH), FRESH),
        ),
        agreements=(
            Agreement(5, 1, "done long ago", _at(OLD), done_on=OLD),
            Agreement(6, 1, "dropped long ago", _at(OLD), dropped_on=OLD),
            Agreement(7, 1, "open for ages", _at(OLD)),
        ),
        suggestions=(
            Suggestion(8, 1, "answered", OLD, _at(OLD), ACCEPTED, "yes", OLD),
            Suggestion(9, 1, "never answered", OLD, _at(OLD), OPEN),
        ),
        wins=(
            Win(10, 1, "thanked", OLD, _at(OLD), acknowledged_on=OLD),
            Win(11, 1, "not thanked yet", OLD, _at(OLD)),
        ),
        notes=(
            Note(12, 1, "old observation", _at(OLD)),
            Note(13, 1, "wellbeing last year", _at(RECENT), WELLBEING),
            Note(14, 1, "observation last year", _at(RECENT)),
            Note(15, 1, "wellbeing this week", _at(FRESH), WELLBEING),
        ),
    )
    both = Retention(wellbeing_notes_months=12, closed_items_months=24)
    assert [r.id for r in expired(records, TODAY, both)] == [1, 2, 5, 6, 8, 10, 12, 13]
    wellbeing_only = Retention(wellbeing_notes_months=12)
    assert [r.id for r in expired(records, TODAY, wellbeing_only)] == [13]
    assert expired(records, TODAY, Retention()) == ()


def _settings(text: str) -> Path:
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "supervisor-tui" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_retention_settings_are_read_and_checked(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[retention]\nwellbeing_notes_months = 12\nclosed_items_months = 36\n")
    assert load(path).retention == Retention(12, 36)
    path.write_text("[thresholds]\nwin_flag_days = 3\n")
    assert load(path).retention.is_off
    for bad in ("forever = 1", "closed_items_months = 0", 'closed_items_months = "3y"'):
        path.write_text(f"[retention]\n{bad}\n")
        with pytest.raises(ConfigError):
            load(path)


def test_purge_with_retention_off_says_how_to_set_it_and_erases_nothing(db_path):
    add_team(db_path)
    before = files(db_path)
    out = ok(db_path, "purge")
    assert out.startswith("Retention is off, so nothing is ever purged.")
    assert "[retention]\nwellbeing_notes_months = 12\nclosed_items_months = 36\n" in out
    assert files(db_path) == before


def _history(db: Path) -> None:
    """Old closed items and notes, recent and fresh ones, and open ones of any age."""
    add_team(db)
    old, recent, fresh = OLD.isoformat(), RECENT.isoformat(), FRESH.isoformat()
    said(db, "note", "anna", "--wellbeing", "GONE-old-wellbeing", today=old)  # 4
    said(db, "note", "anna", "GONE-old-observation", today=old)  # 5
    said(db, "win", "ben", "GONE-old-thanked", today=old)  # 6
    said(db, "ack", "6", today=old)
    said(db, "win", "ben", "KEPT-never-thanked", today=old)  # 7: open, stays
    said(db, "note", "aki", "--wellbeing", "GONE-last-year-wellbeing", today=recent)  # 8
    said(db, "note", "aki", "KEPT-last-year-observation", today=recent)  # 9
    said(db, "note", "aki", "--wellbeing", "KEPT-fresh-wellbeing", today=fresh)  # 10
    # A backup from before any of it was purged, kept beside the file (which holds it
    # all once the journal is folded in).
    assert Store(db).fold()
    old_backup = db.with_name("supervisor.2020-01-01.bak.json")
    old_backup.write_bytes(db.read_bytes())


def test_purge_dry_run_lists_what_would_go_and_changes_nothing(db_path):
    _history(db_path)
    _settings("[retention]\nwellbeing_notes_months = 12\nclosed_items_months = 24\n")
    before = files(db_path)
    out = ok(db_path, "purge", "--dry-run")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[:4]] == ["#4", "#5", "#6", "#8"]
    assert "Anna Virtanen" in lines[0] and "a note" in lines[0] and "GONE-last-year-well…" in out
    assert lines[-1] == "4 records would be purged. Nothing was erased (--dry-run)."
    assert all(len(line) <= 80 for line in lines)
    assert files(db_path) == before


def test_purge_erases_what_is_past_retention_from_the_file_and_every_backup(db_path):
    _history(db_path)
    _settings("[retention]\nwellbeing_notes_months = 12\nclosed_items_months = 24\n")
    assert holding(db_path.parent, "GONE-")
    result = run(db_path, "purge", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert "Erase these 4 records from the database, its journal and backups?" in result.stdout
    assert result.stdout.endswith("Purged 4 records from the database and from 1 backup.\n")
    assert holding(db_path.parent, "GONE-") == []
    kept = {n.text for n in Store(db_path).load().notes} | {
        w.text for w in Store(db_path).load().wins
    }
    assert kept == {"KEPT-never-thanked", "KEPT-last-year-observation", "KEPT-fresh-wellbeing"}
    assert ok(db_path, "purge").startswith("Nothing is older than your retention settings.")


def test_purge_answered_no_erases_nothing(db_path):
    _history(db_path)
    _settings("[retention]\nclosed_items_months = 24\n")
    before = files(db_path)
    result = run(db_path, "purge", input="n\n")
    assert result.exit_code == 1 and "Aborted!" in result.stderr
    assert files(db_path) == before
