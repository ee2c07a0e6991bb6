"""The team: list, add, archive; and privacy: export, forget."""

from __future__ import annotations

import click

from ..actions import team
from ..domain.datewords import parse_date, parse_duration_days
from ..domain.textsafe import from_argv
from .env import Env
from .main import cli
from .options import pass_env


@cli.group(invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True, help="Include archived people.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def people(ctx: click.Context, show_all: bool, as_json: bool) -> None:
    """List the team; `sup people add`, `set` and `archive` change it."""
    if ctx.invoked_subcommand is not None:
        return
    from . import render

    env: Env = ctx.obj
    records = env.store.load()
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
@pass_env
def people_add(
    env: Env, name: str, every: str | None, handle: str | None, role: str, started: str | None
) -> None:
    """Add NAME to the team.

    sup people add "Anna Virtanen" --every 4w
    """
    started_on = parse_date(started, env.today, prefer="past") if started else env.today
    done = team.add_person(
        env.store,
        from_argv(name),
        from_argv(handle) if handle else None,
        parse_duration_days(every) if every else env.settings.default_cadence_days,
        from_argv(role),
        started_on,
    )
    env.done(done)


@people.command("archive")
@click.argument("person")
@pass_env
def people_archive(env: Env, person: str) -> None:
    """Archive PERSON: off every list, history kept."""
    env.done(team.archive_person(env.store, env.person(person).id))


@people.command("set")
@click.argument("person")
@click.option(
    "--form",
    metavar="NAME",
    help="PERSON's coaching form (see `sup forms`); 'default' for the team's default.",
)
@click.option("--every", metavar="CADENCE", help="Coaching cadence: 30d, 4w.")
@click.option("--role", metavar="TEXT", help="e.g. 'senior advisor'; '' for none.")
@pass_env
def people_set(
    env: Env, person: str, form: str | None, every: str | None, role: str | None
) -> None:
    """Change PERSON's coaching form, cadence or role.

    \b
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
    )
    env.done(done)


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
