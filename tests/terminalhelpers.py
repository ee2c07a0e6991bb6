"""Driving `sup` in a real terminal: tmux on a private server, read back with capture-pane."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from supervisor_tui.dev.processes import running_in

SUP = Path(sys.executable).parent / "sup"


def clean_environment() -> dict[str, str]:
    """The test's environment for child processes, without a stale terminal size.

    pytest imports readline early, and GNU readline exports COLUMNS and LINES at the C
    level: children inherit them although ``os.environ`` does not show them, and
    ``shutil.get_terminal_size`` (which Textual uses) believes them over the pty, so
    the app would draw 80x24 in a 120x40 pane.
    """
    return {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}


def eventually(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Wait until ``condition()`` holds (a file written, a process gone); fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {timeout} s")
        time.sleep(0.02)


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

    def type_as_a_person(self, text: str, rng: random.Random, lo: float = 0.08, hi: float = 0.12):
        """Type ``text`` one key at a time, ``lo``–``hi`` seconds apart, as a person types.

        The pauses are the point (the app must keep up with them), not a wait for
        something to happen.
        """
        for char in text:
            # A lone ";" is tmux's command separator; escaped, it is typed.
            self.keys("\\;" if char == ";" else char, literal=True)
            time.sleep(rng.uniform(lo, hi))

    def press_as_a_person(self, key: str, rng: random.Random) -> None:
        """Press one named key (Tab, Escape, C-n …) and pause as a person would."""
        self.keys(key)
        time.sleep(rng.uniform(0.15, 0.3))

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
    """A private tmux server; closed at the end of the test like a terminal window, and
    whatever ran in it must then end (an app left running would keep the file's lock
    and hundreds of MB)."""
    server = Tmux(f"sup-test-{uuid.uuid4().hex[:12]}")
    try:
        yield server
    finally:

        def ask(*args: str) -> str:
            return subprocess.run(
                ["tmux", "-L", server.socket, *args], capture_output=True, text=True, timeout=10
            ).stdout

        socket = ask("display", "-p", "#{socket_path}").strip()
        panes = [int(pid) for pid in ask("list-panes", "-a", "-F", "#{pane_pid}").split()]
        ask("kill-server")
        if socket:  # tmux leaves its socket file behind
            Path(socket).unlink(missing_ok=True)
        eventually(
            lambda: not any(running_in(pane) for pane in panes),
            "end of what ran in the terminal once it closed",
            timeout=15,
        )
