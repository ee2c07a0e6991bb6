"""One real terminal: `sup` in tmux, the capture bar, and a shell one-liner beside it.

Everything the Pilot tests skip is in play here: the console script, a real pty,
terminal key parsing, the poll timer noticing another process, and quitting back
to the shell. tmux runs on a private socket so the developer's sessions are untouched.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from apphelpers import ANCHOR, demo_copy, reload

SUP = Path(sys.executable).parent / "sup"


def clean_environment() -> dict[str, str]:
    """The test's environment for child processes, without a stale terminal size.

    pytest imports readline early, and GNU readline exports COLUMNS and LINES at the C
    level: children inherit them although ``os.environ`` does not show them, and
    ``shutil.get_terminal_size`` (which Textual uses) believes them over the pty, so
    the app would draw 80x24 in a 120x40 pane.
    """
    return {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}


class Tmux:
    """A detached tmux session on a private server."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
            env=clean_environment(),
        )
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "main")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "main", *(["-l"] if literal else []), *keys)

    def wait_for(self, ready: Callable[[str], bool], what: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if ready(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} within {timeout} s; the screen:\n{screen}")
            time.sleep(0.1)


@pytest.fixture
def tmux():
    server = Tmux(f"sup-test-{uuid.uuid4().hex[:12]}")
    try:
        yield server
    finally:
        socket = subprocess.run(
            ["tmux", "-L", server.socket, "display", "-p", "#{socket_path}"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        subprocess.run(
            ["tmux", "-L", server.socket, "kill-server"], capture_output=True, timeout=10
        )
        if socket:  # tmux leaves its socket file behind
            Path(socket).unlink(missing_ok=True)


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
