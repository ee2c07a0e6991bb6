"""Run `sup ARGS` as a user who does not own the data (``python tests/otheruser.py ARGS``).

Run by root, it imports everything the commands need and then becomes ``nobody``,
which can't read root's 0600 files (nor, by then, Python's own library under /root);
run by anyone else, the test makes the file unreadable with chmod instead.
"""

from __future__ import annotations

import importlib
import os
import sys

NOBODY = 65534


def main() -> None:
    """Import every command, drop to ``nobody`` when root, then run `sup`."""
    importlib.import_module("supervisor_tui.cli.main")
    cli_main = sys.modules["supervisor_tui.cli.main"]
    for name in {*cli_main.COMMAND_MODULES.values(), "render", "day", "export"}:
        importlib.import_module(f"supervisor_tui.cli.{name}")
    for name in ("tomllib", "shutil", "supervisor_tui.present.day", "encodings.idna"):
        importlib.import_module(name)
    if os.geteuid() == 0:
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    sys.argv = ["sup", *sys.argv[1:]]
    cli_main.main()


if __name__ == "__main__":
    main()
