"""The command palette's entries, shown as text.

Textual's own provider of the app's commands reads each title as markup (its
fuzzy highlighter parses the candidate) and the help line too, so a person
called ``Ann [/b] Smith`` crashed the palette and ``[@click=app.quit]Mallory[/]``
became a link that quits. This provider serves the same commands
(`App.get_system_commands`) with titles and help as literal text (`as_text`).
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from ..domain.textsafe import visible
from .text import as_text


def _highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` with the letters the query matched in the match style, as Textual shows
    them, but never read as markup."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class CommandsAsText(Provider):
    """Every command the app and the screen on top offer, titles and help as text."""

    def _commands(self):
        return self.app.get_system_commands(self.screen)

    async def discover(self) -> Hits:
        """The commands shown before anything is typed, by title."""
        for title, help_text, callback, discover in sorted(self._commands(), key=lambda c: c[0]):
            if discover:
                shown = visible(title)
                yield DiscoveryHit(Content(shown), callback, text=shown, help=as_text(help_text))

    async def search(self, query: str) -> Hits:
        """The commands whose titles match what is typed, best first."""
        matcher = self.matcher(query)
        for title, help_text, callback, *_ in self._commands():
            shown = visible(title)
            score = matcher.match(shown)
            if score > 0:
                yield Hit(
                    score,
                    _highlighted(matcher, shown),
                    callback,
                    text=shown,
                    help=as_text(help_text),
                )
