"""Running `sup` the way a user does, for the CLI tests.

Every run goes through click's CliRunner with a fixed day and the database in the
test's temporary directory, and fails the test at once if anything printed a
traceback or escaped as an exception other than a clean exit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from supervisor_tui.cli import cli

TODAY = "2026-11-22"  # a Sunday
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# What `sup today` must never hand a terminal: C0/C1 controls, DEL, bidi overrides.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def invoke(args: list[str], *, input: str | None = None, env=None, color=False) -> Result:
    """`sup ARGS` exactly as given, never a traceback."""
    result = CliRunner().invoke(cli, args, input=input, env=env, color=color)
    assert "Traceback" not in result.output, result.output
    assert "Traceback" not in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def run(db: Path, *args: str, today: str = TODAY, **kwargs: Any) -> Result:
    """`sup --db DB --today TODAY ARGS`."""
    return invoke(["--db", str(db), "--today", today, *args], **kwargs)


def ok(db: Path, *args: str, **kwargs: Any) -> str:
    """Run a command that must succeed; its standard output."""
    result = run(db, *args, **kwargs)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def said(db: Path, *args: str, **kwargs: Any) -> str:
    """The one confirmation line a successful command prints."""
    out = ok(db, *args, **kwargs)
    assert out.endswith("\n") and out.count("\n") == 1, out
    return out.rstrip("\n")


def day(db: Path, today: str = TODAY) -> dict[str, Any]:
    """`sup today --json` on ``today``, parsed."""
    return json.loads(ok(db, "today", "--json", today=today))


def team(db: Path, *flags: str) -> list[dict[str, Any]]:
    """`sup people --json`, parsed."""
    return json.loads(ok(db, "people", "--json", *flags))


def exported(db: Path, *flags: str) -> dict[str, Any]:
    """`sup export --format json`, parsed."""
    return json.loads(ok(db, "export", "--format", "json", *flags))


def ids(items: list[dict[str, Any]]) -> list[int]:
    """The ids of the rows of one section."""
    return [item["id"] for item in items]


def names(items: list[dict[str, Any]]) -> list[str]:
    """The people's names on the rows of one section."""
    return [item["person"]["name"] for item in items]


def files(db: Path) -> dict[str, bytes]:
    """Every file beside the database (the database, its journal, backups), by name.

    The lock file is left out: it is empty and exists only to be locked.
    """
    return {
        p.name: p.read_bytes()
        for p in sorted(db.parent.iterdir())
        if p.is_file() and not p.name.endswith(".lock")
    }


def refused(db: Path, *args: str, code: int = 2, **kwargs: Any) -> str:
    """Run a command that must fail cleanly with ``code`` and write nothing; its message."""
    before = files(db)
    result = run(db, *args, **kwargs)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Error: " in result.stderr, result.stderr
    assert files(db) == before, "a refused command changed the files"
    return result.stderr


def add_team(db: Path) -> None:
    """Three people, ids 1-3, so the first record saved after them is #4.

    Anna is due for coaching on Tue 24 Nov, Ben is long overdue, Äki is not due yet.
    """
    said(db, "people", "add", "Anna Virtanen", "--every", "4w", "--started", "2026-10-27")
    said(db, "people", "add", "Äki Mäkelä", "--role", "chat specialist", "--started", "1.11.")
    said(db, "people", "add", "Ben Ek", "--started", "2026-09-01")


def plant_person(db: Path, name: str, handle: str) -> None:
    """Someone whose name `sup people add` would refuse (a control character in it), put
    in the file the way an older version or an import could have: to show it inert."""
    import datetime as dt

    from supervisor_tui.domain.entities import Person
    from supervisor_tui.store import Store

    with Store(db).transaction() as txn:
        txn.add(Person(0, name, handle, dt.date(2026, 11, 2)))
