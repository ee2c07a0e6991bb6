"""`sup forms`: the coaching forms, their agendas, and changing them a version at a time."""

from __future__ import annotations

from typing import IO

import click

from ..actions import forms as form_actions
from ..domain.entities import Form, Records
from ..domain.forms import DEFAULT_FORM, FormError, all_versions, find_form, form_for, latest_forms
from ..domain.textsafe import from_argv, visible
from ..present.cells import fit
from .env import Env
from .main import cli
from .options import pass_env

_ITEMS_FILE = click.option(
    "--items-file",
    type=click.File("r", encoding="utf-8"),
    metavar="FILE",
    help="Read the agenda from FILE ('-' for standard input), one item per line, "
    "instead of opening the editor.",
)


def _forms_and_people(env: Env) -> Records:
    """What a forms command reads: every form and every person is in what is open, so
    none of them reads years of history."""
    return env.store.load(open_only=True)


@cli.group(invoke_without_command=True)
@click.pass_context
def forms(ctx: click.Context) -> None:
    """The coaching forms: each one's current version, agenda length and users.

    `sup forms show NAME` prints an agenda; `sup forms edit NAME` changes it (as a new
    version: sessions held before keep theirs); `sup forms new NAME` adds a form.
    """
    if ctx.invoked_subcommand is not None:
        return
    env: Env = ctx.obj
    records = _forms_and_people(env)
    users: dict[str, int] = {}
    for person in records.active_people():
        name = form_for(person, records).name
        users[name] = users.get(name, 0) + 1
    lines = [f"{'Form':<32} {'Version':>7} {'Items':>5}  Used by"]
    for name, form in latest_forms(records).items():
        count = users.get(name, 0)
        used = f"{count} {'person' if count == 1 else 'people'}"
        if name == DEFAULT_FORM:
            used += " (team default)"
        lines.append(
            f"{fit(visible(name), 32)} {form.version:>7} {len(form.items):>5}  {used}".rstrip()
        )
    env.echo("\n".join(lines))


def _agenda(form: Form) -> str:
    return "\n".join(f"{n:>2}. {visible(item)}" for n, item in enumerate(form.items, 1))


@forms.command("show")
@click.argument("name")
@click.option("--version", "version", type=int, metavar="N", help="An older version.")
@pass_env
def forms_show(env: Env, name: str, version: int | None) -> None:
    """Print the agenda of form NAME, numbered.

    sup forms show "Coaching 1:1" --version 1
    """
    records = _forms_and_people(env)
    current = find_form(records, from_argv(name))
    form = current
    if version is not None:
        versions = [f for f in all_versions(records) if f.name == current.name]
        form = next((f for f in versions if f.version == version), None)
        if form is None:
            known = ", ".join(str(f.version) for f in versions)
            raise FormError(f'"{current.name}" has no version {version}. Versions: {known}.')
    state = "current" if form.version == current.version else f"current is {current.version}"
    env.echo(f"{visible(form.name)}, version {form.version} ({state})\n{_agenda(form)}")


def _editor_text(form: Form, header: str) -> str:
    comments = [
        header,
        "One agenda item per line, in the order sessions walk through them.",
        "Lines starting with # and blank lines are ignored.",
    ]
    lines = [f"# {line}" for line in comments]
    return "\n".join([*lines, "", *form.items]) + "\n"


def _edit(text: str) -> str | None:
    """The text after the user's editor ($VISUAL, $EDITOR); None if it was not saved."""
    try:
        return click.edit(text, extension=".txt", require_save=True)
    except click.ClickException as exc:
        raise click.ClickException(
            f"The editor did not open or did not finish ({visible(exc.message)}). "
            "Nothing was changed. Set $VISUAL or $EDITOR (e.g. export EDITOR=nano), "
            "or give the agenda with --items-file FILE."
        ) from None


@forms.command("edit")
@click.argument("name")
@_ITEMS_FILE
@pass_env
def forms_edit(env: Env, name: str, items_file: IO[str] | None) -> None:
    """Change the agenda of form NAME in your editor ($VISUAL or $EDITOR).

    Saving a changed agenda stores it as the next version; sessions already held
    keep the version they followed. Quitting without saving changes nothing.

    \b
      sup forms edit "Coaching 1:1"
      printf 'Wins\\nAgreed next steps\\n' | sup forms edit "Coaching 1:1" --items-file -
    """
    form = find_form(_forms_and_people(env), from_argv(name))
    if items_file is not None:
        text = items_file.read()
    else:
        header = (
            f'The coaching form "{visible(form.name)}", version {form.version}. '
            f"Saving a change stores version {form.version + 1}."
        )
        edited = _edit(_editor_text(form, header))
        if edited is None:
            env.echo(f"Not saved in the editor; still version {form.version}.")
            return
        text = edited
    env.done(form_actions.revise_form(env.store, form.name, text, form.version))


@forms.command("new")
@click.argument("name")
@click.option(
    "--from",
    "from_",
    metavar="FORM",
    help=f'Start from the agenda of FORM (default: "{DEFAULT_FORM}").',
)
@_ITEMS_FILE
@pass_env
def forms_new(env: Env, name: str, from_: str | None, items_file: IO[str] | None) -> None:
    """Add a coaching form called NAME (version 1), starting from a copy in your editor.

    \b
      sup forms new "Team leads" --from "Coaching 1:1"
      sup forms new "Team leads" --items-file agenda.txt
    """
    records = _forms_and_people(env)
    name = form_actions.new_name(records, from_argv(name))
    if items_file is not None:
        if from_ is not None:
            raise FormError("Use either --from FORM or --items-file FILE, not both.")
        text = items_file.read()
    else:
        base = find_form(records, from_argv(from_)) if from_ else find_form(records, DEFAULT_FORM)
        header = (
            f'The new coaching form "{visible(name)}", copied from "{visible(base.name)}" '
            f"version {base.version}. Quit without saving to create nothing."
        )
        edited = _edit(_editor_text(base, header))
        if edited is None:
            env.echo("Not saved in the editor; no form was created.")
            return
        text = edited
    env.done(form_actions.create_form(env.store, name, text))
