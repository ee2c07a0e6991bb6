"""The footer of the keys: rebuilt only when the keys it shows change, and without
the leak of Textual's own.

Textual's footer rebuilds all its keys whenever the screen's keys are refreshed,
which here is whenever the cursor moves to a row of another kind; most of those
rebuilds showed the very same keys, and each one mounted and styled a dozen
widgets. `KeysFooter` rebuilds only when what it would show differs, so a screen
simply refreshes its keys whenever they may have changed (a ↓, a reload).

Textual's footer also binds each key's ``compact`` to its own. The binding is never
dropped when the key is removed (Textualize/textual#6666), so every old key stayed
in memory for as long as the screen: some 3,000 after a day's use of the day view.
Textual drops such bindings the next time the bound value changes; here that is
forced, with the same value, after each rebuild.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's `Footer`, compact, that lets go of the keys it no longer shows.

    Without the palette's hint: ctrl+p still opens it, but at 80 columns the hint
    would push keys off the line.
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: Hashable = None

    def _keys_to_show(self) -> Hashable:
        """What `Footer.compose` would draw: each shown key, its words and state."""
        return tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
                binding.group,
            )
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    async def recompose(self) -> None:
        if self._bindings_ready and self.is_attached:
            keys = self._keys_to_show()
            if keys == self._shown:
                return
            self._shown = keys
        await super().recompose()
        # The keys just removed are closing: updating ``compact`` drops their bindings.
        self.mutate_reactive(Footer.compact)
