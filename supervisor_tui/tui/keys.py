"""Keys that act the moment they arrive, so the keys typed after them go where they lead.

Textual runs a screen's ordinary bindings only once the key has gone down to the
focused widget and bubbled back up, after the app has already handed the next keys
to that same widget. Typed fast (or on a lagging app), "e" then the fix of a typo
put the fix into the list, not into the edit dialog "e" opens. A priority binding
runs in the app's own handling of the key, before the next key is looked at; a
screen it opens then holds the keys typed meanwhile until it is drawn (see
`App.hold_keys`). For screens with no field to type in: there, no letter is text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.binding import Binding


def at_once(bindings: Iterable[Binding]) -> list[Binding]:
    """``bindings`` run the moment their key arrives."""
    return [replace(binding, priority=True) for binding in bindings]


class HoldsKeysUntilDrawn:
    """A screen that keeps the keys typed while it opens and takes them once drawn."""

    HOLDS_KEYS_UNTIL_READY = True

    def on_mount(self) -> None:
        self.call_after_refresh(self.app.release_keys)  # type: ignore[attr-defined]
