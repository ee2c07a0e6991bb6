"""The command line: ``sup`` and ``supervisor-tui``.

Commands live in ``commands_*.py`` and are imported when they run (see
``main.COMMAND_MODULES``).
"""

from .main import cli, main

__all__ = ["cli", "main"]
