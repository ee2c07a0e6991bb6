"""Whether what ran in a terminal has ended, for the bench and the real-terminal tests."""

from __future__ import annotations

from pathlib import Path


def running_in(group: int) -> list[int]:
    """The processes of process group ``group`` still running. A zombie has ended: its
    parent (a tmux server, say) may not have collected it yet, and may never."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _, pgrp = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if int(pgrp) == group and state != "Z":
            found.append(int(stat.parent.name))
    return found
