"""Coaching against clear goals: `sup goal add|check|done|drop`, `sup goals`, `sup import kpi`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..actions import goals as actions
from ..domain.datewords import parse_date
from ..domain.entities import DROPPED, MET, Records
from ..domain.goals import goals_of, parse_target, parse_unit
from ..domain.kpi import (
    BAD_DATE,
    BAD_VALUE,
    FUTURE_DATE,
    TOO_FEW,
    UNKNOWN_METRIC,
    UNKNOWN_PERSON,
    BadRow,
)
from ..domain.textsafe import from_argv, visible
from ..domain.words import short_date
from ..present.cells import fit
from ..present.goals import draft_value_words, goal_words
from .env import Env, UserError
from .main import cli
from .options import RECORD_ID, pass_env
from .render import _person_json, dumps

ADD_ONE = 'Set one with: sup goal add PERSON "CSAT" --target ">= 4.5"'


@cli.group()
def goal() -> None:
    """Set a goal, check in on it, mark it met or dropped."""


@goal.command("add")
@click.argument("person")
@click.argument("title")
@click.option("--target", metavar="TARGET", help='A metric\'s target: ">= 4.5", "<= 300", "= 100".')
@click.option("--unit", metavar="UNIT", help="The target's unit: %, s or pts.")
@click.option("--review", metavar="DATE", help="When to review the goal (its session lists it).")
@pass_env
def goal_add(
    env: Env, person: str, title: str, target: str | None, unit: str | None, review: str | None
) -> None:
    """Set a goal for PERSON: a metric with --target, a behaviour without.

    \b
      sup goal add anna CSAT --target ">= 4.5"
      sup goal add anna "Handling time" --target "<= 300" --unit s --review +12w
      sup goal add anna "Uses the customer's name"
    """
    who = env.person(person)
    if target is None and unit:
        raise UserError('A unit needs a target: --target ">= 90" --unit %.')
    aim = parse_target(from_argv(target), unit) if target is not None else None
    if target is None:
        parse_unit(unit)
    review_on = parse_date(review, env.today) if review else None
    env.done(actions.add_goal(env.store, who.id, from_argv(title), aim, review_on, env.today))


@goal.command("check")
@click.argument("goal_id", type=RECORD_ID, metavar="GOAL_ID")
@click.argument("value")
@click.option("--on", metavar="DATE", help="The day the value is for, if not today.")
@click.option("--note", default="", help="A word on it, if worth keeping.")
@pass_env
def goal_check(env: Env, goal_id: int, value: str, on: str | None, note: str) -> None:
    """Record GOAL_ID's value: a number (4.6 or 4,6) or a level (not yet, sometimes,
    consistently).

    \b
      sup goal check 41 4,6
      sup goal check 42 sometimes --on 2026-11-30 --note "twice in five calls"
    """
    day = parse_date(on, env.today, prefer="past") if on else env.today
    done = actions.check_goal(env.store, goal_id, from_argv(value), day, from_argv(note), env.today)
    env.done(done)


@goal.command("done")
@click.argument("goal_id", type=RECORD_ID, metavar="GOAL_ID")
@pass_env
def goal_done(env: Env, goal_id: int) -> None:
    """Mark GOAL_ID met.

    sup goal done 41
    """
    env.done(actions.close_goal(env.store, goal_id, MET, env.today))


@goal.command("drop")
@click.argument("goal_id", type=RECORD_ID, metavar="GOAL_ID")
@pass_env
def goal_drop(env: Env, goal_id: int) -> None:
    """Drop GOAL_ID: no longer worked on.

    sup goal drop 41
    """
    env.done(actions.close_goal(env.store, goal_id, DROPPED, env.today))


@cli.command()
@click.argument("person", required=False)
@click.option("--json", "as_json", is_flag=True, help="As JSON (see the README for its shape).")
@pass_env
def goals(env: Env, person: str | None, as_json: bool) -> None:
    """The team's goals (or PERSON's): target, status, trend and last values.

    \b
      sup goals
      sup goals anna --json
    """
    records = env.store.load(kinds=("goals", "check_ins"))
    who = env.person(person) if person else None
    people = [who] if who else list(records.active_people())
    found = [(p, g) for p in people for g in goals_of(records, p.id, everything=True)]
    if as_json:
        env.echo(goals_json(records, found, env.today))
        return
    if not found:
        said = f"{who.name} has no goals yet." if who else "No one has goals yet."
        env.say(f"{said} {ADD_ONE.replace('PERSON', who.handle if who else 'PERSON')}")
        return
    env.echo(goals_text(records, found, env.today))


def goals_text(records: Records, found: list, today: dt.date) -> str:
    """Goals by person, one a line in 80 columns; `!` marks those off track."""
    lines: list[str] = []
    shown = None
    for person, g in found:
        if person.id != shown:
            if lines:
                lines.append("")
            lines.append(visible(f"{person.name} (@{person.handle})"))
            shown = person.id
        words = goal_words(records, g, today)
        aim = f" {words.target}" if g.target is not None else ""
        what = fit(visible(f"{g.title}{aim}"), 32)
        ident = fit(f"#{g.id}", 5)
        review = " · review" if words.review_due else ""
        lines.append(
            f"{'!' if words.flagged else ' '} {ident} {what} {fit(words.status_words, 9)} "
            f"{fit(words.trend, 6)} {visible(words.last)}{review}".rstrip()
        )
    return "\n".join(lines)


def goals_json(records: Records, found: list, today: dt.date) -> str:
    """The goals as JSON; the shape is documented in the README and kept stable."""
    out = []
    for person, g in found:
        words = goal_words(records, g, today)
        target = (
            {"op": g.op, "value": g.target, "unit": g.unit or None}
            if g.target is not None
            else None
        )
        out.append(
            {
                "id": g.id,
                "person": _person_json(person),
                "title": g.title,
                "kind": g.kind,
                "target": target,
                "status": words.status,
                "check_ins": [
                    {"on": c.on, "value": c.level if c.level is not None else c.value}
                    for c in records.check_ins
                    if c.goal_id == g.id
                ],
            }
        )
    return dumps(out)


@cli.group("import")
def import_() -> None:
    """Bring figures in from other systems."""


@import_.command("kpi")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@pass_env
def import_kpi(env: Env, file: Path, dry_run: bool) -> None:
    """Import a month of figures from FILE (CSV: person, date, metric, value).

    \b
    Each row's metric is one of the person's goals (its title, ignoring case and
    accents); comma or semicolon separated, decimal point or comma. A row that
    can't be read refuses the whole file; importing it again changes nothing.

    \b
      sup import kpi november.csv --dry-run
      sup import kpi november.csv
    """
    text = _read_text(file)
    try:
        result = actions.import_kpi(env.store, text, env.today, dry_run=dry_run)
    except actions.KpiRefused as exc:
        lines = [str(exc), *(f"  line {b.line}: {bad_row_words(b)}" for b in exc.bad)]
        raise UserError("\n".join(visible(line) for line in lines)) from None
    if dry_run:
        for c in result.new:
            env.say(f"  new      {_check_in_words(result, c, env.today)}")
        for before, after in result.changed:
            was = _value(result, before)
            env.say(f"  changed  {_check_in_words(result, after, env.today)} (was {was})")
    env.say(result.done.message)


def _read_text(file: Path) -> str:
    raw = file.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # as spreadsheets on Windows save it


def _check_in_words(result: actions.Imported, c, today: dt.date) -> str:
    goal = result.goals[c.goal_id]
    who = result.people[goal.person_id].name
    return f"{who} · {goal.title} (#{goal.id}) {short_date(c.on, today)}: {_value(result, c)}"


def _value(result: actions.Imported, c) -> str:
    return draft_value_words(result.goals[c.goal_id], c.value, c.level)


_BAD_ROWS = {
    TOO_FEW: lambda b: "needs four columns: person, date, metric, value.",
    UNKNOWN_PERSON: lambda b: (
        f'no one on the team is "{b.cell}"; use a handle or a full name (see `sup people`).'
    ),
    BAD_DATE: lambda b: f'"{b.cell}" is not a date; write it like 2026-11-30 or 30.11.2026.',
    FUTURE_DATE: lambda b: f'"{b.cell}" is still to come.',
    UNKNOWN_METRIC: lambda b: (
        f'{b.detail} has no active goal called "{b.cell}"; set it with `sup goal add`.'
    ),
    BAD_VALUE: lambda b: b.detail,
}


def bad_row_words(bad: BadRow) -> str:
    """Why a row of a KPI file can't be imported, and what to do."""
    return _BAD_ROWS[bad.problem](bad)
