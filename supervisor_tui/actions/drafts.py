"""Session drafts: the notes of a 1:1 in progress, kept on disk as the lead types."""

from __future__ import annotations

from ..domain.drafts import SessionDraft, draft_key
from ..store import Store


def kept_draft(store: Store, person_id: int) -> SessionDraft | None:
    """The draft of the person's session in progress, if one was kept and can be read."""
    doc = store.load_draft(draft_key(person_id))
    if doc is None:
        return None
    try:
        return SessionDraft.from_doc(doc)
    except ValueError:
        return None


def keep(store: Store, draft: SessionDraft) -> None:
    """Keep the draft as it is now; an empty draft is forgotten instead."""
    if draft.is_empty:
        store.discard_draft(draft.key)
    else:
        store.save_draft(draft.key, draft.to_doc())


def discard(store: Store, draft: SessionDraft) -> None:
    """Forget the draft (the lead chose to start the session afresh)."""
    store.discard_draft(draft.key)
