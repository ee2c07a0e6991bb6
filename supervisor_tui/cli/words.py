"""What to type next, as the shell says it.

Actions and errors carry data (the win just saved, the id of the wrong kind, the
person who was planned in the past); here that becomes a `sup …` command. The
TUI words the same data as keys (``tui/words.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..actions.base import ACK, ANSWER, CALENDAR, GIVE_FORM, PLAN, Next

if TYPE_CHECKING:
    from ..store.crash import Report

# The command that acts on an item of each kind, for "#12 is a suggestion, not a win".
ACTS_ON = {
    "wins": "sup ack",
    "suggestions": "sup answer",
    "agreements": "sup done",
}  # sessions are held and cancelled by the person's name, not by id

# How what `sup edit` does not change is changed instead.
FIXED_BY = {
    "people": "Change a person with: sup people set PERSON …",
    "sessions": "Move a session with `sup plan PERSON DATE`, or cancel it: sup cancel PERSON.",
}

_NEXT = {
    ACK: lambda win: f"Acknowledge it soon: sup ack {win.id}",
    ANSWER: lambda suggestion: f"Answer it: sup answer {suggestion.id}",
    PLAN: lambda person: f"Plan the next one: sup plan {person.handle} DATE",
    CALENDAR: lambda _: "Put them in your calendar: sup ics --out coaching.ics",
    GIVE_FORM: lambda form: f'Make it someone\'s form: sup people set PERSON --form "{form.name}"',
}


def next_step(step: Next | None) -> str:
    """The command that does what the lead may want to do next; "" when there is none."""
    return _NEXT[step.step](step.about) if step is not None else ""


def crash_text(report: Report) -> str:
    """An unexpected error, said in one line: a bug, and where its report is."""
    said = f"sup stopped on an unexpected error ({report.kind}). This is a bug, not your doing."
    if report.path is None:
        return f"{said} No report could be written: {report.failure}"
    return f"{said} A report without your data is in {report.path}: please send it to us."


def _instead(text: str, rest: str) -> str:
    """``text`` with its full stop giving way to ``rest`` ("…; check `sup people` …")."""
    return text.removesuffix(".") + rest


def error_text(exc: Exception) -> str:
    """An error as the CLI says it: what went wrong, and the command that helps."""
    from ..actions.forms import FormExistsError, FormNameMissingError
    from ..actions.sessions import PlanChangedError
    from ..actions.team import HandleError, NothingToChangeError, PersonNameMissingError
    from ..domain.changes import HeldInFutureError, PlannedInPastError
    from ..domain.corrections import EmptyTextError, NotEditableError
    from ..domain.kinds import WrongKindError
    from ..domain.people import NO_MATCH, PersonRefError
    from ..store import PersonGoneError, UnknownIdError

    text = str(exc)
    match exc:
        case WrongKindError() if exc.found.table in ACTS_ON:
            return f"{text} Use `{ACTS_ON[exc.found.table]} {exc.record_id}` for that."
        case UnknownIdError():
            return f"{text} `sup today` shows the ids."
        case PersonGoneError():
            return _instead(text, "; check `sup people` and try again.")
        case PlannedInPastError():
            return (
                f"{text} To record a session that was held, "
                f"use `sup held {exc.person.handle} --on DATE`."
            )
        case HeldInFutureError():
            return _instead(text, ": sup plan.")
        case PersonRefError() if exc.reason == NO_MATCH:
            return f'{text} Add someone with: sup people add "Full Name"'
        case PlanChangedError():
            return _instead(text, "; run `sup plan --month` again.")
        case PersonNameMissingError():
            return _instead(text, ', e.g. sup people add "Anna Virtanen".')
        case NothingToChangeError():
            return _instead(
                text, ": --name, --handle, --role, --every, --form or --started (see --help)."
            )
        case HandleError() if exc.taken_by is not None:
            return f"{text} Choose another with --handle."
        case FormNameMissingError():
            return _instead(text, ', e.g. sup forms new "Team leads".')
        case NotEditableError() if exc.kind.table in FIXED_BY:
            return f"{text} {FIXED_BY[exc.kind.table]}"
        case EmptyTextError():
            return f"{text} To remove the item, delete it: sup delete {exc.record_id}"
        case FormExistsError():
            return f'{text} Change it with: sup forms edit "{exc.existing}"'
    return text
