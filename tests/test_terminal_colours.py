"""The day view reads the same in 16 colours and with NO_COLOR: flags are marked with "!".

A real terminal (tmux). ``TERM=xterm`` offers 16 colours; ``NO_COLOR`` asks for no colour,
which Textual honours with shades of grey. capture-pane -e shows the escape sequences
the app sent, so the test sees exactly which colours reached the terminal.
"""

from __future__ import annotations

import re

from apphelpers import ANCHOR, demo_copy
from terminalhelpers import SUP

SGR = re.compile(r"\x1b\[([0-9;]*)m")
BASIC_GREYS = {30, 37, 90, 97, 40, 47, 100, 107}


def _colours(screen: str) -> list[tuple[str, tuple[int, ...]]]:
    """Every colour the screen uses: ("basic", (code,)), ("256", (n,)) or ("rgb", (r, g, b))."""
    found = []
    for params in SGR.findall(screen):
        codes = [int(p) for p in params.split(";") if p]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in (38, 48) and codes[i + 1] == 5:
                found.append(("256", (codes[i + 2],)))
                i += 3
            elif code in (38, 48) and codes[i + 1] == 2:
                found.append(("rgb", tuple(codes[i + 2 : i + 5])))
                i += 5
            else:
                if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                    found.append(("basic", (code,)))
                i += 1
    return found


def _is_grey(kind: str, value: tuple[int, ...]) -> bool:
    if kind == "basic":
        return value[0] in BASIC_GREYS
    if kind == "rgb":
        return len(set(value)) == 1
    n = value[0]
    if n in (0, 7, 8, 15) or n >= 232:
        return True
    r, g, b = (n - 16) // 36, (n - 16) // 6 % 6, (n - 16) % 6
    return 16 <= n <= 231 and r == g == b


def _day_view(tmux, tmp_path, env: str) -> tuple[str, str]:
    db = demo_copy(tmp_path)
    tmux.run(
        "new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
        f"env {env} {SUP} --db {db} --today {ANCHOR.isoformat()}",
    )  # fmt: skip
    # The whole frame: a capture can catch one half written (the title, not yet every row).
    plain = tmux.wait_for(
        lambda s: "Due for coaching (" in s and len(_flagged(s)) == 10, "day view with its flags"
    )
    return plain, tmux.run("capture-pane", "-p", "-e", "-t", "main")


def _flagged(screen: str) -> list[str]:
    return [line for line in screen.splitlines() if line.startswith(" ! ")]


def _flags_are_marked_in_words(plain: str) -> None:
    assert "! 10 need attention" in plain
    assert len(_flagged(plain)) == 10


def test_in_16_colours_the_app_uses_only_the_basic_palette(tmp_path, tmux):
    plain, coloured = _day_view(tmux, tmp_path, "TERM=xterm COLORTERM=")
    _flags_are_marked_in_words(plain)
    colours = _colours(coloured)
    assert colours, "the 16-colour screen should still have colours"
    assert {kind for kind, _ in colours} == {"basic"}


def test_with_no_color_there_is_no_hue_only_the_marks(tmp_path, tmux):
    plain, coloured = _day_view(tmux, tmp_path, "NO_COLOR=1")
    _flags_are_marked_in_words(plain)
    hues = [c for c in _colours(coloured) if not _is_grey(*c)]
    assert hues == []
