"""Looking back and handing over: `sup report`, `sup brief team`, `sup handover`."""

from __future__ import annotations

import datetime as dt

import click

from ..domain.datewords import parse_date
from .env import Env, UserError
from .main import cli
from .options import pass_env

FORMAT = click.Choice(["text", "md"])


@cli.command()
@click.option("--month", metavar="YYYY-MM", help="The month to report on. Default: this month.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (see README).")
@click.option(
    "--format",
    "fmt",
    type=FORMAT,
    default="text",
    show_default=True,
    help="md: Markdown, to keep or to share.",
)
@pass_env
def report(env: Env, month: str | None, as_json: bool, fmt: str) -> None:
    """How the month went: coaching, answers, thanks, follow-ups, your promises, the trend.

    \b
      sup report
      sup report --month 2026-10 --format md > october.md
      sup report --json
    """
    from ..domain.report import MonthError, month_of, month_report, parse_month
    from . import report_render

    if as_json and fmt != "text":
        raise UserError("Give either --json or --format md, not both.")
    try:
        chosen = parse_month(month, env.today) if month else month_of(env.today)
    except MonthError as exc:
        raise UserError(str(exc)) from None
    result = month_report(env.store.load(), chosen, env.today, env.settings)
    if as_json:
        click.echo(report_render.as_json(result))
    elif fmt == "md":
        click.echo(report_render.as_markdown(result), nl=False)
    else:
        env.echo(report_render.as_text(result, env.color))


@cli.group()
def brief() -> None:
    """Briefs to share: what became of the team's suggestions."""


@brief.command("team")
@click.option(
    "--since",
    metavar="DATE",
    help="Decisions made since DATE ('1.11.', '-2w', '2026-11-01'). Default: 30 days ago.",
)
@click.option("--names", is_flag=True, help="Say who suggested what (left out by default).")
@click.option(
    "--format",
    "fmt",
    type=FORMAT,
    default="text",
    show_default=True,
    help="md: Markdown for the team's chat.",
)
@pass_env
def brief_team(env: Env, since: str | None, names: bool, fmt: str) -> None:
    """You said, we did: the decisions on the team's suggestions, to read out or paste.

    Accepted, declined with the reason given, and in progress with the date you will
    come back. Never a note of any kind; names only with --names.

    \b
      sup brief team --format md
      sup brief team --since 1.11. --names
    """
    from ..domain.handover import BRIEF_DAYS, team_brief
    from . import brief_render

    today = env.today
    start = parse_date(since, today, prefer="past") if since else today - dt.timedelta(BRIEF_DAYS)
    if start > today:
        raise UserError("--since is a day in the past, e.g. -2w or 1.11.")
    result = team_brief(env.store.load(), start, today)
    click.echo(brief_render.brief_text(result, names, fmt == "md"), nl=False)


@cli.command()
@click.option(
    "--until",
    metavar="DATE",
    required=True,
    help="The last day the deputy covers: '+2w', 'fri', '4.12.'.",
)
@click.option(
    "--include-notes",
    is_flag=True,
    help="Add observations, wellbeing notes and last 1:1 notes (private: said at the top).",
)
@click.option(
    "--format",
    "fmt",
    type=FORMAT,
    default="text",
    show_default=True,
    help="md: Markdown to send.",
)
@pass_env
def handover(env: Env, until: str, include_notes: bool, fmt: str) -> None:
    """What a deputy needs until DATE: each person's open loops, no private notes.

    Sessions planned, follow-ups falling due, suggestions waiting for an answer, wins
    to thank, and who falls due for coaching.

    \b
      sup handover --until +2w
      sup handover --until 4.12. --format md > handover.md
    """
    from ..domain.handover import handover as make_handover
    from . import brief_render

    today = env.today
    end = parse_date(until, today)
    if end <= today:
        raise UserError("--until is the last day the deputy covers, after today: e.g. +2w.")
    result = make_handover(env.store.load(), today, end, include_notes=include_notes)
    click.echo(brief_render.handover_text(result, fmt == "md"), nl=False)
