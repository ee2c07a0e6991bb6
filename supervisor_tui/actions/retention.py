"""Purging what is older than the lead's retention settings, everywhere it is kept."""

from __future__ import annotations

import datetime as dt

from ..domain.entities import Record
from ..domain.retention import Retention, expired
from ..store import Change, Store
from .base import Done


def due_for_purge(store: Store, today: dt.date, retention: Retention) -> tuple[Record, ...]:
    """Every record kept longer than ``retention`` allows, oldest first."""
    return expired(store.load(), today, retention)


def purge(store: Store, today: dt.date, retention: Retention, shown: set[int]) -> Done:
    """Erase the records ``shown`` to the lead that are still past retention now (one
    reopened meanwhile stays) from the database, its journal and every backup."""
    ids = {r.id for r in due_for_purge(store, today, retention)} & shown
    erased = store.erase(records=ids) if ids else None
    records = erased.records if erased else 0
    backups = erased.backups if erased else 0
    return Done(
        f"Purged {records} record{'' if records == 1 else 's'} from the database and "
        f"from {backups} backup{'' if backups == 1 else 's'}.",
        Change(),
    )
