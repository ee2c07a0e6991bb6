"""Undo: revert what an action changed, and bring back what it consumed."""

from __future__ import annotations

from ..store import Store
from .base import Done


def undo(store: Store, done: Done) -> Done:
    """Revert ``done``; a held session's notes come back as a draft."""
    store.undo(done.change)
    message = f"Undone: {done.message}"
    if done.draft is not None:
        store.save_draft(*done.draft)
        message += " The notes are back as a draft: h offers them again."
    return done._replace(message=message)
