"""The ``sup`` command group: global options, the shared context, and error handling.

Library first, thin CLI: commands parse arguments, call ``actions`` and print.
User mistakes become ``click`` errors with exit code 2, problems with the file
exit code 1; neither ever prints a traceback. Nor does a bug: it says one line
and where its report is (``store/crash.py``), exit code 1. Textual is imported
only by the command that opens the TUI, so captures stay fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..domain.capture import CaptureError
from ..domain.changes import DomainError
from ..domain.clock import local_now
from ..domain.datewords import DateWordError, parse_date
from ..domain.forms import FormError
from ..domain.people import PersonRefError
from ..domain.textsafe import visible
from ..store import NotFoundError, StoreError
from ..store.config import ConfigError
from .env import Crashed, Env, FileProblem, UserError, default_db, use_color
from .words import crash_text, error_text

ENV_DB = "SUPERVISOR_TUI_DB"
ENV_TODAY = "SUPERVISOR_TUI_TODAY"


# Each command's module is imported only when that command runs, so a capture
# does not pay for the imports of `today`, `export` or the TUI.
COMMAND_MODULES = {
    "capture": "commands_capture",
    "win": "commands_capture",
    "idea": "commands_capture",
    "note": "commands_capture",
    "todo": "commands_capture",
    "plan": "commands_capture",
    "ack": "commands_act",
    "answer": "commands_act",
    "done": "commands_act",
    "held": "commands_act",
    "cancel": "commands_act",
    "people": "commands_people",
    "forget": "commands_people",
    "export": "commands_people",
    "purge": "commands_people",
    "today": "commands_view",
    "forms": "commands_forms",
    "ics": "commands_sessions",
    "session": "commands_sessions",
    "report": "commands_report",
    "brief": "commands_report",
    "handover": "commands_report",
}


# How `sup --help` groups the commands: by what the lead is doing.
HELP_SECTIONS = (
    ("See the day", ("today",)),
    ("Capture between calls", ("win", "idea", "note", "todo", "plan", "capture")),
    ("Act on what is waiting", ("ack", "answer", "done", "held", "cancel")),
    ("Coaching sessions", ("session", "forms", "ics")),
    ("The team and its data", ("people", "export", "forget", "purge")),
    ("Look back and hand over", ("report", "brief", "handover")),
)


class SupGroup(click.Group):
    """Loads commands on demand, and turns the app's errors into clean messages."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        listed = [name for _, names in HELP_SECTIONS for name in names]
        sections = [*HELP_SECTIONS]
        rest = tuple(n for n in self.list_commands(ctx) if n not in listed)
        if rest:  # a command added without a section still shows
            sections.append(("Other commands", rest))
        # As click does it: the help text gets what the longest name leaves of the width.
        limit = formatter.width - 6 - max(len(name) for _, names in sections for name in names)
        for title, names in sections:
            commands = [(name, self.get_command(ctx, name)) for name in names]
            rows = [(n, c.get_short_help_str(limit)) for n, c in commands if c and not c.hidden]
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            import importlib

            importlib.import_module(f"{__package__}.{COMMAND_MODULES[cmd_name]}")
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (PersonRefError, DateWordError, CaptureError, DomainError, FormError) as exc:
            raise UserError(visible(error_text(exc))) from None
        except NotFoundError as exc:
            raise UserError(visible(error_text(exc))) from None
        except (StoreError, ConfigError) as exc:
            raise FileProblem(visible(str(exc))) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            # A bug. Never a traceback: its locals and messages hold names and notes.
            command = ctx.invoked_subcommand
            raise Crashed(_crashed(exc, f"sup {command}" if command else "sup (the app)")) from None


def _crashed(exc: Exception, where: str) -> str:
    from ..store.crash import report

    return visible(crash_text(report(exc, where)))


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_date(value, local_now().date())
    except DateWordError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group(
    cls=SupGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, readable=False, path_type=Path),  # we say why, and what to do
    envvar=ENV_DB,
    help=f"The database file (or ${ENV_DB}). Default: in your user data directory.",
)
@click.option(
    "--today",
    "forced_today",
    callback=_parse_today,
    envvar=ENV_TODAY,
    metavar="DATE",
    help=f"Act as if today were DATE (or ${ENV_TODAY}): 'mon', '+2d', '2026-12-01'.",
)
@click.version_option(package_name="supervisor-tui")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, forced_today: dt.date | None) -> None:
    """Coach everyone monthly, answer every suggestion, thank every win.

    With no command, opens the day view in the terminal UI.
    """
    ctx.obj = Env(db=db or default_db(), forced_today=forced_today, color=use_color())
    if ctx.invoked_subcommand is None:
        from .tui_cmd import open_tui

        open_tui(ctx.obj)


def main() -> None:
    """Console-script entry point for ``sup`` and ``supervisor-tui``."""
    name = Path(sys.argv[0]).name
    try:
        cli.main(prog_name=name if name in ("sup", "supervisor-tui") else "sup")
    except BrokenPipeError:
        # `sup today | head` closed the pipe; that is not an error.
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # outside any command (reading the options): said the same way
        click.echo(f"Error: {_crashed(exc, 'sup')}", err=True)
        sys.exit(Crashed.exit_code)
