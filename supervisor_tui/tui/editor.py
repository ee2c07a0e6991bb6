"""Writing a long text in the lead's own editor ($VISUAL or $EDITOR)."""

from __future__ import annotations


class EditorMissing(Exception):
    """No editor could be started; the message says which one was tried."""


def edit(text: str, extension: str = ".txt") -> str | None:
    """The text after the lead edited it; None if they closed the editor without saving.

    The caller suspends the app around this: the editor owns the terminal meanwhile.
    """
    import click  # what click does here (temp file, $VISUAL/$EDITOR, fallbacks) is right

    try:
        return click.edit(text, extension=extension, require_save=True)
    except click.UsageError as exc:
        raise EditorMissing(str(exc)) from None
