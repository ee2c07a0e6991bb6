"""Escape and the letter typed just after it arrive from the terminal as one Alt+letter;
the app reads them as the two keys the person pressed (no key of the app is an Alt key)."""

from __future__ import annotations

import pytest
from textual import events

from supervisor_tui.tui.keys import escape_then_key


@pytest.mark.parametrize(
    ("key", "character", "expected"),
    [
        ("alt+j", "j", [("escape", "\x1b"), ("j", "j")]),
        ("alt+shift+j", "J", [("escape", "\x1b"), ("J", "J")]),
        ("alt+ä", "ä", [("escape", "\x1b"), ("ä", "ä")]),
        ("alt+1", "1", [("escape", "\x1b"), ("1", "1")]),
        ("j", "j", [("j", "j")]),
        ("escape", "\x1b", [("escape", "\x1b")]),
        ("alt+up", None, [("alt+up", None)]),  # a whole sequence: the terminal's Alt+↑
        ("ctrl+w", None, [("ctrl+w", None)]),
    ],
)
def test_alt_and_a_letter_is_escape_then_the_letter(key, character, expected):
    keys = escape_then_key(events.Key(key, character))
    assert [(k.key, k.character) for k in keys] == expected


def test_a_paste_is_left_as_it_is():
    paste = events.Paste("\x1bj")
    assert escape_then_key(paste) == [paste]
