"""Finding and fixing: `sup search`, `sup edit`, `sup delete`, `sup move`, `sup drop`."""

from __future__ import annotations

import sys

import click

from ..actions import corrections
from ..domain.datewords import parse_date
from ..domain.entities import LEAD, PERSON, Agreement, Record
from ..domain.folding import fold
from ..domain.textsafe import from_argv, visible
from .env import Env, FileProblem, UserError
from .main import cli
from .options import RECORD_ID, joined, pass_env


def _done(env: Env, done) -> None:
    """Say what a correction did, and keep it for `sup undo`."""
    corrections.keep_for_undo(env.store, done)
    env.done(done)


def _owner(env: Env, by: str, agreement: Agreement) -> str:
    """`--by` for a follow-up: lead (me, you) or person (or the person's own name)."""
    word = fold(from_argv(by).strip().lstrip("@"))
    if word in ("lead", "me", "you", "i"):
        return LEAD
    if word == "person":
        return PERSON
    who = env.person(by)
    if who.id == agreement.person_id:
        return PERSON
    raise UserError(
        f"Follow-up #{agreement.id} is done by the lead or by its own person ({who.name} is "
        "someone else): say --by lead or --by person."
    )


def _edited_text(record: Record) -> str | None:
    """The text after the user's editor ($VISUAL, $EDITOR); None if it was not saved."""
    try:
        return click.edit(record.text + "\n", extension=".txt", require_save=True)
    except click.ClickException as exc:
        raise FileProblem(
            f"The editor did not open or did not finish ({visible(exc.message)}). "
            "Nothing was changed. Set $VISUAL or $EDITOR (e.g. export EDITOR=nano), "
            f'or give the text: sup edit {record.id} --text "…"'
        ) from None


@cli.command()
@click.argument("record_id", type=RECORD_ID, metavar="ID")
@click.option("--text", help="The new text (without it and the others: in $EDITOR).")
@click.option(
    "--on",
    metavar="DATE",
    help="Its day: when a win happened, an idea came, a note was written; a follow-up's date.",
)
@click.option(
    "--by",
    metavar="WHO",
    help="A follow-up: who does it, lead or person. Anything else: the person it is about.",
)
@pass_env
def edit(env: Env, record_id: int, text: str | None, on: str | None, by: str | None) -> None:
    """Correct win, idea, note or follow-up ID: its text, its day, or whom it is about.

    \b
      sup edit 12                       # the text in $EDITOR
      sup edit 12 --text "closed the escalated billing case"
      sup edit 12 --on yesterday
      sup edit 31 --on fri --by person  # a follow-up: its date, and who does it
      sup edit 14 --by ben              # a win, idea or note about someone else
    """
    record = corrections.editable(env.store, record_id)
    is_follow_up = isinstance(record, Agreement)
    day = None
    if on is not None:
        day = parse_date(from_argv(on), env.today, prefer="future" if is_follow_up else "past")
    owner = person_id = None
    if by is not None:
        if is_follow_up:
            owner = _owner(env, by, record)
        else:
            person_id = env.person(by).id
    if text is not None:
        text = from_argv(text)
    elif on is None and by is None:
        text = _edited_text(record)
        if text is None:
            env.echo(f"Not saved in the editor; #{record.id} is unchanged.")
            return
    _done(
        env,
        corrections.edit_item(
            env.store, record_id, env.today, text=text, on=day, person_id=person_id, owner=owner
        ),
    )


@cli.command()
@click.argument("record_id", type=RECORD_ID, metavar="ID")
@click.option("--yes", is_flag=True, help="Don't ask first.")
@pass_env
def delete(env: Env, record_id: int, yes: bool) -> None:
    """Delete win, idea, note or follow-up ID (asks first).

    `sup undo` brings it back (in the TUI: u).

    sup delete 12
    """
    record = corrections.editable(env.store, record_id)
    if not yes:
        if not _can_ask():
            raise FileProblem(
                f"Deleting #{record.id} needs a yes, and there is no terminal to ask in: "
                f"add --yes (sup delete {record.id} --yes)."
            )
        label = corrections.label_of(record)
        env.confirm(f'Delete {label} #{record.id} "{_short(record.text)}"?')
    _done(env, corrections.delete_item(env.store, record_id))


def _can_ask() -> bool:
    """Whether there is a person at a terminal to say yes."""
    return sys.stdin.isatty()


def _short(text: str, width: int = 50) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


@cli.command()
@click.argument("agreement_id", type=RECORD_ID, metavar="ID")
@click.argument("date", required=False)
@click.option("--by", type=click.Choice([LEAD, PERSON]), help="Hand it to the lead or the person.")
@pass_env
def move(env: Env, agreement_id: int, date: str | None, by: str | None) -> None:
    """Follow up on follow-up ID on another DATE, and/or hand it to the other owner.

    \b
      sup move 31 fri
      sup move 31 +2w --by person
      sup move 31 --by lead
    """
    if date is None and by is None:
        raise UserError("Say the new date, --by lead|person, or both: sup move ID fri")
    day = parse_date(from_argv(date), env.today) if date is not None else None
    _done(env, corrections.move_follow_up(env.store, agreement_id, env.today, day, by))


@cli.command()
@click.argument("agreement_id", type=RECORD_ID, metavar="ID")
@pass_env
def drop(env: Env, agreement_id: int) -> None:
    """Drop follow-up ID: no longer to be followed up (it stays in the timeline).

    sup drop 31
    """
    _done(env, corrections.drop_follow_up(env.store, agreement_id, env.today))


@cli.command()
@pass_env
def undo(env: Env) -> None:
    """Take back the last `sup edit`, `delete`, `move` or `drop` (one, exactly).

    Refused, changing nothing, if the same item was changed since. In the TUI, u
    undoes what was done there.

    sup undo
    """
    done = corrections.undo_last(env.store)
    if done is None:
        raise UserError(
            "Nothing to undo: sup undo takes back the last sup edit, delete, move or drop."
        )
    env.done(done)


@cli.command()
@click.argument("words", nargs=-1, required=True, metavar="TEXT...")
@click.option("--all", "everything", is_flag=True, help="Every hit, not only the newest 50.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (see README).")
@pass_env
def search(env: Env, words: tuple[str, ...], everything: bool, as_json: bool) -> None:
    """Find TEXT in wins, ideas and their answers, notes, follow-ups and 1:1 notes.

    Ignores case and accents; every word must be there. Newest first: the newest
    50, or every one with --all (--json gives every one).

    \b
      sup search second screen
      sup search "näyttö" --json
    """
    from ..domain.search import Index
    from .search_render import SHOWN, search_json, search_text

    query = from_argv(joined(words))
    if not query.strip():
        raise UserError('Say what to look for, e.g. sup search "second screen".')
    records = env.store.load()
    limit = None if everything or as_json else SHOWN  # only the hits shown are made
    hits, found = Index.of(records).find(query, people=False, limit=limit)
    if as_json:
        click.echo(search_json(hits, records))
    elif not hits:
        env.echo(f"Nothing found for {visible(query)!r}.")
    else:
        env.echo(search_text(hits, found, records, env.today))
