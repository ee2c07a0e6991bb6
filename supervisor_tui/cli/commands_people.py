"""The team: list, add, change, archive, leave; and privacy: export, forget."""

from __future__ import annotations

import sys

import click

from ..actions import team
from ..domain.datewords import parse_date, parse_duration_days
from ..domain.textsafe import from_argv, visible
from .env import Env, UserError
from .main import cli
from .options import pass_env


@cli.group(invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True, help="Include archived people.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def people(ctx: click.Context, show_all: bool, as_json: bool) -> None:
    """List the team; `sup people add`, `set`, `archive`, `unarchive` and `leave` change it."""
    if ctx.invoked_subcommand is not None:
        return
    from . import render

    env: Env = ctx.obj
    records = env.store.load(open_only=True)  # each one's last and next 1:1 are open
    if as_json:
        click.echo(render.people_json(records, env.today, show_all))
    else:
        env.echo(render.people_text(records, env.today, show_all, env.color))


@people.command("add")
@click.argument("name")
@click.option(
    "--every",
    help="Coaching cadence: 30d, 4w (default: default_cadence_days in the settings, 30).",
)
@click.option("--handle", help="Short name for @mentions (default: the first name).")
@click.option("--role", default="", help="e.g. 'customer advisor', 'chat specialist'.")
@click.option("--started", metavar="DATE", help="Start date (default: today).")
@click.option("--yes", is_flag=True, help="Add them even if someone has the same name.")
@pass_env
def people_add(
    env: Env,
    name: str,
    every: str | None,
    handle: str | None,
    role: str,
    started: str | None,
    yes: bool,
) -> None:
    """Add NAME to the team.

    Someone of the same name already there (archived too; case and accents aside) is
    asked about first; --yes adds a second person all the same.

    \b
      sup people add "Anna Virtanen" --every 4w
    """
    started_on = parse_date(started, env.today, prefer="past") if started else env.today

    def add(same_name_ok: bool):
        return team.add_person(
            env.store,
            from_argv(name),
            from_argv(handle) if handle else None,
            parse_duration_days(every) if every else env.settings.default_cadence_days,
            from_argv(role),
            started_on,
            same_name_ok=same_name_ok,
        )

    try:
        done = add(yes)
    except team.SamePersonError as exc:
        if not _interactive():
            raise click.ClickException(
                visible(f"{exc} To add a second person of that name, add --yes.")
            ) from None
        env.confirm(f"{exc.existing[0].name} is already on the team. Add another?")
        done = add(True)
    env.done(done)


def _interactive() -> bool:
    """Whether a person can answer a question (not a pipe, a script or cron)."""
    return sys.stdin.isatty()


@people.command("archive")
@click.argument("person")
@pass_env
def people_archive(env: Env, person: str) -> None:
    """Archive PERSON: off every list, history kept (`sup people unarchive` undoes it)."""
    env.done(team.archive_person(env.store, env.person(person).id))


@people.command("unarchive")
@click.argument("person")
@pass_env
def people_unarchive(env: Env, person: str) -> None:
    """Bring archived PERSON back onto every list, with their whole history.

    \b
      sup people unarchive anna
    """
    env.done(team.unarchive_person(env.store, env.person(person, archived=True).id))


@people.command("set")
@click.argument("person")
@click.option("--name", metavar="TEXT", help="A new name (every record stays theirs).")
@click.option("--handle", metavar="HANDLE", help="A new handle for @mentions.")
@click.option(
    "--form",
    metavar="NAME",
    help="PERSON's coaching form (see `sup forms`); 'default' for the team's default.",
)
@click.option("--every", metavar="CADENCE", help="Coaching cadence: 30d, 4w.")
@click.option("--role", metavar="TEXT", help="e.g. 'senior advisor'; '' for none.")
@click.option("--started", metavar="DATE", help="Start date (the cadence counts from it).")
@pass_env
def people_set(
    env: Env,
    person: str,
    name: str | None,
    handle: str | None,
    form: str | None,
    every: str | None,
    role: str | None,
    started: str | None,
) -> None:
    """Change PERSON's name, handle, role, cadence, coaching form or start date.

    Records point at the person, not at their name: after a rename or a new handle
    everything stays theirs.

    \b
      sup people set anna --name "Anna Korhonen" --handle annak
      sup people set anna --form "New starter" --every 2w
      sup people set anna --form default
    """
    if form is not None:
        form = from_argv(form)
        if form.strip().casefold() == "default":
            form = ""
    done = team.update_person(
        env.store,
        env.person(person).id,
        form=form,
        cadence_days=parse_duration_days(every) if every is not None else None,
        role=from_argv(role) if role is not None else None,
        name=from_argv(name) if name is not None else None,
        handle=from_argv(handle) if handle is not None else None,
        started_on=parse_date(started, env.today, prefer="past") if started else None,
    )
    env.done(done)


@people.command("leave")
@click.argument("person")
@click.argument("starts", metavar="[FROM]", required=False)
@click.argument("ends", metavar="[TO]", required=False)
@click.option("--for", "length", metavar="LENGTH", help="Instead of TO: 2w, 10d.")
@click.option("--note", default="", metavar="TEXT", help="e.g. 'holiday' (optional).")
@click.option("--clear", is_flag=True, help="Call off the leave under way or the next one.")
@pass_env
def people_leave(
    env: Env,
    person: str,
    starts: str | None,
    ends: str | None,
    length: str | None,
    note: str,
    clear: bool,
) -> None:
    """Put PERSON on leave from FROM to TO (both days included): not due for coaching
    while away, and the cadence counts on after it.

    A leave overlapping one of theirs replaces it (to change its dates). With no
    dates, lists their leave; --clear calls off the one under way or the next.

    \b
      sup people leave anna mon +2w --note holiday
      sup people leave anna 1.12. --for 2w
      sup people leave anna
      sup people leave anna --clear
    """
    import datetime as dt

    who = env.person(person)
    if clear:
        if starts or ends or length:
            raise UserError("--clear takes no dates: it calls off the leave under way or next.")
        env.done(team.clear_leave(env.store, who.id, env.today))
        return
    if starts is None:
        if length:
            raise UserError("Say from when, e.g. sup people leave anna mon --for 2w.")
        env.echo(_leaves_text(env, who))
        return
    if (ends is None) == (length is None):
        raise UserError("Say until when (TO, e.g. +2w or 18.12.) or for how long (--for 2w).")
    first = parse_date(from_argv(starts), env.today)
    if ends is not None:
        last = parse_date(from_argv(ends), env.today)
    else:
        last = first + dt.timedelta(days=parse_duration_days(length) - 1)
    env.done(team.set_leave(env.store, who.id, first, last, env.today, from_argv(note)))


def _leaves_text(env: Env, who) -> str:
    """The person's leave, latest first, one a line; or a line saying there is none."""
    from ..domain.words import short_date

    records = env.store.load(open_only=True)
    own = sorted(
        (lv for lv in records.leaves if lv.person_id == who.id),
        key=lambda lv: lv.starts_on,
        reverse=True,
    )
    name = visible(who.name)
    if not own:
        return f"{name} has no leave recorded. Add one with: sup people leave {who.handle} FROM TO"
    lines = []
    for lv in own:
        when = "now" if lv.covers(env.today) else ("past" if lv.ends_on < env.today else "to come")
        span = f"{short_date(lv.starts_on, env.today)} to {short_date(lv.ends_on, env.today)}"
        days = (lv.ends_on - lv.starts_on).days + 1
        note = f"  {visible(lv.note)}" if lv.note else ""
        lines.append(f"#{lv.id:<5} {span} ({days} days, {when}){note}")
    return "\n".join(lines)


@cli.command()
@click.argument("person")
@click.option("--yes", is_flag=True, help="Don't ask for confirmation.")
@pass_env
def forget(env: Env, person: str, yes: bool) -> None:
    """Erase PERSON and everything about them, backups and drafts included. Cannot be undone.

    Interrupted (a closed terminal, a crash), it is finished by the next command.
    """
    who = env.person(person, archived=True)
    if not yes:
        env.confirm(
            f"Erase {who.name} and everything about them: the database, its journal, "
            "backups and drafts? This cannot be undone"
        )
    env.done(team.forget_person(env.store, who.id))


@cli.command()
@click.option("--person", "person_ref", metavar="PERSON", help="Only this person's records.")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "md"]), default="json", show_default=True
)
@pass_env
def export(env: Env, person_ref: str | None, fmt: str) -> None:
    """Export everything (or everything about one person), e.g. to hand over on request.

    With --person: every record about them, their session draft, and what the backups
    still hold about them.

    sup export --person anna --format md > anna.md
    """
    from . import export as exporter

    records = env.store.load()
    person = env.person(person_ref, archived=True) if person_ref else None
    extras = exporter.Extras(
        env.store.drafts(), env.store.kept_in_backups(person.id) if person else []
    )
    if fmt == "json":
        click.echo(exporter.as_json(records, person, extras))
    else:
        click.echo(exporter.as_markdown(records, person, env.today, extras))


