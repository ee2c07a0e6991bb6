"""Shared fixtures. Every test runs against a database in its own temporary directory."""

from __future__ import annotations

import gc
import time

import pytest
from frames import skip_unread_frames
from terminalhelpers import tmux  # noqa: F401 - the fixture, for every test that needs a terminal


def pytest_configure(config: pytest.Config) -> None:
    """Let the cyclic garbage collector run less often than its default.

    A Textual app makes and drops many small objects on every frame and every key;
    at the default threshold (700 new objects) the collector walked the young heap
    so often that it took a fifth of the suite's time. What exists at start-up
    (the modules, pytest's own objects) is frozen out of every walk. Apps a test
    leaves behind are still collected; a worker's memory stays in the hundreds of MB.

    Pilot tests draw each test's last frame only (tests/frames.py).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
    skip_unread_frames()


# How many workers run the real-terminal tests, one after another on each. With two,
# a lane typed for as long as the whole run took, and the run waited for it.
TERMINAL_LANES = 3


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that drive a real terminal first, in three lanes of their own.

    They spend most of their time typing at a person's pace, using little CPU. Each
    lane (an ``xdist_group``, which ``make test``'s ``--dist loadgroup`` gives to one
    worker) runs its share one after another from the start, the longest
    (human_pace) first, while the other workers keep both cores busy with the rest.
    Handed out one by one instead, they took every worker at the start and left
    the cores a quarter idle. The tests marked ``waits`` (processes of their own
    killed and waited for, pip building the package) come next: last, they left the
    run's final seconds to one worker waiting.
    """
    items.sort(
        key=lambda item: (
            item.get_closest_marker("human_pace") is None,
            "tmux" not in getattr(item, "fixturenames", ()),
            item.get_closest_marker("waits") is None,
        )
    )
    load = [0] * TERMINAL_LANES
    for item in items:
        if "tmux" not in getattr(item, "fixturenames", ()):
            continue
        lane = load.index(min(load))
        load[lane] += 3 if item.get_closest_marker("human_pace") else 1
        item.add_marker(pytest.mark.xdist_group(f"terminal-{lane}"))


@pytest.fixture(autouse=True)
def _private_environment(tmp_path_factory, monkeypatch):
    """Keep the developer's real data, config and clock out of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    for name in ("SUPERVISOR_TUI_DB", "SUPERVISOR_TUI_TODAY", "NO_COLOR", "EDITOR", "VISUAL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "Europe/Helsinki")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def db_path(tmp_path):
    """Where a test's database lives."""
    return tmp_path / "supervisor.json"


@pytest.fixture
def whole_file_writes(monkeypatch):
    """Every transaction writes the whole file, as one changing more than a few records
    (or a person) does: for the tests of what a whole-file write guarantees."""
    from supervisor_tui.store import store as store_module

    monkeypatch.setattr(store_module, "JOURNAL_AT_MOST", 0)
