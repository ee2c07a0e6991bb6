"""The command line: ``sup`` and ``supervisor-tui``."""

from . import commands_act, commands_capture, commands_people, commands_view  # noqa: F401
from .main import cli, main

__all__ = ["cli", "main"]
