"""Capture from the shell between calls: `sup win anna "…"`, `sup capture "win @anna …"`."""

from __future__ import annotations

import click

from ..actions.capture import save_capture
from ..domain.capture import Capture, build_capture, parse_capture
from ..domain.datewords import parse_date
from ..domain.textsafe import from_argv
from .env import Env, UserError
from .main import cli
from .options import joined, pass_env


def _save(env: Env, word: str, ref: str, text: str, on: str | None = None) -> None:
    person = env.person(ref)
    capture = build_capture(word, person, from_argv(text), env.today, env.settings.session_time)
    now = env.now
    if on:
        import datetime as dt

        day = parse_date(on, env.today, prefer="past")
        if day > env.today:
            raise UserError(f"--on {on} is in the future; say when it happened.")
        now = dt.datetime.combine(day, now.timetz())
    env.done(save_capture(env.store, capture, now))


@cli.command()
@click.argument("line", nargs=-1, required=True)
@pass_env
def capture(env: Env, line: tuple[str, ...]) -> None:
    """Capture one line, as in the TUI's capture bar.

    \b
      sup capture "win @anna closed the escalated billing case"
      sup capture "idea @ben shorter wrap-up codes for chats"
      sup capture "todo @ben send the shift plan by fri"
      sup capture "plan @anna tue 10:00"
    """
    parsed = parse_capture(
        from_argv(joined(line)), env.store.people(), env.today, env.settings.session_time
    )
    env.done(save_capture(env.store, parsed, env.now))


_ON = click.option(
    "--on", metavar="DATE", help="When it happened, if not today: 'yesterday', 'fri'."
)


@cli.command()
@click.argument("person")
@click.argument("text", nargs=-1, required=True)
@_ON
@pass_env
def win(env: Env, person: str, text: tuple[str, ...], on: str | None) -> None:
    """Note a success of PERSON, to acknowledge soon.

    sup win anna "closed the escalated billing case"
    """
    _save(env, "win", person, joined(text), on)


@cli.command()
@click.argument("person")
@click.argument("text", nargs=-1, required=True)
@_ON
@pass_env
def idea(env: Env, person: str, text: tuple[str, ...], on: str | None) -> None:
    """Note a suggestion PERSON gave you, to answer.

    sup idea ben "shorter wrap-up codes for chats"
    """
    _save(env, "idea", person, joined(text), on)


@cli.command()
@click.argument("person")
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--wellbeing", is_flag=True, help="A wellbeing check (a bad day), not an observation."
)
@_ON
@pass_env
def note(env: Env, person: str, text: tuple[str, ...], wellbeing: bool, on: str | None) -> None:
    """Note an observation about PERSON.

    sup note aki "stayed calm with a furious caller"
    sup note aki --wellbeing "rough day after a long escalation"
    """
    _save(env, "wellbeing" if wellbeing else "note", person, joined(text), on)


@cli.command()
@click.argument("person")
@click.argument("text", nargs=-1, required=True)
@click.option("--by", "by", metavar="DATE", help="Follow up on DATE (default: in a week).")
@pass_env
def todo(env: Env, person: str, text: tuple[str, ...], by: str | None) -> None:
    """Note something to follow up with PERSON.

    sup todo anna "send the shift plan" --by fri
    """
    if by is None:
        _save(env, "todo", person, joined(text))
        return
    follow_up_on = parse_date(by, env.today)
    who = env.person(person)
    # With --by the date is given, so the text is kept as typed: "by the window" stays text.
    words = from_argv(joined(text)).strip()
    if not words:
        raise UserError(
            f'todo needs some text, e.g. sup todo {who.handle} "send the shift plan" --by fri'
        )
    parsed = Capture("todo", who, words, follow_up_on=follow_up_on)
    env.done(save_capture(env.store, parsed, env.now))


@cli.command()
@click.argument("person", required=False)
@click.argument("when", nargs=-1)
@click.option(
    "--month", is_flag=True, help="Propose sessions for everyone due in the next 30 days."
)
@click.option("--yes", is_flag=True, help="With --month: plan them without asking.")
@click.option(
    "--per-day",
    type=click.IntRange(min=1),
    metavar="N",
    help="With --month: at most N sessions a day (default: sessions_per_day, 3).",
)
@pass_env
def plan(
    env: Env,
    person: str | None,
    when: tuple[str, ...],
    month: bool,
    yes: bool,
    per_day: int | None,
) -> None:
    """Plan PERSON's next coaching session (moving it if one is planned), or a month of them.

    \b
      sup plan anna "tue 10:00"
      sup plan --month            # shows the proposal and asks before planning

    With --month, everyone due within 30 days (or overdue) with nothing planned gets
    a session on a working day (Mon-Fri) from tomorrow on: on or just before their
    due date, the most overdue first; at most N a day, sessions already planned
    included; the first at session_time, then hourly. Nothing is planned unless you
    say yes (or give --yes), and then all of them at once.
    """
    if month:
        if person is not None:
            raise UserError(
                "--month plans everyone; leave out the person, or plan one: sup plan anna tue"
            )
        from .commands_sessions import plan_month

        plan_month(env, yes, per_day)
        return
    if yes or per_day is not None:
        raise UserError("--yes and --per-day go with --month: sup plan --month --per-day 2")
    if person is None or not when:
        raise UserError(
            'Say whom and when, e.g. sup plan anna "tue 10:00"; or plan everyone due: '
            "sup plan --month"
        )
    _save(env, "plan", person, joined(when))
