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

import time
from collections import deque
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.timer import Timer


def at_once(bindings: Iterable[Binding]) -> list[Binding]:
    """``bindings`` run the moment their key arrives."""
    return [replace(binding, priority=True) for binding in bindings]


class HoldsKeysUntilDrawn:
    """A screen that keeps the keys typed while it opens and takes them once drawn."""

    HOLDS_KEYS_UNTIL_READY = True

    def on_mount(self) -> None:
        self.call_after_refresh(self.app.release_keys)  # type: ignore[attr-defined]


def escape_then_key(event: events.Key | events.Paste) -> list[events.Key | events.Paste]:
    """Alt+letter as the two keys a person typed: Escape, then the letter.

    tmux before 3.5 holds Escape back for half a second (its ``escape-time``) and sends
    it joined to the next key, which Textual reads as Alt+letter; so does a letter the
    driver reads in one go with Escape (see `driver.py`). A person who presses Escape
    and then "j" at 80 ms a key meant both: read as Alt+j, the Escape would be lost and
    the "j" typed into the field Escape was to leave. No key of this app is an Alt key.
    """
    if isinstance(event, events.Key) and event.key.startswith("alt+"):
        letter = event.character
        if letter is not None and len(letter) == 1 and letter.isalnum():
            return [events.Key("escape", "\x1b"), events.Key(letter, letter)]
    return [event]


KEY_LOST_AFTER = 1.0  # seconds: a key not seen through by then is taken as handled


class KeysInTurn:
    """For the app: each key typed is handed out once the key before it is handled.

    Textual hands a key to the focused widget and looks at the key bindings only
    when the key has bubbled back up to the app; by then it has handed the next
    keys to the same widget. Typed fast, or on an app that lags (a large file, a
    slow link), Tab and then "Trial" put the "T" in the field being left, and a
    backspace typed before a letter could act after it. Here the next key waits
    until the one before it has been through every widget it goes to (see
    `_chase`): the keys act in the order they were typed, wherever they lead.

    `hold_keys` keeps the keys typed from then on waiting until `release_keys`:
    a screen opening, or a dialog saving, decides where they go next.
    """

    def _init_keys_in_turn(self) -> None:
        self._waiting: deque[events.Key | events.Paste] = deque()
        self._in_flight: events.Key | events.Paste | None = None
        self._in_flight_since = 0.0
        self._key_watch: Timer | None = None
        self._holding = False
        self._held_since = 0.0

    @property
    def keys_held(self) -> bool:
        """Keys typed now wait for `release_keys`."""
        return self._holding

    def held_for(self) -> float:
        """Seconds since the keys were held."""
        return time.monotonic() - self._held_since

    def hold_keys(self) -> None:
        """Keep the keys typed from now on waiting until `release_keys`.

        Enter in a dialog, or Tab in the session view, changes where the next key
        belongs; held until that is settled, a fast typist's next key cannot land in
        the field that is being left.
        """
        if not self._holding:
            self._holding = True
            self._held_since = time.monotonic()

    def release_keys(self) -> None:
        """Hand the waiting keys (and pastes), in order, to whatever has focus now."""
        self._holding = False
        if self._waiting and self._in_flight is None:
            self.call_later(self._hand_out)  # type: ignore[attr-defined]

    def push_screen(self, screen, *args, **kwargs):
        """Push a screen; one that holds keys until ready (a dialog, `HoldsKeysUntilDrawn`)
        keeps the keys typed meanwhile and hands them on once it has its focus."""
        if getattr(screen, "HOLDS_KEYS_UNTIL_READY", False):
            self.hold_keys()
        return super().push_screen(screen, *args, **kwargs)  # type: ignore[misc]

    async def on_event(self, event: events.Event) -> None:
        # A paste is typed too: it waits its turn with the keys. A key that bubbled back
        # up (forwarded) is on its way already.
        if not isinstance(event, events.Key | events.Paste) or event.is_forwarded:
            await super().on_event(event)  # type: ignore[misc]
            return
        self._waiting.extend(escape_then_key(event))
        await self._hand_out()

    async def _hand_out(self) -> None:
        """Hand the next key to the app, unless one is on its way or keys are held."""
        if self._waiting and self._in_flight is None and not self._holding:
            key = self._waiting.popleft()
            self._in_flight, self._in_flight_since = key, time.monotonic()
            await super().on_event(key)  # type: ignore[misc]  # app keys, or on to the focus
            self._chase(self.focused or self.screen, key)  # type: ignore[attr-defined]
            if self._key_watch is None:
                self._key_watch = self.set_timer(KEY_LOST_AFTER, self._watch_key)  # type: ignore[attr-defined]

    def _chase(self, node: MessagePump, key: events.Key | events.Paste) -> None:
        """Queue up behind ``key`` in ``node``, then in its parent, and so on up to the
        app: a widget that does not handle a key passes it to its parent before it takes
        its next message, so once this reaches the app the key is handled."""
        if node is self:
            scheduled = node.call_later(self._landed, key)
        else:
            scheduled = node.call_later(self._passed, node, key)
        if not scheduled:  # closing: it takes no more messages
            self.call_later(self._landed, key)  # type: ignore[attr-defined]

    def _passed(self, node: MessagePump, key: events.Key | events.Paste) -> None:
        parent = node.parent
        self._chase(self if parent is None else parent, key)  # type: ignore[arg-type]

    async def _landed(self, key: events.Key | events.Paste) -> None:
        if self._in_flight is key:
            self._in_flight = None
            await self._hand_out()

    async def _watch_key(self) -> None:
        """A key whose widget closed before the chase reached it: do not go deaf."""
        self._key_watch = None
        key = self._in_flight
        if key is None:
            return
        if time.monotonic() - self._in_flight_since < KEY_LOST_AFTER:
            self._key_watch = self.set_timer(KEY_LOST_AFTER, self._watch_key)  # type: ignore[attr-defined]
            return
        await self._landed(key)
