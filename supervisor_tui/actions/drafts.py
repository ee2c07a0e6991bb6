"""Drafts: the notes of a 1:1 in progress, kept on disk as the lead types; and the
capture line or the row's dialog being written when the terminal closed."""

from __future__ import annotations

import contextlib
import datetime as dt

from ..domain.drafts import KeptDialog, SessionDraft, draft_key
from ..store import PersonGoneError, Store

CAPTURE_LINE = "capture-line"  # the draft's key
CAPTURE_LINE_KIND = "capture line"  # its "kind", which tells it from a session draft
DIALOG_TEXT = "dialog-text"  # the key of a row's dialog kept as the terminal closed


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


def keep_capture_line(store: Store, line: str, person_id: int | None, now: dt.datetime) -> None:
    """Keep the capture line the lead was typing (the terminal is closing), tied to the
    person it is about, if it names one: forgetting them erases it. About someone no
    longer in the file, it is not kept."""
    saved_at = now.isoformat()
    doc = {"kind": CAPTURE_LINE_KIND, "line": line, "person_id": person_id, "saved_at": saved_at}
    with contextlib.suppress(PersonGoneError):
        store.save_draft(CAPTURE_LINE, doc)


def kept_capture_line(store: Store) -> str | None:
    """The capture line kept when the terminal closed, if there is one."""
    doc = store.load_draft(CAPTURE_LINE)
    line = doc.get("line") if isinstance(doc, dict) else None
    return line if isinstance(line, str) and line.strip() else None


def let_capture_line_go(store: Store) -> None:
    """Forget the kept capture line: it is back in the capture bar."""
    store.discard_draft(CAPTURE_LINE)


def keep_dialog_text(store: Store, kept: KeptDialog, now: dt.datetime) -> None:
    """Keep what the lead was writing in a row's dialog (the terminal is closing), tied
    to the person the record is about. About someone no longer in the file, it is not
    kept."""
    with contextlib.suppress(PersonGoneError):
        store.save_draft(DIALOG_TEXT, kept.to_doc(now))


def kept_dialog_text(store: Store) -> KeptDialog | None:
    """The row's dialog kept when the terminal closed, if there is one."""
    return KeptDialog.from_doc(store.load_draft(DIALOG_TEXT))


def let_dialog_text_go(store: Store) -> None:
    """Forget the kept dialog: it is open again (or was told of, its record gone)."""
    store.discard_draft(DIALOG_TEXT)
