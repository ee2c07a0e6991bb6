"""User text on the screen: always as text, in one place.

Whatever came from the lead or the file (a name, a win, a note, an agenda item,
a key in the settings) is shown through `as_text`: never read as markup, so
``[@click=app.quit]Mallory[/]`` is a name and not a link that quits, and
``Ann [/b] Smith`` does not crash the palette; and with every control character
shown as a visible placeholder (``textsafe.visible``), so ESC cannot reach the
terminal. Textual reads a plain ``str`` as markup in many places (palette titles
and help, a text area's placeholder, notifications unless told otherwise); a
`Content` is never read again.
"""

from __future__ import annotations

from textual.content import Content

from ..domain.textsafe import visible


def as_text(text: str, style: str = "", *, multiline: bool = False) -> Content:
    """``text`` as literal content, in ``style`` if one is given.

    With ``multiline``, newlines and tabs are kept (notes shown as paragraphs).
    """
    content = Content(visible(text, multiline=multiline))
    return content.stylize(style) if style else content
