"""Coaching as a routine: a month of sessions at once, the calendar file, a held session read back.

`sup plan --month` is reached through `sup plan` (in commands_capture, the fast
path); its work is here so the capture path never loads it. icalendar is
imported only by `sup ics`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..actions import sessions
from ..domain.datewords import parse_date
from ..domain.textsafe import visible
from ..domain.words import short_date
from ..present.cells import fit
from .env import Env, UserError
from .main import cli
from .options import pass_env

# -- sup plan --month -------------------------------------------------------------------------


def proposals_table(proposals, today: dt.date) -> str:
    """The proposed sessions, one a line, 80 columns; `!` and "late" mark those past due."""
    lines = [f"  {'Person':<28} {'Session':<18} Due"]
    for p in proposals:
        when = f"{short_date(p.at.date(), today)} {p.at:%H:%M}"
        late = "late" if p.late else ""
        lines.append(
            f"{'!' if p.late else ' '} {fit(visible(p.person.name), 28)} {fit(when, 18)} "
            f"{fit(short_date(p.due_on, today), 16)} {late}".rstrip()
        )
    return "\n".join(lines)


def plan_month(env: Env, yes: bool, per_day: int | None) -> None:
    """Propose a session for everyone falling due in the next 30 days; plan them if confirmed."""
    from ..domain.planning import WINDOW_DAYS, propose_month

    # What is open is all a plan needs: people, planned sessions and the last held ones.
    proposals = propose_month(env.store.load(open_only=True), env.today, env.settings, per_day)
    if not proposals:
        env.echo(f"Everyone's next session is planned, or not due within {WINDOW_DAYS} days.")
        return
    count = len(proposals)
    env.echo(proposals_table(proposals, env.today))
    late = sum(p.late for p in proposals)
    if late:
        env.echo(f"\n! = after the due date ({late}): overdue already, or no earlier day was free.")
    question = f"Plan {'this session' if count == 1 else f'these {count} sessions'}?"
    if not yes:
        try:
            agreed = click.confirm(question, default=False)
        except click.Abort:  # end of input (a pipe) or ctrl+c: same as "no"
            env.echo()
            agreed = False
        if not agreed:
            env.echo("Nothing planned.")
            return
    env.done(sessions.plan_many(env.store, [(p.person.id, p.at) for p in proposals], env.now))


# -- sup ics ----------------------------------------------------------------------------------


@cli.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (private, 0600) instead of standard output.",
)
@pass_env
def ics(env: Env, out: Path | None) -> None:
    """Planned coaching sessions as a calendar file (iCalendar) to import.

    Sessions planned for today or later, of people not archived. Each keeps its
    event id, so importing a newer file updates the events (a moved session moves)
    instead of adding copies. Only names, the form and a count of open agreements
    leave the machine; never notes.

    \b
      sup ics --out coaching.ics
    """
    from ..present.ics import sessions_calendar
    from ..store.files import atomic_write

    data = sessions_calendar(env.store.load(open_only=True), env.today, env.now)
    if out is None:
        click.echo(data, nl=False)
        return
    atomic_write(out, data)
    events = data.count(b"BEGIN:VEVENT")
    env.say(f"Wrote {events} session{'s' if events != 1 else ''} to {out}.")


# -- sup session show -------------------------------------------------------------------------


@cli.group()
def session() -> None:
    """Coaching sessions: read back what a held one recorded."""


@session.command("show")
@click.argument("person")
@click.argument("date", required=False)
@click.option("--last", is_flag=True, help="The latest held session (the default).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md"]),
    default="text",
    show_default=True,
    help="md: Markdown to share with the person.",
)
@pass_env
def session_show(env: Env, person: str, date: str | None, last: bool, fmt: str) -> None:
    """A held session of PERSON: notes per agenda item, and the agreements.

    The latest held session, or the one held on DATE ('fri', '20.11.', '2026-11-20').

    \b
      sup session show anna
      sup session show anna 20.11. --format md > anna-1-1.md
    """
    from ..domain.session_record import RECORD_KINDS, held_sessions, session_record
    from ..present import session_render

    if last and date:
        raise UserError("Give either --last or a DATE, not both.")
    who = env.person(person, archived=True)
    records = env.store.load(kinds=RECORD_KINDS)
    held = held_sessions(records, who.id)
    name = visible(who.name)
    if not held:
        raise UserError(
            f"{name} has no held session yet. Record one with: sup held {visible(who.handle)}"
        )
    if date is None:
        chosen = held[-1]
    else:
        day = parse_date(date, env.today, prefer="past")
        on_day = [s for s in held if s.held_on == day]
        if not on_day:
            dates = ", ".join(short_date(s.held_on, env.today) for s in reversed(held[-10:]))
            more = f" and {len(held) - 10} earlier" if len(held) > 10 else ""
            raise UserError(
                f"{name} had no session held on {short_date(day, env.today)}. "
                f"Held on: {dates}{more}."
            )
        chosen = on_day[-1]
    record = session_record(records, chosen)
    if fmt == "md":
        click.echo(session_render.as_markdown(record, env.today), nl=False)
    else:
        env.echo(session_render.as_text(record, env.today))
