"""Acting on what the day view lists: acknowledge, answer, mark done, hold."""

from __future__ import annotations

import click

from ..actions import routines, sessions
from ..domain.changes import check_held_on
from ..domain.datewords import parse_date, parse_when
from ..domain.entities import ACCEPTED, ACK_WAYS, DECLINED, IN_PROGRESS
from ..domain.planning import propose_next
from ..domain.textsafe import from_argv
from .env import Env, UserError
from .main import cli
from .options import RECORD_ID, joined, pass_env


@cli.command()
@click.argument("win_id", type=RECORD_ID, metavar="ID")
@click.option(
    "--how",
    type=click.Choice([w.replace(" ", "-") for w in ACK_WAYS]),
    default="in-person",
    show_default=True,
    help="How you acknowledged it.",
)
@click.option("--note", default="", help="What you said, if worth keeping.")
@pass_env
def ack(env: Env, win_id: int, how: str, note: str) -> None:
    """Acknowledge win ID (personally and specifically, soon).

    sup ack 12 --how message
    """
    done = routines.acknowledge(
        env.store, win_id, how.replace("-", " "), from_argv(note), env.today
    )
    env.done(done)


@cli.command()
@click.argument("suggestion_id", type=RECORD_ID, metavar="ID")
@click.argument("response", nargs=-1)
@click.option("--accept", is_flag=True, help="It will happen.")
@click.option("--decline", is_flag=True, help="It won't; say honestly why.")
@click.option("--later", metavar="DATE", help="In progress: you'll come back by DATE.")
@pass_env
def answer(
    env: Env,
    suggestion_id: int,
    response: tuple[str, ...],
    accept: bool,
    decline: bool,
    later: str | None,
) -> None:
    """Answer suggestion ID: what will happen, or honestly why not.

    \b
      sup answer 7 --accept "we'll trial it in the December rota"
      sup answer 7 --decline "the system can't do that before spring, because…"
      sup answer 7 --later fri "checking with IT"
    """
    options = ((ACCEPTED, accept), (DECLINED, decline), (IN_PROGRESS, later is not None))
    chosen = [decision for decision, given in options if given]
    if len(chosen) > 1:
        raise UserError("Choose one of --accept, --decline or --later DATE.")
    if not chosen:
        raise UserError("Say what you decided: --accept, --decline or --later DATE.")
    decision = chosen[0]
    come_back_by = parse_date(later, env.today) if later is not None else None
    done = routines.answer(
        env.store,
        suggestion_id,
        decision,
        from_argv(joined(response)),
        env.today,
        come_back_by,
    )
    env.done(done)


@cli.command()
@click.argument("agreement_id", type=RECORD_ID, metavar="ID")
@pass_env
def done(env: Env, agreement_id: int) -> None:
    """Mark follow-up ID done.

    sup done 31
    """
    env.done(routines.mark_done(env.store, agreement_id, env.today))


@cli.command()
@click.argument("person")
@click.option("--on", metavar="DATE", help="When it was held, if not today.")
@click.option(
    "--next", "next_", metavar="WHEN", help="Plan the next one (default: one cadence ahead)."
)
@click.option("--no-next", is_flag=True, help="Don't plan the next one.")
@pass_env
def held(env: Env, person: str, on: str | None, next_: str | None, no_next: bool) -> None:
    """Record PERSON's coaching session as held, and plan the next one.

    sup held anna
    sup held anna --on yesterday --next "2026-12-21 10:00"
    """
    who = env.person(person)
    held_on = parse_date(on, env.today, prefer="past") if on else env.today
    check_held_on(held_on, env.today)  # before reading --next: the first thing wrong is said
    session_time = env.settings.session_time
    if no_next:
        next_at = None
    elif next_:
        next_at = parse_when(next_, env.today, session_time)
    else:
        leaves = env.store.load(open_only=True).leaves  # the next one is not proposed in leave
        next_at = propose_next(who, held_on, session_time, leaves)
    from ..actions.holding import hold_without_notes

    env.done(hold_without_notes(env.store, who.id, held_on, next_at, env.now))


@cli.command()
@click.argument("person")
@pass_env
def cancel(env: Env, person: str) -> None:
    """Cancel PERSON's next planned session (then plan a new one soon).

    sup cancel anna
    """
    from ..domain.changes import earliest_planned

    who = env.person(person)
    open_sessions = env.store.load(open_only=True).sessions  # every planned one is open
    planned = earliest_planned([s for s in open_sessions if s.person_id == who.id])
    if planned is None:
        raise UserError(f"{who.name} has no planned session to cancel.")
    env.done(sessions.cancel_session(env.store, planned.id, env.today))
