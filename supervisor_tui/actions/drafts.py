"""Drafts: the notes of a 1:1 in progress, kept on disk as the lead types; and the
capture line or the row's dialog being written when the terminal closed."""

from __future__ import annotations

import contextlib
import datetime as dt
import os

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
    """Keep the capture line the lead is typing (as they type, and as the terminal
    closes), tied to the person it is about, if it names one: forgetting them erases it.
    About someone no longer in the file, it is not kept."""
    saved_at = now.isoformat()
    doc = {"kind": CAPTURE_LINE_KIND, "line": line, "person_id": person_id, "saved_at": saved_at}
    with contextlib.suppress(PersonGoneError):
        store.save_draft(CAPTURE_LINE, {**doc, "pid": os.getpid()})


def kept_capture_line(store: Store) -> str | None:
    """The capture line kept when the terminal closed, if there is one (not one an app
    still running is keeping as it is typed)."""
    doc = store.load_draft(CAPTURE_LINE)
    if not isinstance(doc, dict) or _kept_by_a_running_app(doc):
        return None
    line = doc.get("line")
    return line if isinstance(line, str) and line.strip() else None


def _kept_by_a_running_app(doc: dict) -> bool:
    """Whether another process that is still running (an app in another terminal) keeps
    this draft: what it holds is being typed there now, not left behind."""
    pid = doc.get("pid")
    if type(pid) is not int or pid == os.getpid() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def let_capture_line_go(store: Store) -> None:
    """Forget the kept capture line: it is back in the capture bar."""
    store.discard_draft(CAPTURE_LINE)


def keep_dialog_text(store: Store, kept: KeptDialog, now: dt.datetime) -> None:
    """Keep what the lead is writing in a row's dialog (as they write, and as the
    terminal closes), tied to the person the record is about. About someone no longer in
    the file, it is not kept."""
    with contextlib.suppress(PersonGoneError):
        store.save_draft(DIALOG_TEXT, {**kept.to_doc(now), "pid": os.getpid()})


def kept_dialog_text(store: Store) -> KeptDialog | None:
    """The row's dialog kept when the terminal closed, if there is one (not one an app
    still running is keeping as it is written)."""
    doc = store.load_draft(DIALOG_TEXT)
    if isinstance(doc, dict) and _kept_by_a_running_app(doc):
        return None
    return KeptDialog.from_doc(doc)


def let_dialog_text_go(store: Store) -> None:
    """Forget the kept dialog: it is open again (or was told of, its record gone)."""
    store.discard_draft(DIALOG_TEXT)
