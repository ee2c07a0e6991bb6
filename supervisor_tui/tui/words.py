"""Errors as the TUI says them: plain words, never a `sup …` command.

Errors carry data (an id, a person) and the shell words it as commands to type
(``cli/words.py``). Here the lead is in the app and chose a row rather than typed
an id, so the words say what happened and what to do with the keys at hand. An
action's next step (`Done.next`) is left out altogether: the footer shows the keys
that apply to the highlighted row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store.crash import Report


def error_text(exc: Exception) -> str:
    """An error as the TUI says it: what went wrong and, where it helps, what to do."""
    from ..domain.changes import PlannedInPastError
    from ..store import UnknownIdError

    text = str(exc)
    match exc:
        case PlannedInPastError():
            return f"{text} Plan a day from today on."
        case UnknownIdError():
            # The lead chose a row, never typed an id: the record went while it was shown.
            return f"{text.removesuffix('.')}; it was removed, perhaps in another terminal."
    return text


def crash_text(report: Report) -> str:
    """A save that failed on an unexpected error (a bug): what to do, and where the report is."""
    said = f"An unexpected error ({report.kind}), a bug. Try again."
    if report.path is None:
        return f"{said} No report could be written: {report.failure}"
    return f"{said} A report without your data is in {report.path}."
