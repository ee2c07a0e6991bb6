"""What a write did, as undo needs it: kept apart from TinyDB so captures need not import it."""

from __future__ import annotations

from typing import Any, NamedTuple

Step = tuple[str, int, dict[str, Any] | None, dict[str, Any] | None]


class Change(NamedTuple):
    """What a write did: (table, id, document before, document after) per record touched."""

    steps: tuple[Step, ...] = ()
