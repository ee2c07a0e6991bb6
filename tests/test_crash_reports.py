"""A bug says one short line and where its report is, and shows nobody's data.

The CLI and the TUI both meet an unexpected error (forced here: an action that
raises while it holds a person's name and a win's text, in its local variables
and in its message). Neither prints a traceback; the report, in the user's state
directory and readable by the user alone, has the stack but no local variables
and no exception messages.
"""

from __future__ import annotations

import os
import shlex
import stat
import sys
import textwrap
from pathlib import Path

import pytest
from apphelpers import (
    ANCHOR,
    Told,
    demo_app,
    demo_copy,
    highlight,
    listed_rows,
    loaded,
    pilot_test,
    settled,
    told,
    until,
)
from clihelpers import run, said
from textual.widgets import Static

from supervisor_tui.actions import routines
from supervisor_tui.store import crash
from supervisor_tui.tui.app import SupervisorApp
from supervisor_tui.tui.dialogs.acknowledge import AcknowledgeScreen

NAME = "Zelda Quixote-Marlowe"
TEXT = "calmed the caller whose son was in hospital"


def state_dir() -> Path:
    return Path(os.environ["XDG_STATE_HOME"]) / "supervisor-tui"


def reports() -> list[Path]:
    folder = state_dir()
    return sorted(folder.glob("crash-*.txt")) if folder.exists() else []


def a_bug(store, win_id, *args, **kwargs):
    """Stands in for an action with a bug: raises holding the person's data."""
    win = next(w for w in store.load().wins if w.id == win_id)
    person = store.load().person(win.person_id)
    secret = f"{person.name}: {win.text}"  # a local variable Textual would print
    raise KeyError(secret)


def assert_private_report(path: Path, *, function: str = "a_bug") -> str:
    """The report is the user's alone and holds the stack but none of the data."""
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    report = path.read_text()
    assert "Traceback (most recent call last):" in report
    assert f"in {function}" in report  # where it happened
    assert "KeyError (its message is left out" in report
    for private in (NAME, "Zelda", "Quixote", TEXT, "hospital"):
        assert private not in report
    return report


def test_a_bug_in_a_command_says_one_line_and_writes_a_private_report(db_path, monkeypatch):
    said(db_path, "people", "add", NAME, "--handle", "zelda")
    win_id = int(said(db_path, "win", "zelda", TEXT).split("#")[1].split()[0])
    monkeypatch.setattr(routines, "acknowledge", a_bug)

    result = run(db_path, "ack", str(win_id))  # clihelpers: never a traceback

    assert result.exit_code == 1
    assert result.stdout == ""
    [path] = reports()
    assert result.stderr == (
        "Error: sup stopped on an unexpected error (KeyError). This is a bug, not your doing. "
        f"A report without your data is in {path}: please send it to us.\n"
    )
    report = assert_private_report(path)
    assert "where:   sup ack\n" in report  # the command, never its arguments


def test_a_report_that_cannot_be_written_is_said_instead(db_path, monkeypatch, tmp_path):
    said(db_path, "people", "add", NAME, "--handle", "zelda")
    win_id = int(said(db_path, "win", "zelda", TEXT).split("#")[1].split()[0])
    monkeypatch.setattr(routines, "acknowledge", a_bug)
    blocked = tmp_path / "state"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))

    result = run(db_path, "ack", str(win_id))

    assert result.exit_code == 1
    assert "sup stopped on an unexpected error (KeyError)" in result.stderr
    assert "No report could be written: Could not create the folder" in result.stderr
    assert NAME not in result.stderr and TEXT not in result.stderr


def test_a_bug_outside_any_command_is_said_the_same_way(monkeypatch, capsys):
    import importlib

    from supervisor_tui import cli as package

    main_module = importlib.import_module("supervisor_tui.cli.main")  # not the function

    def broken(*args, **kwargs):
        secret = NAME
        raise RuntimeError(secret)

    monkeypatch.setattr(main_module.cli, "main", broken)
    monkeypatch.setattr(sys, "argv", ["sup", "today"])
    with pytest.raises(SystemExit) as exited:
        package.main()
    assert exited.value.code == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Error: sup stopped on an unexpected error (RuntimeError).")
    assert "Traceback" not in err and NAME not in err
    [path] = reports()
    report = path.read_text()
    assert "in broken" in report and NAME not in report


def test_the_report_keeps_the_chain_of_exceptions_but_none_of_their_messages():
    try:
        try:
            raise ValueError(NAME)
        except ValueError as inner:
            raise LookupError(TEXT) from inner
    except LookupError as outer:
        described = crash.describe(outer)
    assert described.index("ValueError (its message") < described.index("LookupError (its")
    assert NAME not in described and TEXT not in described


