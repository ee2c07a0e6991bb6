"""The footer of the keys, without the leak of Textual's own.

Textual's footer rebuilds its keys whenever the keys change (here, whenever the
cursor moves to a row of another kind) and binds each key's ``compact`` to its
own. The binding is never dropped when the key is removed (Textualize/textual
#6666), so every old key stayed in memory for as long as the screen: some 3,000
after a day's use of the day view. Textual drops such bindings the next time the
bound value changes; here that is forced, with the same value, after each rebuild.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's `Footer`, compact, that lets go of the keys it no longer shows.

    Without the palette's hint: ctrl+p still opens it, but at 80 columns the hint
    would push keys off the line.
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    async def recompose(self) -> None:
        await super().recompose()
        # The keys just removed are closing: updating ``compact`` drops their bindings.
        self.mutate_reactive(Footer.compact)