@cli.command()
@click.option("--dry-run", is_flag=True, help="Only list what would be purged.")
@click.option("--yes", is_flag=True, help="Don't ask for confirmation.")
@pass_env
def purge(env: Env, dry_run: bool, yes: bool) -> None:
    """Erase what is older than your retention settings, backups included.

    Off until [retention] is set in the settings file (see README). Cannot be undone.

    sup purge --dry-run
    """
    from ..actions import retention as keeping
    from ..store.paths import config_file

    retention = env.config.retention
    if retention.is_off:
        env.echo(
            f"Retention is off, so nothing is ever purged. To keep personal data no longer "
            f"than needed, set how long in {config_file()}, e.g.\n\n[retention]\n"
            "wellbeing_notes_months = 12\nclosed_items_months = 36"
        )
        return
    due = keeping.due_for_purge(env.store, env.today, retention)
    if not due:
        env.echo("Nothing is older than your retention settings.")
        return
    env.echo(_purge_table(due, env))
    count = f"{len(due)} record{'' if len(due) == 1 else 's'}"
    if dry_run:
        env.echo(f"\n{count} would be purged. Nothing was erased (--dry-run).")
        return
    if not yes:
        env.confirm(
            f"Erase these {count} from the database, its journal and backups? This cannot be undone"
        )
    env.done(keeping.purge(env.store, env.today, retention, {r.id for r in due}))


def _purge_table(due, env: Env) -> str:
    """One line per record: id, the day it was closed, whose it is, what it is."""
    from ..domain.kinds import kind_of
    from ..domain.words import short_date
    from ..present.cells import fit

    records = env.store.load()
    lines = []
    for record in due:
        kind = kind_of(record)
        person = records.person(record.person_id)
        what = getattr(record, "text", None) or getattr(record, "status", "")
        closed = short_date(kind.closed_on(record), env.today)
        who = person.name if person else "?"
        cells = (fit(closed, 16), fit(who, 20), fit(kind.label, 14), fit(what, 20))
        lines.append(f"#{record.id:<5} {' '.join(cells)}".rstrip())
    return "\n".join(lines)
