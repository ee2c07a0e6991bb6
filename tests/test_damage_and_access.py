"""Files the app finds in a bad way: a damaged journal, an emptied database, a symlinked
data file, files of another user, and files or folders not private enough.

Each refusal is one clear message with exit code 1, no traceback, and nothing written
(`clihelpers.refused` compares every file beside the database before and after).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from apphelpers import demo_app, demo_copy, loaded, pilot_test, told, until
from clihelpers import add_team, ok, refused, run, said, team

from supervisor_tui.domain.drafts import SessionDraft
from supervisor_tui.domain.entities import Form
from supervisor_tui.store import Store, backups, journal
from supervisor_tui.tui.app import make_app

HERE = Path(__file__).parent


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- one rule for a damaged journal (issue 10, item 4) ----------------------------------


def _garbage_mid_file(lines: list[bytes]) -> list[bytes]:
    return [*lines[:2], b"this is not json\n", *lines[2:]]


def _wrong_types(lines: list[bytes]) -> list[bytes]:
    entry = json.loads(lines[1])
    entry["doc"] = ["not", "an", "object"]
    return [lines[0], json.dumps(entry).encode() + b"\n", *lines[2:]]


def _id_as_text(lines: list[bytes]) -> list[bytes]:
    entry = json.loads(lines[1])
    entry["id"] = str(entry["id"])
    return [lines[0], json.dumps(entry).encode() + b"\n", *lines[2:]]


def _missing_id(lines: list[bytes]) -> list[bytes]:
    entry = json.loads(lines[1])
    del entry["id"]
    return [lines[0], json.dumps(entry).encode() + b"\n", *lines[2:]]


DAMAGE = {
    "garbage mid-file": _garbage_mid_file,
    "doc of the wrong type": _wrong_types,
    "id as text": _id_as_text,
    "missing id": _missing_id,
}
COMMANDS = {
    "today": ("today",),
    "today json": ("today", "--json"),
    "people": ("people",),
    "win": ("win", "anna", "closed another case"),
    "capture": ("capture", "idea @ben shorter wrap-up codes"),
    "ack": ("ack", "4"),
    "add person": ("people", "add", "Cleo Berg"),
    "export": ("export", "--person", "anna"),
    "forget": ("forget", "ben", "--yes"),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_damaged_journal_gets_the_same_refusal_from_every_command(db_path, damage, args):
    add_team(db_path)
    said(db_path, "win", "anna", "closed the case")  # #4, in the journal
    said(db_path, "win", "ben", "helped a colleague")  # #5
    path = Store(db_path).journal_path
    path.write_bytes(b"".join(damage(path.read_bytes().splitlines(keepends=True))))

    message = refused(db_path, *args, code=1)  # no traceback, no append, nothing written
    assert message == f"Error: {journal.damaged(path)}\n"


# -- an empty database file (item 5) -------------------------------------------------------


def _emptied_beside_a_backup(db: Path) -> Path:
    add_team(db)  # the second write of the day takes a backup
    (backup,) = backups.list_backups(db)
    db.write_bytes(b"")
    return backup


@pytest.mark.parametrize(
    "args", [("people", "add", "Cleo Berg"), ("today",), ("win", "anna", "x")], ids=str
)
def test_an_empty_file_beside_backups_is_damage_not_a_new_database(db_path, args):
    backup = _emptied_beside_a_backup(db_path)
    message = refused(db_path, *args, code=1)
    assert message.startswith(f"Error: {db_path} is empty (0 bytes), yet backups of it exist")
    assert f"To restore the newest backup: cp '{backup}' '{db_path}'." in message
    assert db_path.read_bytes() == b""


def test_an_empty_file_with_no_backups_is_a_new_database(db_path):
    db_path.write_bytes(b"")
    said(db_path, "people", "add", "Cleo Berg")
    assert [p["name"] for p in team(db_path)] == ["Cleo Berg"]


@pytest.mark.usefixtures("_quiet_config")
@pytest.mark.parametrize("size", [(80, 24)])
@pilot_test
async def test_the_tui_on_an_emptied_file_says_so_and_writes_nothing(db_path, size):
    _emptied_beside_a_backup(db_path)
    app = make_app(db_path)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.error_message is not None, what="the refusal")
    assert app.return_code == 1
    assert "is empty (0 bytes), yet backups of it exist" in app.error_message
    assert db_path.read_bytes() == b""


@pytest.fixture
def _quiet_config(monkeypatch):
    """No settings file: the defaults."""
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent")


# -- a symlinked data file (item 6) ---------------------------------------------------------


def test_a_symlinked_data_file_is_followed_and_everything_lives_beside_the_real_one(tmp_path):
    synced = tmp_path / "Sync" / "work"
    synced.mkdir(parents=True)
    real = synced / "team.json"
    home = tmp_path / "home"
    home.mkdir()
    link = home / "team.json"
    link.symlink_to(Path("..") / "Sync" / "work" / "team.json")  # relative, dangling at first

    add_team(link)  # the first transaction creates the real file; the second takes a backup
    said(link, "win", "anna", "closed the case")  # into the journal
    anna = Store(link).people()[0]
    form = Form("Coaching 1:1", 1, ("Wins",))
    draft = SessionDraft.start(anna.id, form).with_note("Wins", "private")
    Store(link).save_draft(draft.key, draft.to_doc())
    said(link, "forget", "ben", "--yes")

    assert link.is_symlink() and link.resolve() == real
    assert sorted(p.name for p in home.iterdir()) == ["team.json"]  # only the link
    (backup,) = backups.list_backups(real)
    assert sorted(p.name for p in synced.iterdir()) == sorted(
        [
            "team.json",
            "team.json.journal",
            "team.json.lock",
            "team.json.lock.fold",
            "team.json.open",
            "team.json.drafts",
            backup.name,
        ]
    )
    assert [w.text for w in Store(real).load().wins] == ["closed the case"]
    assert [p["handle"] for p in team(link, "--all")] == ["aki", "anna"]


# -- files of another user, and privacy (item 7) --------------------------------------------


@pytest.fixture
def others_file():
    """A database (and journal) that the user running `sup` can't read: someone else's."""
    base = Path(tempfile.mkdtemp(prefix="sup-other-"))
    try:
        base.chmod(0o755)
        db = base / "data" / "supervisor-tui" / "supervisor.json"
        add_team(db)
        said(db, "win", "anna", "closed the case")
        for folder in (base / "data", db.parent):
            folder.chmod(0o755)  # the folders may be looked into; the files may not
        if os.geteuid() != 0:
            db.chmod(0)
            Store(db).journal_path.chmod(0)
        yield base, db
    finally:
        shutil.rmtree(base)


@pytest.mark.parametrize(
    "args", [("today",), ("win", "anna", "x"), ("people",), ("export",)], ids=str
)
def test_a_file_of_another_user_is_a_message_not_a_traceback(others_file, args):
    base, db = others_file
    before = db.read_bytes() if os.geteuid() == 0 else None
    env = {**os.environ, "XDG_DATA_HOME": str(base / "data"), "XDG_CONFIG_HOME": str(base)}
    env.pop("SUPERVISOR_TUI_DB", None)
    done = subprocess.run(
        [sys.executable, str(HERE / "otheruser.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"Error: {db}")  # the database, or its journal
    assert "can't be read by you (permission denied)" in done.stderr
    assert f"ls -l '{db}" in done.stderr
    if before is not None:
        assert db.read_bytes() == before


def test_a_journal_lock_and_backups_left_0644_become_0600_when_used(db_path, monkeypatch):
    add_team(db_path)
    store = Store(db_path)
    old = db_path.with_name("supervisor.2020-01-01.bak.json")
    old.write_bytes(db_path.read_bytes())
    for path in (store.journal_path, store.lock_path, old, *backups.list_backups(db_path)):
        path.chmod(0o644)

    said(db_path, "win", "anna", "closed the case")  # an append to the journal, under the lock
    assert _mode(store.journal_path) == 0o600
    assert _mode(store.lock_path) == 0o600
    for backup in backups.list_backups(db_path):
        backup.unlink() if backup != old else None
    said(db_path, "ack", "4")  # a whole-file write that takes today's backup
    assert {_mode(b) for b in backups.list_backups(db_path)} == {0o600}


def test_a_data_folder_anyone_may_change_is_said_each_time(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    db = folder / "team.json"
    result = run(db, "people", "add", "Cleo Berg")
    assert result.exit_code == 0
    assert result.stderr == (
        f"Warning: The folder {folder} can be changed by every user of this computer "
        f"(mode 0777): they could replace or delete the personal data in it. "
        f"Fix: chmod 700 '{folder}'.\n"
    )
    folder.chmod(0o700)
    assert ok(db, "people")


@pilot_test
async def test_the_tui_says_when_the_data_folder_is_not_private(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    db = demo_copy(folder)
    folder.chmod(0o777)
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        (notice,) = [t for t in told(app) if t.title == "Not private"]
        assert notice.message.startswith(f"The folder {db.parent} can be changed by every user")
        assert notice.severity == "warning"