def every_name(app: SupervisorApp) -> None:
    """Stands in for a key's action with a bug: raises holding everyone's name."""
    names = [p.name for p in app.records.people]
    raise KeyError(", ".join(names))


@pilot_test
async def test_a_bug_in_the_tui_exits_without_a_traceback_and_writes_a_private_report(
    tmp_path, monkeypatch, capsys
):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    monkeypatch.setattr(SupervisorApp, "action_help", every_name)
    with pytest.raises(KeyError):  # run_test raises it again, as it does for any test
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot)
            await pilot.press("question_mark")
            await until(pilot, lambda: app.crashed is not None, what="the crash")
    assert app.return_code == 1
    assert app.crashed.kind == "KeyError"
    assert app.crashed.path == reports()[0]
    report = assert_private_report(app.crashed.path, function="every_name")
    assert "where:   the app, on DayScreen" in report
    for person in app.records.people:
        assert person.name not in report
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert not any(person.name in out + err for person in app.records.people)


@pilot_test
async def test_a_bug_while_saving_keeps_the_dialog_and_says_where_the_report_is(
    tmp_path, monkeypatch
):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    monkeypatch.setattr(routines, "acknowledge", a_bug)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        win = next(r for r in listed_rows(app) if r.kind == "win")
        await highlight(pilot, win.key)
        await pilot.press("a", *"thanked at the huddle", "enter")
        await until(pilot, lambda: reports() != [], what="the report")
        await settled(pilot)
        assert isinstance(app.screen, AcknowledgeScreen), "the dialog stays, with the text"
        status = str(app.screen.query_one("#dialog-status", Static).render())
        [path] = reports()
        assert status == (
            "Not saved: An unexpected error (KeyError), a bug. Try again. "
            f"A report without your data is in {path}."
        )
        assert app.is_running
    person = app.records.person(win.person_id)
    report = path.read_text()
    assert person.name not in report and win.record.text not in report
    assert "where:   the app, saving" in report


def test_a_bug_in_the_real_terminal_leaves_one_line_and_no_names(tmp_path, tmux):
    db = demo_copy(tmp_path)
    script = tmp_path / "buggy_sup.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            from supervisor_tui.tui.app import SupervisorApp

            def every_name(app):
                names = [p.name for p in app.records.people]
                raise KeyError(", ".join(names))

            SupervisorApp.action_help = every_name
            from supervisor_tui.cli import main
            sys.argv = ["sup", "--db", {str(db)!r}, "--today", {ANCHOR.isoformat()!r}]
            main()
            """
        )
    )
    state = tmp_path / "state"
    command = (
        f"XDG_STATE_HOME={shlex.quote(str(state))} {shlex.quote(sys.executable)} "
        f"{shlex.quote(str(script))}; echo EXITED $?; sleep 60"
    )
    tmux.run("new-session", "-d", "-s", "main", "-x", "120", "-y", "40", command)
    tmux.wait_for(lambda s: "Today's sessions" in s, "day view")
    tmux.keys("?")
    screen = tmux.wait_for(lambda s: "EXITED" in s, "the exit")
    print(screen)  # shown by pytest -rP: what the lead saw
    assert "EXITED 1" in screen
    assert "Traceback" not in screen and "│" not in screen  # no box of locals either
    joined = " ".join(screen.split())  # the line wraps at 120 columns
    [path] = sorted((state / "supervisor-tui").glob("crash-*.txt"))
    assert "Error: sup stopped on an unexpected error (KeyError)." in joined
    assert str(path).replace("/", "") in joined.replace("/", "").replace(" ", "")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    from apphelpers import reload

    for person in reload(db).people:
        assert person.name not in screen
        assert person.name not in path.read_text()


@pilot_test
async def test_a_bug_in_a_save_without_a_dialog_is_told_with_where_the_report_is(
    tmp_path, monkeypatch
):
    db = demo_copy(tmp_path)
    app = demo_app(db)

    def buggy_done(store, agreement_id, today):
        agreement = next(a for a in store.load().agreements if a.id == agreement_id)
        raise KeyError(agreement.text)

    monkeypatch.setattr(routines, "mark_done", buggy_done)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        follow_up = next(r for r in listed_rows(app) if r.kind == "follow_up")
        await highlight(pilot, follow_up.key)
        await pilot.press("d")
        await until(pilot, lambda: told(app), what="the notification")
        [path] = reports()
        assert told(app) == [
            Told(
                "An unexpected error (KeyError), a bug. Try again. "
                f"A report without your data is in {path}.",
                "Not saved",
                "error",
            )
        ]
        assert app.is_running
    assert follow_up.record.text not in path.read_text()
